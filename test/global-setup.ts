// Shared, once-per-run preparation (migrated PGlite template, PostgreSQL URL) is added here
// by the storage layer; kept as a function so vitest can call it.
export async function setup(): Promise<void> {}
