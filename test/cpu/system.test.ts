// System instructions: MSR/MRS with masks and traps, MSR (immediate), hints, SYS (TLBI/AT/DC/IC), FP traps.
// Every word is hand-encoded (MRS = 0xd5300000 | o0<<19 | op1<<16 | CRn<<12 | CRm<<8 | op2<<5 | Rt, MSR =
// 0xd5100000 | …, SYS = 0xd5080000 | …, MSR imm = 0xd5004000 | op1<<16 | CRm<<8 | op2<<5 | 31) and every ESR
// is worked out by hand: EC<<26 | IL(1<<25) | ISS, with the EC 0x18 ISS = Op0<<20 | Op2<<17 | Op1<<14 |
// CRn<<10 | Rt<<5 | CRm<<1 | Dir (ARCH-NOTES §7e).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SR } from '../../src/arch/sysreg-table.ts';
import type { Cpu } from '../../src/cpu/cpu.ts';
import { readNzcv } from '../../src/cpu/pstate.ts';
import { SP, SP_EL0, SP_EL1 } from '../../src/cpu/state.ts';
import { CODE, makeCpu, pc, step } from '../helpers/cpu.ts';
import { AF, AP_RW_EL1, MAIR_NORMAL0_DEVICE1, S2_DEVICE, S2_NORMAL_WB, S2AP_RO, S2AP_RW, Tables, TCR_4K_48 } from '../mmu/tables.ts';

const VBAR2 = 0x4010_0000n;
const VBAR1 = 0x4020_0000n;
const RW = 1n << 31n; // HCR_EL2.RW: EL1 is AArch64
const UNDEF = 0x0200_0000n; // EC 0x00, IL 1
const CUR_SPX = 0x200n; // vector offset: current EL with SP_ELx
const LOWER_A64 = 0x400n; // vector offset: lower EL, AArch64

/** A CPU at `el` (EL0t / EL1h / EL2h) with both vector bases set and HCR_EL2 = hcr. */
function at(el: 0 | 1 | 2, words: number[], hcr = RW): Cpu {
  const c = makeCpu(words);
  c.sr[SR.VBAR_EL2] = VBAR2;
  c.sr[SR.VBAR_EL1] = VBAR1;
  c.sr[SR.HCR_EL2] = hcr;
  c.setElSp(el, el === 0 ? 0 : 1);
  return c;
}

/** Assert an exception to `el` with ESR = esr, taken from the instruction at CODE + 4*index. */
function took(c: Cpu, el: 1 | 2, esr: bigint, offset: bigint, index = 0): void {
  assert.equal(c.el, el, 'target EL');
  const [esrIdx, elrIdx, vbar] = el === 2 ? [SR.ESR_EL2, SR.ELR_EL2, VBAR2] : [SR.ESR_EL1, SR.ELR_EL1, VBAR1];
  assert.equal(c.sr[esrIdx], esr, `ESR_EL${el} = 0x${c.sr[esrIdx]!.toString(16)}`);
  assert.equal(c.sr[elrIdx], BigInt(CODE + 4 * index), 'ELR = the trapped instruction');
  assert.equal(pc(c), vbar + offset, 'vector');
}

// --- MSR / MRS ---

test('MSR TPIDR_EL2, x1 then MRS x2, TPIDR_EL2 round-trips 64 bits', () => {
  const c = at(2, [0xd51cd041, 0xd53cd042]); // msr tpidr_el2, x1 ; mrs x2, tpidr_el2
  c.x[1] = 0xdead_beef_0123_4567n;
  step(c, 2);
  assert.equal(c.x[2], 0xdead_beef_0123_4567n);
});

test('MSR applies RES0/RES1: VTCR_EL2, VTTBR_EL2, HCR_EL2 written with all ones', () => {
  // msr vtcr_el2, x0 ; mrs x1, vtcr_el2 ; msr vttbr_el2, x0 ; mrs x2, vttbr_el2 ; msr hcr_el2, x0 ; mrs x3, hcr_el2
  const c = at(2, [0xd51c2140, 0xd53c2141, 0xd51c2100, 0xd53c2102, 0xd51c1100, 0xd53c1103]);
  c.x[0] = 0xffff_ffff_ffff_ffffn;
  step(c, 6);
  assert.equal(c.x[1], 0x8007_ffffn); // T0SZ..PS and RES1 bit 31; VS and bits 63:32 RES0 (8-bit VMID)
  assert.equal(c.x[2], 0x00ff_ffff_ffff_fffen); // VMID[15:8] and CnP RES0
  assert.equal(c.x[3], 0x3_ffff_ffffn); // HCR_EL2 bits 33:0, RW included (EL1 is AArch32-capable)
});

test('MSR of zero keeps the RES1 bits of SCTLR_EL2, TCR_EL2 and CPTR_EL2', () => {
  // msr sctlr_el2, xzr ; mrs x1, sctlr_el2 ; msr tcr_el2, xzr ; mrs x2, tcr_el2 ; msr cptr_el2, xzr ; mrs x3, cptr_el2
  const c = at(2, [0xd51c101f, 0xd53c1001, 0xd51c205f, 0xd53c2042, 0xd51c115f, 0xd53c1143]);
  step(c, 6);
  assert.equal(c.x[1], 0x30c5_0830n);
  assert.equal(c.x[2], 0x8080_0000n);
  assert.equal(c.x[3], 0x33ffn);
});

test('MRS of an unallocated encoding is UNDEFINED (S3_4_C15_C0_0 at EL2)', () => {
  const c = at(2, [0xd53cf000]); // mrs x0, s3_4_c15_c0_0
  step(c);
  took(c, 2, UNDEF, CUR_SPX);
});

test('Feature ID space: S3_0_C0_C4_2 reads as zero, S3_0_C0_C0_1 is UNDEFINED', () => {
  const c = at(2, [0xd5380440]); // mrs x0, s3_0_c0_c4_2
  c.x[0] = 5n;
  step(c);
  assert.equal(c.x[0], 0n);
  assert.equal(pc(c), BigInt(CODE + 4));
  const u = at(2, [0xd5380020]); // mrs x0, s3_0_c0_c0_1
  step(u);
  took(u, 2, UNDEF, CUR_SPX);
});

test('insufficient EL is UNDEFINED: MRS HCR_EL2 at EL1, MRS CurrentEL at EL0', () => {
  const c = at(1, [0xd53c1100]); // mrs x0, hcr_el2
  step(c);
  took(c, 1, UNDEF, CUR_SPX);
  const e = at(0, [0xd5384240]); // mrs x0, currentel
  step(e);
  took(e, 1, UNDEF, LOWER_A64);
  const ok = at(1, [0xd5384240]);
  step(ok);
  assert.equal(ok.x[0], 4n); // EL1 in bits 3:2
});

test('HCR_EL2.TVM traps MSR SCTLR_EL1, x3 at EL1: ESR_EL2 = 0x62300460', () => {
  const c = at(1, [0xd5181003], RW | (1n << 26n)); // msr sctlr_el1, x3
  step(c);
  // ISS: Op0=3 (0x300000) CRn=1 (0x400) Rt=3 (0x60) Dir=0
  took(c, 2, 0x6230_0460n, LOWER_A64);
  assert.equal(c.sr[SR.SPSR_EL2], 0x3c5n); // EL1h, DAIF masked
  assert.equal(c.sr[SR.SCTLR_EL1], 0x00c5_0838n); // not written
});

test('HCR_EL2.TRVM traps MRS x4, TTBR0_EL1 at EL1: ESR_EL2 = 0x62300881', () => {
  const c = at(1, [0xd5382004], RW | (1n << 30n));
  step(c);
  took(c, 2, 0x6230_0881n, LOWER_A64); // CRn=2 (0x800) Rt=4 (0x80) Dir=1
});

test('HCR_EL2.TID3 traps MRS x5, ID_AA64MMFR0_EL1 at EL1 (ESR 0x623000af); untrapped it reads 0x1024', () => {
  const c = at(1, [0xd5380705], RW | (1n << 18n));
  step(c);
  took(c, 2, 0x6230_00afn, LOWER_A64); // Rt=5 (0xa0) CRm=7 (0xe) Dir=1
  const u = at(1, [0xd5380705]);
  step(u);
  assert.equal(u.x[5], 0x1024n);
});

test('HCR_EL2.TID3 also traps the zero-reading ID encodings at EL1', () => {
  const c = at(1, [0xd5380440], RW | (1n << 18n)); // mrs x0, s3_0_c0_c4_2
  step(c);
  took(c, 2, 0x6234_0009n, LOWER_A64); // Op0=3 (0x300000) Op2=2 (0x40000) CRm=4 (8) Dir=1
});

test('HCR_EL2.TACR traps ACTLR_EL1 (0x62320401), TID1 traps REVIDR_EL1 (0x623c0001)', () => {
  const c = at(1, [0xd5381020], RW | (1n << 21n)); // mrs x0, actlr_el1
  step(c);
  took(c, 2, 0x6232_0401n, LOWER_A64); // Op2=1 (0x20000) CRn=1 (0x400) Dir=1
  const r = at(1, [0xd53800c0], RW | (1n << 16n)); // mrs x0, revidr_el1
  step(r);
  took(r, 2, 0x623c_0001n, LOWER_A64); // Op2=6 (0xc0000) Dir=1
});

test('the effective HCR_EL2 is used: TGE=1 (E2H=0) disables TVM', () => {
  const c = at(1, [0xd5181003], RW | (1n << 27n) | (1n << 26n)); // msr sctlr_el1, x3 with TGE|TVM
  c.x[3] = 0x1000n;
  step(c);
  assert.equal(c.el, 1);
  assert.equal(c.sr[SR.SCTLR_EL1], 0x30d0_1800n); // written, with the RES1 bits 29,28,23,22,20,11
});

test('EL1 reads of MIDR_EL1/MPIDR_EL1 return VPIDR_EL2/VMPIDR_EL2; EL2 reads the real ones', () => {
  const c = at(2, [0xd51c0001, 0xd5380000]); // msr vpidr_el2, x1 ; mrs x0, midr_el1
  c.x[1] = 0x1234_5678n;
  step(c, 2);
  assert.equal(c.x[0], 0x411f_d070n);
  const g = at(1, [0xd5380000, 0xd53800a0]); // mrs x0, midr_el1 ; mrs x0, mpidr_el1 -> x0 twice
  g.sr[SR.VPIDR_EL2] = 0x1234_5678n;
  g.sr[SR.VMPIDR_EL2] = 0x8000_0003n;
  step(g);
  assert.equal(g.x[0], 0x1234_5678n);
  step(g);
  assert.equal(g.x[0], 0x8000_0003n);
});

test('NZCV round trip: MSR NZCV, x0 then MRS x1, NZCV', () => {
  const c = at(2, [0xd51b4200, 0xd53b4201]);
  c.x[0] = 0x0000_0001_a000_ffffn;
  step(c, 2);
  assert.equal(readNzcv(c) >>> 0, 0xa000_0000);
  assert.equal(c.x[1], 0xa000_0000n);
});

test('CCSIDR_EL1 follows CSSELR_EL1 (A57 L1 D, L1 I, L2; no L3 reads 0)', () => {
  // msr csselr_el1, x0 ; mrs x1, ccsidr_el1
  const want = [0x701f_e00an, 0x201f_e012n, 0x70ff_e07an, 0n];
  [0n, 1n, 2n, 4n].forEach((sel, i) => {
    const c = at(2, [0xd51a0000, 0xd5390001]);
    c.x[0] = sel;
    step(c, 2);
    assert.equal(c.x[1], want[i], `CSSELR=${sel}`);
  });
});

test('CNTVCT_EL0 advances between reads and subtracts CNTVOFF_EL2; CNTFRQ_EL0 is 62.5 MHz', () => {
  const c = at(2, [0xd53be040, 0xd53be041, 0xd53be002]); // mrs x0, cntvct ; mrs x1, cntvct ; mrs x2, cntfrq
  step(c, 3);
  assert.ok(c.x[1]! > c.x[0]!, 'strictly increasing');
  assert.equal(c.x[2], 0x3b9_aca0n);
  const o = at(2, [0xd53be040]);
  o.sr[SR.CNTVOFF_EL2] = 1000n;
  o.icount = 5000; // as if 5000 instructions had retired
  step(o);
  assert.equal(o.x[0], 4000n);
});

test('EL0 counter and cache-type reads trap to EL1 while CNTKCTL_EL1 / SCTLR_EL1.UCT forbid them', () => {
  const c = at(0, [0xd53be040]); // mrs x0, cntvct_el0 with CNTKCTL_EL1 = 0
  step(c);
  took(c, 1, 0x6234_f801n, LOWER_A64); // Op2=2 (0x40000) Op1=3 (0xc000) CRn=14 (0x3800) Dir=1
  const ok = at(0, [0xd53b0020]); // mrs x0, ctr_el0 with UCT=1
  ok.sr[SR.SCTLR_EL1] = 0x00c5_0838n | (1n << 15n);
  step(ok);
  assert.equal(ok.x[0], 0x8444_c004n);
  const tid2 = at(1, [0xd53b0020], RW | (1n << 17n)); // HCR_EL2.TID2 traps CTR_EL0 at EL1
  step(tid2);
  took(tid2, 2, 0x6232_c001n, LOWER_A64); // Op0=3 (0x300000) Op2=1 (0x20000) Op1=3 (0xc000) Dir=1
});

test('CNTFRQ_EL0 is writable only at EL2 (the highest EL)', () => {
  const c = at(1, [0xd51be000]); // msr cntfrq_el0, x0
  step(c);
  took(c, 1, UNDEF, CUR_SPX);
});

test('HCR_EL2.TIDCP traps the IMPLEMENTATION DEFINED space at EL1 (SYS #0, C15, C0, #0, x0)', () => {
  const c = at(1, [0xd508f000], RW | (1n << 20n));
  step(c);
  took(c, 2, 0x6210_3c00n, LOWER_A64); // Op0=1 (0x100000) CRn=15 (0x3c00)
  const u = at(1, [0xd508f000]);
  step(u);
  took(u, 1, UNDEF, CUR_SPX);
});

// --- MSR (immediate), SPSel, DAIF ---

test('MSR DAIFClr/DAIFSet and MRS DAIF', () => {
  // msr daifclr, #2 ; mrs x0, daif ; msr daifclr, #0xf ; msr daifset, #1 ; mrs x1, daif
  const c = at(2, [0xd50342ff, 0xd53b4220, 0xd5034fff, 0xd50341df, 0xd53b4221]);
  step(c, 5);
  assert.equal(c.x[0], 0x340n); // I cleared
  assert.equal(c.x[1], 0x040n); // only F set
});

test('EL0 MSR DAIFSet traps to EL1 when SCTLR_EL1.UMA=0: ESR_EL1 = 0x620cd3e4', () => {
  const c = at(0, [0xd50342df]); // msr daifset, #2
  step(c);
  // Op0=0 Op2=6 (0xc0000) Op1=3 (0xc000) CRn=4 (0x1000) Rt=31 (0x3e0) CRm=2 (4) Dir=0
  took(c, 1, 0x620c_d3e4n, LOWER_A64);
  const ok = at(0, [0xd50342df]);
  ok.sr[SR.SCTLR_EL1] = 0x00c5_0838n | (1n << 9n);
  ok.daif = 0;
  step(ok);
  assert.equal(ok.daif, 0x80);
});

test('MSR SPSel switches between SP_EL0 and SP_EL2 (immediate and register forms)', () => {
  // msr spsel, #0 ; msr spsel, #1 ; msr spsel, x0 (x0 = 0)
  const c = at(2, [0xd50040bf, 0xd50041bf, 0xd5184200]);
  c.x[SP] = 0x1000n; // SP_EL2 (active)
  c.x[SP_EL0] = 0x2000n;
  step(c);
  assert.equal(c.spsel, 0);
  assert.equal(c.x[SP], 0x2000n);
  c.x[SP] = 0x2010n; // the running code moves SP_EL0
  step(c);
  assert.equal(c.x[SP], 0x1000n);
  assert.equal(c.readBankedSp(SP_EL0), 0x2010n);
  step(c);
  assert.equal(c.x[SP], 0x2010n);
});

test('MRS SP_EL0 while SP_EL0 is the current SP is UNDEFINED; MSR SP_EL1 at EL2 writes the EL1 bank', () => {
  const c = at(2, [0xd5384100]); // mrs x0, sp_el0
  c.setElSp(2, 0);
  step(c);
  assert.equal(c.sr[SR.ESR_EL2], UNDEF);
  assert.equal(pc(c), VBAR2); // current EL with SP_EL0: offset 0
  const w = at(2, [0xd51c4100]); // msr sp_el1, x0
  w.x[0] = 0x4444_0000n;
  step(w);
  assert.equal(w.readBankedSp(SP_EL1), 0x4444_0000n);
});

test('MSR SPSel and other PSTATE immediates: SPSel UNDEFINED at EL0, PAN (v8.1) UNDEFINED', () => {
  const c = at(0, [0xd50041bf]); // msr spsel, #1
  step(c);
  took(c, 1, UNDEF, LOWER_A64);
  const p = at(2, [0xd500419f]); // msr pan, #1 (op1=0, op2=4): not in v8.0
  step(p);
  took(p, 2, UNDEF, CUR_SPX);
});

// --- hints, barriers ---

test('WFI/WFE trapped by HCR_EL2.TWI/TWE from EL1: EC 0x01, CV=1, COND=0xE, TI', () => {
  const c = at(1, [0xd503207f], RW | (1n << 13n)); // wfi
  step(c);
  took(c, 2, 0x07e0_0000n, LOWER_A64);
  const e = at(1, [0xd503205f], RW | (1n << 14n)); // wfe
  step(e);
  took(e, 2, 0x07e0_0001n, LOWER_A64);
});

test('EL0 WFI traps to EL1 when SCTLR_EL1.nTWI=0; untrapped WFI just continues', () => {
  const c = at(0, [0xd503207f]);
  c.sr[SR.SCTLR_EL1] = 0x00c5_0838n & ~(1n << 16n);
  step(c);
  took(c, 1, 0x07e0_0000n, LOWER_A64);
  const n = at(2, [0xd503207f, 0xd503201f, 0xd503245f]); // wfi ; nop ; hint #0x22 (a v8.5 hint: NOP here)
  step(n, 3);
  assert.equal(pc(n), BigInt(CODE + 12));
  assert.equal(n.el, 2);
});

test('ISB, DSB, DMB and CLREX execute; CLREX clears the exclusive monitor', () => {
  const c = at(2, [0xd5033fdf, 0xd5033f9f, 0xd5033bbf, 0xd5033f5f]);
  c.exclAddr = 0x4000_1000;
  step(c, 4);
  assert.equal(pc(c), BigInt(CODE + 16));
  assert.equal(c.exclAddr, -1);
});

// --- SYS: TLBI, AT, DC, IC ---

test('TLBI legality: UNDEFINED at EL0, EL2-only operations UNDEFINED at EL1, executes at EL2', () => {
  const e0 = at(0, [0xd508871f]); // tlbi vmalle1
  step(e0);
  took(e0, 1, UNDEF, LOWER_A64);
  const e1 = at(1, [0xd50c871f]); // tlbi alle2
  step(e1);
  took(e1, 1, UNDEF, CUR_SPX);
  const e2 = at(2, [0xd50c871f, 0xd508871f, 0xd50c8020]); // tlbi alle2 ; tlbi vmalle1 ; tlbi ipas2e1is, x0
  step(e2, 3);
  assert.equal(pc(e2), BigInt(CODE + 12));
});

test('HCR_EL2.TTLB traps EL1 TLBI VMALLE1: ESR_EL2 = 0x621023ee', () => {
  const c = at(1, [0xd508871f], RW | (1n << 25n));
  step(c);
  took(c, 2, 0x6210_23een, LOWER_A64); // Op0=1 (0x100000) CRn=8 (0x2000) Rt=31 (0x3e0) CRm=7 (0xe)
});

test('AT is UNDEFINED at EL0, and AT S12E1R is UNDEFINED at EL1', () => {
  const c = at(0, [0xd5087800]); // at s1e1r, x0
  step(c);
  took(c, 1, UNDEF, LOWER_A64);
  const s12 = at(1, [0xd50c7880]); // at s12e1r, x0
  step(s12);
  took(s12, 1, UNDEF, CUR_SPX);
});

test('DC ZVA zeroes the aligned 64-byte block (EL2, stage 1 on, Normal memory)', () => {
  const c = at(2, [0xd50b7420]); // dc zva, x0
  // EL2 stage 1: TCR_EL2 T0SZ=25 (39-bit VA, start level 1, 4K), PS=44 bits; one 1 GiB block VA=PA 0x4000_0000
  c.sr[SR.TCR_EL2] = 0x8084_0019n;
  c.sr[SR.MAIR_EL2] = 0xffn; // Attr0: Normal write-back
  c.sr[SR.TTBR0_EL2] = 0x4100_0000n;
  c.mem.writeU32(0x4100_0008, 0x4000_0401); // L1[1]: block, AF=1, AttrIndx=0
  c.sr[SR.SCTLR_EL2] = 0x30c5_0831n; // M=1
  c.contextSync();
  for (let a = 0x4030_0000 - 8; a < 0x4030_0048; a += 4) c.mem.writeU32(a, 0xa5a5_a5a5);
  c.x[0] = 0x4030_0027n; // inside the block 0x4030_0000..0x4030_003f
  step(c);
  assert.equal(pc(c), BigInt(CODE + 4));
  for (let a = 0x4030_0000; a < 0x4030_0040; a += 4) assert.equal(c.mem.readU32(a), 0, `0x${a.toString(16)}`);
  assert.equal(c.mem.readU32(0x4030_0000 - 4), 0xa5a5_a5a5); // neighbours untouched
  assert.equal(c.mem.readU32(0x4030_0040), 0xa5a5_a5a5);
});

test('DC ZVA to Device memory (MMU off) takes an Alignment fault: ESR_EL2 = 0x96000061, FAR = Xt', () => {
  const c = at(2, [0xd50b7420]);
  c.x[0] = 0x4030_0027n;
  step(c);
  took(c, 2, 0x9600_0061n, CUR_SPX); // EC 0x25, DFSC 0x21, WnR=1
  assert.equal(c.sr[SR.FAR_EL2], 0x4030_0027n); // the register's address (ARM §D24.2.48), not the block's
});

test('DC ZVA through a Device mapping faults also when the host cache holds its translation (it keeps the memory type)', () => {
  // str x0, [x1] (fills the host cache's write entry of the Device page); str x0, [x2] (a Normal page, translated
  // last); dc zva, x0 (the Device page again, now a host-cache hit)
  const c = at(2, [0xf9000020, 0xf9000040, 0xd50b7420]);
  c.sr[SR.TCR_EL2] = 0x8084_0019n; // T0SZ=25, 4K, PS=44 bits
  c.sr[SR.MAIR_EL2] = 0x00ffn; // Attr0 Normal write-back, Attr1 Device-nGnRnE
  c.sr[SR.TTBR0_EL2] = 0x4100_0000n;
  c.mem.writeU32(0x4100_0008, 0x4000_0401); // L1[1]: VA 0x4000_0000 → PA 0x4000_0000, Normal
  c.mem.writeU32(0x4100_0010, 0x4000_0405); // L1[2]: VA 0x8000_0000 → PA 0x4000_0000, Device (AttrIndx 1)
  c.sr[SR.SCTLR_EL2] = 0x30c5_0831n; // M=1
  c.contextSync();
  c.x[0] = 0x8030_0010n;
  c.x[1] = 0x8030_0000n;
  c.x[2] = 0x4030_1000n;
  c.mem.writeU32(0x4030_0018, 0xa5a5_a5a5);
  step(c, 3);
  took(c, 2, 0x9600_0061n, CUR_SPX, 2); // DFSC 0x21, WnR=1
  assert.equal(c.sr[SR.FAR_EL2], 0x8030_0010n);
  assert.equal(c.mem.readU32(0x4030_0018), 0xa5a5_a5a5, 'the Device block is not zeroed');
});

test('DC ZVA to memory only stage 2 makes Device: a stage-2 Alignment fault to EL2, before its permission fault', () => {
  // EL1, stage 1 Normal (identity), stage 2: the code page RW Normal, the data page Device-nGnRnE and read-only
  const c = at(1, [0xd50b7420], RW | 1n); // dc zva, x0; HCR_EL2.VM
  const s1 = new Tables(c.mem, 12, 0, 48, 0x4100_0000);
  const s2 = new Tables(c.mem, 12, 0, 44, 0x4200_0000);
  s1.map(BigInt(CODE), BigInt(CODE), 3, AF | AP_RW_EL1);
  s1.map(0x5000_0000n, 0x5000_0000n, 3, AF | AP_RW_EL1);
  for (let a = CODE; a < CODE + 0x1000; a += 0x1000) s2.map(BigInt(a), BigInt(a), 3, AF | S2_NORMAL_WB | S2AP_RW);
  for (let a = 0x4100_0000; a < s1.next; a += 0x1000) s2.map(BigInt(a), BigInt(a), 3, AF | S2_NORMAL_WB | S2AP_RW);
  s2.map(0x5000_0000n, 0x4030_0000n, 3, AF | S2_DEVICE | S2AP_RO);
  c.sr[SR.TCR_EL1] = TCR_4K_48;
  c.sr[SR.TTBR0_EL1] = BigInt(s1.root);
  c.sr[SR.MAIR_EL1] = MAIR_NORMAL0_DEVICE1;
  c.sr[SR.SCTLR_EL1] = c.sr[SR.SCTLR_EL1]! | 1n; // M
  c.sr[SR.VTCR_EL2] = 20n | (2n << 6n) | (4n << 16n) | (1n << 31n); // 44-bit IPA, 4K, start level 0
  c.sr[SR.VTTBR_EL2] = BigInt(s2.root);
  c.mem.writeU32(0x4030_0020, 0xa5a5_a5a5);
  c.x[0] = 0x5000_0027n;
  step(c);
  took(c, 2, 0x9200_0061n, LOWER_A64); // EC 0x24 (lower EL), DFSC 0x21 (not 0x0f), WnR
  assert.equal(c.sr[SR.FAR_EL2], 0x5000_0027n);
  assert.equal(c.sr[SR.HPFAR_EL2], 0x50_0000n); // IPA[47:12] << 4
  assert.equal(c.mem.readU32(0x4030_0020), 0xa5a5_a5a5);
});

test('DC ZVA traps: HCR_EL2.TDZ at EL1 (0x6212dc08), SCTLR_EL1.DZE=0 at EL0; DCZID_EL0.DZP reports it', () => {
  const c = at(1, [0xd50b7420], RW | (1n << 28n));
  step(c);
  // Op0=1 (0x100000) Op2=1 (0x20000) Op1=3 (0xc000) CRn=7 (0x1c00) CRm=4 (8)
  took(c, 2, 0x6212_dc08n, LOWER_A64);
  const e0 = at(0, [0xd50b7420]);
  step(e0);
  took(e0, 1, 0x6212_dc08n, LOWER_A64);
  const z = at(1, [0xd53b00e0], RW | (1n << 28n)); // mrs x0, dczid_el0
  step(z);
  assert.equal(z.x[0], 0x14n); // BS=4, DZP=1
  const z2 = at(2, [0xd53b00e0]);
  step(z2);
  assert.equal(z2.x[0], 4n);
});

test('EL0 DC CIVAC traps to EL1 while SCTLR_EL1.UCI=0: ESR_EL1 = 0x6212dc1c', () => {
  const c = at(0, [0xd50b7e20]); // dc civac, x0
  step(c);
  took(c, 1, 0x6212_dc1cn, LOWER_A64); // CRm=14 (0x1c)
});

test('DC CIVAC of an address outside the PA range aborts with CM=1, WnR=1 (level 0 address size)', () => {
  const c = at(2, [0xd50b7e20]);
  c.x[0] = 1n << 44n; // ≥ 2^PARange with the MMU off
  step(c);
  took(c, 2, 0x9600_0140n, CUR_SPX); // EC 0x25, CM (0x100), WnR (0x40), DFSC 0 (address size, level 0)
});

// --- FP/SIMD traps ---

const FP_ESR = 0x1fe0_0000n; // EC 0x07, IL, CV=1, COND=0xE

test('an FP encoding outside ARMv8.0 with no trap enabled is UNDEFINED (FEAT_FP16 not implemented)', () => {
  const c = at(2, [0x1ee22820]); // fadd h0, h1, h2
  step(c);
  took(c, 2, UNDEF, CUR_SPX);
});

test('CPTR_EL2.TFP traps FP at EL2 (fadd, ldr q0, mrs fpcr): ESR_EL2 = 0x1fe00000', () => {
  for (const w of [0x1e622820, 0x3dc00020, 0xd53b4400]) {
    const c = at(2, [w]);
    c.sr[SR.CPTR_EL2] = 0x33ffn | (1n << 10n);
    step(c);
    took(c, 2, FP_ESR, CUR_SPX);
  }
});

test('CPACR_EL1.FPEN traps: 00 at EL1 -> EL1, 01 at EL0 -> EL1, 11 then CPTR_EL2.TFP -> EL2', () => {
  const c = at(1, [0x1e622820]); // CPACR_EL1 = 0
  step(c);
  took(c, 1, FP_ESR, CUR_SPX);
  const e0 = at(0, [0x1e622820]);
  e0.sr[SR.CPACR_EL1] = 1n << 20n;
  step(e0);
  took(e0, 1, FP_ESR, LOWER_A64);
  const e1 = at(1, [0x1e622820]);
  e1.sr[SR.CPACR_EL1] = 3n << 20n; // EL0/EL1 allowed ...
  e1.sr[SR.CPTR_EL2] = 1n << 10n; // ... but EL2 traps
  step(e1);
  took(e1, 2, FP_ESR, LOWER_A64);
});

test('CPACR_EL1 trap from EL0 under HCR_EL2.TGE goes to EL2 as EC 0x00', () => {
  const c = at(0, [0x1e622820], RW | (1n << 27n));
  step(c);
  took(c, 2, UNDEF, LOWER_A64);
});

test('FPCR is accessible when FP is enabled; CPTR_EL2.TCPAC traps EL1 CPACR_EL1 accesses', () => {
  const c = at(2, [0xd51b4400, 0xd53b4401]); // msr fpcr, x0 ; mrs x1, fpcr
  c.x[0] = 0xffff_ffffn;
  step(c, 2);
  assert.equal(c.x[1], 0x07f7_0000n); // AHP DN FZ RMode Stride Len; the trap enables RAZ/WI (QEMU 7.2, test/qemu/progs/fp-fpcr.S); FZ16 and later bits RES0
  const t = at(1, [0xd5181040]); // msr cpacr_el1, x0
  t.sr[SR.CPTR_EL2] = 1n << 31n;
  step(t);
  took(t, 2, 0x6234_0400n, LOWER_A64); // Op0=3 (0x300000) Op2=2 (0x40000) CRn=1 (0x400) Rt=0
});
