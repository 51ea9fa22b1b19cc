// Exception generation, entry and return, checked bit for bit against values worked out from the Arm ARM
// (J1.1 AArch64.TakeException / ExceptionReturn, J1.3 IllegalExceptionReturn, ARCH-NOTES §13).
// ESR_ELx = EC << 26 | IL (bit 25, always 1 from A64) | ISS. SPSR = N Z C V (31:28) | SS (21) | IL (20) |
// D A I F (9:6) | M[3:0] = EL << 2 | SPSel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SR } from '../../src/arch/sysreg-table.ts';
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { PhysMemory } from '../../src/memory/phys.ts';
import { readNzcv, writeNzcv } from '../../src/cpu/pstate.ts';
import { SP, SP_EL0, SP_EL1, SP_EL2 } from '../../src/cpu/state.ts';
import { CODE, makeCpu, pc, step } from '../helpers/cpu.ts';

const VBAR1 = 0x4010_0000n;
const VBAR2 = 0x4020_0000n;
const C = BigInt(CODE);
const RW = 1n << 31n; // HCR_EL2.RW
const TGE = 1n << 27n; // HCR_EL2.TGE
const TSC = 1n << 19n; // HCR_EL2.TSC
const HCD = 1n << 29n; // HCR_EL2.HCD

// Hand encodings (checked against GNU as): SVC/HVC/SMC = 11010100 000 imm16 000 01/10/11,
// BRK = 11010100 001 imm16 000 00, HLT = 11010100 010 imm16 000 00, ERET = 0xd69f03e0.
const SVC_1234 = 0xd4024681; // svc #0x1234
const HVC_5 = 0xd40000a2; // hvc #5
const SMC_7 = 0xd40000e3; // smc #7
const BRK_42 = 0xd4200840; // brk #0x42
const HLT_F000 = 0xd45e0000; // hlt #0xf000
const ERET = 0xd69f03e0; // eret
const NOP = 0xd503201f; // nop (filler, never executed)
const B_SELF = 0x14000000; // b .

/**
 * A CPU at `el` (SPSel `spsel`) with distinct banked SPs, HCR_EL2 = `hcr` and vectors in RAM that hold `b .`, so
 * that a run which takes a fetch-time exception and then executes one instruction stays at the vector.
 */
function cpuAt(words: readonly number[], el: number, spsel: number, hcr: bigint): Cpu {
  const c = makeCpu(words);
  for (const base of [VBAR1, VBAR2]) for (const off of [0n, 0x200n, 0x400n, 0x600n]) c.mem.writeU32(Number(base + off), B_SELF);
  c.sr[SR.VBAR_EL1] = VBAR1;
  c.sr[SR.VBAR_EL2] = VBAR2;
  c.sr[SR.HCR_EL2] = hcr;
  c.x[SP] = 0x4030_2000n; // EL2h at reset: this is SP_EL2
  c.x[SP_EL0] = 0x4030_0000n;
  c.x[SP_EL1] = 0x4030_1000n;
  c.setElSp(el, spsel);
  return c;
}

function esr(c: Cpu, el: number): bigint {
  return c.sr[el === 2 ? SR.ESR_EL2 : SR.ESR_EL1]!;
}
function elr(c: Cpu, el: number): bigint {
  return c.sr[el === 2 ? SR.ELR_EL2 : SR.ELR_EL1]!;
}
function spsr(c: Cpu, el: number): bigint {
  return c.sr[el === 2 ? SR.SPSR_EL2 : SR.SPSR_EL1]!;
}

/** PSTATE right after any exception entry: target EL, SP_ELx selected, DAIF = 1111, IL = SS = 0. */
function assertEntered(c: Cpu, el: number, vector: bigint): void {
  assert.equal(c.el, el);
  assert.equal(c.spsel, 1);
  assert.equal(c.daif, 0x3c0);
  assert.equal(c.il, 0);
  assert.equal(c.ss, 0);
  assert.equal(pc(c), vector);
  assert.equal(c.x[SP], el === 2 ? 0x4030_2000n : 0x4030_1000n); // SP_ELx became the active SP
}

test('SVC #0x1234 at EL0 goes to EL1 (lower AArch64, +0x400) with ELR = next instruction', () => {
  const c = cpuAt([SVC_1234], 0, 0, RW);
  writeNzcv(c, 0xa000_0000); // N=1 C=1
  c.daif = 0x280; // D=1 I=1
  step(c);
  assertEntered(c, 1, VBAR1 + 0x400n);
  assert.equal(esr(c, 1), 0x5600_1234n); // EC 0x15, IL, imm16
  assert.equal(elr(c, 1), C + 4n);
  assert.equal(spsr(c, 1), 0xa000_0280n); // NZCV=1010, D I, EL0t
  assert.equal(c.x[SP_EL0], 0x4030_0000n); // EL0's SP stays banked
  assert.equal(readNzcv(c), 0xa000_0000); // flags are not changed by exception entry
});

test('SVC at EL0 with HCR_EL2.TGE=1 goes to EL2 (+0x400 with RW=1)', () => {
  const c = cpuAt([SVC_1234], 0, 0, RW | TGE);
  step(c);
  assertEntered(c, 2, VBAR2 + 0x400n);
  assert.equal(esr(c, 2), 0x5600_1234n);
  assert.equal(elr(c, 2), C + 4n);
  assert.equal(spsr(c, 2), 0x3c0n); // EL0t, flags clear, DAIF masked as at reset
  assert.equal(esr(c, 1), 0n); // nothing written at EL1
});

test('vector groups: current EL with SP_EL0 (+0x000), with SP_ELx (+0x200), lower AArch64 (+0x400)', () => {
  const sp0 = cpuAt([SVC_1234], 1, 0, RW); // EL1t
  step(sp0);
  assertEntered(sp0, 1, VBAR1 + 0x000n);
  assert.equal(spsr(sp0, 1), 0x3c4n); // EL1t (M=0b0100), DAIF masked as at reset
  const spx = cpuAt([SVC_1234], 1, 1, RW); // EL1h
  step(spx);
  assertEntered(spx, 1, VBAR1 + 0x200n);
  assert.equal(spsr(spx, 1), 0x3c5n); // EL1h
  const lower64 = cpuAt([HVC_5], 1, 1, RW);
  step(lower64);
  assertEntered(lower64, 2, VBAR2 + 0x400n);
  const el2t = cpuAt([BRK_42], 2, 0, RW); // EL2t: current EL with SP_EL0
  step(el2t);
  assertEntered(el2t, 2, VBAR2 + 0x000n);
  assert.equal(spsr(el2t, 2), 0x3c8n); // EL2t (M=0b1000)
});

test('HVC #5 from EL1 goes to EL2 with EC 0x16 and ELR = next instruction', () => {
  const c = cpuAt([HVC_5], 1, 1, RW);
  writeNzcv(c, 0x6000_0000); // Z=1 C=1
  c.daif = 0x040; // F only
  step(c);
  assertEntered(c, 2, VBAR2 + 0x400n);
  assert.equal(esr(c, 2), 0x5a00_0005n);
  assert.equal(elr(c, 2), C + 4n);
  assert.equal(spsr(c, 2), 0x6000_0045n); // Z C, F, EL1h
});

test('HVC at EL2 is taken to EL2 (+0x200)', () => {
  const c = cpuAt([HVC_5], 2, 1, RW);
  step(c);
  assertEntered(c, 2, VBAR2 + 0x200n);
  assert.equal(esr(c, 2), 0x5a00_0005n);
  assert.equal(elr(c, 2), C + 4n);
  assert.equal(spsr(c, 2), 0x3c9n); // EL2h as at reset
});

test('HVC is UNDEFINED at EL0, and at EL1 and EL2 when HCR_EL2.HCD=1 (no EL3)', () => {
  const el0 = cpuAt([HVC_5], 0, 0, RW);
  step(el0);
  assertEntered(el0, 1, VBAR1 + 0x400n);
  assert.equal(esr(el0, 1), 0x0200_0000n); // EC 0x00, IL=1, ISS 0
  assert.equal(elr(el0, 1), C); // UNDEFINED: ELR = the instruction
  const el1 = cpuAt([HVC_5], 1, 1, RW | HCD);
  step(el1);
  assertEntered(el1, 1, VBAR1 + 0x200n); // "taken to the EL at which the HVC is executed"
  assert.equal(esr(el1, 1), 0x0200_0000n);
  assert.equal(elr(el1, 1), C);
  const el2 = cpuAt([HVC_5], 2, 1, RW | HCD);
  step(el2);
  assertEntered(el2, 2, VBAR2 + 0x200n);
  assert.equal(esr(el2, 2), 0x0200_0000n);
  assert.equal(elr(el2, 2), C);
});

test('SMC at EL1 with HCR_EL2.TSC=1 traps to EL2 with EC 0x17 and ELR = the SMC itself', () => {
  const c = cpuAt([SMC_7], 1, 1, RW | TSC);
  let called = false;
  c.hooks = { hlt: () => false, smc: () => (called = true) };
  step(c);
  assertEntered(c, 2, VBAR2 + 0x400n);
  assert.equal(esr(c, 2), 0x5e00_0007n);
  assert.equal(elr(c, 2), C);
  assert.equal(spsr(c, 2), 0x3c5n);
  assert.equal(called, false);
});

test('SMC not trapped calls the firmware hook (PSCI) and continues; UNDEFINED when declined and at EL0', () => {
  const c = cpuAt([SMC_7], 1, 1, RW);
  let imm = -1;
  c.hooks = { hlt: () => false, smc: (_c, i) => ((imm = i), true) };
  step(c);
  assert.equal(imm, 7);
  assert.equal(c.el, 1);
  assert.equal(pc(c), C + 4n);
  const el2 = cpuAt([SMC_7], 2, 1, RW | TSC); // TSC only traps EL1
  el2.hooks = { hlt: () => false, smc: () => true };
  step(el2);
  assert.equal(el2.el, 2);
  assert.equal(pc(el2), C + 4n);
  const declined = cpuAt([SMC_7], 1, 1, RW);
  step(declined); // default hooks decline
  assertEntered(declined, 1, VBAR1 + 0x200n);
  assert.equal(esr(declined, 1), 0x0200_0000n);
  assert.equal(elr(declined, 1), C);
  const el0 = cpuAt([SMC_7], 0, 0, RW);
  el0.hooks = { hlt: () => false, smc: () => true };
  step(el0);
  assertEntered(el0, 1, VBAR1 + 0x400n);
  assert.equal(esr(el0, 1), 0x0200_0000n);
});

test('BRK #0x42: EC 0x3C, ELR = the BRK, routed to EL2 from EL0 under TGE', () => {
  const el2 = cpuAt([BRK_42], 2, 1, RW);
  step(el2);
  assertEntered(el2, 2, VBAR2 + 0x200n);
  assert.equal(esr(el2, 2), 0xf200_0042n);
  assert.equal(elr(el2, 2), C);
  const el1 = cpuAt([BRK_42], 1, 1, RW);
  step(el1);
  assertEntered(el1, 1, VBAR1 + 0x200n);
  assert.equal(esr(el1, 1), 0xf200_0042n);
  const el0 = cpuAt([BRK_42], 0, 0, RW);
  step(el0);
  assertEntered(el0, 1, VBAR1 + 0x400n);
  const tge = cpuAt([BRK_42], 0, 0, RW | TGE);
  step(tge);
  assertEntered(tge, 2, VBAR2 + 0x400n);
  assert.equal(esr(tge, 2), 0xf200_0042n);
  assert.equal(elr(tge, 2), C);
});

test('HLT: semihosting hook first, otherwise UNDEFINED (no halting debug)', () => {
  const c = cpuAt([HLT_F000], 2, 1, RW);
  let imm = -1;
  c.hooks = { hlt: (_c, i) => ((imm = i), true), smc: () => false };
  step(c);
  assert.equal(imm, 0xf000);
  assert.equal(pc(c), C + 4n);
  const u = cpuAt([HLT_F000], 2, 1, RW);
  step(u);
  assertEntered(u, 2, VBAR2 + 0x200n);
  assert.equal(esr(u, 2), 0x0200_0000n);
  assert.equal(elr(u, 2), C);
});

test('DCPS1-3, DRPS and the unallocated rest of the exception-generation space are UNDEFINED', () => {
  // dcps1/2/3, drps, svc with op2=001, brk with op2=001, opc=011 (TCANCEL, not in v8.0), opc=110, opc=111,
  // ERETAA (FEAT_PAuth)
  for (const w of [0xd4a00001, 0xd4a00002, 0xd4a00003, 0xd6bf03e0, 0xd4000005, 0xd4200004, 0xd4600000, 0xd4c00000, 0xd4e00000, 0xd69f0bff]) {
    const c = cpuAt([w], 2, 1, RW);
    step(c);
    assertEntered(c, 2, VBAR2 + 0x200n);
    assert.equal(esr(c, 2), 0x0200_0000n, w.toString(16));
    assert.equal(elr(c, 2), C);
  }
});

test('exceptions that report no address leave FAR_ELx unchanged (QEMU D8)', () => {
  const c = cpuAt([SVC_1234], 2, 1, RW);
  c.sr[SR.FAR_EL2] = 0x1234_5678n;
  step(c);
  assert.equal(c.sr[SR.FAR_EL2], 0x1234_5678n);
});

/** A CPU about to ERET from `el` with SPSR/ELR of that EL set. */
function eretFrom(el: number, spsrVal: bigint, hcr: bigint, target = C + 0x100n): Cpu {
  const c = cpuAt([ERET], el, 1, hcr);
  c.sr[el === 2 ? SR.SPSR_EL2 : SR.SPSR_EL1] = spsrVal;
  c.sr[el === 2 ? SR.ELR_EL2 : SR.ELR_EL1] = target;
  return c;
}

test('ERET to EL1h with HCR_EL2.RW=1 restores PSTATE and SP_EL1', () => {
  const c = eretFrom(2, 0x9000_0145n, RW); // N V, A F, EL1h
  step(c);
  assert.equal(c.el, 1);
  assert.equal(c.spsel, 1);
  assert.equal(c.il, 0);
  assert.equal(c.daif, 0x140);
  assert.equal(readNzcv(c), 0x9000_0000);
  assert.equal(pc(c), C + 0x100n);
  assert.equal(c.x[SP], 0x4030_1000n);
  assert.equal(c.x[SP_EL2], 0x4030_2000n); // EL2's SP was banked
});

test('ERET to EL0t from EL1 selects SP_EL0', () => {
  const c = eretFrom(1, 0x0n, RW);
  step(c);
  assert.equal(c.el, 0);
  assert.equal(c.x[SP], 0x4030_0000n);
  assert.equal(c.daif, 0);
  assert.equal(pc(c), C + 0x100n);
});

/**
 * An illegal return: PC ← ELR, NZCV and DAIF from SPSR, EL/SP unchanged, PSTATE.IL=1; the next instruction takes
 * EC 0x0E to the current EL, with ELR = that instruction and SPSR.IL = 1.
 */
function assertIllegalReturn(c: Cpu, fromEl: number, spsel: number): void {
  const target = C + 0x100n;
  step(c); // the ERET
  assert.equal(c.el, fromEl);
  assert.equal(c.spsel, spsel);
  assert.equal(c.il, 1);
  assert.equal(pc(c), target);
  assert.equal(readNzcv(c), 0x5000_0000); // SPSR's Z V
  assert.equal(c.daif, 0x100); // SPSR's A
  step(c); // the instruction at ELR is not executed: Illegal Execution state
  const vbar = fromEl === 2 ? VBAR2 : VBAR1;
  assertEntered(c, fromEl, vbar + (spsel ? 0x200n : 0n));
  assert.equal(esr(c, fromEl), 0x3a00_0000n); // EC 0x0E, IL=1, ISS 0
  assert.equal(elr(c, fromEl), target);
  assert.equal(spsr(c, fromEl), 0x5010_0100n | BigInt((fromEl << 2) | spsel)); // IL (bit 20) saved as 1
}

test('HCR_EL2.RW is RAO/WI (EL1 is AArch64-only): MSR of 0 reads back RW = 1; ERET to EL1 and EL0 stays legal, and their exceptions use +0x400', () => {
  const MSR_HCR_X0 = 0xd51c1100; // msr hcr_el2, x0
  const MRS_X1_HCR = 0xd53c1101; // mrs x1, hcr_el2
  const c = cpuAt([MSR_HCR_X0, MRS_X1_HCR, ERET], 2, 1, RW);
  c.x[0] = 0n;
  c.sr[SR.SPSR_EL2] = 0x3c5n; // EL1h
  c.sr[SR.ELR_EL2] = C + 0x100n;
  c.mem.writeU32(CODE + 0x100, HVC_5);
  step(c, 3);
  assert.equal(c.x[1], RW);
  assert.equal(c.el, 1); // legal: EL1 cannot be AArch32, whatever was written to RW
  step(c);
  assertEntered(c, 2, VBAR2 + 0x400n); // ELUsingAArch32(EL1) is FALSE: the AArch64 group
  const el0 = cpuAt([MSR_HCR_X0, ERET], 2, 1, RW);
  el0.x[0] = TGE; // the design note's `MOV x0, #(1 << 27); MSR HCR_EL2, x0`
  el0.sr[SR.SPSR_EL2] = 0n; // EL0t
  el0.sr[SR.ELR_EL2] = C + 0x100n;
  el0.mem.writeU32(CODE + 0x100, SVC_1234);
  step(el0, 3);
  assertEntered(el0, 2, VBAR2 + 0x400n); // QEMU, whose A57 keeps RW = 0, uses +0x600 (DEVIATIONS.md A1)
  assert.equal(esr(el0, 2), 0x5600_1234n);
});

test('ERET to EL1 with HCR_EL2.TGE=1 is an illegal return', () => {
  assertIllegalReturn(eretFrom(2, 0x5000_0105n, RW | TGE), 2, 1);
});

test('ERET to EL0 with SPSR.M[0]=1 is an illegal return', () => {
  assertIllegalReturn(eretFrom(2, 0x5000_0101n, RW), 2, 1);
  assertIllegalReturn(eretFrom(1, 0x5000_0101n, RW), 1, 1);
});

test('ERET with M[1]=1, to EL3, or to a higher EL is an illegal return', () => {
  assertIllegalReturn(eretFrom(2, 0x5000_0107n, RW), 2, 1); // M = 0b0111: M[1] set
  assertIllegalReturn(eretFrom(2, 0x5000_010dn, RW), 2, 1); // EL3h: not implemented
  assertIllegalReturn(eretFrom(1, 0x5000_0109n, RW), 1, 1); // EL2h from EL1
});

test('ERET to any AArch32 mode is illegal: no EL implements AArch32 (ID_AA64PFR0_EL1.EL0..EL2 = 1), so the context takes EC 0x0E itself', () => {
  for (const mode of [0x10n, 0x11n, 0x12n, 0x13n, 0x17n, 0x1bn, 0x1fn, 0x1an, 0x16n, 0x15n]) {
    assertIllegalReturn(eretFrom(2, 0x5000_0100n | mode, RW), 2, 1); // User … System, Hyp, Monitor, not a mode
    assertIllegalReturn(eretFrom(1, 0x5000_0100n | mode, RW), 1, 1); // from a VM's EL1: its own vector
  }
  // A32 (T = 0) with an ELR that is not word aligned: PC = ELR, so the PC alignment fault comes first
  const a32 = eretFrom(1, 0x10n, RW, C + 0x102n);
  step(a32, 2);
  assertEntered(a32, 1, VBAR1 + 0x200n);
  assert.equal(esr(a32, 1), 0x8a00_0000n);
});

test('the CPU refuses a profile that advertises AArch32, which it does not execute (test/arch/profiles.test.ts: none does)', () => {
  const a57Qemu = { ...CORTEX_A57, id: { ...CORTEX_A57.id, aa64pfr0: 0x222n } };
  assert.throws(() => new Cpu(a57Qemu, new PhysMemory(0x4000_0000, 1 << 20)), /advertises AArch32/);
});

test('ERET with SPSR.IL=1 (legal) sets PSTATE.IL, so the next instruction takes EC 0x0E at the new EL', () => {
  const c = eretFrom(2, 0x0010_0005n, RW); // EL1h, IL
  step(c);
  assert.equal(c.el, 1);
  assert.equal(c.il, 1);
  step(c);
  assertEntered(c, 1, VBAR1 + 0x200n);
  assert.equal(esr(c, 1), 0x3a00_0000n);
  assert.equal(elr(c, 1), C + 0x100n);
  assert.equal(spsr(c, 1), 0x0010_0005n);
});

test('ERET at EL0 is UNDEFINED', () => {
  const c = cpuAt([ERET], 0, 0, RW);
  step(c);
  assertEntered(c, 1, VBAR1 + 0x400n);
  assert.equal(esr(c, 1), 0x0200_0000n);
  assert.equal(elr(c, 1), C);
});

test('ERET removes a tag from ELR when TBI applies (AArch64.BranchAddr)', () => {
  const c = eretFrom(2, 0x5n, RW, 0xab00_0000_4008_0100n);
  c.sr[SR.TCR_EL1] = 1n << 37n; // TBI0
  step(c);
  assert.equal(c.el, 1);
  assert.equal(pc(c), 0x4008_0100n); // bit 55 = 0: the tag byte becomes 0x00
});

test('PC alignment fault: EC 0x22, FAR and ELR = the misaligned PC', () => {
  const br = 0xd61f00e0; // br x7
  const c = cpuAt([br], 2, 1, RW);
  c.x[7] = C + 0x102n;
  step(c);
  assert.equal(pc(c), C + 0x102n);
  step(c);
  assertEntered(c, 2, VBAR2 + 0x200n);
  assert.equal(esr(c, 2), 0x8a00_0000n);
  assert.equal(elr(c, 2), C + 0x102n);
  assert.equal(c.sr[SR.FAR_EL2], C + 0x102n);
  const el0 = cpuAt([br], 0, 0, RW);
  el0.x[7] = C + 0x101n;
  step(el0, 2);
  assertEntered(el0, 1, VBAR1 + 0x400n);
  assert.equal(esr(el0, 1), 0x8a00_0000n);
  assert.equal(el0.sr[SR.FAR_EL1], C + 0x101n);
  assert.equal(elr(el0, 1), C + 0x101n);
});

test('a PC alignment fault has priority over the Illegal Execution state exception', () => {
  const c = eretFrom(2, 0x5n, RW | TGE, C + 0x102n); // illegal (EL1 under TGE) to a misaligned ELR
  step(c);
  assert.equal(c.il, 1);
  step(c);
  assert.equal(esr(c, 2), 0x8a00_0000n);
  assert.equal(elr(c, 2), C + 0x102n);
  assert.equal(spsr(c, 2) & (1n << 20n), 1n << 20n); // IL still set when the alignment fault was taken
});

test('instruction abort on a fetch from no memory: EC 0x21, IFSC 0x10, ELR = FAR = the fetched address', () => {
  const c = cpuAt([0xd61f00e0], 2, 1, RW); // br x7
  c.x[7] = 0x1000_0000n; // no RAM there (RAM starts at 0x4000_0000), MMU off
  step(c, 2);
  assertEntered(c, 2, VBAR2 + 0x200n);
  assert.equal(esr(c, 2), 0x8600_0010n);
  assert.equal(elr(c, 2), 0x1000_0000n);
  assert.equal(c.sr[SR.FAR_EL2], 0x1000_0000n);
});

test('ERET into EL1 code, then an SVC there, lands at VBAR_EL1 + 0x200', () => {
  // End-to-end: EL2 ERETs to EL1 code that does SVC; the SVC lands at VBAR_EL1 + 0x200 with ELR after the SVC.
  const c = cpuAt([ERET, NOP, SVC_1234], 2, 1, RW);
  c.sr[SR.SPSR_EL2] = 0x3c5n;
  c.sr[SR.ELR_EL2] = C + 8n;
  step(c, 2);
  assertEntered(c, 1, VBAR1 + 0x200n);
  assert.equal(elr(c, 1), C + 12n);
  assert.equal(spsr(c, 1), 0x3c5n);
});
