import { UsageError, type Command } from '../platform/cli-command';

/**
 * Command name → one-line summary and loader. Loaders are lazy so `counterfoil codes` does not
 * pay for the till's or hub's imports (and help loads none). To add a command, add a file in
 * ./commands exporting `command` and one entry here.
 */
export type CommandEntry = { summary: string; load: () => Promise<Command> };

const hubCommands: Record<string, CommandEntry> = {
  codes: {
    summary: 'Generate unique or randomized common codes to a file or stdout',
    load: async () => (await import('./commands/codes')).command,
  },
  hub: {
    summary: 'Run the hub: authoritative store, the whole API and the sync endpoints',
    load: async () => (await import('./commands/hub')).command,
  },
  users: {
    summary: 'Add a person (the first admin of a hub) straight to its database',
    load: async () => (await import('./commands/users')).command,
  },
};

async function help(commands: Record<string, CommandEntry>): Promise<string> {
  const lines = ['Usage: counterfoil <command> [options]', '', 'Commands:'];
  for (const [name, { summary }] of Object.entries(commands)) {
    lines.push(`  ${name.padEnd(10)} ${summary}`);
  }
  lines.push('', 'Run `counterfoil <command> --help` for its options.');
  return lines.join('\n');
}

/**
 * Runs one command. `more` adds commands of other hosts: the launcher (bin/counterfoil.mjs)
 * brings the till's, so the hub's side never imports the till host.
 */
export async function main(
  argv: string[],
  more: Record<string, CommandEntry> = {},
): Promise<number> {
  const commands = Object.fromEntries(
    Object.entries({ ...hubCommands, ...more }).sort(([a], [b]) => a.localeCompare(b)),
  );
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${await help(commands)}\n`);
    return name === undefined ? 2 : 0;
  }
  const entry = commands[name];
  if (entry === undefined) {
    process.stderr.write(`counterfoil: unknown command "${name}".\n\n${await help(commands)}\n`);
    return 2;
  }
  try {
    return await (await entry.load()).run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`counterfoil ${name}: ${error.message}\n`);
      return 2;
    }
    // One plain line for whoever started it (a port in use, a locked data folder, a hub that
    // does not answer); the stack only when asked for (COUNTERFOIL_DEBUG=1).
    const e = error as { code?: unknown; port?: unknown; address?: unknown };
    const message =
      e.code === 'EADDRINUSE'
        ? `port ${String(e.port)} on ${String(e.address)} is already in use (another Counterfoil, or another program); stop it or choose another port with --port`
        : error instanceof Error
          ? error.message
          : String(error);
    const detail =
      process.env['COUNTERFOIL_DEBUG'] === '1' && error instanceof Error && error.stack
        ? `\n${error.stack}`
        : '';
    process.stderr.write(`counterfoil ${name}: ${message.split('\n')[0] ?? ''}${detail}\n`);
    return 1;
  }
}
