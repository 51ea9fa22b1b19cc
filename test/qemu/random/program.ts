// One random-instruction program (README.md here): a seed gives the words, drawn uniformly from the whole 32-bit
// space, the initial state and the base-register setup of every load/store, laid out as the blob harness.S runs.
// The words that cannot be made safe in the harness are drawn, counted per class and left out (classify.ts).
import { classify, type FilterClass } from './classify.ts';

/** Addresses and sizes shared with harness.S (its .equ lines; layout.test.ts holds them equal). */
export const BLOB = 0x4400_0000;
export const HDR_STATE = 0x40;
export const HDR_SETUP = 0x400;
/** A slot's setup: u64 v1, u64 v2, u8 r1, u8 r2, pad, u32 FPCR (SETUP_FPCR), u32 FPSR (SETUP_FPSR), pad to 32. */
export const SETUP_SIZE = 32;
export const SETUP_FPCR = 20;
export const SETUP_FPSR = 24;
export const CODE_OFFSET = 0x4_0000;
/** Where the harness writes the records, REC bytes each. */
export const OUT = 0x4800_0000;
/** Where twostage.ts places the reference (QEMU's) records. */
export const REF = 0x4c00_0000;
/** Where twostage.ts writes REF for the harness (QEMU's RAM reads 0 there): outside the blob, out of the words' reach. */
export const REF_PTR = 0x4bff_fff8;
/** How far an LDR (literal) reaches from its PC: imm19 × 4, ±1 MiB (C6.2 LDR (literal)). */
export const LITERAL_REACH = 0x10_0000;
export const REC = 816;
export const R_SP = 31;
export const R_SPSR = 32;
export const R_FPSR = 34;
export const R_ESR = 35;
export const R_FAR = 36;
export const R_INDEX = 37;
export const R_V = 38;
/** Scratch memory the loads and stores reach, after the code (the blob's last part, random bytes). */
export const SCRATCH_OFFSET = 0x6_0000;
export const SCRATCH_SIZE = 0x3_0000;
/** Load/store bases lie in [BASE_LOW, BASE_LOW + BASE_SPAN): imm12 × 16 (64 KiB) above, imm9/imm7 × 16 below, stay inside. */
const BASE_LOW = SCRATCH_OFFSET + 0x1_0400;
const BASE_SPAN = 0x1000;
/** The most words one program holds (setup table and slots must fit before CODE and SCRATCH). */
export const MAX_WORDS = Math.min((CODE_OFFSET - HDR_SETUP) / SETUP_SIZE, (SCRATCH_OFFSET - CODE_OFFSET) / 8);
const NO_REG = 0xff;
const BRK0 = 0xd420_0000;
/** SPSR_EL1 of the slots: EL1t (M = 0b0100), DAIF masked; NZCV is random. */
const SPSR_EL1T = 0x3c4n;
/** FPCR fields each slot draws: AHP (26), DN (25), FZ (24), RMode (23:22); Cortex-A57 traps no FP exception. */
export const FPCR_DRAWN = 0x07c0_0000;
/** FPSR cumulative flags QC (27), IDC (7), IXC (4), UFC (3), OFC (2), DZC (1), IOC (0). */
export const FPSR_FLAGS = 0x0800_009f;

/** sfc32: small, fast, deterministic; the generator's only source of randomness. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;
  constructor(seed: number) {
    this.a = seed >>> 0;
    this.b = Math.imul(seed, 0x9e37_79b9) >>> 0;
    this.c = 0x2545_f491;
    for (let i = 0; i < 16; i++) this.u32();
  }
  u32(): number {
    const t = (this.a + this.b + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }
  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }
  below(n: number): number {
    return this.u32() % n;
  }
}

export interface Program {
  readonly seed: number;
  readonly words: Uint32Array;
  /** The blob to place at BLOB. */
  readonly blob: Uint8Array;
  /** Words drawn and left out, per filter class. */
  readonly filtered: ReadonlyMap<FilterClass, number>;
}

/** Register fields of a load/store word: Rn (9:5) and, for the register-offset forms, Rm (20:16). */
function setupFor(word: number, rng: Rng): [number, bigint, number, bigint] {
  const c = classify(word);
  if (c.kind !== 'memory') return [NO_REG, 0n, NO_REG, 0n];
  // 3 of 4 bases 16-byte aligned, the rest at any byte: the alignment checks are exercised, not dominant
  const offset = rng.below(4) === 0 ? rng.below(BASE_SPAN) : rng.below(BASE_SPAN / 16) * 16;
  const base = BigInt(BLOB + BASE_LOW + offset);
  const rn = (word >>> 5) & 31;
  const rm = (word >>> 16) & 31;
  // register offset: a small non-negative index keeps every extend (UXTW, SXTW, SXTX, LSL #0–4) inside the scratch
  if (c.rm && rm !== rn && rm !== 31) return [rn, base, rm, BigInt(rng.below(256))];
  return [rn, base, NO_REG, 0n];
}

/** Which words a program draws from: the whole 32-bit space, or only the FP/SIMD encodings — Arm ARM C4.1, op0 bits
 *  27:26 = 11: "Data Processing -- Scalar Floating-Point and Advanced SIMD" (27:25 = 111) and the loads and stores
 *  with V (bit 26) = 1, i.e. of SIMD&FP registers (27:25 = 110). */
export type WordSpace = 'all' | 'fpsimd';

const inSpace = (space: WordSpace, w: number): boolean => space === 'all' || (w & 0x0c00_0000) === 0x0c00_0000;

export function generate(seed: number, count: number, space: WordSpace = 'all'): Program {
  if (!Number.isInteger(count) || count < 1 || count > MAX_WORDS) {
    throw new RangeError(`words per program must be 1..${MAX_WORDS}, not ${count}`);
  }
  const rng = new Rng(seed);
  const blob = new Uint8Array(SCRATCH_OFFSET + SCRATCH_SIZE);
  const view = new DataView(blob.buffer);
  const setU64 = (off: number, v: bigint): void => view.setBigUint64(off, v, true);
  setU64(0, BigInt(count));
  // initial state: X0–X30, SP, NZCV and V0–V31 from the seed (FPCR and FPSR are each slot's: below)
  for (let r = 0; r < 31; r++) setU64(HDR_STATE + r * 8, rng.u64());
  setU64(HDR_STATE + R_SP * 8, rng.u64());
  setU64(HDR_STATE + R_SPSR * 8, (BigInt(rng.below(16)) << 28n) | SPSR_EL1T);
  for (let i = 0; i < 64; i++) setU64(HDR_STATE + R_V * 8 + i * 8, rng.u64());
  const words = new Uint32Array(count);
  const filtered = new Map<FilterClass, number>();
  for (let i = 0; i < count; ) {
    const w = rng.u32();
    if (!inSpace(space, w)) continue; // not drawn: outside the space, neither run nor counted as filtered
    const c = classify(w);
    if (c.kind === 'filtered') {
      filtered.set(c.class, (filtered.get(c.class) ?? 0) + 1);
      continue;
    }
    words[i] = w;
    const [r1, v1, r2, v2] = setupFor(w, rng);
    const s = HDR_SETUP + i * SETUP_SIZE;
    setU64(s, v1);
    setU64(s + 8, v2);
    blob[s + 16] = r1;
    blob[s + 17] = r2;
    // every FPCR combination in every program; FPSR clear in 3 of 4 slots, so the record shows the flags the word
    // raised, and random in the rest, so a word that clears a cumulative flag is seen too
    view.setUint32(s + SETUP_FPCR, rng.u32() & FPCR_DRAWN, true);
    view.setUint32(s + SETUP_FPSR, rng.below(4) === 0 ? rng.u32() & FPSR_FLAGS : 0, true);
    view.setUint32(CODE_OFFSET + i * 8, w, true);
    view.setUint32(CODE_OFFSET + i * 8 + 4, BRK0, true);
    i++;
  }
  for (let off = SCRATCH_OFFSET; off < SCRATCH_OFFSET + SCRATCH_SIZE; off += 4) view.setUint32(off, rng.u32(), true);
  return { seed, words, blob, filtered };
}
