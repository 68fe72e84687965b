import { UsageError, type Command } from './command';

/**
 * Command name → loader. Loaders are lazy so `counterfoil codes` does not pay for the hub's
 * imports. To add a command, add a file in ./commands exporting `command` and one line here.
 */
const commands: Record<string, () => Promise<Command>> = {
  codes: async () => (await import('./commands/codes')).command,
  till: async () => (await import('./commands/till')).command,
};

async function help(): Promise<string> {
  const lines = ['Usage: counterfoil <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(commands)) {
    lines.push(`  ${name.padEnd(10)} ${(await load()).summary}`);
  }
  lines.push('', 'Run `counterfoil <command> --help` for its options.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${await help()}\n`);
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (load === undefined) {
    process.stderr.write(`counterfoil: unknown command "${name}".\n\n${await help()}\n`);
    return 2;
  }
  try {
    return await (await load()).run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`counterfoil ${name}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `counterfoil ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
