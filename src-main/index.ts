import { runApp } from './app';

// Electron main entry (out/main/index.js).
runApp().catch((error: unknown) => {
  console.error('Counterfoil failed to start:', error);
  process.exit(1);
});
