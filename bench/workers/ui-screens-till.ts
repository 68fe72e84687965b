/**
 * The till screen at the hub, as a cashier works it by keyboard: customer, bill, code, Enter to
 * check, Redeem, Esc for the next sale. Each redemption spends a coupon issued beforehand
 * through the API (set-up is not measured).
 */
import type { Page } from '@playwright/test';
import { callApi, unique } from '../../test/e2e/support/api';
import { createCustomer, createOffer, firstStore } from '../../test/e2e/support/seed';
import { expectUi as expect, type Recorder } from './ui-recorder';

export type TillPlan = { url: string; token: string; sales: number };

export async function tillScreen(page: Page, rec: Recorder, plan: TillPlan): Promise<void> {
  const { url, token } = plan;
  const { store } = await firstStore(url, token);
  const currency = store.currency ?? 'INR';
  const offer = await createOffer(url, token, {
    name: `Bench till ${unique()}`,
    discount: { type: 'FIXED', amount: '50', currency },
  });
  const sales: { mobile: string; code: string }[] = [];
  for (let i = 0; i < plan.sales; i++) {
    const customer = await createCustomer(url, token);
    const issued = await callApi(url, token, 'coupons-issue', {
      id: offer.id,
      customer: { mobile: customer.mobile ?? '' },
    });
    sales.push({ mobile: customer.mobile ?? '', code: issued.coupon.code });
  }

  await page.goto(`${url}/#/till`);
  await page.getByRole('button', { name: 'Use this till' }).click();
  const code = page.getByLabel('Coupon code');
  await expect(code).toBeFocused();

  for (const sale of sales) {
    const customer = page.getByLabel('Value');
    await rec.type('till.typeCustomer', page, customer, sale.mobile);
    const lookup = await rec.input('till.lookupCustomer', page, () => page.keyboard.press('Enter'));
    await rec.shownAfter('till.lookupCustomer', lookup, () =>
      expect(page.getByText(`E2E ${sale.mobile}`)).toBeVisible(),
    );
    await rec.type('till.typeBill', page, page.getByLabel('Bill amount'), '1250.00');
    await rec.type('till.typeCode', page, code, sale.code);
    const check = await rec.input('till.validate', page, () => page.keyboard.press('Enter'));
    await rec.shownAfter('till.validate', check, () =>
      expect(page.getByTestId('validation-ok')).toBeVisible(),
    );
    const redeem = page.getByRole('button', { name: 'Redeem (F9)' });
    await redeem.hover();
    const sent = await rec.input('till.redeem', page, () =>
      page.mouse.down().then(() => page.mouse.up()),
    );
    await rec.shownAfter('till.redeem', sent, () =>
      expect(page.getByTestId('receipt')).toContainText(sale.code),
    );
    await rec.input('till.newSale', page, () => page.keyboard.press('Escape'));
    await expect(code).toHaveValue('');
    await code.focus();
  }
}
