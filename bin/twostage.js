#!/usr/bin/env node
// Launcher: runs the built command line (dist/, made by `npm run build`, which `npm ci` runs through `prepare`).
// Development and tests run the TypeScript directly: `node --import tsx src/cli/main.ts`.
try {
  await import('../dist/main.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist/main.js')) throw e;
  process.stderr.write('twostage: not built (no dist/main.js): run `npm run build` (npm ci does it)\n');
  process.exitCode = 70; // EX_SOFTWARE
}
