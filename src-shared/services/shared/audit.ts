import type { SqlPort } from '#shared/sql/port';

export type AuditEntry = {
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
};

/** Appends one audit record; call it inside the transaction that made the change. */
export async function audit(sql: SqlPort, entry: AuditEntry): Promise<void> {
  await sql.query(
    `INSERT INTO audit_log (at, actor, action, entity_type, entity_id, details)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [
      entry.at,
      entry.actor,
      entry.action,
      entry.entityType,
      entry.entityId,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}
