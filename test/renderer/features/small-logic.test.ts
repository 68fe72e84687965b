import { describe, expect, it } from 'vitest';
import { areasFor, homeFor, mayUse } from '#renderer/features/auth/permissions';
import { pagesFor, rowAt } from '#renderer/features/offers/offers-list-store';
import { describeSample } from '#renderer/features/offers/randomized-sample';
import { niceMax } from '#renderer/features/offers/TimelineChart';
import { progressOf } from '#renderer/features/uploads/uploads-store';
import { readHealth, isStandalone } from '#renderer/app/connection-store';

describe('navigation by role', () => {
  it('gives cashiers the till only and store managers the till, member care and store sync', () => {
    expect(areasFor('cashier')).toEqual(['till']);
    expect([...areasFor('store_manager')].sort()).toEqual(['member-care', 'store-sync', 'till']);
    expect(mayUse('cashier', 'offers')).toBe(false);
    expect(mayUse('back_office', 'reconciliation')).toBe(true);
    expect(mayUse(undefined, 'till')).toBe(false);
    expect(homeFor('admin')).toBe('/offers');
    // A store manager lands on store sync, not on choosing a till.
    expect(homeFor('store_manager')).toBe('/store-sync');
    expect(homeFor('cashier')).toBe('/till');
  });
});

describe('randomized common code sample', () => {
  it('matches the seed: 10 alphanumerics hold 60,466,176 codes', () => {
    const info = describeSample('ABCDE12345');
    expect(info.ok && info.combinations).toBe(60_466_176n);
  });

  it('fixes the first half and randomises the rest', () => {
    const info = describeSample('test12345');
    expect(info).toMatchObject({ ok: true, fixedLength: 4, randomLength: 5, pattern: 'TEST•••••' });
    expect(describeSample('123456')).toMatchObject({ charset: 'NUMERIC', combinations: 1000n });
  });

  it('refuses samples outside 5–10 letters and digits', () => {
    expect(describeSample('ABCD').ok).toBe(false);
    expect(describeSample('ABCDEFGHIJK').ok).toBe(false);
    expect(describeSample('AB-CD1').ok).toBe(false);
  });
});

describe('offer list paging', () => {
  it('finds the pages that hold a visible range', () => {
    expect(pagesFor(0, 0)).toEqual([0]);
    expect(pagesFor(95, 130)).toEqual([0, 1]);
    expect(pagesFor(99_990, 100_010, 100)).toEqual([999, 1000]);
    expect(pagesFor(5, 4)).toEqual([]);
  });

  it('reads a row from its page', () => {
    const pages = { 1: [{ id: 'a' }, { id: 'b' }] } as never;
    expect(rowAt(pages, 101, 100)).toEqual({ id: 'b' });
    expect(rowAt(pages, 5, 100)).toBeUndefined();
  });
});

describe('small helpers', () => {
  it('rounds chart axes up to 1, 2 or 5 × 10^n', () => {
    expect([0, 1, 3, 7, 12, 180, 501].map(niceMax)).toEqual([1, 1, 5, 10, 20, 200, 1000]);
  });

  it('shows upload progress from processed rows, 100% once finished', () => {
    const u = { status: 'RUNNING', totalRows: 400, processedRows: 100 } as never;
    expect(progressOf(u)).toBe(25);
    expect(progressOf({ ...(u as object), status: 'FAILED', processedRows: 3 } as never)).toBe(100);
  });

  it('reads online/offline from sync health: the hub for a connected till, else the API', () => {
    const till = {
      host: 'till' as const,
      online: false,
      hubUrl: 'http://hub:8080',
      tillId: 't1',
      lastSuccessAt: null,
      lastError: 'connect ECONNREFUSED',
      pendingFacts: 3,
      pendingCommands: 0,
      refusedFacts: 0,
      ackedSeq: 0,
      lag: null,
      hubVersion: null,
      cursor: '0',
      leases: [],
      tills: [],
    };
    expect(readHealth(till)).toEqual({ status: 'offline', source: 'hub' });
    expect(readHealth({ ...till, online: true })).toEqual({ status: 'online', source: 'hub' });
    expect(readHealth({ ...till, hubUrl: null })).toEqual({ status: 'online', source: 'api' });
    expect(isStandalone({ ...till, hubUrl: null })).toBe(true);
    expect(isStandalone(till)).toBe(false);
    expect(isStandalone({ ...till, host: 'hub', hubUrl: null })).toBe(false);
  });
});
