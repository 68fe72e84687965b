#!/usr/bin/env node
// The `counterfoil` command. It runs the TypeScript sources directly through tsx, so a fresh
// clone works without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../src-server/cli/main.ts', import.meta.url).href);
// The launcher composes the two hosts' commands; neither host imports the other.
const till = {
  summary: 'Run a till headless: local database, API and UI over HTTP',
  load: async () =>
    (await import(new URL('../src-main/backend/till-command.ts', import.meta.url).href)).command,
};
process.exitCode = await main(process.argv.slice(2), { till });
