// The cashier's screens for scripts/screenshots.mjs: the till as it opens (an enrolled till
// knows which till it is), a code waiting for its bill, a refused and a valid code, a receipt,
// the reversal dialog, then the till offline.

/** Shoots the till at `till.url`; cuts `link` (the till's way to the hub) for the offline shot. */
export const shootTill = async ({ session, shoot, till, link, data }) => {
  const { context, page } = await session(till.url, 'cashier');
  await page.getByRole('heading', { name: /^Till · / }).waitFor();
  await shoot(page, 'till');
  await page.getByLabel('Value').fill(data.mobiles[1]);
  await page.getByLabel('Value').press('Enter');
  await page.getByText('Vikram Shah').first().waitFor();
  // The code first: it waits for the bill, a hint rather than an error.
  await page.getByLabel('Coupon code').fill(data.coupons[1].code);
  await page.getByLabel('Coupon code').press('Enter');
  await page.getByTestId('validation-waiting').waitFor();
  await shoot(page, 'till-bill-waiting');
  await page.keyboard.type('300');
  await page.getByTestId('validation-refused').waitFor();
  await shoot(page, 'till-refused');
  await page.getByRole('button', { name: '+ Add line' }).click();
  await page.getByLabel('Line 1 SKU').fill('SH-204');
  await page.getByLabel('Line 1 category').fill('shoes');
  await page.getByLabel(/^Line 1 price/).fill('2400.00');
  await page.getByRole('button', { name: /Use lines total/ }).click();
  await page.getByLabel(/^Bill amount/).press('Enter');
  await page.getByTestId('validation-ok').or(page.getByTestId('validation-refused')).waitFor();
  await shoot(page, 'till-valid');
  if (await page.getByTestId('validation-ok').isVisible()) {
    await page.keyboard.press('F9');
    await page.getByTestId('receipt').waitFor();
    await shoot(page, 'till-receipt');
    const recent = page.getByRole('region', { name: 'Recent redemptions at this till' });
    await recent
      .getByRole('row')
      .filter({ hasText: data.coupons[1].code })
      .getByRole('button', { name: 'Reverse…' })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Wrong customer' }).check();
    await dialog.getByLabel('More detail (optional)').fill('Card belonged to her husband');
    await shoot(page, 'till-reverse');
    await page.keyboard.press('Escape');
  }
  // The link to the hub is cut: the till says so and keeps selling from its replica.
  link.setCut(true);
  await page.keyboard.press('Escape');
  await page
    .getByTestId('connection-badge')
    .filter({ hasText: 'Offline' })
    .waitFor({ timeout: 30_000 });
  await page.getByLabel('Value').fill(data.mobiles[2]);
  await page.getByLabel('Value').press('Enter');
  await page.getByText('Meera Iyer').first().waitFor();
  await page.getByRole('button', { name: '+ Add line' }).click();
  await page.getByLabel('Line 1 SKU').fill('SH-310');
  await page.getByLabel('Line 1 category').fill('shoes');
  await page.getByLabel(/^Line 1 price/).fill('1800.00');
  await page.getByRole('button', { name: /Use lines total/ }).click();
  await page.getByLabel('Coupon code').fill(data.coupons[2].code);
  await page.getByLabel('Coupon code').press('Enter');
  await page.getByTestId('validation-ok').waitFor();
  await page.keyboard.press('F9');
  await page.getByTestId('receipt').waitFor();
  await page
    .getByTestId('connection-badge')
    .filter({ hasText: 'to send' })
    .waitFor({ timeout: 30_000 });
  await shoot(page, 'till-offline');
  await context.close();
};
