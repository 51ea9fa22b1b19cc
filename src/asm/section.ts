// A section being assembled: a growable byte buffer, its alignment, and its pending literal pool
// (GNU as keeps one pool per entry size and dumps the 4-byte pool, then the 8-byte pool, each aligned).
import { fail } from './diagnostics.ts';
import type { Expr } from './expr.ts';
import { MAX_OUTPUT_BYTES } from './limits.ts';

export interface PoolEntry {
  readonly e: Expr;
  readonly size: 4 | 8;
  /** Offset in the section once the pool is dumped (.ltorg or the end of the section). */
  off: number;
  readonly pos: { readonly file: string; readonly line: number; readonly seq: number };
}

const NOP_BYTES = [0x1f, 0x20, 0x03, 0xd5]; // NOP (0xd503201f), little-endian

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

/** Bytes of output so far, over every section of one assembly (limited to MAX_OUTPUT_BYTES). */
export interface OutputBudget {
  used: number;
}

export class Section {
  base = 0n;
  size = 0;
  /** Largest alignment asked for, in bytes. */
  align = 1;
  private buf = new Uint8Array(256);
  /** Entries not yet placed, by size and key (insertion order is placement order). */
  private pending = new Map<string, PoolEntry>();
  /** Every placed pool entry (values are written in pass 2). */
  readonly pool: PoolEntry[] = [];

  constructor(
    readonly name: string,
    /** Alignment padding is NOPs in code sections. */
    public code: boolean,
    private readonly budget: OutputBudget,
  ) {}

  private grow(to: number): void {
    if (to <= this.buf.length) return;
    let n = this.buf.length;
    while (n < to) n *= 2;
    const b = new Uint8Array(n);
    b.set(this.buf.subarray(0, this.size));
    this.buf = b;
  }

  /** Grows the section by `n` bytes (zero until written); fails past the output limit of the assembly. */
  reserve(n: number): void {
    if (n > MAX_OUTPUT_BYTES - this.budget.used) fail(`the output would exceed ${MAX_OUTPUT_BYTES >>> 20} MiB (section ${this.name} is at 0x${this.size.toString(16)} bytes, 0x${n.toString(16)} more asked)`);
    this.budget.used += n;
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
    const zeros = Math.min((4 - (this.size % 4)) % 4, pad);
    const at = this.size + zeros;
    this.fill(pad, 0);
    // one NOP, then the NOPs written so far copied after themselves (a 64 KiB alignment: 14 copies, not 16 K writes)
    if (at < this.size) this.buf.set(NOP_BYTES, at);
    for (let done = 4; at + done < this.size; done *= 2) this.buf.copyWithin(at + done, at, Math.min(at + done, this.size - done));
  }

  /** A pool entry for `e`; `constant` (its value, when already known) shares one entry per value, as GNU as does. */
  literal(e: Expr, size: 4 | 8, pos: PoolEntry['pos'], constant?: bigint): PoolEntry {
    const key = `${size}${constant === undefined ? exprKey(e) : `=${BigInt.asUintN(size * 8, constant)}`}`;
    const old = this.pending.get(key);
    if (old) return old;
    const p: PoolEntry = { e, size, off: -1, pos };
    this.pending.set(key, p);
    return p;
  }

  /** Dumps the pending pool here (.ltorg, or the end of the section). */
  flushPool(): void {
    for (const size of [4, 8] as const) {
      const entries = [...this.pending.values()].filter((p) => p.size === size);
      if (entries.length === 0) continue;
      this.align = Math.max(this.align, size);
      this.fill((size - (this.size % size)) % size, 0);
      for (const p of entries) {
        p.off = this.size;
        this.reserve(size);
        this.pool.push(p);
      }
    }
    this.pending.clear();
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.size);
  }
}
