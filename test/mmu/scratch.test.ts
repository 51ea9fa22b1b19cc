// Per-PE walk records (src/mmu/scratch.ts): no module of src/mmu keeps mutable records of its own, and one PE's
// walk state (here its walk observer) is never another's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACC_READ, TranslateResult } from '../../src/mmu/result.ts';
import { translate } from '../../src/mmu/translate.ts';
import { AF, AP_RW_ALL, makeCtx, MAIR_NORMAL0_DEVICE1, RAM, SCTLR_M, Tables, TCR_4K_48 } from './tables.ts';

test('src/mmu keeps no module-level mutable state (records live in the PE\'s MmuScratch)', () => {
  const dir = join('src', 'mmu');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(join(dir, name), 'utf8');
    assert.doesNotMatch(text, /^(let|var) /m, `${name}: a module-level variable`);
    assert.doesNotMatch(text, /^const \w+ = new (WalkParams|WalkOut|TlbFill|TranslateResult|Tlb)\(/m, `${name}: a module-level record`);
  }
});

test('a walk observer set on one PE sees that PE\'s walks only', () => {
  const setup = () => {
    const ctx = makeCtx();
    const t = new Tables(ctx.mem, 12, 0, 48);
    t.map(0x1000n, BigInt(RAM + 0xa000), 3, AF | AP_RW_ALL);
    ctx.set('TCR_EL1', TCR_4K_48);
    ctx.set('TTBR0_EL1', BigInt(t.root));
    ctx.set('MAIR_EL1', MAIR_NORMAL0_DEVICE1);
    ctx.set('SCTLR_EL1', SCTLR_M);
    ctx.set('HCR_EL2', 1n << 31n);
    return ctx;
  };
  const a = setup();
  const b = setup();
  const seen: number[] = [];
  a.scratch.walkTrace = { descriptor: (_s, level) => void seen.push(level) };
  assert.ok(translate(b, 0x1000, 0, ACC_READ, 4, 1, new TranslateResult()));
  assert.deepEqual(seen, []); // B walked four levels; A's observer saw none of them
  assert.ok(translate(a, 0x1000, 0, ACC_READ, 4, 1, new TranslateResult()));
  assert.deepEqual(seen, [0, 1, 2, 3]);
});
