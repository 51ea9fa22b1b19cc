// Register fields as constants, computed once at load from the system-register table's `fields` column — the one
// source of every field position. Field names are checked by the compiler (FieldName) and again at load. Hot paths
// take plain numbers: a field's mask within the 32-bit half of the register that holds it (lowMask / highMask,
// module-level constants); tools take BigInt masks and values (field, fieldOf).
import { SR, SYSREGS, type SysRegName } from './sysreg-table.ts';

type RowOf<R extends SysRegName> = Extract<(typeof SYSREGS)[number], { readonly name: R }>;
/** The names of a register's fields (src/arch/sysreg-table.ts). */
export type FieldName<R extends SysRegName> = RowOf<R>['fields'][number]['name'];
type Bit31 = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24 | 25 | 26 | 27 | 28 | 29 | 30 | 31;
/** The names of a register's fields that lie in bits 31:0. */
export type LowFieldName<R extends SysRegName> = Extract<RowOf<R>['fields'][number], { readonly hi: Bit31 }>['name'];

export interface FieldBits {
  readonly reg: SysRegName;
  readonly name: string;
  readonly hi: number;
  readonly lo: number;
  readonly width: number;
  /** The field's bits in the 64-bit value. */
  readonly mask64: bigint;
}

/** A register's field; throws for a name the table does not have. */
export function field<R extends SysRegName>(reg: R, name: FieldName<R>): FieldBits {
  const f = SYSREGS[SR[reg]]!.fields.find((x) => x.name === name);
  if (f === undefined) throw new Error(`system-register table: ${reg} has no field ${name}`);
  const width = f.hi - f.lo + 1;
  return { reg, name, hi: f.hi, lo: f.lo, width, mask64: ((1n << BigInt(width)) - 1n) << BigInt(f.lo) };
}

function halfMask(f: FieldBits, half: 0 | 1): number {
  const base = 32 * half;
  if (f.lo < base || f.hi >= base + 32) throw new Error(`${f.reg}.${f.name} (bits ${f.hi}:${f.lo}) is not in bits ${base + 31}:${base}`);
  return Number(f.mask64 >> BigInt(base)) >>> 0;
}

/** The field's mask in bits 31:0 of the register, as a uint32 (throws at load when the field lies elsewhere). */
export function lowMask<R extends SysRegName>(reg: R, name: FieldName<R>): number {
  return halfMask(field(reg, name), 0);
}

/** The field's mask in bits 63:32 of the register, shifted down by 32 (for the high half of a register file slot). */
export function highMask<R extends SysRegName>(reg: R, name: FieldName<R>): number {
  return halfMask(field(reg, name), 1);
}

/** The field's value in a register value. */
export function fieldOf(f: FieldBits, v: bigint): bigint {
  return (v & f.mask64) >> BigInt(f.lo);
}

/** A register value with the field set to `x` (which must fit). */
export function withField(f: FieldBits, v: bigint, x: bigint): bigint {
  if (x < 0n || x >> BigInt(f.width) !== 0n) throw new Error(`${f.reg}.${f.name} = ${x} does not fit in ${f.width} bits`);
  return (v & ~f.mask64) | (x << BigInt(f.lo));
}

/** A field's value from the 32-bit half that holds it: `(half >>> lo) & ones`, made once per field. */
export function lowGetter<R extends SysRegName>(reg: R, name: FieldName<R>): (lo: number) => number {
  const f = field(reg, name);
  const mask = halfMask(f, 0);
  return (lo) => (lo & mask) >>> f.lo;
}

/** As lowGetter, for a field in bits 63:32 (the argument is the register's high half). */
export function highGetter<R extends SysRegName>(reg: R, name: FieldName<R>): (hi: number) => number {
  const f = field(reg, name);
  const mask = halfMask(f, 1);
  return (hi) => (hi & mask) >>> (f.lo - 32);
}

/** The masks of every field of `reg` in bits 31:0, by name: `lowMasks('HCR_EL2').TGE` is 1 << 27. */
export function lowMasks<R extends SysRegName>(reg: R): Readonly<Record<LowFieldName<R>, number>> {
  const out: Record<string, number> = {};
  for (const f of SYSREGS[SR[reg]]!.fields) if (f.hi < 32) out[f.name] = lowMask(reg, f.name as FieldName<R>);
  return out as Record<LowFieldName<R>, number>;
}

/** The masks of every field of `reg` in bits 63:32, shifted down by 32: `highMasks('HCR_EL2').E2H` is 1 << 2. */
export function highMasks<R extends SysRegName>(reg: R): Readonly<Record<Exclude<FieldName<R>, LowFieldName<R>>, number>> {
  const out: Record<string, number> = {};
  for (const f of SYSREGS[SR[reg]]!.fields) if (f.lo >= 32) out[f.name] = highMask(reg, f.name as FieldName<R>);
  return out as Record<Exclude<FieldName<R>, LowFieldName<R>>, number>;
}

/** The 64-bit masks of every field of `reg`, by name (image builders and tools, which work on BigInt values). */
export function masks64<R extends SysRegName>(reg: R): Readonly<Record<FieldName<R>, bigint>> {
  const out: Record<string, bigint> = {};
  for (const f of SYSREGS[SR[reg]]!.fields) out[f.name] = field(reg, f.name as FieldName<R>).mask64;
  return out as Record<FieldName<R>, bigint>;
}

/** A field's value in a 64-bit register value, by name: for tools and image builders (BigInt; hot paths use the
 *  32-bit masks above). */
export function regField<R extends SysRegName>(reg: R, name: FieldName<R>, v: bigint): bigint {
  return fieldOf(field(reg, name), v);
}
