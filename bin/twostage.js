#!/usr/bin/env node
// Launcher: runs the built command line (dist/, made by `npm run build`, which `npm ci` runs through `prepare`).
// CommonJS (bin/package.json), as dist/main.cjs is: Node's ES module loader took ≈ 10 ms of every start.
// Development and tests run the TypeScript directly: `node --import tsx src/cli/main.ts`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const launcher = join(__dirname, '../dist/main.cjs');
if (existsSync(launcher)) require(launcher);
else {
  process.stderr.write('twostage: not built (no dist/main.cjs): run `npm run build` (npm ci does it)\n');
  process.exitCode = 70; // EX_SOFTWARE
}
