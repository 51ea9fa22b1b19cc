// Physical IRQ routing, masking and entry (ARM §D1.3.6 routing, §D1.3.7 masking; J1.1
// AArch64.TakePhysicalIRQException). Expectations worked out by hand from those rules:
//   target = EL2 if HCR_EL2.TGE = 1 or HCR_EL2.IMO = 1, else EL1;
//   EL2 target from EL0/EL1: taken whatever PSTATE.I; current EL, or EL1 from EL0: taken iff PSTATE.I = 0;
//   a target below the current EL: never.
// Entry: ELR = the first instruction not executed, SPSR = PSTATE before, no ESR write, DAIF all set,
// vector = VBAR + group (0x000 SP0, 0x200 SPx, 0x400 lower AArch64) + 0x80.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SR } from '../../src/arch/sysreg-table.ts';
import type { Cpu } from '../../src/cpu/cpu.ts';
import { fiqTarget, irqTarget } from '../../src/cpu/interrupt.ts';
import { PC } from '../../src/cpu/state.ts';
import { writeNzcv } from '../../src/cpu/pstate.ts';
import { CODE, makeCpu, step } from '../helpers/cpu.ts';

const RW = 1n << 31n;
const IMO = 1n << 4n;
const TGE = 1n << 27n;
const FMO = 1n << 3n;
const VBAR1 = 0x4010_0000n;
const VBAR2 = 0x4020_0000n;
const NOP = 0xd503201f;
const SENTINEL = 0x1234_5678n;

/** A CPU at `el` (EL0t, EL1h or EL2h unless spsel says otherwise) with HCR_EL2 = hcr and PSTATE.I = i. */
function at(el: 0 | 1 | 2, hcr: bigint, i: 0 | 1, words = [NOP, NOP, NOP], spsel = el === 0 ? 0 : 1): Cpu {
  const c = makeCpu(words);
  c.sr[SR.HCR_EL2] = RW | hcr;
  c.sr[SR.VBAR_EL1] = VBAR1;
  c.sr[SR.VBAR_EL2] = VBAR2;
  c.sr[SR.ESR_EL1] = SENTINEL;
  c.sr[SR.ESR_EL2] = SENTINEL;
  c.setElSp(el, spsel);
  c.daif = 0x340 | (i << 7); // D, A, F set; I as asked
  return c;
}

test('routing and masking: EL0/EL1/EL2 × HCR_EL2.IMO × TGE × PSTATE.I', () => {
  // [EL, IMO, TGE, I] → target EL (-1: not taken). EL1 with TGE = 1 cannot execute (a return there is illegal).
  const table: [0 | 1 | 2, 0 | 1, 0 | 1, 0 | 1, number][] = [
    [0, 0, 0, 0, 1], [0, 0, 0, 1, -1], // to EL1, masked by I
    [0, 1, 0, 0, 2], [0, 1, 0, 1, 2], // to EL2, I ignored
    [0, 0, 1, 0, 2], [0, 0, 1, 1, 2], // TGE: to EL2, I ignored
    [0, 1, 1, 0, 2], [0, 1, 1, 1, 2],
    [1, 0, 0, 0, 1], [1, 0, 0, 1, -1], // EL1 target at EL1: masked by I
    [1, 1, 0, 0, 2], [1, 1, 0, 1, 2], // to EL2 from EL1, I ignored
    [2, 0, 0, 0, -1], [2, 0, 0, 1, -1], // IMO = 0 at EL2: for EL1, never taken at EL2
    [2, 1, 0, 0, 2], [2, 1, 0, 1, -1], // at EL2: masked by I
    [2, 0, 1, 0, 2], [2, 0, 1, 1, -1], // TGE behaves as IMO = 1
    [2, 1, 1, 0, 2], [2, 1, 1, 1, -1],
  ];
  for (const [el, imo, tge, i, want] of table) {
    const c = at(el, (imo ? IMO : 0n) | (tge ? TGE : 0n), i);
    assert.equal(irqTarget(c), want, `EL${el} IMO=${imo} TGE=${tge} I=${i}`);
    c.setIrqLine(true); // the GIC asserts the physical IRQ line
    assert.equal(c.takeInterrupt(), want >= 0);
    if (want >= 0) assert.equal(c.el, want);
  }
});

test('IRQ entry from EL1 to EL2: ELR = next instruction, SPSR = old PSTATE, no ESR, vector +0x480, DAIF masked', () => {
  const c = at(1, IMO, 1);
  writeNzcv(c, 0x6000_0000); // Z, C
  step(c, 1); // one NOP: PC = CODE + 4
  c.setIrqLine(true); // the GIC asserts the physical IRQ line
  assert.equal(c.takeInterrupt(), true);
  assert.equal(c.el, 2);
  assert.equal(c.sr[SR.ELR_EL2], BigInt(CODE + 4));
  assert.equal(c.sr[SR.SPSR_EL2], 0x6000_03c5n, 'NZCV 0110, D A I F set (I was 1), EL1h');
  assert.equal(c.sr[SR.ESR_EL2], SENTINEL, 'an IRQ has no syndrome');
  assert.equal(c.x[PC], VBAR2 + 0x480n);
  assert.equal(c.daif, 0x3c0);
  assert.equal(c.spsel, 1);
});

test('IRQ entry at the current EL: +0x280 with SP_ELx, +0x080 with SP_EL0; from EL0 to EL1 +0x480', () => {
  const spx = at(2, IMO, 0);
  spx.setIrqLine(true); // the GIC asserts the physical IRQ line
  spx.takeInterrupt();
  assert.equal(spx.x[PC], VBAR2 + 0x280n);
  assert.equal(spx.sr[SR.SPSR_EL2], 0x349n, 'D A F set, I clear, EL2h');
  assert.equal(spx.sr[SR.ELR_EL2], BigInt(CODE));
  const sp0 = at(2, IMO, 0, [NOP], 0);
  sp0.setIrqLine(true); // the GIC asserts the physical IRQ line
  sp0.takeInterrupt();
  assert.equal(sp0.x[PC], VBAR2 + 0x080n);
  assert.equal(sp0.sr[SR.SPSR_EL2], 0x348n, 'EL2t');
  const el0 = at(0, 0n, 0);
  el0.setIrqLine(true); // the GIC asserts the physical IRQ line
  el0.takeInterrupt();
  assert.equal([el0.el, el0.x[PC], el0.sr[SR.SPSR_EL1], el0.sr[SR.ESR_EL1]].join(), [1, VBAR1 + 0x480n, 0x340n, SENTINEL].join());
});

test('the run loop takes an asserted IRQ before the next instruction; the entry is not an instruction', () => {
  const c = at(1, IMO, 1);
  c.mem.writeU32(Number(VBAR2) + 0x480, NOP);
  step(c, 1);
  c.setIrqLine(true);
  step(c, 1); // the IRQ, then the NOP at the vector
  assert.equal(c.sr[SR.ELR_EL2], BigInt(CODE + 4));
  assert.equal(c.x[PC], VBAR2 + 0x484n);
  assert.equal(c.icount, 2);
});

test('MSR DAIFClr unmasks an IRQ that was pending at EL2: taken before the next instruction', () => {
  // msr daifclr, #2 (d50342ff) ; nop ; nop
  const c = at(2, IMO, 1, [0xd50342ff, NOP, NOP]);
  c.mem.writeU32(Number(VBAR2) + 0x280, NOP);
  c.setIrqLine(true);
  step(c, 2); // DAIFClr, then the IRQ and the NOP at the vector
  assert.equal(c.sr[SR.ELR_EL2], BigInt(CODE + 4));
  assert.equal(c.sr[SR.SPSR_EL2], 0x349n);
  assert.equal(c.x[PC], VBAR2 + 0x284n);
  // msr daif, x0 (d51b4220) with x0 = 0 also unmasks
  const d = at(2, IMO, 1, [0xd51b4220, NOP]);
  d.mem.writeU32(Number(VBAR2) + 0x280, NOP);
  d.x[0] = 0n;
  d.setIrqLine(true);
  step(d, 2);
  assert.equal(d.sr[SR.ELR_EL2], BigInt(CODE + 4));
});

// Physical FIQ (a GICv3 signals Group 0 as FIQ): the same rules with HCR_EL2.FMO and PSTATE.F, vector +0x100
// (J1.1 AArch64.TakePhysicalFIQException).

/** As `at`, with PSTATE.F = f and D, A, I set. */
function atF(el: 0 | 1 | 2, hcr: bigint, f: 0 | 1, words = [NOP, NOP, NOP]): Cpu {
  const c = at(el, hcr, 1, words);
  c.daif = 0x380 | (f << 6);
  return c;
}

test('FIQ routing and masking: EL0/EL1/EL2 × HCR_EL2.FMO × TGE × PSTATE.F; IMO does not route it', () => {
  const table: [0 | 1 | 2, 0 | 1, 0 | 1, 0 | 1, number][] = [
    [0, 0, 0, 0, 1], [0, 0, 0, 1, -1], [0, 1, 0, 0, 2], [0, 1, 0, 1, 2], [0, 0, 1, 0, 2], [0, 0, 1, 1, 2],
    [1, 0, 0, 0, 1], [1, 0, 0, 1, -1], [1, 1, 0, 0, 2], [1, 1, 0, 1, 2],
    [2, 0, 0, 0, -1], [2, 0, 0, 1, -1], [2, 1, 0, 0, 2], [2, 1, 0, 1, -1], [2, 0, 1, 0, 2], [2, 0, 1, 1, -1],
  ];
  for (const [el, fmo, tge, f, want] of table) {
    const c = atF(el, (fmo ? FMO : 0n) | (tge ? TGE : 0n) | IMO * BigInt(1 - fmo), f); // IMO set where FMO is not
    assert.equal(fiqTarget(c), want, `EL${el} FMO=${fmo} TGE=${tge} F=${f}`);
    c.setFiqLine(true);
    assert.equal(c.takeInterrupt(), want >= 0);
    if (want >= 0) assert.equal([c.el, c.x[PC]! & 0x7ffn].join(), [want, (c.el > el ? 0x400n : 0x200n) + 0x100n].join());
  }
});

test('FIQ entry from EL1 to EL2: +0x500, SPSR = old PSTATE, no ESR, DAIF all set; a pending FIQ goes before an IRQ', () => {
  const c = atF(1, FMO | IMO, 0);
  step(c, 1);
  c.setIrqLine(true);
  c.setFiqLine(true);
  assert.equal(c.takeInterrupt(), true);
  assert.equal(c.x[PC], VBAR2 + 0x500n, 'the FIQ vector (QEMU takes FIQ before IRQ)');
  assert.equal(c.sr[SR.ELR_EL2], BigInt(CODE + 4));
  assert.equal(c.sr[SR.SPSR_EL2], 0x385n, 'D A I set, F clear, EL1h');
  assert.equal(c.sr[SR.ESR_EL2], SENTINEL);
  assert.equal(c.daif, 0x3c0);
});

test('ISR_EL1.F shows the physical FIQ line (at EL2, and at EL1 with FMO = 0); with FMO = 1 at EL1, HCR_EL2.VF', () => {
  const MRS_ISR = 0xd538c100; // mrs x0, isr_el1
  const read = (el: 1 | 2, hcr: bigint, fiq: boolean): bigint => {
    const c = atF(el, hcr, 1, [MRS_ISR]);
    c.setFiqLine(fiq);
    step(c, 1);
    return c.x[0]! & 0x1c0n;
  };
  assert.equal(read(2, 0n, true), 0x40n);
  assert.equal(read(2, 0n, false), 0n);
  assert.equal(read(1, 0n, true), 0x40n);
  assert.equal(read(1, FMO, true), 0n, 'EL1 with FMO sees the virtual FIQ, not pending');
  assert.equal(read(1, FMO | (1n << 6n), false), 0x40n, 'HCR_EL2.VF');
});
