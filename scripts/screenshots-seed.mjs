// Data for scripts/screenshots.mjs, made through the hub's API: offers (one with reminders and
// a resend text), customers, coupons, an upload, a redemption and a resend.
import { randomInt } from 'node:crypto';

export const users = {
  cashier: ['cashier', 'cashier123!'],
  back_office: ['backoffice', 'backoffice123!'],
  store_manager: ['manager', 'manager123!'],
  admin: ['admin', 'admin123!'],
};

export const login = async (call, role) =>
  call('POST', '/auth/login', null, { username: users[role][0], password: users[role][1] });

/** Offers, customers, coupons, an upload, a redemption and a resend, made at the hub. */
export const seed = async (call) => {
  const { token } = await login(call, 'back_office');
  const { items: org } = await call('GET', '/org', token);
  // The till screen offers the cashier's own store first: seed offers in its currency.
  const { user: cashier } = await login(call, 'cashier');
  const store = org.find(
    (e) => e.type === 'STORE' && (!cashier.storeIds || cashier.storeIds.includes(e.id)),
  );
  const tills = org.filter((e) => e.type === 'TILL' && e.parentId === store?.id);
  const currency = store?.currency ?? 'INR';
  const in30 = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const offer = await call('POST', '/offers', token, {
    name: 'Festive 20% off shoes',
    expiry: { type: 'FIXED_DATE', endsAt: in30 },
    discount: { type: 'PERCENT', percent: '20', maxDiscount: '500', maxDiscountCurrency: currency },
    applicability: {
      scope: 'SELECTED',
      categories: ['shoes'],
      brands: [],
      attributes: [],
      skus: [],
    },
    codeGeneration: { method: 'UNIQUE_AUTO', length: 10, charset: 'ALPHANUMERIC' },
    couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 2 },
    issuance: {
      totalLimit: 5000,
      notifyThreshold: 500,
      notifyEmails: ['brand@urbanthreads.example'],
      resendSms: {
        enabled: true,
        content: 'Hi {customer_name}, your code {code} gives {discount} till {expiry_date}',
        allowUnicode: false,
      },
      expiryReminders: [
        {
          daysBefore: 3,
          channel: 'SMS',
          sendTime: '10:00',
          template: '{code}: 3 days left for {discount} off shoes',
          allowUnicode: false,
        },
        {
          daysBefore: 1,
          channel: 'EMAIL',
          sendTime: '09:00',
          template: 'Dear {customer_name}, your coupon {code} expires on {expiry_date}.',
          allowUnicode: false,
        },
      ],
      offerExpiryReminder: {
        enabled: true,
        pocEmails: ['brand@urbanthreads.example'],
        daysBefore: 2,
      },
    },
    redemption: { minBill: '500' },
    syncToInStore: { enabled: true, scope: [] },
  });
  const welcome = await call('POST', '/offers', token, {
    name: 'Welcome ₹100 off',
    expiry: { type: 'FIXED_DATE', endsAt: in30 },
    discount: { type: 'FIXED', amount: '100', currency },
    codeGeneration: { method: 'COMMON', code: 'WELCOME100' },
  });
  // Synced to every till but redeemable only in a store of another currency: the store sync
  // screen warns before a manager switches it on for the cashier's store.
  const gulf = org.find((e) => e.type === 'STORE' && e.currency && e.currency !== currency);
  if (gulf) {
    await call('POST', '/offers', token, {
      name: `${gulf.name} ${gulf.currency} 25 off`,
      expiry: { type: 'FIXED_DATE', endsAt: in30 },
      discount: { type: 'FIXED', amount: '25', currency: gulf.currency },
      codeGeneration: { method: 'COMMON', code: 'GULF25' },
      redemption: { stores: [{ type: 'STORE', id: gulf.id }] },
      syncToInStore: { enabled: true, scope: [] },
    });
  }
  const names = ['Asha Rao', 'Vikram Shah', 'Meera Iyer', 'Rohan Gupta'];
  const mobiles = [];
  for (const name of names) {
    const mobile = `98${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
    mobiles.push(mobile);
    await call('POST', '/customers', token, {
      mobile,
      email: `${name.split(' ')[0].toLowerCase()}.${mobile.slice(-4)}@mail.example`,
      name,
      registeredAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
    });
  }
  const coupons = [];
  for (const mobile of mobiles) {
    const r = await call('POST', `/offers/${offer.id}/coupons`, token, { customer: { mobile } });
    coupons.push(r.coupon);
  }
  await call('POST', `/offers/${welcome.id}/coupons`, token, { customer: { mobile: mobiles[3] } });
  const csv = `mobile\n${mobiles.join('\n')}\n12345\nnot-a-number\n`;
  const upload = await call(
    'POST',
    `/offers/${offer.id}/uploads?kind=CUSTOMERS&fileName=festive-audience.csv`,
    token,
    csv,
    'text/csv',
  );
  for (let i = 0; i < 40; i++) {
    const u = await call('GET', `/uploads/${upload.id}`, token);
    if (u.status === 'DONE' || u.status === 'FAILED') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const redeem = (code, mobile, tillId) =>
    call('POST', '/redemptions', token, {
      code,
      customer: { mobile },
      billAmount: '1800.00',
      currency,
      storeId: store.id,
      tillId,
      items: [{ sku: 'SH-001', category: 'shoes', price: '1800.00', qty: 1 }],
      clientId: crypto.randomUUID(),
    });
  await redeem(coupons[0].code, mobiles[0], tills[0].id);
  // A resend by SMS, sent through the stand-in gateway on the hub's next tick.
  await call('POST', `/coupons/${coupons[1].id}/resend`, token, {});
  return { token, offer, mobiles, coupons, store, tills, redeem };
};
