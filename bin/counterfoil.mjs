#!/usr/bin/env node
// The `counterfoil` command.
import { launch } from './launch.mjs';

process.exitCode = await launch(process.argv.slice(2));
