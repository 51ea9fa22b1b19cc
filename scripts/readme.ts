// Rewrite the generated blocks of README.md (`<!-- generated: NAME … -->` … `<!-- end generated -->`) from what they
// describe: `npm run readme`. test/readme.test.ts fails when README.md and the generated text differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { readmeBlocks, renderReadme } from '../test/readme-blocks.ts';

const file = new URL('../README.md', import.meta.url);
const text = readFileSync(file, 'utf8');
const next = renderReadme(text, readmeBlocks());
if (next === text) console.log('readme: up to date');
else {
  writeFileSync(file, next);
  console.log('readme: rewrote the generated blocks');
}
