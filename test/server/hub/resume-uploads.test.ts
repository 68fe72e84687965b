import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Principal } from '#shared/api/roles';
import { startHub } from '#server/hub/start-hub';

const system: Principal = { kind: 'system' };
const dir = mkdtempSync(join(tmpdir(), 'cf-hub-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quiet = () => undefined;

describe('hub start-up', () => {
  it('finishes an upload that was acknowledged but never ran before the hub stopped', async () => {
    const dataDir = join(dir, 'hub');
    const first = await startHub({ port: 0, dataDir, log: quiet });
    let offerId: string;
    try {
      const offer = (await first.dispatch(
        'offers-create',
        {
          name: 'Resume me',
          expiry: { type: 'FIXED_DATE', endsAt: '2099-01-01T00:00:00Z' },
          discount: { type: 'FIXED', amount: '50', currency: 'INR' },
          codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
        },
        system,
      )) as { id: string };
      offerId = offer.id;
      for (const userId of ['9001', '9002', '9003']) {
        await first.dispatch('customers-create', { userId }, system);
      }
      // What uploads-create writes when it acknowledges a file, without the job having run:
      // the state a hub killed right after answering leaves behind.
      await first.sql.query(
        `INSERT INTO uploads (id, offer_id, kind, file_name, status, total_rows, source, created_at)
         VALUES ('up-resume-1', $1, 'CUSTOMERS', 'late.csv', 'QUEUED', 4, $2, now())`,
        [offerId, 'userId\n9001\n9002\n9003\nnot-a-number\n'],
      );
    } finally {
      await first.close();
    }

    const second = await startHub({ port: 0, dataDir, log: quiet });
    try {
      let upload: { status: string; okRows: number; errorRows: number } | undefined;
      for (let i = 0; i < 100; i++) {
        upload = (await second.dispatch('uploads-get', { id: 'up-resume-1' }, system)) as {
          status: string;
          okRows: number;
          errorRows: number;
        };
        if (upload.status === 'DONE' || upload.status === 'FAILED') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(upload).toMatchObject({ status: 'DONE', okRows: 3, errorRows: 1 });
      const issued = await second.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM coupons WHERE offer_id = $1 AND customer_id IS NOT NULL`,
        [offerId],
      );
      expect(issued[0]?.n).toBe(3);
    } finally {
      await second.close();
    }
  }, 120_000);
});
