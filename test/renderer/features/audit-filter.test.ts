import { describe, expect, it } from 'vitest';
import { areasFor, mayCall, mayUse } from '#renderer/features/auth/permissions';
import {
  auditFormFromParams,
  auditQueryOf,
  emptyAuditFilter,
} from '#renderer/features/audit/audit-filter';

describe('audit filter form → audit-list query', () => {
  it('drops empty fields and trims text', () => {
    expect(auditQueryOf(emptyAuditFilter, 'Asia/Kolkata')).toEqual({});
    expect(
      auditQueryOf(
        { ...emptyAuditFilter, entityType: 'offer', entityId: ' o-1 ', actor: '  ' },
        'UTC',
      ),
    ).toEqual({ entityType: 'offer', entityId: 'o-1' });
  });

  it('reads days in the org zone; "to" includes its whole day (exclusive next midnight)', () => {
    const q = auditQueryOf(
      { ...emptyAuditFilter, fromDay: '2025-03-04', toDay: '2025-03-04' },
      'Asia/Kolkata',
    );
    expect(q).toEqual({ from: '2025-03-03T18:30:00.000Z', to: '2025-03-04T18:30:00.000Z' });
  });

  it('a day with a DST change is 23 or 25 hours long', () => {
    const spring = auditQueryOf(
      { ...emptyAuditFilter, fromDay: '2025-03-09', toDay: '2025-03-09' },
      'America/New_York',
    );
    expect(spring).toEqual({ from: '2025-03-09T05:00:00.000Z', to: '2025-03-10T04:00:00.000Z' });
    const fall = auditQueryOf(
      { ...emptyAuditFilter, fromDay: '2025-11-02', toDay: '2025-11-02' },
      'America/New_York',
    );
    expect(fall).toEqual({ from: '2025-11-02T04:00:00.000Z', to: '2025-11-03T05:00:00.000Z' });
  });

  it('reads a link, ignoring unknown keys', () => {
    const form = auditFormFromParams(
      new URLSearchParams('entityType=offer&entityId=o-9&evil=1&from=2025-01-01'),
    );
    expect(form).toEqual({
      ...emptyAuditFilter,
      entityType: 'offer',
      entityId: 'o-9',
      fromDay: '2025-01-01',
    });
  });
});

describe('audit screen permissions follow the operation', () => {
  it('back office and admin see it; cashiers and store managers do not', () => {
    for (const role of ['back_office', 'admin'] as const) {
      expect(areasFor(role)).toContain('audit');
      expect(mayCall(role, 'audit-list')).toBe(true);
    }
    for (const role of ['cashier', 'store_manager'] as const) {
      expect(mayUse(role, 'audit')).toBe(false);
      expect(mayCall(role, 'audit-list')).toBe(false);
    }
  });
});
