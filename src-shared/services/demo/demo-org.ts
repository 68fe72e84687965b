import type { OpInput } from '#shared/api/operations';

type OrgInput = OpInput<'org-create'>;

/**
 * A retailer with two concepts: a fashion chain in India (two zones) and a grocery chain in
 * the Gulf (one zone), five stores in two time zones and two currencies, two tills each.
 */
const stores: { id: string; name: string; zone: string; timeZone: string; currency: string }[] = [
  {
    id: 'S-DEL',
    name: 'Urban Threads Connaught Place',
    zone: 'Z-NORTH',
    timeZone: 'Asia/Kolkata',
    currency: 'INR',
  },
  {
    id: 'S-NOI',
    name: 'Urban Threads Noida Sector 18',
    zone: 'Z-NORTH',
    timeZone: 'Asia/Kolkata',
    currency: 'INR',
  },
  {
    id: 'S-BLR',
    name: 'Urban Threads Indiranagar',
    zone: 'Z-SOUTH',
    timeZone: 'Asia/Kolkata',
    currency: 'INR',
  },
  {
    id: 'S-DXB',
    name: 'FreshCart Dubai Mall',
    zone: 'Z-GULF',
    timeZone: 'Asia/Dubai',
    currency: 'AED',
  },
  {
    id: 'S-AUH',
    name: 'FreshCart Yas Island',
    zone: 'Z-GULF',
    timeZone: 'Asia/Dubai',
    currency: 'AED',
  },
];

export const demoOrg: OrgInput[] = [
  { id: 'C-FASHION', type: 'CONCEPT', name: 'Urban Threads (fashion)' },
  { id: 'C-GROCERY', type: 'CONCEPT', name: 'FreshCart (grocery)' },
  { id: 'Z-NORTH', type: 'ZONE', name: 'India North', parentId: 'C-FASHION' },
  { id: 'Z-SOUTH', type: 'ZONE', name: 'India South', parentId: 'C-FASHION' },
  { id: 'Z-GULF', type: 'ZONE', name: 'UAE', parentId: 'C-GROCERY' },
  ...stores.map((s): OrgInput => ({
    id: s.id,
    type: 'STORE',
    name: s.name,
    parentId: s.zone,
    timeZone: s.timeZone,
    currency: s.currency,
  })),
  ...stores.flatMap((s) =>
    [1, 2].map((n): OrgInput => ({
      id: `${s.id}-T${n}`,
      type: 'TILL',
      name: `${s.name} till ${n}`,
      parentId: s.id,
    })),
  ),
];

const first = [
  'Aarav',
  'Diya',
  'Vihaan',
  'Ananya',
  'Kabir',
  'Ishita',
  'Arjun',
  'Meera',
  'Rohan',
  'Saanvi',
];
const last = ['Sharma', 'Iyer', 'Khan', 'Patel', 'Al Mansoori'];

/**
 * Fifty customers with every identifier kind, registered over the last two years, some new
 * (few transactions), split between the Indian and Gulf stores.
 */
export const demoCustomers = (nowMs: number): OpInput<'customers-create'>[] =>
  Array.from({ length: 50 }, (_, i) => {
    const f = first[i % first.length] as string;
    const l = last[Math.floor(i / first.length) % last.length] as string;
    const gulf = l === 'Al Mansoori' || i % 7 === 3;
    const store = gulf
      ? i % 2
        ? 'S-DXB'
        : 'S-AUH'
      : (['S-DEL', 'S-NOI', 'S-BLR'][i % 3] as string);
    const daysAgo = 60 + ((i * 37) % 660);
    return {
      userId: String(100_001 + i),
      email: `${f}.${l.replace(/\s/g, '')}${i}@example.com`.toLowerCase(),
      mobile: gulf
        ? `+9715${String(1_000_000 + i * 7919).padStart(8, '0')}`
        : `+9198${String(10_000_000 + i * 104_729).slice(0, 8)}`,
      ...(i % 5 === 0 ? { externalId: `CRM-${5000 + i}` } : {}),
      name: `${f} ${l}`,
      registeredAt: new Date(nowMs - daysAgo * 86_400_000).toISOString(),
      transactionCount: (i * 3) % 11,
      homeStoreId: store,
    };
  });
