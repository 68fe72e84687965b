/** One numbered schema change. Never edit a migration once it has landed: add a new one. */
export type Migration = { version: number; name: string; sql: string };
