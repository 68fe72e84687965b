import { callApi } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';
import { issuedCoupon, redeemAt, storeOfRole } from './support/seed';

test('a reversal asks in a dialog: Esc keeps the redemption, Enter reverses it with a reason', async ({
  page,
  app,
}) => {
  const bo = await app.token('back_office');
  const { store, till } = await storeOfRole(app.baseURL, app.credentials('cashier'), bo);
  const { offer, mobile, coupon } = await issuedCoupon(app.baseURL, bo, {
    discount: { type: 'FIXED', amount: '75', currency: store.currency ?? 'INR' },
  });
  const place = { storeId: store.id, tillId: till.id };
  await redeemAt(app.baseURL, await app.token('cashier'), place, coupon.code, mobile, '1200');

  await signIn(page, app, 'cashier');
  await page.getByRole('button', { name: 'Use this till' }).click();
  const recent = page.getByRole('region', { name: 'Recent redemptions at this till' });
  const row = recent.getByRole('row').filter({ hasText: coupon.code });
  await expect(row).toContainText('₹75.00');
  const reverseButton = row.getByRole('button', { name: 'Reverse…' });

  // Esc keeps the redemption and gives the cursor back to the button.
  await reverseButton.click();
  const dialog = page.getByRole('dialog', { name: `Reverse the redemption of ${coupon.code}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('₹75.00 off a bill of ₹1,200.00');
  await expect(dialog.getByRole('radio', { name: 'Wrong code scanned' })).toBeFocused();
  await expectAccessible(page, 'the reversal dialog');
  // Focus stays inside the dialog however far the cashier tabs.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    const inside = await dialog.evaluate((d) => d.contains(d.ownerDocument.activeElement));
    expect(inside, `focus after ${i + 1} tabs`).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(reverseButton).toBeFocused();
  await expect(row).not.toContainText('Reversed');

  // Enter with no reason asks for one; a preset plus the cashier's words is enough.
  await reverseButton.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('Choose a reason or type one.');
  await dialog.getByRole('radio', { name: 'Wrong customer' }).check();
  await dialog.getByLabel('More detail (optional)').fill('card belonged to her husband');
  const sent = page.waitForRequest(
    (r) => r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/reverse'),
  );
  await page.keyboard.press('Enter');
  expect((await sent).postDataJSON()).toMatchObject({
    reason: 'Wrong customer: card belonged to her husband',
  });
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Reversed');

  const { items } = await callApi(app.baseURL, bo, 'redemptions-list', { offerId: offer.id });
  expect(items[0]?.reversedAt).not.toBeNull();
});
