// DecodeBitMasks (ARM J1.1 aarch64/instrs/integer/bitmasks DecodeBitMasks) as a pure function, and a table of
// its wmask for every N:immr:imms (13 bits): the logical-immediate and bitfield handlers and their emitters do one
// lookup; the assembler (its inverse, src/asm/bitmask.ts) and the checker use decodeBitMasks.
import { BITMASKS } from './prebuilt.ts';

export interface BitMasks {
  readonly wmask: bigint;
  readonly tmask: bigint;
}

/** Ones(k) as a BigInt (k ≤ 64). Off the hot path. */
function ones(k: number): bigint {
  return (1n << BigInt(k)) - 1n;
}

/** Replicate the low `esize` bits of `v` to fill `m` bits. */
function replicate(v: bigint, esize: number, m: number): bigint {
  let r = 0n;
  for (let i = 0; i < m; i += esize) r |= v << BigInt(i);
  return r;
}

/**
 * The element size of DecodeBitMasks(immN, imms, immr, immediate) for a datasize of `m` (32 or 64) bits, or 0 where
 * the pseudocode is UNDEFINED: no element size (len < 1), an element wider than the register, or — for logical
 * immediates — the reserved all-ones S pattern.
 */
function elementSize(immN: number, imms: number, immediate: boolean, m: 32 | 64): number {
  const combined = ((immN & 1) << 6) | (~imms & 0x3f);
  const len = 31 - Math.clz32(combined); // HighestSetBit(immN:NOT(imms)); -1 when zero
  if (len < 1) return 0;
  const esize = 1 << len;
  if (esize > m) return 0;
  const levels = esize - 1; // ZeroExtend(Ones(len), 6)
  // For logical immediates an all-ones value of S is reserved (it would give an all-ones result)
  if (immediate && (imms & levels) === levels) return 0;
  return esize;
}

/** DecodeBitMasks(immN, imms, immr, immediate) for a datasize of `m` (32 or 64) bits; undefined where UNDEFINED. */
export function decodeBitMasks(
  immN: number,
  imms: number,
  immr: number,
  immediate: boolean,
  m: 32 | 64,
): BitMasks | undefined {
  const esize = elementSize(immN, imms, immediate, m);
  if (esize === 0) return undefined;
  const levels = esize - 1;
  const s = imms & levels;
  const r = immr & levels;
  const d = (s - r) & levels; // diff<len-1:0>
  const welem = ones(s + 1);
  const telem = ones(d + 1);
  // ROR(welem, R) within the element
  const rotated = r === 0 ? welem : ((welem >> BigInt(r)) | (welem << BigInt(esize - r))) & ones(esize);
  return { wmask: replicate(rotated, esize, m), tmask: replicate(telem, esize, m) };
}

/** Index of a word's N:immr:imms (bits 22:10) in BITMASK_TABLE. */
export function bitmaskIndex(w: number): number {
  return (w >>> 10) & 0x1fff;
}

/**
 * For every N:immr:imms: the 64-bit wmask of DecodeBitMasks(N, imms, immr, FALSE, 64) (0 where UNDEFINED).
 * For N=0 the element is at most 32 bits, so the low half is the 32-bit wmask too.
 */
export const BITMASK_TABLE = new BigUint64Array(0x2000);
/** Low/high 32-bit halves of BITMASK_TABLE (entry i is at 2i and 2i + 1). */
export const BITMASK_TABLE_U32 = new Uint32Array(BITMASK_TABLE.buffer);
/** Bit 0: a valid 64-bit logical immediate; bit 1: a valid 32-bit one (N=0). */
export const BITMASK_VALID = new Uint8Array(0x2000);
export const VALID_IMM64 = 1;
export const VALID_IMM32 = 2;

/** Ones(k) as a 32-bit number (0 ≤ k ≤ 32). */
function ones32(k: number): number {
  return k >= 32 ? 0xffffffff : (1 << k) - 1;
}

/**
 * The shipped bundle's copy of the two tables, made by the build from this module (prebuilt.ts): each table's bytes in
 * base64 (the build and the run are the same machine, so BITMASK_TABLE_U32's byte order is the same; as JSON arrays
 * of numbers the 72 K entries took ≈ 4 ms of every start to parse).
 */
interface Bitmasks {
  readonly u32: string;
  readonly valid: string;
}

if (BITMASKS !== undefined) {
  const prebuilt = JSON.parse(BITMASKS) as Bitmasks;
  new Uint8Array(BITMASK_TABLE_U32.buffer).set(Buffer.from(prebuilt.u32, 'base64'));
  BITMASK_VALID.set(Buffer.from(prebuilt.valid, 'base64'));
} else {
  computeTables();
}

/**
 * The tables on 32-bit halves, one element at a time — the BigInt decodeBitMasks above took a tenth of the command
 * line's start-up; test/arch/bitmask.test.ts compares every entry with it: ROR(Ones(S+1), R), replicated.
 */
function computeTables(): void {
  for (let i = 0; i < 0x2000; i++) {
    const n = i >>> 12;
    const imms = i & 0x3f;
    const esize = elementSize(n, imms, false, 64);
    if (esize === 0) continue;
    const s = imms & (esize - 1);
    const r = (i >>> 6) & (esize - 1);
    let lo: number;
    let hi: number;
    if (esize === 64) {
      // Ones(S+1) as halves, rotated right by R: by 32 (swap the halves), then by R MOD 32
      const low = ones32(Math.min(s + 1, 32));
      const high = ones32(Math.max(s + 1 - 32, 0));
      lo = r >= 32 ? high : low;
      hi = r >= 32 ? low : high;
      const k = r & 31;
      if (k !== 0) {
        const l = (lo >>> k) | (hi << (32 - k));
        hi = (hi >>> k) | (lo << (32 - k));
        lo = l;
      }
    } else {
      let e = ones32(s + 1);
      if (r !== 0) e = ((e >>> r) | (e << (esize - r))) & ones32(esize);
      for (let width = esize; width < 32; width *= 2) e |= e << width;
      lo = e;
      hi = e;
    }
    BITMASK_TABLE_U32[2 * i] = lo >>> 0;
    BITMASK_TABLE_U32[2 * i + 1] = hi >>> 0;
    if (elementSize(n, imms, true, 64) !== 0) BITMASK_VALID[i] |= VALID_IMM64;
    if (elementSize(n, imms, true, 32) !== 0) BITMASK_VALID[i] |= VALID_IMM32;
  }
}
