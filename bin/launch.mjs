// Runs a `counterfoil` command from the TypeScript sources through tsx (a fresh clone needs no
// build step). The launcher composes the two hosts' commands: the hub's from src-server/cli and
// the till's from src-main/backend, so neither host imports the other.
import { register } from 'tsx/esm/api';

export async function launch(argv) {
  register();
  const { main } = await import(new URL('../src-server/cli/main.ts', import.meta.url).href);
  const till = {
    summary: 'Run a till headless: local database, API and UI over HTTP',
    load: async () =>
      (await import(new URL('../src-main/backend/till-command.ts', import.meta.url).href)).command,
  };
  return main(argv, { till });
}
