import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readLitmus } from '../../src/check/litmus-reader.ts';
import { runLitmus } from '../../src/check/litmus-run.ts';
import { LitmusSetupError } from '../../src/check/litmus-world.ts';

const read = (file: string) => readLitmus(readFileSync(new URL(`./litmus/${file}`, import.meta.url), 'utf8'), file);

test('litmus runner: an entry with AF = 0 always faults on ARMv8.0 (Required), and the fault ends P0', () => {
  const r = runLitmus(read('af0-load.litmus'));
  assert.equal(r.complete, true);
  assert.equal(r.verdict, 'Required');
  assert.equal(r.outcomes.length, 1);
  assert.deepEqual(r.outcomes[0]!.faults, [{ label: 'L0', name: 'x', type: 'MMU:AccessFlag' }]);
});

test('litmus runner: a fault handler runs and returns after the faulting instruction; the store is not made', () => {
  const r = runLitmus(read('fault-handler.litmus'));
  assert.equal(r.complete, true);
  assert.equal(r.verdict, 'Required');
  assert.equal(r.outcomes[0]!.regs[9], 1n);
});

test('litmus runner: break-before-make with TLBI and DSB: no outcome reads the old page or faults (Forbidden)', () => {
  const r = runLitmus(read('tlbi-bbm.litmus'));
  assert.equal(r.complete, true);
  assert.equal(r.verdict, 'Forbidden');
  // every explored outcome read y's value through the new entry; the TLBI's early completion and speculative fills
  // were choices (more than one run), all converging on one final state
  assert.ok(r.runs > 1);
  assert.deepEqual(new Set(r.outcomes.map((o) => o.regs[4])), new Set([2n]));
});

test('litmus runner: without a TLBI the old translation may survive the new entry (Allowed), and need not', () => {
  const r = runLitmus(read('stale-entry.litmus'));
  assert.equal(r.complete, true);
  assert.equal(r.verdict, 'Allowed');
  // both outcomes: the cached (speculatively or by the first load) translation to x's page, and a fresh walk to y's
  assert.deepEqual(new Set(r.outcomes.map((o) => o.regs[5])), new Set([1n, 2n]));
});

test('litmus runner: what it cannot set up is a LitmusSetupError naming the field', () => {
  const t = readLitmus('AArch64 t\n{\n [PTE(x)]=(oa:PA(x),nG:1);\n 0:X2=x;\n}\n P0 ;\n LDR W1,[X2] ;\nexists (0:X1=0)\n');
  assert.throws(() => runLitmus(t), (e: unknown) => e instanceof LitmusSetupError && e.field === 'descriptor nG');
  const two = readLitmus('AArch64 t\n{\n 0:X2=x;\n}\n P0 | P1 ;\n LDR W1,[X2] | NOP ;\nexists (0:X1=0)\n');
  assert.throws(() => runLitmus(two), (e: unknown) => e instanceof LitmusSetupError && e.field === 'processes');
  const nolabel = readLitmus('AArch64 t\n{\n 0:X2=x;\n}\n P0 ;\n LDR W1,[X2] ;\nexists (fault(P0:L3,x))\n');
  assert.throws(() => runLitmus(nolabel), (e: unknown) => e instanceof LitmusSetupError && /label L3/.test(e.message));
  const bad = readLitmus('AArch64 t\n{\n 0:X2=x;\n}\n P0 ;\n FROB X1 ;\nexists (0:X1=0)\n');
  assert.throws(() => runLitmus(bad), (e: unknown) => e instanceof LitmusSetupError && /FROB/.test(e.message));
});

/** A store making x's invalid entry valid, then `barrier`, then a load of x: the load's fault, as litmus text. */
const invalidToValid = (barrier: string): string =>
  `AArch64 i2v\n{\n [PTE(x)]=(oa:PA(x),valid:0);\n x=1;\n 0:X0=(oa:PA(x));\n 0:X1=PTE(x);\n 0:X2=x;\n}\n P0 ;\n STR X0,[X1] ;\n${barrier
    .split(';')
    .filter((b) => b.trim() !== '')
    .map((b) => ` ${b.trim()} ;\n`)
    .join('')} L0: LDR W3,[X2] ;\nexists (fault(P0:L0,x))\n`;

test('litmus runner: a later access may be translated before the store to its entry completes, or before the ISB after the DSB that completes it', () => {
  // no DSB, a DSB that covers loads only, and a DSB with no ISB after it: the load may still see the invalid entry
  for (const b of ['', 'DMB SY', 'DSB LD; ISB', 'DSB SY']) {
    const r = runLitmus(readLitmus(invalidToValid(b), 'i2v'));
    assert.equal(r.complete, true, b);
    assert.equal(r.verdict, 'Allowed', `STR; ${b}; LDR: the fault is allowed`);
    // and need not happen: the load may read x
    assert.ok(r.outcomes.some((o) => o.faults.length === 0 && o.regs[3] === 1n), b);
  }
  // a DSB covering stores, then an ISB: every later access is translated with the new entry
  for (const b of ['DSB SY; ISB', 'DSB ST; ISB', 'DSB NSH; ISB']) {
    const r = runLitmus(readLitmus(invalidToValid(b), 'i2v'));
    assert.equal(r.verdict, 'Forbidden', `STR; ${b}; LDR: no fault`);
  }
});

test('litmus runner: after TLBI and DSB with no ISB, a later load may still use the removed entry', () => {
  // x's entry is changed to y's page and invalidated; y's word is 2, x's is 1
  const text = (tail: string): string =>
    `AArch64 t2\n{\n x=1;\n y=2;\n 0:X0=(oa:PA(y));\n 0:X1=PTE(x);\n 0:X2=x;\n 0:X4=x;\n}\n P0 ;\n LDR W3,[X2] ;\n STR X0,[X1] ;\n DSB SY ;\n LSR X9,X4,#12 ;\n TLBI VAAE1,X9 ;\n DSB SY ;\n${tail} LDR W5,[X2] ;\nexists (0:X5=1)\n`;
  assert.equal(runLitmus(readLitmus(text(''), 't2')).verdict, 'Allowed');
  assert.equal(runLitmus(readLitmus(text(' ISB ;\n'), 't2')).verdict, 'Forbidden');
});
