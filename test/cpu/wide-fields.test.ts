// The number fields of hot objects that hold addresses and words start as doubles (src/bits/wide-field.ts): writing
// a value ≥ 2^30 to one must not change the object's hidden class (which deoptimizes every function compiled for it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

// Runs in a child with V8's natives syntax: for each object, its map before and after its wide fields take large values.
const PROBE = `
import { Cpu } from '${SRC}cpu/cpu.ts';
import { CORTEX_A57 } from '${SRC}arch/profiles.ts';
import { TranslateResult } from '${SRC}mmu/result.ts';
import { TlbFill } from '${SRC}mmu/tlb.ts';
import { WalkOut, WalkParams } from '${SRC}mmu/walk.ts';
import { PhysMemory } from '${SRC}memory/phys.ts';
import { Arena } from '${SRC}memory/arena.ts';
const big = 0xfedc_b000;
const cases = {
  Cpu: [new Cpu(CORTEX_A57, new PhysMemory(0x4000_0000, 0x10000)), ['exclAddr', 'pa2']],
  TranslateResult: [new TranslateResult(), ['pa', 'ipa']],
  TlbFill: [new TlbFill(), ['inLo', 'inHi', 'out', 'ipa']],
  WalkParams: [new WalkParams(), ['base', 'baseLo']],
  WalkOut: [new WalkOut(), ['oa', 'oaLo']],
};
const out = {};
for (const [name, [o, fields]] of Object.entries(cases)) {
  const before = o.constructor === Cpu ? new Cpu(CORTEX_A57, new PhysMemory(0x4000_0000, 0x10000)) : new o.constructor();
  for (const f of fields) o[f] = big;
  out[name] = %HaveSameMap(o, before);
}
// a RAM page's pa (exclusive monitor keys, jit/emit.ts): a page of RAM at PA 0 and one at a PA ≥ 2^30
out.RamPage = %HaveSameMap(new PhysMemory(0, 0x10000).page(0), new PhysMemory(0xfedc_0000, 0x10000).page(0xfedc_0000));
// and a page that is a view of an arena (src/memory/arena.ts) has the shape of one with a buffer of its own
out.ArenaPage = %HaveSameMap(new PhysMemory(0, 0x10000).page(0), new PhysMemory(0, 0x10000, new Arena(0x10000)).page(0));
console.log(JSON.stringify(out));
`;

test('wide number fields keep their objects\' hidden classes when they take addresses ≥ 2^30', () => {
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', PROBE], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const same = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, boolean>;
  assert.deepEqual(same, { Cpu: true, TranslateResult: true, TlbFill: true, WalkParams: true, WalkOut: true, RamPage: true, ArenaPage: true });
});
