import { describe, expect, it } from 'vitest';
import type { Customer } from '#shared/domain/customer';
import {
  changesOf,
  draftOf,
  emptyDraft,
  registration,
} from '#renderer/features/member-care/customer-form';

const zone = 'Asia/Kolkata';
const asha: Customer = {
  id: 'c-1',
  userId: '1001',
  email: null,
  mobile: '+919845012345',
  externalId: null,
  name: 'Asha',
  // 10:00 on 1 May 2024 in Kolkata.
  registeredAt: '2024-05-01T04:30:00.000Z',
  transactionCount: 2,
  homeStoreId: null,
};

describe('member care: the customer form', () => {
  it('registers with the identifiers given and the day starting in the org zone', () => {
    const d = {
      ...emptyDraft(zone, new Date('2025-01-10T12:00:00Z')),
      email: ' ana@example.com ',
      name: 'Ana',
      transactionCount: 3,
    };
    expect(d.registeredOn).toBe('2025-01-10');
    expect(registration({ ...d, registeredOn: '2024-12-01' }, zone)).toEqual({
      name: 'Ana',
      email: 'ana@example.com',
      registeredAt: '2024-11-30T18:30:00.000Z',
      transactionCount: 3,
    });
  });

  it('sends only what changed: an emptied identifier is removed, an unchanged day kept', () => {
    const d = draftOf(asha, zone);
    expect(d.registeredOn).toBe('2024-05-01');
    expect(changesOf(asha, d, zone)).toEqual({});
    expect(
      changesOf(asha, { ...d, userId: '', email: 'a@example.com', transactionCount: 5 }, zone),
    ).toEqual({ userId: null, email: 'a@example.com', transactionCount: 5 });
    expect(changesOf(asha, { ...d, registeredOn: '2024-04-30' }, zone)).toEqual({
      registeredAt: '2024-04-29T18:30:00.000Z',
    });
  });
});
