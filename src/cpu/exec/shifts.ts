// Shifts of register values without variable BigInt shift counts (DESIGN.md §3). Measured on Node 20: a
// variable `x << n` on BigInts runs at ~30 M/s even with a table of shift BigInts, but a multiplication by a
// table entry is lowered to int64 (~870 M/s) — so LSL is a multiply by 2^k, and LSR/ASR/ROR of 64-bit values
// work on the two 32-bit halves. Shift types use the A64 encoding (ShiftType: LSL 00, LSR 01, ASR 10, ROR 11).

export const SHIFT_LSL = 0;
export const SHIFT_LSR = 1;
export const SHIFT_ASR = 2;
export const SHIFT_ROR = 3;

/** POW2[k] = 2^k for k = 0..63: `x * POW2[k]` is LSL #k (the typed-array store truncates to 64 bits). */
export const POW2 = new BigUint64Array(64).map((_, k) => 1n << BigInt(k));

/** All 64 bits set: `v ^ ONES64` is NOT(v) (the unary `~` on BigInts is not lowered and allocates). */
export const ONES64 = 0xffff_ffff_ffff_ffffn;

/**
 * ShiftReg for a 64-bit register (ARM J1.1 aarch64/instrs/integer/shiftreg ShiftReg): writes slot `dst` with
 * slot `src` shifted by `k` (0..63) through the Uint32Array view. `dst` may equal `src`.
 */
export function shift64(u: Uint32Array, dst: number, src: number, type: number, k: number): void {
  let lo = u[src * 2]!;
  let hi = u[src * 2 + 1]!;
  if (k !== 0) {
    if (type === SHIFT_ROR && k >= 32) {
      // ROR by 32 swaps the halves; the rest is a rotation by k - 32
      const t = lo;
      lo = hi;
      hi = t;
      k -= 32;
    }
    if (k === 0) {
      // ROR #32: already swapped
    } else if (type === SHIFT_LSL) {
      if (k < 32) {
        hi = (hi << k) | (lo >>> (32 - k));
        lo = lo << k;
      } else {
        hi = lo << (k - 32);
        lo = 0;
      }
    } else if (type === SHIFT_ROR) {
      const t = (lo >>> k) | (hi << (32 - k));
      hi = (hi >>> k) | (lo << (32 - k));
      lo = t;
    } else if (k < 32) {
      lo = (lo >>> k) | (hi << (32 - k));
      hi = type === SHIFT_ASR ? (hi | 0) >> k : hi >>> k;
    } else {
      lo = type === SHIFT_ASR ? (hi | 0) >> (k - 32) : hi >>> (k - 32);
      hi = type === SHIFT_ASR ? (hi | 0) >> 31 : 0;
    }
  }
  u[dst * 2] = lo;
  u[dst * 2 + 1] = hi;
}

/** ShiftReg for a 32-bit value `v` by `k` (0..31); returns the result as an unsigned 32-bit number. */
export function shift32(v: number, type: number, k: number): number {
  switch (type) {
    case SHIFT_LSL:
      return (v << k) >>> 0;
    case SHIFT_LSR:
      return v >>> k;
    case SHIFT_ASR:
      return (v >> k) >>> 0;
    default:
      return k === 0 ? v >>> 0 : ((v >>> k) | (v << (32 - k))) >>> 0;
  }
}

/** Ones(k) in the low half of a 64-bit value (0 ≤ k ≤ 64). */
export function onesLo(k: number): number {
  return k >= 32 ? 0xffffffff : ((1 << k) - 1) >>> 0;
}

/** Ones(k) in the high half of a 64-bit value (0 ≤ k ≤ 64). */
export function onesHi(k: number): number {
  return k <= 32 ? 0 : k === 64 ? 0xffffffff : ((1 << (k - 32)) - 1) >>> 0;
}
