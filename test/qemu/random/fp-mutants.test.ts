// The random FP/SIMD differential catches a wrong FPCR or FPSR handling: source mutants of the FP library (FPCR.RMode,
// FPCR.DN, FPCR.FZ's input flush and its FPSR.IDC), each built into a copy of src/, run the recorded FP/SIMD programs
// (recorded/fpsimd-*, an FPCR drawn per slot) against QEMU's records and must be reported wrong. (The 8,192 recorded
// words hold no FZ-flushed output and no half-precision input: mutants of those need the campaign's 10^6 words.)
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compareRecords } from './compare.ts';
import { readRecorded, RECORDED } from './recorded.ts';
import { runOnTwostage } from './twostage.ts';

const MUTANTS: readonly { name: string; file: string; from: string; to: string }[] = [
  { name: 'FPCR.RMode ignored (always to nearest)', file: 'arch/fp/format.ts', from: 'return ((fpcr >>> FPCR_RMODE_SHIFT) & 3) as Rounding;', to: 'return 0;' },
  { name: 'FPCR.RMode: toward +∞ and toward −∞ swapped', file: 'arch/fp/format.ts', from: 'return ((fpcr >>> FPCR_RMODE_SHIFT) & 3) as Rounding;', to: 'return [0, 2, 1, 3][(fpcr >>> FPCR_RMODE_SHIFT) & 3] as Rounding;' },
  { name: 'a flushed denormal input raises no FPSR.IDC', file: 'arch/fp/unpack.ts', from: 'st.fpsr |= IDC;', to: '' },
  { name: 'FPCR.DN ignored by NaN propagation', file: 'arch/fp/nan.ts', from: 'if ((st.fpcr & FPCR_DN) !== 0) setDefaultNaN(n);', to: 'if (false) setDefaultNaN(n);' },
];

/** The layers the virt machine imports (test/layers.test.ts keeps it so). */
const LAYERS = ['bits', 'arch', 'memory', 'devices', 'mmu', 'cpu', 'asm', 'elf', 'machine'];

test('every FPCR/FPSR mutant of the FP library makes some recorded FP/SIMD word wrong', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-fp-mutants-'));
  try {
    const programs = RECORDED.filter((id) => id.space === 'fpsimd').map(readRecorded);
    for (const [i, m] of MUTANTS.entries()) {
      const root = join(dir, String(i));
      for (const layer of LAYERS) cpSync(fileURLToPath(new URL(`../../../src/${layer}`, import.meta.url)), join(root, layer), { recursive: true });
      const path = join(root, m.file);
      const text = readFileSync(path, 'utf8');
      assert.equal(text.split(m.from).length, 2, `mutant: '${m.from}' must occur exactly once in src/${m.file}`);
      writeFileSync(path, text.replace(m.from, m.to));
      const virt = (await import(pathToFileURL(join(root, 'machine/virt.ts')).href)) as typeof import('../../../src/machine/virt.ts');
      let wrong = 0;
      for (const r of programs) {
        const run = runOnTwostage(r.program, r.qemu, virt.VirtMachine);
        wrong += compareRecords(r.program.words, r.qemu, run.records).filter((d) => d.verdict === 'wrong').length;
      }
      t.diagnostic(`${m.name}: ${wrong} wrong words`);
      assert.ok(wrong > 0, `mutant survives: ${m.name}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
