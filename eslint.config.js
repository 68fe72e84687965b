// Runtime boundaries are lint rules, not conventions: each source folder may only import
// what its runtime has (Signal Desktop does the same).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import path from 'node:path';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'stream/promises',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

const noNode = [
  { group: ['node:*'], message: 'This runtime has no Node.js built-ins.' },
  ...nodeBuiltins.map((name) => ({
    group: [name],
    message: 'This runtime has no Node.js built-ins.',
  })),
];
const noElectron = { group: ['electron', 'electron/*'], message: 'Electron is only for src-main.' };
const noHostDb = {
  group: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg', 'pg-copy-streams'],
  message: 'Databases are opened by the hosts (src-main, src-server) and passed in as a SqlPort.',
};

// A service folder in src-shared/services is one room: another service enters it through its
// index.ts, never through a file inside it, so what a service offers is written in one place.
// services/shared (small helpers every service uses) and services/handlers.ts (which joins
// every service's handlers) are not services.
const sharedDir = path.join(import.meta.dirname, 'src-shared');
const servicesDir = path.join(sharedDir, 'services');
const serviceOf = (file) => {
  const parts = path.relative(servicesDir, file).split(path.sep);
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : null;
};
const serviceBoundaries = {
  rules: {
    'no-deep-service-imports': {
      meta: {
        type: 'problem',
        messages: {
          deep: "Import the {{service}} service through '{{index}}', not its file {{file}}.",
        },
      },
      create(context) {
        const from = serviceOf(context.filename);
        if (from === null) return {};
        const check = (node) => {
          const spec = node.source?.value;
          if (typeof spec !== 'string') return;
          let target;
          if (spec.startsWith('.')) target = path.resolve(path.dirname(context.filename), spec);
          else if (spec.startsWith('#shared/')) target = path.join(sharedDir, spec.slice(8));
          else return;
          const to = serviceOf(target);
          if (to === null || to === from || to === 'shared') return;
          const inside = path.relative(path.join(servicesDir, to), target);
          if (inside === 'index' || inside === 'index.ts') return;
          const index = `#shared/services/${to}/index`;
          context.report({
            node: node.source,
            messageId: 'deep',
            data: { service: to, index, file: inside },
          });
        };
        return {
          ImportDeclaration: check,
          ExportNamedDeclaration: check,
          ExportAllDeclaration: check,
          ImportExpression: check,
        };
      },
    },
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      '.data/**',
      '.tmp/**',
      'bench/results.json',
      'docs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message:
            'Use crypto randomness (src-shared/codes/random.ts); Math.random is predictable.',
        },
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    // Async mistakes are found by types, not by eye: a promise nobody awaits loses its error,
    // an async handler where a void one is expected loses its rejection, and a switch over a
    // union that forgets a member compiles silently.
    files: ['src-*/**/*.{ts,tsx}', 'test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noNode,
            noElectron,
            noHostDb,
            {
              group: ['react', 'react-dom', 'react-router', 'dexie', 'zustand'],
              message: 'src-shared has no UI.',
            },
            {
              regex: '(^|/)src-(main|server|renderer)/|^#(main|server|renderer)/',
              message: 'src-shared imports nothing outside itself.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'sessionStorage',
          'indexedDB',
          'process',
          'Buffer',
          'require',
          '__dirname',
          '__filename',
          'global',
        ].map((name) => ({ name, message: `src-shared is pure: no ${name}.` })),
      ],
    },
  },
  {
    files: ['src-shared/services/**/*.ts'],
    plugins: { 'service-boundaries': serviceBoundaries },
    rules: { 'service-boundaries/no-deep-service-imports': 'error' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noNode,
            noElectron,
            noHostDb,
            {
              regex: '(^|/)src-(main|server)/|^#(main|server)/',
              message: 'The renderer talks to the backend only through the typed API.',
            },
            {
              regex: '(^|/)src-shared/(services|sql)/|^#shared/(services|sql)/',
              message: 'The renderer calls services through the typed API, never directly.',
            },
          ],
        },
      ],
    },
  },
  // Two hosts that do not import each other (docs/architecture.md, "Hosts and components"):
  // the hub (src-server) and the till (src-main/backend) share only src-shared and the Node
  // platform layer (src-server/platform), which imports neither.
  {
    files: ['src-server/**/*.ts'],
    ignores: ['src-server/platform/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            {
              regex: '(^|/)src-(renderer|main)/|^#(renderer|main)/',
              message: 'The hub stands alone.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-server/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            {
              regex: '(^|/)src-(renderer|main)/|^#(renderer|main)/|(^|/)(hub|cli|notifications)/',
              message: 'The platform layer serves both hosts and imports neither.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/backend/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src-renderer/|^#renderer/',
              message: 'Main never imports the renderer.',
            },
            {
              regex: '(src-server|#server)/(?!platform/)',
              message: 'The till imports only the platform layer of src-server, never the hub.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/backend/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            {
              regex: '(^|/)src-renderer/|^#renderer/',
              message: 'The till host never imports the renderer.',
            },
            {
              regex: '(src-server|#server)/(?!platform/)',
              message: 'The till imports only the platform layer of src-server, never the hub.',
            },
            {
              // The one shared piece is the message contract with main (ipc/protocol.ts).
              group: [
                '../app',
                '../index',
                '../preload',
                '../window',
                '../menu',
                '../ipc/main-ipc',
                '../ipc/backend-link',
              ],
              message: 'The till host runs without Electron: it never imports the shell.',
            },
            {
              regex: '^#main/(app|index|preload|window|menu|ipc/main-ipc|ipc/backend-link)$',
              message: 'The till host runs without Electron: it never imports the shell.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      '*.config.{js,ts}',
      'eslint.config.js',
      'electron.vite.config.ts',
      'vitest.config.ts',
      'playwright.config.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  prettier,
);
