#!/usr/bin/env node
// The `counterfoil` command. It runs the TypeScript sources directly through tsx, so a fresh
// clone works without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../src-server/cli/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
