/**
 * The trust boundary between people and devices (docs/security.md), tried as an attacker
 * holding one till's device credential would: forged authors, replays, other devices' grants,
 * expired grants, out-of-scope facts, facts naming what the hub lacks, a stolen till.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpOutput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import { ensureUser } from '#shared/services/auth/ensure-user';
import { newId } from '#shared/services/shared/ids';
import { signCommand } from '#shared/sync/command-proof';
import type { PushedFact } from '#shared/sync/facts';
import { eachDialect } from '../helpers/db';
import { rejection } from '../helpers/rejection';
import {
  backOffice,
  inDays,
  seedOrg,
  startHubInProcess,
  startTill,
  type Hub,
  type Till,
} from './support/in-process';

const admin: Principal = { ...backOffice, role: 'admin' } as Principal;

eachDialect('trust boundary', (dialect) => {
  let hub: Hub;
  let t1: Till;
  let t3: Till;
  let s1Only: OpOutput<'offers-create'>;
  let everywhere: OpOutput<'offers-create'>;
  let s1Code: string;

  beforeAll(async () => {
    hub = await startHubInProcess(dialect);
    await seedOrg(hub);
    // Full-strength verifiers (the only ones that leave the hub): a store-S2 manager and an admin.
    await ensureUser(hub.sql, {
      username: 'manager2',
      password: 'manager-two-pass',
      role: 'store_manager',
      storeIds: ['S2'],
    });
    // An old, weak hash (before 600k): never sent to a till with its verifier.
    await ensureUser(hub.sql, {
      username: 'weak2',
      password: 'weak-two-pass',
      role: 'cashier',
      storeIds: ['S2'],
      iterations: 1000,
    });
    await ensureUser(hub.sql, {
      username: 'root',
      password: 'root-admin-pass',
      role: 'admin',
      storeIds: null,
    });
    const base = {
      expiry: { type: 'FIXED_DATE' as const, endsAt: inDays(30) },
      discount: { type: 'FIXED' as const, amount: '10', currency: 'INR' },
      redemption: { allowAnyone: true, moreThanOnce: true },
    };
    s1Only = await hub.call(
      'offers-create',
      {
        ...base,
        name: 'S1 only',
        codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
        syncToInStore: { enabled: true, scope: [{ type: 'STORE', id: 'S1' }] },
      },
      backOffice,
    );
    everywhere = await hub.call(
      'offers-create',
      {
        ...base,
        name: 'Everywhere',
        codeGeneration: { method: 'COMMON', code: 'ALLSTORES' },
        syncToInStore: { enabled: true, scope: [] },
      },
      backOffice,
    );
    await hub.call('customers-create', { userId: '77', registeredAt: inDays(-3) }, backOffice);
    s1Code = (
      await hub.call('coupons-issue', { id: s1Only.id, customer: { userId: '77' } }, backOffice)
    ).coupon.code;
    await hub.call('coupons-issue', { id: everywhere.id, customer: { userId: '77' } }, backOffice);
    t1 = await startTill(hub, 'T1');
    t3 = await startTill(hub, 'T3');
    for (const t of [t1, t3]) await t.client.syncNow();
  }, 120_000);
  afterAll(async () => {
    for (const t of [t1, t3]) await t?.db.close();
    await hub?.db.close();
  });

  const orgCount = async (id: string) =>
    (await hub.sql.query('SELECT 1 FROM org_entities WHERE id = $1', [id])).length;

  const command = (over: Record<string, unknown> = {}) => ({
    id: newId(),
    op: 'org-create' as const,
    input: { id: `X-${newId().slice(-8)}`, type: 'CONCEPT', name: 'Forged' },
    username: 'backoffice',
    createdAt: new Date().toISOString(),
    grantId: null as string | null,
    signature: null as string | null,
    ...over,
  });

  describe('a device credential never stands for a person', () => {
    it('a command naming a person without proof is rejected and never applied', async () => {
      for (const username of ['admin', 'backoffice', 'root']) {
        const cmd = command({ username });
        const out = await t1.link.send('sync-commands-apply', { commands: [cmd] });
        expect(out.results[0]).toMatchObject({ status: 'REJECTED' });
        expect(out.results[0]?.error?.details).toMatchObject({ reason: 'UNSIGNED' });
        expect(await orgCount(cmd.input.id)).toBe(0);
      }
    });

    it('a grant of one person cannot sign another’s change, nor a made-up signature pass', async () => {
      await t1.signIn('cashier', 'cashier-pass');
      const grant = (
        await t1.sql.query<{ id: string; secret: string }>('SELECT id, secret FROM till_grants')
      )[0];
      if (!grant) throw new Error('signing in online should have kept a grant');
      const forged = command({ username: 'backoffice', grantId: grant.id });
      forged.signature = await signCommand(grant.secret, { ...forged, grantId: grant.id });
      const bad = command({ username: 'cashier', grantId: grant.id, signature: 'ab'.repeat(32) });
      const out = await t1.link.send('sync-commands-apply', { commands: [forged, bad] });
      expect(out.results.map((r) => (r.error?.details as { reason?: string })?.reason)).toEqual([
        'FORGED_AUTHOR',
        'BAD_SIGNATURE',
      ]);
      expect(await orgCount(forged.input.id)).toBe(0);
      // Signed properly, the cashier's own change runs as the cashier: refused by role, not by proof.
      const own = command({ username: 'cashier', grantId: grant.id });
      own.signature = await signCommand(grant.secret, { ...own, grantId: grant.id });
      const ran = await t1.link.send('sync-commands-apply', { commands: [own] });
      expect(ran.results[0]?.error?.code).toBe('FORBIDDEN');
      expect(ran.results[0]?.error?.message).toMatch(/role cashier may not use org-create/);
    });

    it('another device’s grant, a replay through another till and an expired grant are rejected', async () => {
      await t1.signIn('backoffice', 'backoffice-pass');
      const grant = (
        await t1.sql.query<{ id: string; secret: string; expires_at: unknown }>(
          `SELECT g.id, g.secret, g.expires_at FROM till_grants g JOIN users u ON u.id = g.user_id
            WHERE u.username = 'backoffice'`,
        )
      )[0];
      if (!grant) throw new Error('no grant for backoffice');
      const sign = async (c: ReturnType<typeof command>) => ({
        ...c,
        grantId: grant.id,
        signature: await signCommand(grant.secret, { ...c, grantId: grant.id }),
      });
      const good = await sign(command());
      // Through T3's credential: the grant was issued on T1.
      const stolen = await t3.link.send('sync-commands-apply', { commands: [good] });
      expect(stolen.results[0]?.error?.details).toMatchObject({ reason: 'OTHER_DEVICE' });
      expect(await orgCount(good.input.id)).toBe(0);
      // The real one, from T1: applied once.
      const real = await t1.link.send('sync-commands-apply', { commands: [good] });
      expect(real.results[0]?.error ?? null).toBeNull();
      expect(real.results[0]?.status).toBe('CONFIRMED');
      expect(await orgCount(good.input.id)).toBe(1);
      // Replayed through T3: refused, not run again, not even answered with the result.
      const replay = await t3.link.send('sync-commands-apply', { commands: [good] });
      expect(replay.results[0]).toMatchObject({ status: 'REJECTED', result: null });
      expect(replay.results[0]?.error?.details).toMatchObject({ reason: 'REPLAYED' });
      // Made after the grant ran out (the till's clock says so, and the signature covers it).
      const late = await sign(
        command({
          createdAt: new Date(Date.parse(String(grant.expires_at)) + 86_400_000).toISOString(),
        }),
      );
      const expired = await t1.link.send('sync-commands-apply', { commands: [late] });
      expect(expired.results[0]?.error?.details).toMatchObject({ reason: 'GRANT_EXPIRED' });
      expect(await orgCount(late.input.id)).toBe(0);
    });

    it('a change made at the till by someone without a grant is refused there, with what to do', async () => {
      const e = await rejection(
        t1.as(backOffice)('org-create', { id: 'NOPE', type: 'CONCEPT', name: 'No grant' }),
      );
      expect(e.code).toBe('FORBIDDEN');
      expect(e.message).toMatch(/sign in again while the hub answers/);
    });
  });

  describe('a till holds only what its store needs', () => {
    const usersAt = async (till: Till) =>
      (
        await till.sql.query<{ username: string; password_hash: string }>(
          'SELECT username, password_hash FROM users ORDER BY username',
        )
      ).map((u) => [u.username, u.password_hash === '' ? 'no verifier' : 'verifier']);

    it('pull sends verifiers of the store’s people and of grant holders only, at full strength', async () => {
      await t3.client.syncNow();
      // T3 is in store S2: its manager (600k), the S1+S2 cashier (whose weak test hash the hub
      // upgraded when they signed in at T1) and a cashier with a weak hash, sent without it.
      // No org-wide person has a grant there: none is sent.
      expect(await usersAt(t3)).toEqual([
        ['cashier', 'verifier'],
        ['manager2', 'verifier'],
        ['weak2', 'no verifier'],
      ]);
      const raw = await t3.link.send('sync-pull', { cursor: '0', limit: 10 });
      const users = raw.chunks.find((c) => c.table === 'users');
      const text = JSON.stringify(users?.rows);
      expect(text).not.toContain('root');
      expect(text).not.toContain('backoffice');
      expect(text).not.toMatch(/pbkdf2-sha256\$(?!600000\$)/);
      // The org's code salt is a hub secret.
      const settings = raw.chunks.find((c) => c.table === 'org_settings');
      expect(JSON.stringify(settings?.rows ?? [])).not.toContain('codeSalt');
      // An admin who signs in at T3 while the hub answers holds a grant there, and only there.
      await t3.signIn('root', 'root-admin-pass');
      await t3.client.syncNow();
      await t1.client.syncNow();
      expect(await usersAt(t3)).toContainEqual(['root', 'verifier']);
      expect((await usersAt(t1)).map(([u]) => u)).not.toContain('root');
    });

    it('offline, an org-wide person signs in only with a grant on this till; the screen says why', async () => {
      t1.link.cut = true;
      await t1.client.syncNow();
      try {
        const e = await rejection(t1.signIn('root', 'root-admin-pass'));
        expect(e.code).toBe('UNAUTHENTICATED');
        expect(e.message).toMatch(/hub is unreachable/);
      } finally {
        t1.link.cut = false;
        await t1.client.syncNow();
      }
      t3.link.cut = true;
      await t3.client.syncNow();
      try {
        // root holds a grant on T3 (previous test) and manager2 works at S2: both may.
        expect(await t3.signIn('root', 'root-admin-pass')).toMatchObject({ username: 'root' });
        expect(await t3.signIn('manager2', 'manager-two-pass')).toMatchObject({
          role: 'store_manager',
        });
      } finally {
        t3.link.cut = false;
        await t3.client.syncNow();
      }
    });

    it('a person of another store cannot sign in at this till', async () => {
      const e = await rejection(t1.signIn('manager2', 'manager-two-pass'));
      expect(e.code).toBe('FORBIDDEN');
      expect(e.message).toMatch(/not at store S1/);
    });
  });

  describe('facts are scoped, and nothing is dropped silently', () => {
    let seq = 0;
    const push = async (till: Till, kind: PushedFact['kind'], payload: Record<string, unknown>) => {
      const acked = Number(
        (
          await hub.sql.query<{ acked_seq: unknown }>(
            'SELECT acked_seq FROM sync_devices WHERE till_id = $1 AND revoked_at IS NULL',
            [till.tillId],
          )
        )[0]?.acked_seq ?? 0,
      );
      seq = acked + 1;
      const fact: PushedFact = {
        tillSeq: seq,
        clientId: newId(),
        kind,
        deviceTime: new Date().toISOString(),
        leaseId: null,
        payload,
      };
      const out = await till.link.send('sync-push', { facts: [fact] });
      expect(out.ackedSeq).toBe(seq);
      return { fact, result: out.results[0] };
    };

    it('an issuance for an offer not synced to the till is rejected, recorded and shown', async () => {
      const { fact, result } = await push(t3, 'ISSUANCE', {
        couponId: newId(),
        offerId: s1Only.id,
        code: 'FORGED01',
        customerId: null,
        issuedAt: new Date().toISOString(),
      });
      expect(result).toMatchObject({ outcome: 'rejected', reason: { code: 'OFFER_NOT_VISIBLE' } });
      expect(await hub.sql.query("SELECT 1 FROM coupons WHERE code = 'FORGED01'")).toEqual([]);
      const refused = await hub.call('sync-facts-refused', { tillId: 'T3' }, backOffice);
      expect(refused.items.map((i) => i.clientId)).toContain(fact.clientId);
      const health = await hub.call('sync-health', {}, backOffice);
      expect(health.tills.find((t) => t.tillId === 'T3')?.refusedFacts).toBeGreaterThanOrEqual(1);
    });

    it('an issuance with a bad issuedAt is invalid, not applied', async () => {
      const { result } = await push(t1, 'ISSUANCE', {
        couponId: newId(),
        offerId: everywhere.id,
        code: 'ALLSTORES',
        customerId: null,
        issuedAt: 'yesterday-ish',
      });
      expect(result).toMatchObject({ outcome: 'invalid', reason: { code: 'BAD_TIME' } });
    });

    it('an issuance made after the offer was closed to issuing is rejected; one made before stands', async () => {
      const generated = await hub.call(
        'offers-create',
        {
          expiry: { type: 'FIXED_DATE', endsAt: inDays(30) },
          discount: { type: 'FIXED', amount: '10', currency: 'INR' },
          name: 'Closed to issuing',
          codeGeneration: { method: 'UNIQUE_AUTO', length: 10, charset: 'ALPHANUMERIC' },
          syncToInStore: { enabled: true, scope: [] },
        },
        backOffice,
      );
      const closed = await hub.call(
        'coupons-revoke',
        { id: generated.id, mode: 'UNISSUED' },
        backOffice,
      );
      const closedAt = Date.parse(closed.issuanceClosedAt ?? '');
      const issued = (offsetMs: number, code: string) =>
        push(t1, 'ISSUANCE', {
          couponId: newId(),
          offerId: generated.id,
          code,
          customerId: null,
          issuedAt: new Date(closedAt + offsetMs).toISOString(),
        });
      // Issued offline before back office closed the offer: made in good faith, it stands.
      expect((await issued(-60_000, 'BEFORECLOSE')).result).toMatchObject({ outcome: 'applied' });
      const after = await issued(60_000, 'AFTERCLOSE');
      expect(after.result).toMatchObject({
        outcome: 'rejected',
        reason: { code: 'ISSUANCE_CLOSED' },
      });
      const codes = await hub.sql.query<{ code: string }>(
        'SELECT code FROM coupons WHERE offer_id = $1 ORDER BY code',
        [generated.id],
      );
      expect(codes.map((c) => c.code)).toEqual(['BEFORECLOSE']);
      const refused = await hub.call('sync-facts-refused', { tillId: 'T1' }, backOffice);
      expect(refused.items.map((i) => i.clientId)).toContain(after.fact.clientId);
    });

    it('a reversal of another store’s redemption is rejected and changes nothing', async () => {
      const redeemed = await t1.as(backOffice)('redemptions-redeem', {
        code: s1Code,
        billAmount: '100',
        storeId: 'S1',
        tillId: 'T1',
      });
      const { result } = await push(t3, 'REVERSAL', {
        redemptionId: redeemed.redemption.id,
        reason: 'attack',
        reversedAt: new Date().toISOString(),
      });
      expect(result).toMatchObject({ outcome: 'rejected', reason: { code: 'OTHER_STORE' } });
      const row = await hub.sql.query<{ reversed_at: unknown }>(
        'SELECT reversed_at FROM redemptions WHERE id = $1',
        [redeemed.redemption.id],
      );
      expect(row[0]?.reversed_at).toBeNull();
    });

    it('a redemption naming a coupon the hub lacks is invalid and opens a reconciliation item', async () => {
      const id = newId();
      const { result } = await push(t1, 'REDEMPTION', {
        id,
        couponId: 'no-such-coupon',
        offerId: everywhere.id,
        code: 'ALLSTORES',
        customerId: null,
        storeId: 'S1',
        tillId: 'T1',
        billAmount: '500',
        currency: 'INR',
        discount: '10',
        redeemedAt: new Date().toISOString(),
      });
      expect(result).toMatchObject({
        outcome: 'invalid',
        classification: 'refused',
        reason: { code: 'UNKNOWN_COUPON' },
      });
      const items = await hub.call(
        'reconciliation-list',
        { classification: 'refused' },
        backOffice,
      );
      const item = items.items.find((i) => i.redemptionId === id);
      expect(item).toMatchObject({ discount: '10', currency: 'INR', tillId: 'T1', status: 'OPEN' });
      const reverse = await rejection(
        hub.call(
          'reconciliation-resolve',
          { id: item?.id ?? '', action: 'REVERSE_REDEMPTION', reason: 'try' },
          backOffice,
        ),
      );
      expect(reverse.code).toBe('CONFLICT');
      const done = await hub.call(
        'reconciliation-resolve',
        { id: item?.id ?? '', action: 'ACCEPT_WRITE_OFF', reason: 'given at the till' },
        backOffice,
      );
      expect(done.status).toBe('RESOLVED');
      // The till remembers the verdict after dropping the fact from its outbox.
      await t1.client.pushAll();
      const health = await t1.as(backOffice)('sync-health', {});
      expect(health.pendingFacts).toBe(0);
    });

    it('the till counts the facts the hub refused in its own health', async () => {
      t1.link.cut = true;
      await t1.client.syncNow();
      // The facts pushed by hand above took T1's next numbers at the hub: the till goes on from there.
      const acked = await hub.sql.query<{ acked_seq: unknown }>(
        "SELECT acked_seq FROM sync_devices WHERE till_id = 'T1' AND revoked_at IS NULL",
      );
      await t1.sql.query('UPDATE till_outbox_counter SET last_seq = $1', [
        Number(acked[0]?.acked_seq),
      ]);
      // Redeemed offline at T1 with a coupon the hub then loses track of: simulated by a fact
      // naming T3's store, which the hub refuses.
      await t1.sql.query(
        `INSERT INTO till_outbox (seq, client_id, kind, device_time, lease_id, offer_id, coupon_id, payload)
         SELECT last_seq + 1, $1, 'REDEMPTION', $2, NULL, $3, 'c', $4::jsonb FROM till_outbox_counter`,
        [
          newId(),
          new Date().toISOString(),
          everywhere.id,
          JSON.stringify({
            id: newId(),
            couponId: 'c',
            offerId: everywhere.id,
            code: 'ALLSTORES',
            storeId: 'S2',
            tillId: 'T3',
            billAmount: '1',
            currency: 'INR',
            discount: '1',
            redeemedAt: new Date().toISOString(),
          }),
        ],
      );
      await t1.sql.query('UPDATE till_outbox_counter SET last_seq = last_seq + 1');
      t1.link.cut = false;
      await t1.client.syncNow();
      const health = await t1.as(backOffice)('sync-health', {});
      expect(health).toMatchObject({ pendingFacts: 0, refusedFacts: 1 });
    });
  });

  describe('a stolen till is cut off', () => {
    it('revoking a till stops its credential and grants at once; what it pushed stays', async () => {
      const before = Number(
        (
          await hub.sql.query<{ n: unknown }>(
            "SELECT count(*) AS n FROM sync_facts WHERE till_id = 'T3'",
          )
        )[0]?.n,
      );
      expect(before).toBeGreaterThan(0);
      const out = await hub.call(
        'sync-devices-revoke',
        { tillId: 'T3', reason: 'stolen from the counter' },
        admin,
      );
      expect(out).toMatchObject({ tillId: 'T3', revokedDevices: 1 });
      expect(out.revokedGrants).toBeGreaterThanOrEqual(1);
      const e = await rejection(t3.link.send('sync-pull', { cursor: '0', limit: 10 }));
      expect(e.code).toBe('UNAUTHENTICATED');
      expect(e.message).toMatch(/cut off/);
      const push = await rejection(t3.link.send('sync-push', { facts: [] }));
      expect(push.code).toBe('UNAUTHENTICATED');
      const after = Number(
        (
          await hub.sql.query<{ n: unknown }>(
            "SELECT count(*) AS n FROM sync_facts WHERE till_id = 'T3'",
          )
        )[0]?.n,
      );
      expect(after).toBe(before);
      const health = await hub.call('sync-health', {}, backOffice);
      expect(health.tills.find((t) => t.tillId === 'T3')).toMatchObject({ revoked: true });
      const forbidden = await rejection(
        hub.call('sync-devices-revoke', { tillId: 'T1', reason: 'not mine to do' }, backOffice),
      );
      expect(forbidden.code).toBe('FORBIDDEN');
    });
  });

  it('password guessing through a till’s grant request is throttled like any sign-in', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      codes.push(
        (
          await rejection(
            t1.link.send('sync-grants-create', { username: 'weak2', password: `guess-${i}` }),
          )
        ).code,
      );
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });
});
