// Data-abort syndromes of loads and stores (ARM §D24.2.46 ISS for a Data Abort; ARCH-NOTES §7e).
// 1. What each handler passes to Cpu.load/Cpu.store: ISV/SAS/SSE/SRT/SF/AR for single-register accesses without
//    writeback and not exclusive, nothing for the others; and the EL whose permissions apply (EL0 for LDTR/STTR
//    at EL1). Observed by wrapping the two methods of one CPU instance.
// 2. What Cpu.abort keeps of it: the instruction syndrome only for a stage-2 abort taken to EL2, never with S1PTW=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SR } from '../../src/arch/sysreg-table.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { PC } from '../../src/cpu/state.ts';
import { ACC_READ, ACC_WRITE, FAULT_TRANSLATION, TranslateResult } from '../../src/mmu/result.ts';
import { CODE, makeCpu, step } from '../helpers/cpu.ts';

const DATA = 0x4010_0000n;

interface Access {
  kind: 'load' | 'store';
  iss: number;
  el: number;
}

/** Run one word at `el` and record the (iss, el) of every access it makes. */
function accesses(w: number, el = 2): Access[] {
  const c = makeCpu([w, 0, 0]);
  const seen: Access[] = [];
  c.load = function (this: Cpu, size: number, iss = 0, accEl = this.el): boolean {
    seen.push({ kind: 'load', iss, el: accEl });
    return Cpu.prototype.load.call(this, size, iss, accEl);
  };
  c.store = function (this: Cpu, size: number, slot: number, iss = 0, accEl = this.el): boolean {
    seen.push({ kind: 'store', iss, el: accEl });
    return Cpu.prototype.store.call(this, size, slot, iss, accEl);
  };
  c.sr[SR.HCR_EL2] = 1n << 31n;
  if (el !== 2) c.setElSp(el, el === 0 ? 0 : 1);
  c.x[2] = DATA;
  c.x[3] = 0n;
  step(c);
  assert.equal(Number(c.sr[SR.ESR_EL2]), 0, `word ${w.toString(16)} faulted`);
  return seen;
}

test('single-register loads/stores pass ISV, SAS, SSE, SRT, SF (and AR for LDAR/STLR)', () => {
  const cases: [number, number, string][] = [
    [0x79c00c45, 0x1650000, 'ldrsh w5, [x2, #6]: SAS=01 SSE SRT=5 SF=0'],
    [0xf9000847, 0x1c78000, 'str x7, [x2, #16]: SAS=11 SRT=7 SF'],
    [0x39000841, 0x1010000, 'strb w1, [x2, #2]: SAS=00 SRT=1 SF=0'],
    [0x38636841, 0x1010000, 'ldrb w1, [x2, x3]: SAS=00 SRT=1'],
    [0x389ff049, 0x1298000, 'ldursb x9, [x2, #-1]: SSE SRT=9 SF'],
    [0xb8800441, 0, 'ldrsw x1, [x2], #0: post-index, no syndrome'],
    [0xb9800841, 0x1a18000, 'ldrsw x1, [x2, #8]: SAS=10 SSE SRT=1 SF'],
    [0x58000044, 0x1c48000, 'ldr x4, .+8 (literal): SAS=11 SRT=4 SF'],
    [0x18000044, 0x1840000, 'ldr w4, .+8 (literal): SAS=10 SRT=4 SF=0'],
    [0x88dffc43, 0x1834000, 'ldar w3, [x2]: SAS=10 SRT=3 AR'],
    [0xc89ffc41, 0x1c1c000, 'stlr x1, [x2]: SAS=11 SRT=1 SF AR'],
    [0xf8400841, 0x1c18000, 'ldtr x1, [x2]: SAS=11 SRT=1 SF'],
  ];
  for (const [w, iss, what] of cases) {
    const seen = accesses(w);
    assert.equal(seen.length, 1, what);
    assert.equal(seen[0]!.iss, iss, what);
  }
});

test('writeback, pair and exclusive accesses pass no instruction syndrome', () => {
  for (const [w, what] of [
    [0xf8408441, 'ldr x1, [x2], #8'],
    [0xf81f8c41, 'str x1, [x2, #-8]!'],
    [0xa9400841, 'ldp x1, x2, [x2]'],
    [0x29011043, 'stp w3, w4, [x2, #8]'],
    [0xc85f7c41, 'ldxr x1, [x2]'],
  ] as const) {
    const seen = accesses(w);
    assert.ok(seen.length >= 1, what);
    for (const a of seen) assert.equal(a.iss, 0, what);
  }
});

test('LDTR/STTR at EL1 access with EL0 permissions; at EL0 and EL2, and LDR at EL1, with their own EL', () => {
  assert.equal(accesses(0xf8400841, 1)[0]!.el, 0); // ldtr x1, [x2] at EL1
  assert.equal(accesses(0xf8000841, 1)[0]!.el, 0); // sttr x1, [x2] at EL1
  assert.equal(accesses(0xf8400841, 0)[0]!.el, 0); // ldtr at EL0
  assert.equal(accesses(0xf8400841, 2)[0]!.el, 2); // ldtr at EL2 (no VHE)
  assert.equal(accesses(0xf9400041, 1)[0]!.el, 1); // ldr x1, [x2] at EL1
});

/** Take an abort from EL1 for a result shaped by `shape`, with the syndrome of `ldrsh w5, [x2, #6]`. */
function abortFromEl1(shape: (r: TranslateResult) => void, acc = ACC_READ): Cpu {
  const c = makeCpu([0]);
  c.sr[SR.HCR_EL2] = 1n << 31n;
  c.setElSp(1, 1);
  const r = new TranslateResult();
  r.fault = FAULT_TRANSLATION;
  r.level = 3;
  shape(r);
  c.x[PC] = BigInt(CODE + 4); // as inside a handler: PC = the next instruction
  c.abort(r, DATA + 6n, acc, 0x1650000);
  return c;
}

const IL = 1 << 25;

test('Cpu.abort keeps the instruction syndrome for a stage-2 abort taken to EL2', () => {
  const c = abortFromEl1((r) => {
    r.stage2 = true;
    r.ipa = 0x8010_0000;
  });
  assert.equal(c.el, 2);
  assert.equal(Number(c.sr[SR.ESR_EL2]), ((0x24 << 26) | IL | 0x1650000 | 0x07) >>> 0);
  assert.equal(c.sr[SR.FAR_EL2], DATA + 6n);
  assert.equal(c.sr[SR.HPFAR_EL2], 0x8010_0n << 4n);
  assert.equal(c.sr[SR.ELR_EL2], BigInt(CODE));
  const w = abortFromEl1((r) => {
    r.stage2 = true;
  }, ACC_WRITE);
  assert.equal(Number(w.sr[SR.ESR_EL2]), ((0x24 << 26) | IL | 0x1650000 | (1 << 6) | 0x07) >>> 0);
});

test('Cpu.abort clears the instruction syndrome with S1PTW=1 and for stage-1 aborts', () => {
  const p = abortFromEl1((r) => {
    r.stage2 = true;
    r.s1ptw = true;
  });
  assert.equal(Number(p.sr[SR.ESR_EL2]), ((0x24 << 26) | IL | (1 << 7) | 0x07) >>> 0);
  const s1 = abortFromEl1(() => {});
  assert.equal(s1.el, 1);
  assert.equal(Number(s1.sr[SR.ESR_EL1]), ((0x25 << 26) | IL | 0x07) >>> 0);
  const el2 = makeCpu([0]); // a stage-1 abort at EL2 (EL2's own regime)
  el2.x[PC] = BigInt(CODE + 4);
  const r = new TranslateResult();
  r.fault = FAULT_TRANSLATION;
  r.level = 3;
  el2.abort(r, DATA, ACC_READ, 0x1650000);
  assert.equal(Number(el2.sr[SR.ESR_EL2]), ((0x25 << 26) | IL | 0x07) >>> 0);
});
