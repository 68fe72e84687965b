import { expect, it } from 'vitest';
import { eachDialect, useFreshDb } from '../../../helpers/db';

/** Migration 0014 (offer-audience): each offer's customer list, and uploads that fill it. */
eachDialect('migration 0014', (dialect) => {
  const w = useFreshDb(dialect, () => ({}));

  it('keeps a customer on an offer’s list once', async () => {
    const add = (customer: string) =>
      w.db.sql.query(
        `INSERT INTO offer_audience (offer_id, customer_id, added_at) VALUES ('O1', $1, now())`,
        [customer],
      );
    await add('C1');
    await add('C2');
    await expect(add('C1')).rejects.toThrow();
    const rows = await w.db.sql.query<{ n: unknown }>(
      "SELECT count(*) AS n FROM offer_audience WHERE offer_id = 'O1'",
    );
    expect(Number(rows[0]?.n)).toBe(2);
  });

  it('takes uploads of kind AUDIENCE and still refuses unknown kinds', async () => {
    await w.db.sql.query(
      `INSERT INTO offers (id, offer_code, name, config, code_method, expiry_type, starts_at, created_at,
                           modified_at)
       VALUES ('O1', 'AUD-1', 'List', '{}', 'UNIQUE_AUTO', 'FIXED_DATE', now(), now(), now())`,
    );
    const upload = (id: string, kind: string) =>
      w.db.sql.query(
        `INSERT INTO uploads (id, offer_id, kind, file_name, status, source, created_at)
         VALUES ($1, 'O1', $2, 'l.csv', 'QUEUED', 'userId', now())`,
        [id, kind],
      );
    await upload('U1', 'AUDIENCE');
    await upload('U2', 'CUSTOMERS');
    await expect(upload('U3', 'EVERYONE')).rejects.toThrow();
  });
});
