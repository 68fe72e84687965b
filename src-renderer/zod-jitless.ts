import { z } from 'zod';

/**
 * The renderer's CSP has no 'unsafe-eval'. zod probes `new Function` at schema construction to
 * decide whether to compile fast object parsers; the probe fails quietly but is reported as a
 * CSP violation. Imported first by main.tsx, so it runs before any schema is built.
 */
z.config({ jitless: true });
