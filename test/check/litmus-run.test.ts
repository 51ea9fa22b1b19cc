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
