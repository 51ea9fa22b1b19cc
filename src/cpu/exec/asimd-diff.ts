// Advanced SIMD three different (ARM C7.2 SADDL … UMULL, ADDHN/SUBHN/RADDHN/RSUBHN, SQDMLAL/SQDMLSL/SQDMULL, PMULL,
// their "2" forms, and the scalar SQDMLAL/SQDMLSL/SQDMULL). Q = 1 reads the upper 64 bits of the narrow operands
// (Vpart(n, 1)) or writes the upper half of Vd (the narrowing ones, keeping the lower half). Lanes whose results have
// at most 32 bits are computed as exact doubles; 64-bit results (32-bit elements) on 32-bit halves with a 32×32→64
// multiply in 16-bit pieces: no BigInt, no allocation (DESIGN.md §3). The result is built in the vt scratch and
// written last (Vd may be a source). Saturation sets FPSR.QC (SignedSatQ).
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN } from '../state.ts';
import { get, put } from './asimd-int.ts';
import { setQC } from './fp-status.ts';
import { fpAccessTrapped } from './fpsimd.ts';

/** Size masks by U:opcode (bit k: size = k allowed); 0 where the opcode is not one of these rows'. */
const SIZES = new Uint8Array(32);
for (const op of [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12]) SIZES[op] = SIZES[16 + op] = 7;
for (const op of [9, 11, 13]) SIZES[op] = 6; // SQDMLAL, SQDMLSL, SQDMULL: H and S elements only

const TWO32 = 4294967296;

// the 64-bit value being built, as unsigned 32-bit halves
let lo = 0;
let hi = 0;

/** lo:hi = v, an integer with |v| < 2^53 (two's complement when negative). */
function fromNumber(v: number): void {
  lo = v >>> 0;
  hi = Math.floor(v / TWO32) >>> 0;
}

/** lo:hi = a × b for 32-bit a, b (unsigned values; `signed` reads them as SInt) — in 16-bit pieces, each exact. */
function mul32(a: number, b: number, signed: boolean): void {
  const neg = signed && (a | 0) < 0 !== (b | 0) < 0;
  const x = signed ? Math.abs(a | 0) : a;
  const y = signed ? Math.abs(b | 0) : b;
  const xl = x % 65536;
  const xh = Math.floor(x / 65536);
  const yl = y % 65536;
  const yh = Math.floor(y / 65536);
  const mid = xh * yl + xl * yh; // < 2^34
  const low = xl * yl + (mid % 65536) * 65536; // < 2^33
  lo = low >>> 0;
  hi = (xh * yh + Math.floor(mid / 65536) + Math.floor(low / TWO32)) >>> 0;
  if (neg) negate();
}

function negate(): void {
  hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
  lo = -lo >>> 0;
}

/** lo:hi = aLo:aHi + lo:hi, or aLo:aHi − lo:hi when `sub` (modulo 2^64). */
function addTo(aLo: number, aHi: number, sub: boolean): void {
  if (sub) negate();
  const s = aLo + lo;
  lo = s >>> 0;
  hi = (aHi + hi + (s >= TWO32 ? 1 : 0)) >>> 0;
}

/** Elem[Vpart(n, part), i, esize] extended to a number (SInt when `signed`). */
function narrowElem(c: Cpu, n: number, s: number, i: number, signed: boolean): number {
  const x = get(c, n, s, i);
  const sh = 32 - (8 << s);
  return signed ? (x << sh) >> sh : x;
}

/** The 2·esize lane operations with results of at most 32 bits (esize 8 or 16): exact in doubles. */
function laneSmall(c: Cpu, op: number, x: number, y: number, acc: number, bits2: number): number {
  switch (op) {
    case 0b0000: case 0b0001: return acc + x + y; // ADDL, ADDW (acc: Vn's wide lane or 0)
    case 0b0010: case 0b0011: return acc + x - y; // SUBL, SUBW
    case 0b0101: case 0b0111: return acc + Math.abs(x - y); // ABAL, ABDL (acc 0)
    case 0b1000: case 0b1100: return acc + x * y; // MLAL, MULL (acc 0)
    case 0b1010: return acc - x * y; // MLSL
    default: {
      // SQDMULL, SQDMLAL, SQDMLSL: SignedSatQ(2·x·y), then SignedSatQ(acc ± product), each saturation sets QC
      const max = 2 ** (bits2 - 1);
      let p = 2 * x * y;
      if (p >= max) {
        p = max - 1;
        setQC(c);
      }
      if (op === 0b1101) return p;
      const r = op === 0b1001 ? acc + p : acc - p;
      if (r >= max || r < -max) {
        setQC(c);
        return r < 0 ? -max : max - 1;
      }
      return r;
    }
  }
}

/** lo:hi = the 64-bit lane result for 32-bit elements x, y (raw words), the 64-bit acc aLo:aHi (0 when none). */
function lane64(c: Cpu, op: number, u: number, x: number, y: number, aLo: number, aHi: number): void {
  const signed = u === 0;
  const sx = signed ? x | 0 : x;
  const sy = signed ? y | 0 : y;
  switch (op) {
    case 0b0000: case 0b0001: fromNumber(sx + sy); return addTo(aLo, aHi, false);
    case 0b0010: case 0b0011: fromNumber(sx - sy); return addTo(aLo, aHi, false);
    case 0b0101: case 0b0111: fromNumber(Math.abs(sx - sy)); return addTo(aLo, aHi, false);
    case 0b1000: case 0b1100: mul32(x, y, signed); return addTo(aLo, aHi, false);
    case 0b1010: mul32(x, y, signed); return addTo(aLo, aHi, true);
    default: {
      // SQDMULL/SQDMLAL/SQDMLSL: 2·x·y overflows only for x = y = −2^31
      if (x === 0x80000000 && y === 0x80000000) {
        lo = 0xffffffff;
        hi = 0x7fffffff;
        setQC(c);
      } else {
        mul32(x, y, true);
        hi = ((hi << 1) | (lo >>> 31)) >>> 0;
        lo = (lo << 1) >>> 0;
      }
      if (op === 0b1101) return;
      const pNeg = hi >>> 31;
      const sub = op === 0b1011;
      addTo(aLo, aHi, sub);
      // signed overflow: the operands' signs (p negated for a subtraction) agree and the result's differs
      const aNeg = aHi >>> 31;
      if (aNeg === (sub ? 1 - pNeg : pNeg) && hi >>> 31 !== aNeg) {
        lo = aNeg ? 0 : 0xffffffff;
        hi = aNeg ? 0x80000000 : 0x7fffffff;
        setQC(c);
      }
    }
  }
}

/**
 * Long and wide forms (and the scalar and by-element ones, which src/cpu/exec/asimd-elem.ts runs through here with
 * their three-different opcode): `lanes` results of 2·esize bits into the vt scratch, from elements part.. of Vn and
 * of Vm — or, when `mElem` ≥ 0, always element mElem of Vm.
 */
export function longWide(c: Cpu, op: number, u: number, d: number, n: number, m: number, s: number, lanes: number, part: number, mElem: number): void {
  const wide = op === 0b0001 || op === 0b0011;
  const accumulates = op === 0b0101 || op === 0b1000 || op === 0b1010 || op === 0b1001 || op === 0b1011;
  const signed = u === 0;
  const v = c.v32;
  const t = c.vt32;
  for (let i = 0; i < lanes; i++) {
    const e = i + part;
    if (s === 2) {
      const x = v[n * 4 + e]!;
      const y = v[m * 4 + (mElem < 0 ? e : mElem)]!;
      let aLo = 0;
      let aHi = 0;
      if (wide) {
        // Vn's 64-bit lane plus or minus the extended element of Vm
        aLo = v[n * 4 + 2 * i]!;
        aHi = v[n * 4 + 2 * i + 1]!;
        fromNumber(signed ? y | 0 : y);
        addTo(aLo, aHi, op === 0b0011);
      } else {
        if (accumulates) {
          aLo = v[d * 4 + 2 * i]!;
          aHi = v[d * 4 + 2 * i + 1]!;
        }
        lane64(c, op, u, x, y, aLo, aHi);
      }
      t[2 * i] = lo;
      t[2 * i + 1] = hi;
    } else {
      const bits2 = 16 << s;
      const sh = 32 - bits2;
      const y = narrowElem(c, m, s, mElem < 0 ? e : mElem, signed);
      const sat = op === 0b1001 || op === 0b1011 || op === 0b1101;
      let acc = 0;
      if (wide) acc = signed ? (get(c, n, s + 1, i) << sh) >> sh : get(c, n, s + 1, i);
      else if (accumulates) acc = sat ? (get(c, d, s + 1, i) << sh) >> sh : get(c, d, s + 1, i);
      const x = wide ? 0 : narrowElem(c, n, s, e, signed);
      put(c, s + 1, i, laneSmall(c, op, x, y, acc, bits2));
    }
  }
}

/** ADDHN/SUBHN/RADDHN/RSUBHN: the high half of each 2·esize sum or difference (rounded: + 2^(esize−1)). */
function narrowHigh(c: Cpu, w: number, s: number): void {
  const round = (w & (1 << 29)) !== 0;
  const sub = (w & (1 << 13)) !== 0;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const lanes = 8 >>> s;
  const v = c.v32;
  for (let i = 0; i < lanes; i++) {
    if (s === 2) {
      lo = v[m * 4 + 2 * i]!;
      hi = v[m * 4 + 2 * i + 1]!;
      addTo(v[n * 4 + 2 * i]!, v[n * 4 + 2 * i + 1]!, sub);
      if (round) addTo(0x80000000, 0, false);
      c.vt32[i] = hi;
    } else {
      const a = get(c, n, s + 1, i);
      const b = get(c, m, s + 1, i);
      const r = (sub ? a - b : a + b) + (round ? 1 << ((8 << s) - 1) : 0);
      put(c, s, i, (s === 1 ? r >>> 0 : r & 0xffff) >>> (8 << s)); // modulo 2^(2·esize), then the high half
    }
  }
}

/** clmul of 32-bit a, b into lo:hi (PolynomialMult). */
function clmul32(a: number, b: number): void {
  lo = 0;
  hi = 0;
  for (let j = 0; j < 32; j++) {
    if (((b >>> j) & 1) === 0) continue;
    lo ^= a << j;
    if (j > 0) hi ^= a >>> (32 - j);
  }
  lo >>>= 0;
  hi >>>= 0;
}

/** PMULL/PMULL2: polynomial products of 8-bit (8 lanes of 16 bits) or 64-bit elements (one 128-bit result). */
function pmull(c: Cpu, w: number, s: number, part: number): void {
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  if (s === 0) {
    for (let i = 0; i < 8; i++) {
      clmul32(c.v8[n * 16 + part * 8 + i]!, c.v8[m * 16 + part * 8 + i]!);
      c.vt16[i] = lo;
    }
    return;
  }
  const v = c.v32;
  const a0 = v[n * 4 + part * 2]!, a1 = v[n * 4 + part * 2 + 1]!;
  const b0 = v[m * 4 + part * 2]!, b1 = v[m * 4 + part * 2 + 1]!;
  const t = c.vt32;
  // (a1·2^32 + a0)(b1·2^32 + b0) over GF(2): four 32×32 products, the cross terms shifted by 32
  clmul32(a0, b0);
  t[0] = lo;
  t[1] = hi;
  clmul32(a1, b1);
  t[2] = lo;
  t[3] = hi;
  clmul32(a0, b1);
  t[1] ^= lo;
  t[2] ^= hi;
  clmul32(a1, b0);
  t[1] ^= lo;
  t[2] ^= hi;
}

/** The vector three-different rows (src/arch/a64/rows/asimd-diff.ts). */
export function threeDiff(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const s = (w >>> 22) & 3;
  const op = (w >>> 12) & 15;
  const pm = op === 0b1110;
  // reserved element sizes (the PMULL rows exist only for theirs)
  if (!pm && ((SIZES[((w >>> 25) & 16) | op]! >>> s) & 1) === 0) return undefinedInsn(c);
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const q = (w >>> 30) & 1;
  const d = w & 31;
  const v = c.v32;
  const t = c.vt32;
  if (op === 0b0100 || op === 0b0110) {
    narrowHigh(c, w, s);
    // Vpart(d, part) = result: the lower half with the upper cleared, or the upper half with the lower kept
    v[d * 4 + 2 * q] = t[0]!;
    v[d * 4 + 2 * q + 1] = t[1]!;
    if (q === 0) v[d * 4 + 2] = v[d * 4 + 3] = 0;
    return;
  }
  if (pm) pmull(c, w, s, q);
  else longWide(c, op, (w >>> 29) & 1, d, (w >>> 5) & 31, (w >>> 16) & 31, s, 8 >>> s, q * (8 >>> s), -1);
  for (let k = 0; k < 4; k++) v[d * 4 + k] = t[k]!;
}

/** The scalar SQDMLAL/SQDMLSL/SQDMULL (H → S, S → D): lane 0, the rest of Vd cleared. */
export function scalarDiff(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const s = (w >>> 22) & 3;
  if (s === 0 || s === 3) return undefinedInsn(c); // reserved
  if (fpAccessTrapped(c)) return;
  const d = w & 31;
  longWide(c, (w >>> 12) & 15, 0, d, (w >>> 5) & 31, (w >>> 16) & 31, s, 1, 0, -1);
  writeScalar(c, d, s + 1);
}

/** Vd = scratch lane 0 of size `s` (log2 bytes), zero-extended to 128 bits (a scalar result). */
export function writeScalar(c: Cpu, d: number, s: number): void {
  const v = c.v32;
  const t = c.vt32;
  v[d * 4] = s === 1 ? c.vt16[0]! : t[0]!;
  v[d * 4 + 1] = s === 3 ? t[1]! : 0;
  v[d * 4 + 2] = v[d * 4 + 3] = 0;
}
