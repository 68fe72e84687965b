import { expect, it } from 'vitest';
import { eachDialect, useFreshDb } from '../../../helpers/db';

/** Migration 0009 (audit-log-order): a newest-first page of the audit trail reads an index. */
eachDialect('migration 0009', (dialect) => {
  const w = useFreshDb(dialect, () => ({}));

  it('serves a newest-first page from audit_log_at instead of sorting the log', async () => {
    await w.db.sql.query(
      `INSERT INTO audit_log (at, actor, action, entity_type, entity_id)
       SELECT timestamptz '2026-01-01' + make_interval(secs => g), 'u' || (g % 7), 'edit', 'OFFER', 'O' || g
         FROM generate_series(1, 20000) g`,
    );
    await w.db.sql.query('ANALYZE audit_log');
    const plan = await w.db.sql.query<Record<string, string>>(
      'EXPLAIN SELECT id FROM audit_log ORDER BY at DESC, id DESC LIMIT 50',
    );
    const text = plan.map((row) => Object.values(row).join(' ')).join('\n');
    expect(text).toContain('audit_log_at');
    expect(text).not.toMatch(/\bSort\b/);
  });
});
