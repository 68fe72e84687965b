/** Environment variables test/global-setup.ts sets for the workers and spawned processes. */
export const DB_ENV = {
  /** PostgreSQL server URL (maintenance database). Set it yourself to use your own server. */
  pgUrl: 'COUNTERFOIL_TEST_PG_URL',
  /** Migrated template database to copy. */
  pgTemplate: 'COUNTERFOIL_TEST_PG_TEMPLATE',
  /** Prefix of this run's databases (dropped at teardown). */
  pgPrefix: 'COUNTERFOIL_TEST_PG_PREFIX',
  /** '1' when no PostgreSQL is available outside CI: PostgreSQL tests skip. */
  pgMissing: 'COUNTERFOIL_TEST_PG_MISSING',
  /** Why the PostgreSQL template could not be built. */
  pgError: 'COUNTERFOIL_TEST_PG_ERROR',
  /** Path of the migrated PGlite data-directory tarball. */
  pgliteTemplate: 'COUNTERFOIL_TEST_PGLITE_TEMPLATE',
  /** Path of an initdb'd, unmigrated PGlite tarball (migration runner tests). */
  pgliteEmpty: 'COUNTERFOIL_TEST_PGLITE_EMPTY',
  /** Why the PGlite template could not be built. */
  pgliteError: 'COUNTERFOIL_TEST_PGLITE_ERROR',
} as const;
