// README.md's generated blocks say what the code and a run say: the register-state isolation claim (from
// src/hyp/context-state.ts) and the measured switch cost. `npm run readme` rewrites them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readmeBlocks, renderReadme } from './readme-blocks.ts';

test('README.md: the isolation claim and the switch cost are what the code and the observer say (npm run readme)', () => {
  const text = readFileSync('README.md', 'utf8');
  const blocks = readmeBlocks();
  assert.equal(text, renderReadme(text, blocks), 'README.md is out of date: run npm run readme');
  assert.match(blocks.get('switch-cost')!, /costs 27 system-register writes/); // after the full switch; it was 20 before
  assert.throws(() => renderReadme(text.replace('generated: isolation', 'generated: nothing'), blocks), /unknown generated block 'nothing'/);
});
