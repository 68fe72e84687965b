/**
 * Bench data made through the real code paths: the org and offers through the dispatcher
 * (validation, roles, the offers service), customers with COPY (the fastest way a migration
 * would load them), issuance through the upload service. Shared by the issuance, upload,
 * till-hot-path and sync suites.
 */
import { bindDispatch, createDispatcher, type BoundDispatch } from '#shared/api/dispatch';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpInput, OpOutput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import { createUniqueCodeGenerator } from '../../src-shared/codes';
import { createHandlers } from '#shared/services/handlers';
import { bulkIds } from '#shared/services/shared/ids';
import { CopyBuffer } from '#shared/services/uploads/copy-csv';
import { newCouponColumns } from '#shared/sql/coupon-columns';
import type { SqlPort } from '#shared/sql/port';

export const backOffice: Principal = {
  kind: 'user',
  userId: 'u-bench',
  username: 'bench',
  role: 'back_office',
  storeIds: null,
};
export const system: Principal = { kind: 'system' };

export const STORE = 'S1';
export const TILL = 'T1';

/** The dispatcher every transport goes through, bound to this database. */
export function benchDispatch(
  sql: SqlPort,
  host: 'hub' | 'till',
  extra: Pick<HandlerContext, 'journal' | 'recordFact'> = {},
): BoundDispatch {
  return bindDispatch(createDispatcher(createHandlers()), {
    sql,
    now: () => new Date(),
    host,
    ...extra,
  });
}

export const call = async <
  K extends 'org-create' | 'offers-create' | 'uploads-create' | 'uploads-get' | 'uploads-issues',
>(
  dispatch: BoundDispatch,
  name: K,
  input: OpInput<K>,
  as: Principal = backOffice,
): Promise<OpOutput<K>> => (await dispatch(name, input, as)) as OpOutput<K>;

/** C1 → Z1 → S1 (Asia/Kolkata, INR) with tills T1 and T2. */
export async function seedOrg(dispatch: BoundDispatch): Promise<void> {
  const add = (id: string, type: 'CONCEPT' | 'ZONE' | 'STORE' | 'TILL', parentId: string | null) =>
    call(
      dispatch,
      'org-create',
      {
        id,
        type,
        name: `${type} ${id}`,
        parentId,
        ...(type === 'STORE' ? { timeZone: 'Asia/Kolkata', currency: 'INR' } : {}),
      },
      system,
    );
  await add('C1', 'CONCEPT', null);
  await add('Z1', 'ZONE', 'C1');
  await add(STORE, 'STORE', 'Z1');
  await add(TILL, 'TILL', STORE);
  await add('T2', 'TILL', STORE);
}

export type CodeMethod = 'UNIQUE_AUTO' | 'RANDOMIZED_COMMON';

/** A 50-rupee offer anyone may redeem, synced to every till, codes made the given way. */
export function createOffer(
  dispatch: BoundDispatch,
  method: CodeMethod,
  name: string,
): Promise<OpOutput<'offers-create'>> {
  return call(dispatch, 'offers-create', {
    name,
    expiry: { type: 'FIXED_DATE', endsAt: new Date(Date.now() + 365 * 86_400_000).toISOString() },
    discount: { type: 'FIXED', amount: '50', currency: 'INR' },
    codeGeneration:
      method === 'UNIQUE_AUTO'
        ? { method, length: 10, charset: 'ALPHANUMERIC' }
        : { method, sample: 'ABCDE12345' },
    redemption: { allowAnyone: true, moreThanOnce: true, codeLimit: 1 },
    syncToInStore: { enabled: true, scope: [] },
  });
}

/** The userId of bench customer i (digits only, as user ids must be). */
export const userIdOf = (i: number): string => String(7_000_000_000 + i);

const customerColumns = ['id', 'user_id', 'name', 'registered_at', 'created_at'] as const;

/**
 * Loads `count` customers with COPY in chunks (ids UUIDv7 like the services make). Returns
 * their ids in userIdOf order when `keepIds`.
 */
export async function copyCustomers(
  sql: SqlPort,
  count: number,
  keepIds = false,
): Promise<string[]> {
  const chunk = 100_000;
  const registered = new Date(Date.now() - 400 * 86_400_000).toISOString();
  const kept: string[] = [];
  for (let start = 0; start < count; start += chunk) {
    const n = Math.min(chunk, count - start);
    const ids = bulkIds(n, Date.now());
    const buffer = new CopyBuffer();
    for (let i = 0; i < n; i++) {
      buffer.add([
        ids[i] as string,
        userIdOf(start + i),
        `Customer ${start + i}`,
        registered,
        registered,
      ]);
    }
    await sql.copyFrom('customers', customerColumns, buffer.text());
    if (keepIds) kept.push(...ids);
  }
  return kept;
}

export type BadRows = {
  /** Every n-th row is a user id with letters (INVALID_IDENTIFIER). */
  invalidEvery?: number;
  /** Every n-th row names a customer that does not exist (CUSTOMER_NOT_FOUND). */
  unknownEvery?: number;
  /** Every n-th row has an issuedAt in the future (INVALID_ISSUED_AT). */
  futureEvery?: number;
};

/** How often the upload suite asks for progress, as the UI's poll would. */
export const UPLOAD_POLL_MS = 100;

/** The upload suite's mix: about 0.3 % bad rows of each of the three kinds. */
export const UPLOAD_BAD_ROWS: BadRows = {
  invalidEvery: 997,
  unknownEvery: 1009,
  futureEvery: 1013,
};

/**
 * A CUSTOMERS issuance file for customers 0..count-1, with an issuedAt column when any row
 * needs one, and bad rows where asked. Returns the text and how many rows should fail.
 */
export function issuanceCsv(count: number, bad: BadRows = {}): { csv: string; badRows: number } {
  const withIssuedAt = bad.futureEvery !== undefined;
  const future = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const lines: string[] = [withIssuedAt ? 'userId,issuedAt' : 'userId'];
  let badRows = 0;
  for (let i = 0; i < count; i++) {
    const n = i + 1;
    let id = userIdOf(i);
    let issuedAt = '';
    if (bad.invalidEvery && n % bad.invalidEvery === 0) id = `U${id}`;
    else if (bad.unknownEvery && n % bad.unknownEvery === 0) id = userIdOf(count + 1_000_000 + i);
    else if (bad.futureEvery && n % bad.futureEvery === 0) issuedAt = future;
    if (id !== userIdOf(i) || issuedAt !== '') badRows++;
    lines.push(withIssuedAt ? `${id},${issuedAt}` : id);
  }
  return { csv: `${lines.join('\n')}\n`, badRows };
}

/**
 * `count` issued coupons of a unique-code offer by COPY (unique 10-character codes from the
 * real generator), handed to `customers` round-robin. For fixtures whose subject is not
 * issuance itself (a till's replica, a hub to pull from). Returns the codes.
 */
export async function copyIssuedCoupons(
  sql: SqlPort,
  offerId: string,
  customers: readonly string[],
  count: number,
): Promise<string[]> {
  const generator = createUniqueCodeGenerator({
    length: 10,
    charset: 'ALPHANUMERIC',
    expected: count,
  });
  const codes: string[] = [];
  const issued = new Date(Date.now() - 86_400_000).toISOString();
  const chunk = 100_000;
  for (let start = 0; start < count; start += chunk) {
    const n = Math.min(chunk, count - start);
    const batch = generator.next(n);
    const ids = bulkIds(n, Date.now());
    const buffer = new CopyBuffer();
    for (let i = 0; i < n; i++) {
      buffer.add([
        ids[i] as string,
        offerId,
        batch[i] as string,
        true,
        customers[(start + i) % customers.length] as string,
        'ACTIVE',
        issued,
        null,
        issued,
        null,
        issued,
      ]);
    }
    await sql.copyFrom('coupons', newCouponColumns, buffer.text());
    codes.push(...batch);
  }
  await sql.query(
    'UPDATE offers SET issued_count = issued_count + $2, last_issued_at = $3 WHERE id = $1',
    [offerId, count, issued],
  );
  return codes;
}

/**
 * The org, one unique-code offer synced to every till and `count` coupons of it, each issued
 * to its own customer (COPY): a hub to pull from, redeem at or validate against.
 */
export async function seedIssuedOffer(
  sql: SqlPort,
  name: string,
  count: number,
): Promise<{ offer: OpOutput<'offers-create'>; codes: string[] }> {
  const dispatch = benchDispatch(sql, 'hub');
  await seedOrg(dispatch);
  const offer = await createOffer(dispatch, 'UNIQUE_AUTO', name);
  const customers = await copyCustomers(sql, count, true);
  const codes = await copyIssuedCoupons(sql, offer.id, customers, count);
  await sql.exec('ANALYZE');
  return { offer, codes };
}
