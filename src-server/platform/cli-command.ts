/**
 * One CLI command: one file in ./commands exporting `command` (its summary is repeated in
 * main.ts so help need not load it). `run` gets the arguments after
 * the command name and resolves to the process exit code.
 */
export type Command = {
  summary: string;
  run(argv: string[]): Promise<number>;
};

/** Thrown for bad invocations: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
