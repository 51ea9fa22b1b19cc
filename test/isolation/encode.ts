// A64 encodings the hostile-guest generator emits, bit by bit from the instruction pages of the Arm ARM (DDI 0487,
// C6.2). Each function returns one 32-bit word (or, for mov64, the words of a MOVZ/MOVK sequence);
// test/isolation/encode.test.ts checks every one against twostage's assembler on random operands.

const u32 = (w: number): number => w >>> 0;

/** MOVZ Xd, #imm16, LSL #(16 × hw) (C6.2.191): sf=1 opc=10 100101 hw imm16 Rd. */
export const movz = (rd: number, imm16: number, hw: number): number => u32(0xd2800000 | (hw << 21) | ((imm16 & 0xffff) << 5) | rd);
/** MOVK Xd, #imm16, LSL #(16 × hw) (C6.2.190): sf=1 opc=11 100101 hw imm16 Rd. */
export const movk = (rd: number, imm16: number, hw: number): number => u32(0xf2800000 | (hw << 21) | ((imm16 & 0xffff) << 5) | rd);

/** Xd = v: MOVZ of the low halfword, MOVK of every other non-zero one (1 to 4 words). */
export function mov64(rd: number, v: bigint): number[] {
  const [first, ...rest] = mov64Fixed(rd, v);
  return [first!, ...rest.filter((w) => ((w >>> 5) & 0xffff) !== 0)];
}

/** Xd = v in MOVZ and three MOVKs whatever the value: a fixed length, for code whose words depend on its own size. */
export function mov64Fixed(rd: number, v: bigint): number[] {
  const half = (k: number): number => Number((BigInt.asUintN(64, v) >> BigInt(16 * k)) & 0xffffn);
  return [movz(rd, half(0), 0), movk(rd, half(1), 1), movk(rd, half(2), 2), movk(rd, half(3), 3)];
}

/** System-register encoding op0, op1, CRn, CRm, op2 (ARM C5.3). */
export type SysEnc = readonly [number, number, number, number, number];

const sysFields = ([op0, op1, crn, crm, op2]: SysEnc): number => (op0 << 19) | (op1 << 16) | (crn << 12) | (crm << 8) | (op2 << 5);

/** MSR <reg>, Xt (C6.2.196): 1101010100 0 1 o0 op1 CRn CRm op2 Rt, op0 = 2 + o0. */
export const msr = (enc: SysEnc, rt: number): number => u32(0xd5000000 | sysFields(enc) | rt);
/** MRS Xt, <reg> (C6.2.194): 1101010100 1 1 o0 op1 CRn CRm op2 Rt. */
export const mrs = (enc: SysEnc, rt: number): number => u32(0xd5200000 | sysFields(enc) | rt);
/** SYS #op1, Cn, Cm, #op2, Xt (C6.2.320; TLBI, AT, DC, IC are aliases): 1101010100 0 01 op1 CRn CRm op2 Rt. */
export const sys = (op1: number, crn: number, crm: number, op2: number, rt: number): number => msr([1, op1, crn, crm, op2], rt);
/** MSR <pstatefield>, #imm (C6.2.195): 1101010100 0 00 op1 0100 CRm op2 11111 (SPSel op1=0 op2=5, DAIFSet 3/6, DAIFClr 3/7). */
export const msrImm = (op1: number, op2: number, crm: number): number => u32(0xd500401f | (op1 << 16) | ((crm & 15) << 8) | (op2 << 5));

/** Exception generation (C6.2.139 HVC, .332 SVC, .328 SMC, .146 HLT, .44 BRK): 11010100 opc imm16 000 LL. */
export const hvc = (imm: number): number => u32(0xd4000002 | ((imm & 0xffff) << 5));
export const svc = (imm: number): number => u32(0xd4000001 | ((imm & 0xffff) << 5));
export const smc = (imm: number): number => u32(0xd4000003 | ((imm & 0xffff) << 5));
export const hlt = (imm: number): number => u32(0xd4400000 | ((imm & 0xffff) << 5));
export const brk = (imm: number): number => u32(0xd4200000 | ((imm & 0xffff) << 5));

export const ERET = 0xd69f03e0; // C6.2.94
export const NOP = 0xd503201f; // hints (C6.2.140 HINT): NOP, YIELD, WFE, WFI, SEV, SEVL
export const YIELD = 0xd503203f;
export const WFE = 0xd503205f;
export const WFI = 0xd503207f;
export const SEV = 0xd503209f;
export const SEVL = 0xd50320bf;
export const CLREX = 0xd5033f5f; // C6.2.55, CRm = 15
export const ISB = 0xd5033fdf; // C6.2.149, SY
/** DSB / DMB <option> (C6.2.90, .88): 1101010100 0 00 011 0011 CRm 1 00/01 11111. */
export const dsb = (crm: number): number => u32(0xd503309f | ((crm & 15) << 8));
export const dmb = (crm: number): number => u32(0xd50330bf | ((crm & 15) << 8));

/** B (C6.2.25) by `words` instructions: 000101 imm26. */
export const b = (words: number): number => u32(0x14000000 | (words & 0x3ffffff));
/** BR / BLR / RET Xn (C6.2.37, .35, .256): 1101011 0 0 opc 11111 000000 Rn 00000. */
export const br = (rn: number): number => u32(0xd61f0000 | (rn << 5));
export const blr = (rn: number): number => u32(0xd63f0000 | (rn << 5));
/** ADD Xd|SP, Xn|SP, #0 (C6.2.4): the MOV to and from SP. */
export const movSp = (rd: number, rn: number): number => u32(0x91000000 | (rn << 5) | rd);
/** EOR Xd, Xn, #(1 << bit) (C6.2.97, logical immediate N=1 imms=0 immr=(64 − bit) mod 64). */
export const eorBit = (rd: number, rn: number, bit: number): number => u32(0xd2400000 | (1 << 22) | (((64 - bit) & 63) << 16) | (rn << 5) | rd);

/** Load/store register, unscaled or indexed (C6.2.167 LDR (immediate), .210 LDUR, .163 LDTR …): size 111 0 00 opc 0 imm9 idx Rn Rt.
 *  `opc` 0 store, 1 load, 2 signed load to X, 3 signed load to W; `idx` 0 unscaled, 1 post-index, 2 unprivileged, 3 pre-index. */
export const ldst = (size: 0 | 1 | 2 | 3, opc: number, idx: number, imm9: number, rn: number, rt: number): number =>
  u32((size << 30) | 0x38000000 | (opc << 22) | ((imm9 & 0x1ff) << 12) | (idx << 10) | (rn << 5) | rt);
/** LDP/STP of X registers (C6.2.164, .322): 10 101 0 idx L imm7 Rt2 Rn Rt, idx 1 post, 2 offset, 3 pre; imm7 in doublewords. */
export const ldstp = (load: boolean, idx: 1 | 2 | 3, imm7: number, rt2: number, rn: number, rt: number): number =>
  u32(0xa8000000 | (idx << 23) | ((load ? 1 : 0) << 22) | ((imm7 & 0x7f) << 15) | (rt2 << 10) | (rn << 5) | rt);
/** Load/store exclusive and ordered (C6.2.179 LDXR, .343 STXR, .174 LDAXR, .338 STLXR, .160 LDAR, .334 STLR, .178 LDXP, .342 STXP):
 *  size 001000 o2 L o1 Rs o0 Rt2 Rn Rt. */
export const ldstx = (size: 0 | 1 | 2 | 3, o2: number, l: number, o1: number, rs: number, o0: number, rt2: number, rn: number, rt: number): number =>
  u32((size << 30) | 0x08000000 | (o2 << 23) | (l << 22) | (o1 << 21) | (rs << 16) | (o0 << 15) | (rt2 << 10) | (rn << 5) | rt);
/** PRFM <prfop>, [Xn] (C6.2.214): 1111100110 imm12=0 Rn Rt. */
export const prfm = (prfop: number, rn: number): number => u32(0xf9800000 | (rn << 5) | (prfop & 31));
/** LD1 {V0.16B}, [Xn] / ST1 (C7.2.166, .306): 0 1 0011000 L 000000 0111 00 Rn Rt — FP/SIMD, trapped by CPTR_EL2.TFP. */
export const ld1 = (load: boolean, rn: number): number => u32(0x4c007000 | ((load ? 1 : 0) << 22) | (rn << 5));
