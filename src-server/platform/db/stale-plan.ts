/**
 * A prepared statement whose result columns changed under it (DDL since it was prepared, e.g. a
 * migration by another process): PostgreSQL refuses to run it, and the caller prepares it again.
 * Both ports (PGlite, node-postgres) prepare each statement text once, so both need this.
 */
export const isStalePlan = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === '0A000' &&
  /cached plan must not change result type/.test(String((error as Error).message));
