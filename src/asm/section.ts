// A section being assembled: a growable byte buffer, its alignment, and its pending literal pool
// (GNU as keeps one pool per entry size and dumps the 4-byte pool, then the 8-byte pool, each aligned).
import type { Expr } from './expr.ts';

export interface PoolEntry {
  readonly e: Expr;
  readonly key: string;
  readonly size: 4 | 8;
  /** Offset in the section once the pool is dumped (.ltorg or the end of the section). */
  off: number;
  readonly pos: { readonly file: string; readonly line: number; readonly seq: number };
}

const NOP = 0xd503201f;

/** A structural key for an expression (same text, same pool entry). */
function exprKey(e: Expr): string {
  switch (e.k) {
    case 'num':
      return e.v.toString();
    case 'sym':
      return `$${e.name}`;
    case 'un':
      return `(${e.op}${exprKey(e.a)})`;
    case 'bin':
      return `(${exprKey(e.a)}${e.op}${exprKey(e.b)})`;
  }
}

export class Section {
  base = 0n;
  size = 0;
  /** Largest alignment asked for, in bytes. */
  align = 1;
  private buf = new Uint8Array(256);
  private pending: PoolEntry[] = [];
  /** Every placed pool entry (values are written in pass 2). */
  readonly pool: PoolEntry[] = [];

  constructor(
    readonly name: string,
    /** Alignment padding is NOPs in code sections. */
    public code: boolean,
  ) {}

  private grow(to: number): void {
    if (to <= this.buf.length) return;
    let n = this.buf.length;
    while (n < to) n *= 2;
    const b = new Uint8Array(n);
    b.set(this.buf.subarray(0, this.size));
    this.buf = b;
  }

  reserve(n: number): void {
    this.grow(this.size + n);
    this.size += n;
  }

  append(bytes: ArrayLike<number>): void {
    const at = this.size;
    this.reserve(bytes.length);
    this.buf.set(bytes, at);
  }

  fill(n: number, byte: number): void {
    const at = this.size;
    this.reserve(n);
    this.buf.fill(byte & 0xff, at, at + n);
  }

  /** Writes `value` little-endian at `off` (two's complement, truncated to `size` bytes). */
  put(off: number, value: bigint, size: number): void {
    let v = BigInt.asUintN(size * 8, value);
    for (let i = 0; i < size; i++) {
      this.buf[off + i] = Number(v & 0xffn);
      v >>= 8n;
    }
  }

  /** Pads to a multiple of `bytes` (a power of two): `fill` if given, else zeros then NOPs in code. */
  alignTo(bytes: number, fill?: number, max?: number): void {
    this.align = Math.max(this.align, bytes);
    const pad = (bytes - (this.size % bytes)) % bytes;
    if (max !== undefined && pad > max) return;
    if (fill !== undefined || !this.code) return this.fill(pad, fill ?? 0);
    const zeros = (4 - (this.size % 4)) % 4;
    this.fill(Math.min(zeros, pad), 0);
    while (this.size % bytes !== 0) {
      const at = this.size;
      this.reserve(4);
      this.put(at, BigInt(NOP), 4);
    }
  }

  /** The pool entry for `e` (shared by equal expressions of one size until the pool is dumped). */
  /** A pool entry for `e`; `constant` (its value, when already known) shares one entry per value, as GNU as does. */
  literal(e: Expr, size: 4 | 8, pos: PoolEntry['pos'], constant?: bigint): PoolEntry {
    const key = constant === undefined ? exprKey(e) : `=${BigInt.asUintN(size * 8, constant)}`;
    const old = this.pending.find((p) => p.key === key && p.size === size);
    if (old) return old;
    const p: PoolEntry = { e, key, size, off: -1, pos };
    this.pending.push(p);
    return p;
  }

  /** Dumps the pending pool here (.ltorg, or the end of the section). */
  flushPool(): void {
    for (const size of [4, 8] as const) {
      const entries = this.pending.filter((p) => p.size === size);
      if (entries.length === 0) continue;
      this.align = Math.max(this.align, size);
      this.fill((size - (this.size % size)) % size, 0);
      for (const p of entries) {
        p.off = this.size;
        this.reserve(size);
        this.pool.push(p);
      }
    }
    this.pending = [];
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.size);
  }
}
