import { callApi, unique } from './support/api';
import { expect, signInAt, test } from './support/hub';
import { createCustomer, createOffer, freshMobile } from './support/seed';

test('reminders, tags, live preview and SMS checks in the offer editor; the hub’s answer at the field', async ({
  page,
  hub,
}) => {
  test.setTimeout(180_000);
  // The org's points of contact, which the offer picks from (an admin keeps the list).
  await callApi(hub.url, await hub.token('admin'), 'org-contacts-set', {
    contacts: [
      { name: 'Brand POC', email: 'brand.poc@example.com' },
      { name: 'Alerts desk', email: 'alerts@example.com' },
    ],
  });
  await signInAt(page, hub.url, hub.credentials('back_office'));
  await page.goto(`${hub.url}/#/offers/new`);
  const name = `E2E reminders ${unique()}`;
  await page.getByLabel('Offer name').fill(name);
  await page.getByText('Advanced settings').click();

  // "+ Reminder" adds as many as needed; each can be removed.
  const add = page.getByRole('button', { name: '+ Reminder' });
  await add.click();
  await add.click();
  await add.click();
  await expect(page.getByRole('group', { name: /^Reminder \d$/ })).toHaveCount(3);
  await page.getByRole('button', { name: 'Remove reminder 2' }).click();
  await expect(page.getByRole('group', { name: /^Reminder \d$/ })).toHaveCount(2);

  // Reminder 1 by SMS: the preview fills the tags, the check finds the rupee sign.
  const msg1 = page.getByLabel('Reminder 1 message', { exact: true });
  await msg1.fill('Hi {customer_name}, save ₹100 with {code} on {offer_name}');
  const check1 = page.getByTestId('issuance.expiryReminders.0.template-check');
  await expect(check1).toContainText('Needs Unicode: “₹” at position 26');
  await expect(page.getByTestId('issuance.expiryReminders.0.template-preview')).toContainText(
    `Hi Priya, save ₹100 with`,
  );
  await expect(page.getByTestId('issuance.expiryReminders.0.template-preview')).toContainText(name);
  await page.locator('[id="issuance.expiryReminders.0.allowUnicode"]').check();
  await expect(check1).toContainText('Unicode SMS');
  await expect(check1).toContainText('1 part');

  // Reminder 2 by email, with a tag that does not exist.
  await page.locator('[id="issuance.expiryReminders.1.channel"]').selectOption('EMAIL');
  const msg2 = page.getByLabel('Reminder 2 message', { exact: true });
  await msg2.fill('Your coupon ends on {expiry}. ');
  await expect(page.getByTestId('issuance.expiryReminders.1.template-check')).toContainText(
    'Not a tag: {expiry}',
  );

  // Resend text in plain SMS; the offer expiry reminder names when it goes out.
  await page.getByLabel('SMS content for resending the coupon').check();
  await page
    .getByLabel('Resend SMS text', { exact: true })
    .fill('Your code {code} is valid till {expiry_date}');
  await expect(page.getByTestId('issuance.resendSms.content-check')).toContainText(
    'Plain SMS (GSM)',
  );
  await page.getByLabel('Email the brand’s contacts before the offer expires').check();
  await expect(page.getByTestId('offer-expiry-when')).toContainText('Sent at 10:00 org time');

  // Checked before saving: the unknown tag and no point of contact picked, each at its field.
  await page.getByRole('button', { name: 'Preview and save' }).click();
  await expect(page.locator('[id="issuance.expiryReminders.1.template-error"]')).toContainText(
    '{expiry}, which is not a tag',
  );
  await expect(page.locator('[id="issuance.offerExpiryReminder.contactIds-error"]')).toContainText(
    'no point of contact',
  );
  // The tag buttons put a real tag where the cursor is.
  await msg2.fill('Your coupon ends on ');
  await page
    .getByRole('group', { name: 'Insert a tag into Reminder 2 message' })
    .getByRole('button', { name: '{expiry_date}' })
    .click();
  await expect(msg2).toHaveValue('Your coupon ends on {expiry_date}');
  await page
    .getByRole('group', { name: 'Points of contact to email' })
    .getByLabel(/Brand POC/)
    .check();

  // An alert threshold above the issual limit: only the hub checks that, and says so there.
  await page.getByLabel('Limit total issuals from the offer').fill('100');
  await page.getByLabel('Notify when this many remain').fill('500');
  await page
    .getByRole('group', { name: 'Issual limit alert: email these points of contact' })
    .getByLabel(/Alerts desk/)
    .check();
  await page.getByRole('button', { name: 'Preview and save' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Create offer' }).click();
  await expect(page.locator('[id="issuance.notifyThreshold-error"]')).toContainText(
    'above the total issual limit 100',
  );
  await expect(page.getByLabel('Notify when this many remain')).toBeFocused();

  await page.getByLabel('Notify when this many remain').fill('10');
  await page.getByRole('button', { name: 'Preview and save' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('At 10 remaining, to Alerts desk <alerts@example.com>');
  await expect(dialog).toContainText(
    '1d before at 10:00 org time, to Brand POC <brand.poc@example.com>',
  );
  await dialog.getByRole('button', { name: 'Create offer' }).click();
  await expect(page.getByText('Offer saved.')).toBeVisible();

  // What was saved comes back into the editor as typed.
  await page.getByRole('link', { name: 'Edit offer' }).click();
  await page.getByText('Advanced settings').click();
  await expect(page.getByLabel('Reminder 1 message', { exact: true })).toHaveValue(
    'Hi {customer_name}, save ₹100 with {code} on {offer_name}',
  );
  await expect(page.getByLabel('Reminder 2 message', { exact: true })).toHaveValue(
    'Your coupon ends on {expiry_date}',
  );
  await expect(page.getByLabel('Resend SMS text', { exact: true })).toHaveValue(
    'Your code {code} is valid till {expiry_date}',
  );
});

test('resend from member care, then read the offer’s notification log', async ({ page, hub }) => {
  test.setTimeout(180_000);
  const bo = await hub.token('back_office');
  const offer = await createOffer(hub.url, bo, {
    name: `E2E notify ${unique()}`,
    couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 2 },
    issuance: {
      resendSms: {
        enabled: true,
        content: 'Hi {customer_name}, your code {code} is valid till {expiry_date}',
        allowUnicode: false,
      },
      expiryReminders: [
        // Due three days before a two-day coupon's expiry: before it was issued, so skipped.
        {
          daysBefore: 3,
          channel: 'SMS',
          sendTime: '10:00',
          template: '{code} expires soon',
          allowUnicode: false,
        },
      ],
    },
  });
  const noResend = await createOffer(hub.url, bo, { name: `E2E no resend ${unique()}` });
  const happy = await createCustomer(hub.url, bo);
  const refused = await createCustomer(hub.url, bo);
  hub.sms.refuse.add(refused.mobile ?? '');
  const issue = async (offerId: string, mobile: string) =>
    (await callApi(hub.url, bo, 'coupons-issue', { id: offerId, customer: { mobile } })).coupon;
  const code = (await issue(offer.id, happy.mobile ?? '')).code;
  const other = (await issue(noResend.id, happy.mobile ?? '')).code;
  const refusedCoupon = await issue(offer.id, refused.mobile ?? '');

  // Member care: resend the customer's coupon; a second click is refused, not sent twice.
  await signInAt(page, hub.url, hub.credentials('back_office'));
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Member care' })
    .click();
  await page.getByLabel('Customer', { exact: true }).fill(happy.mobile ?? '');
  await page.getByRole('button', { name: 'Find coupons' }).click();
  const row = page.getByRole('row').filter({ hasText: code });
  await row.getByRole('button', { name: `Resend SMS for ${code}` }).click();
  await expect(row.getByRole('status')).toContainText('Resend queued');
  await row.getByRole('button', { name: `Resend SMS for ${code}` }).click();
  await expect(row.getByRole('alert')).toContainText(/Already queued: .*already queued/);
  // An offer that does not allow resending offers no button, and says why.
  const otherRow = page.getByRole('row').filter({ hasText: other });
  await expect(otherRow).toContainText('Not offered by this offer');
  await expect(otherRow.getByRole('button', { name: `Resend SMS for ${other}` })).toHaveCount(0);
  await expect.poll(() => hub.sms.received.some((m) => m.text.includes(code))).toBe(true);
  const sent = hub.sms.received.find((m) => m.text.includes(code));
  expect(sent?.text).toMatch(new RegExp(`^Hi E2E ${happy.mobile}, your code ${code} is valid`));

  // A resend the gateway refuses is recorded as failed.
  await callApi(hub.url, bo, 'coupons-resend', { id: refusedCoupon.id });

  // The offer's Notifications tab: counts per status, every column, the message on demand.
  await page.goto(`${hub.url}/#/offers/${offer.id}`);
  await page.getByRole('tab', { name: 'Notifications' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('button', { name: 'Failed (1)' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(panel.getByRole('button', { name: 'Sent (1)' })).toBeVisible();
  await expect(panel.getByRole('columnheader')).toHaveText([
    'Kind',
    'Channel',
    'Recipient',
    'Status',
    'Attempts',
    'Last error or skip reason',
    'Due at',
    'Sent at',
  ]);
  const sentRow = panel.getByRole('row').filter({ hasText: code }).filter({ hasText: 'Sent' });
  await expect(sentRow).toContainText('Resend #1');
  await expect(sentRow).toContainText(happy.mobile ?? '');
  await sentRow.getByRole('button', { name: 'Resend #1' }).click();
  await expect(panel).toContainText(sent?.text ?? '(nothing sent)');

  await panel.getByRole('button', { name: 'Failed (1)' }).click();
  await expect(panel.getByRole('row')).toHaveCount(2);
  const failedRow = panel.getByRole('row').nth(1);
  await expect(failedRow).toContainText(refusedCoupon.code);
  await expect(failedRow).toContainText('do-not-disturb');

  await panel.getByRole('button', { name: /^Skipped \(\d+\)$/ }).click();
  const skipped = panel.getByRole('row').filter({ hasText: 'Coupon expiry reminder 1' });
  await expect(skipped.first()).toContainText('before the coupon was issued');
});

test('a store manager resends from member care too', async ({ page, hub }) => {
  const bo = await hub.token('back_office');
  const offer = await createOffer(hub.url, bo, {
    name: `E2E manager resend ${unique()}`,
    issuance: { resendSms: { enabled: true, content: 'Code {code}', allowUnicode: false } },
  });
  const customer = await createCustomer(hub.url, bo, freshMobile());
  const { coupon } = await callApi(hub.url, bo, 'coupons-issue', {
    id: offer.id,
    customer: { mobile: customer.mobile ?? '' },
  });
  await signInAt(page, hub.url, hub.credentials('store_manager'));
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText(['Store sync', 'Till', 'Member care']);
  await nav.getByRole('link', { name: 'Member care' }).click();
  await page.getByLabel('Customer', { exact: true }).fill(customer.mobile ?? '');
  await page.getByRole('button', { name: 'Find coupons' }).click();
  const row = page.getByRole('row').filter({ hasText: coupon.code });
  await row.getByRole('button', { name: `Resend SMS for ${coupon.code}` }).click();
  await expect(row.getByRole('status')).toContainText('Resend queued');
});
