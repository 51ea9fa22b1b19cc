// 64-bit values as two uint32 halves, bitfield helpers, sign extension and hex formatting.
// Off the hot path these may use BigInt freely; hot paths use the typed-array register file (DESIGN.md §3).

/** Extract bits [hi:lo] of a 32-bit word as an unsigned number. */
export function bitsOf(w: number, hi: number, lo: number): number {
  const width = hi - lo + 1;
  return width === 32 ? w >>> 0 : (w >>> lo) & ((1 << width) - 1) >>> 0;
}

/** Sign-extend the low `width` bits of `v` (width ≤ 32) to a JS number. */
export function signExtend(v: number, width: number): number {
  const shift = 32 - width;
  return (v << shift) >> shift;
}

/** Mask of the low n bits as a BigInt (0 ≤ n ≤ 64). */
export function maskN(n: number): bigint {
  return (1n << BigInt(n)) - 1n;
}

/** Bits [hi:lo] of a 64-bit BigInt. */
export function field64(v: bigint, hi: number, lo: number): bigint {
  return (v >> BigInt(lo)) & maskN(hi - lo + 1);
}

/** v with bits [hi:lo] replaced by f. */
export function withField64(v: bigint, hi: number, lo: number, f: bigint): bigint {
  const m = maskN(hi - lo + 1) << BigInt(lo);
  return (v & ~m) | ((f << BigInt(lo)) & m);
}

export const U64_MASK = (1n << 64n) - 1n;

/** `0x` + 16 hex digits, optionally with `_` every 4 digits for readability. */
export function hex64(v: bigint, grouped = false): string {
  const s = (v & U64_MASK).toString(16).padStart(16, '0');
  return '0x' + (grouped ? s.replace(/(....)(?=.)/g, '$1_') : s);
}

export function hex32(v: number): string {
  return '0x' + (v >>> 0).toString(16).padStart(8, '0');
}

/** Parse a number literal as written on a command line or in a scenario: 0x…, 0b…, decimal, `_` separators. */
export function parseU64(text: string): bigint | undefined {
  const t = text.trim().replace(/_/g, '');
  if (!/^(0x[0-9a-f]+|0b[01]+|[0-9]+)$/i.test(t)) return undefined;
  const v = BigInt(t);
  return v <= U64_MASK ? v : undefined;
}

/** A user's text inside a message: quoted, and shortened when long (a diagnostic stays one readable line). */
export function quoted(text: string): string {
  return `'${text.length > 40 ? text.slice(0, 37) + '...' : text}'`;
}
