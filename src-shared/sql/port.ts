/**
 * The one SQL interface the services see. Hosts implement it over PGlite (till, embedded hub)
 * or node-postgres (hub on a PostgreSQL server). Statements are constant strings with $n
 * parameters; nothing is ever concatenated into SQL text.
 */
export type SqlRow = Record<string, unknown>;

export type SqlPort = {
  readonly dialect: 'pglite' | 'postgres';
  /** One parameterized statement. */
  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations only). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction; nested calls join the outer transaction. */
  transaction<T>(fn: (tx: SqlPort) => Promise<T>): Promise<T>;
  /**
   * Bulk load through COPY … FROM (CSV, no header). `table` and `columns` are code constants,
   * never user input. Returns the number of rows loaded.
   */
  copyFrom(table: string, columns: readonly string[], csv: string): Promise<number>;
  /**
   * Bulk load through COPY … FROM (FORMAT binary): `data` is a whole binary COPY payload.
   * Optional: only PGlite has it (a till's first pull, where text input parsing costs most).
   */
  copyFromBinary?(table: string, columns: readonly string[], data: Uint8Array): Promise<number>;
  /**
   * `COPY (select) TO … (FORMAT binary)`: the rows in PostgreSQL's binary COPY format, as
   * base64 (it travels inside JSON: a hub passes a first pull's rows to the till undecoded).
   * `select` is a code constant; COPY takes no parameters, so it reads its values from
   * settings the caller made with set_config($n) in the same transaction. Optional.
   */
  copyOutBase64?(select: string): Promise<{ base64: string; rows: number }>;
  /**
   * Runs fn on one connection held for its whole life, outside any transaction, for
   * session-level advisory locks (a claim that outlives one transaction and ends with the
   * process that holds it). Only on a PostgreSQL pool: a transaction's port has no session of
   * its own, and PGlite is one process, so there is nobody to exclude.
   */
  session?<T>(fn: (session: SessionPort) => Promise<T>): Promise<T>;
};

/** The held connection of SqlPort.session: statements only (work goes through the pool). */
export type SessionPort = Pick<SqlPort, 'query'>;
