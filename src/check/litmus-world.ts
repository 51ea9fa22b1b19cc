// The memory a litmus test describes, laid out for twostage (issue 16): every location x the test names gets a 4 KiB
// VA page (VA_BASE + i·4 KiB) and a physical page (PA_BASE + i·4 KiB); one stage-1 EL1&0 table tree (4 KiB granule,
// 39-bit VA) maps each x through its own level-3 entry, PTE(x), and maps the first 2 MiB of RAM (code, vectors, the
// tables themselves) by an identity block, so that PTE(x) is also the VA at which the test's code writes the entry.
// herd's descriptors `(oa:PA(y), valid:0, af:0, db:0, dbm:1, el0:0, x:0)` are encoded as VMSAv8-64 level-3 page
// descriptors; herd's defaults (lib/AArch64PteVal.ml prot_default) are valid, af, db (writable), el0, x set, dbm clear.
// With intermediate locations (isla's `intermediate ipa1`, for tests of stage 2) a second tree, stage 2 of the EL1&0
// regime (39-bit IPA), maps each intermediate location's IPA page (IPA_BASE + i·4 KiB, its "VA") to its physical page
// through its own level-3 entry, PTE(ipa1), and the same identity blocks as stage 1; a virtual location then maps to
// an IPA. A descriptor in a stage-2 entry (or with the field s2:1) is encoded in stage 2's format. A block location
// (isla's `aligned 2097152 virtual x; x |-> pa1 at level 2`) has a 2 MiB VA and PA of its own (BLOCK_VA_BASE,
// BLOCK_PA_BASE) mapped by one level-2 block descriptor, its PTE(x). The vectors' location (isla's `identity 0x1000
// with code` of the page at VBAR_EL1, when the test names its entry) is a VA page mapped to the vector table's page:
// VBAR_EL1 is that VA, and its level-3 entry the test's to write.
import { TablePool, PageTableBuilder, type TableMemory } from '../hyp/pagetable.ts';
import type { LitmusCond, LitmusLocation, LitmusTest, LitmusValue } from './litmus-reader.ts';

export const RAM_BASE = 0x4000_0000;
export const RAM_SIZE = 0x80_0000;
/** P0's code; the vector table follows it at VBAR_EL1. */
export const CODE_BASE = 0x4000_0000;
export const VBAR = 0x4000_8000;
/** VBAR_EL2, for a P0 that starts at EL2 or takes stage-2 faults (2 KiB aligned, after VBAR_EL1's table). */
export const VBAR_EL2 = 0x4000_9000;
const POOL_BASE = 0x4010_0000;
/** The table pool of a world whose EL0 writes entries: a 2 MiB block of its own (EL0 read/write, never executable). */
const POOL_BASE_EL0 = 0x4020_0000;
const POOL_SIZE = 0x2_0000;
/** The identity block: code, vectors and the table pool (so PTE(x) is a VA too). */
const IDENTITY_SIZE = 0x20_0000;
const VA_BASE = 0x1000_0000;
/** Intermediate locations' IPA pages: apart from VAs and PAs, so that an IPA used as either faults or shows. */
const IPA_BASE = 0x2000_0000;
const PA_BASE = 0x4040_0000;
const PAGE = 0x1000;
/** Block locations: 2 MiB each, VA and PA 2 MiB-aligned; RAM has room for one after the pages' PAs. */
const BLOCK = 0x20_0000;
const BLOCK_VA_BASE = 0x3000_0000;
const BLOCK_PA_BASE = 0x4060_0000;
const MAX_BLOCKS = (RAM_BASE + RAM_SIZE - BLOCK_PA_BASE) / BLOCK;
/** TCR_EL1.T0SZ = 25: a 39-bit VA, the walk starts at level 1 (ARM §D8.2 Table D8-7). */
export const VA_BITS = 39;

/** The test uses something the runner cannot set up: named like a LitmusError (field, why), counted by callers. */
export class LitmusSetupError extends Error {
  constructor(
    readonly field: string,
    readonly why: string,
  ) {
    super(`${field}: ${why}`);
  }
}

export interface LitmusLayout {
  /** The location names in order of first appearance. */
  readonly names: readonly string[];
  va(name: string): number;
  pa(name: string): number;
  /** PA (= VA, identity-mapped) of the last-level entry that maps `name` (level 3, or 2 for a block location), in the
   *  default stage-1 tree or a further one. */
  pte(name: string, tree?: string): number;
  /** PA of the level-2 entry on `name`'s walk (a table descriptor, or a block location's block), in the default
   *  stage-1 tree or a further one. */
  pte2(name: string, tree?: string): number;
  /** The root of the default stage-1 tree, or of a further one (WorldShape.trees). */
  root(tree?: string): number;
  /** The output addresses of the block locations' TLB entries (evictable like a page's). */
  readonly blockPas: readonly number[];
  /** VBAR_EL1: VBAR, or the VA of the vectors' location. */
  readonly vbar: number;
  /** The name whose VA page holds `va`, if any. */
  nameAt(va: number): string | undefined;
  encode(d: LitmusValue, owner?: string): bigint;
  /** The 64-bit value a litmus value stands for. */
  valueOf(v: LitmusValue): bigint;
  /** The table pages (for state fingerprints). */
  readonly tablePages: readonly number[];
  readonly ttbr0: number;
  /** The stage-2 root when the test has intermediate locations, else undefined (stage 2 off). */
  readonly vttbr: number | undefined;
}

// VMSAv8-64 stage-1 level-3 page descriptor bits (ARM §D8.3.1, ARCH-NOTES §7a)
const VALID = 1n; // bit 0
const PAGE_TYPE = 2n; // bits[1:0] = 0b11 at level 3: a page
const ATTR_SH_ISH = 3n << 8n; // SH[1:0] = 0b11 Inner Shareable; AttrIndx 0 = MAIR_EL1.Attr0 (Normal WB)
const AP1_EL0 = 1n << 6n; // AP[1]: EL0 access
const AP2_RO = 1n << 7n; // AP[2]: read-only (herd db:0 without FEAT_HAFDBS)
const AF = 1n << 10n; // Access Flag
const DBM = 1n << 51n; // Dirty Bit Modifier (FEAT_HAFDBS; ignored by an ARMv8.0 PE)
const PXN_UXN = 3n << 53n; // PXN, UXN (herd x:0)
const OA_MASK = 0x0000_ffff_ffff_f000n; // OA[47:12]

const FIELDS = new Set(['oa', 'valid', 'af', 'db', 'dbm', 'el0', 'x', 's2', 'ng']);
const NG = 1n << 11n; // nG: not global, tagged with the ASID (stage 1 only)
// VMSAv8-64 stage-2 level-3 page descriptor bits (ARM §D8.3.2): MemAttr[5:2] = 0b1111 Normal Inner/Outer Write-Back,
// S2AP[7:6] (bit 6 read, bit 7 write), XN[54]
const S2_MEMATTR_WB = 0xfn << 2n;
const S2AP_R = 1n << 6n;
const S2AP_W = 1n << 7n;
const S2_XN = 1n << 54n;

/** Every location name a test (and `more`, values the world writes) mentions, in order of first appearance. */
function namesOf(t: LitmusTest, more: readonly LitmusValue[] = []): string[] {
  const seen = new Set<string>();
  const value = (v: LitmusValue | undefined): void => {
    if (v === undefined) return;
    if (v.kind === 'desc') v.fields.forEach(value);
    else if (v.kind !== 'int' && v.kind !== 'ttbr') seen.add(v.name);
  };
  const location = (l: LitmusLocation): void => {
    if (l.kind !== 'reg') seen.add(l.name);
  };
  const cond = (c: LitmusCond): void => {
    if (c.kind === 'eq') {
      location(c.location);
      value(c.value);
    } else if (c.kind === 'fault' && c.name !== undefined) seen.add(c.name);
    else if (c.kind === 'not') cond(c.arg);
    else if (c.kind === 'and' || c.kind === 'or') c.args.forEach(cond);
  };
  for (const i of t.init) {
    location(i.location);
    value(i.value);
  }
  cond(t.condition);
  more.forEach(value);
  return [...seen];
}

/** What a world has beyond herd's: see buildWorld. */
export interface WorldShape {
  /** The table pool mapped for EL0 too. */
  readonly el0Tables?: boolean;
  /** Intermediate locations: stage 2 on. */
  readonly intermediate?: readonly string[];
  /** Locations mapped by a 2 MiB level-2 block. */
  readonly blocks?: readonly string[];
  /** The location whose page is VBAR_EL1's: its PA the vector table's page (VBAR), its entry read-only code. */
  readonly vectors?: string;
  /** Further stage-1 trees (isla's `s1table NAME ADDR { … }` beside the default tables): the same identity blocks, and
   *  each virtual page location's level-3 entry as `entries` gives it (a descriptor), else invalid; with `stage: 2` a
   *  further stage-2 tree of the intermediate locations' entries (and the stage-2 identity pages). */
  readonly trees?: readonly { readonly name: string; readonly stage?: 2; readonly entries: ReadonlyMap<string, LitmusValue> }[];
  /** Locations whose level-2 entry in the default tree (or a further one) is invalid at the start (isla's `x |->
   *  invalid at level 2`). */
  readonly tableInvalid?: readonly { readonly name: string; readonly tree?: string }[];
  /** Locations whose PA page stage 2 maps to itself (a stage-1 entry outputs it as an IPA: isla's `x |-> pa1` with
   *  stage 2 on). */
  readonly s2Identity?: readonly string[];
}

/** Lays the test's locations out and writes their tables and initial values into `mem`. `el0Tables`: the table pool
 *  is mapped for EL0 too (read/write, never executable), for a P0 at EL0 that writes entries (isla's tests); the
 *  code and vectors stay EL1-writable only, since an EL0-writable page is never executable at EL1 (ARM §D8.4.1.2). */
export function buildWorld(t: LitmusTest, mem: TableMemory, shape: WorldShape = {}): LitmusLayout {
  const { el0Tables = false, intermediate = [], blocks = [], vectors, trees = [], tableInvalid = [], s2Identity = [] } = shape;
  const named = namesOf(t, trees.flatMap((r) => [...r.entries.values()]));
  const names = [...named, ...intermediate.filter((n) => !named.includes(n))];
  const isIpa = new Set(intermediate);
  if (names.length > 256) throw new LitmusSetupError('locations', `${names.length} locations (at most 256)`);
  if (blocks.length > MAX_BLOCKS) throw new LitmusSetupError('locations', `${blocks.length} block locations (at most ${MAX_BLOCKS})`);
  for (const b of blocks) if (!names.includes(b) || isIpa.has(b)) throw new LitmusSetupError('locations', `${b}: a block location must be a virtual location of the test`);
  if (vectors !== undefined && (!names.includes(vectors) || isIpa.has(vectors) || blocks.includes(vectors))) throw new LitmusSetupError('locations', `${vectors}: the vectors' page must be a virtual page location of the test`);
  const blockIdx = new Map(blocks.map((b, j) => [b, j]));
  const index = new Map(names.map((n, i) => [n, i]));
  const idx = (n: string): number => {
    const i = index.get(n);
    if (i === undefined) throw new LitmusSetupError('location', `unknown location ${n}`);
    return i;
  };
  const block = (n: string): number | undefined => blockIdx.get(n);
  const va = (n: string): number => (block(n) !== undefined ? BLOCK_VA_BASE + block(n)! * BLOCK : (isIpa.has(n) ? IPA_BASE : VA_BASE) + idx(n) * PAGE);
  const pa = (n: string): number => (n === vectors ? VBAR : block(n) !== undefined ? BLOCK_PA_BASE + block(n)! * BLOCK : PA_BASE + idx(n) * PAGE);
  // with EL0 tables, code and pool are each one block: mapped page by page, every one of their entries would be a
  // speculative fill of its own for the explorer (ARM §D8.16 R SQBCS) — hundreds of states that never differ
  const pool = new TablePool(mem, el0Tables ? POOL_BASE_EL0 : POOL_BASE, POOL_SIZE);
  const s1 = new PageTableBuilder(pool, { granule: 4, stage: 1, inputBits: VA_BITS });
  s1.map(BigInt(RAM_BASE), BigInt(RAM_BASE), BigInt(IDENTITY_SIZE), { attr: 0, ap: 0, xn: false });
  if (el0Tables) s1.map(BigInt(POOL_BASE_EL0), BigInt(POOL_BASE_EL0), BigInt(IDENTITY_SIZE), { attr: 0, ap: 1, xn: true });
  // a block location's 2 MiB is one level-2 block (the builder uses blocks where they fit)
  for (const n of names) if (!isIpa.has(n)) s1.map(BigInt(va(n)), BigInt(pa(n)), BigInt(block(n) === undefined ? PAGE : BLOCK), { attr: 0, ap: 1, xn: true });
  // stage 2: the same identity blocks (RW, executable, Normal WB), and each intermediate location's page
  const s2 = intermediate.length === 0 ? undefined : new PageTableBuilder(pool, { granule: 4, stage: 2, inputBits: VA_BITS });
  if (s2 !== undefined) {
    s2.map(BigInt(RAM_BASE), BigInt(RAM_BASE), BigInt(IDENTITY_SIZE), { attr: 0xf, ap: 3, xn: false });
    if (el0Tables) s2.map(BigInt(POOL_BASE_EL0), BigInt(POOL_BASE_EL0), BigInt(IDENTITY_SIZE), { attr: 0xf, ap: 3, xn: false });
    for (const n of intermediate) s2.map(BigInt(va(n)), BigInt(pa(n)), BigInt(PAGE), { attr: 0xf, ap: 3, xn: true });
    for (const n of s2Identity) s2.map(BigInt(pa(n)), BigInt(pa(n)), BigInt(block(n) === undefined ? PAGE : BLOCK), { attr: 0xf, ap: 3, xn: true });
  }
  // the further stage-1 trees: identity blocks as the default tree's, each virtual page location's own entry
  const roots = new Map<string, number>();
  /** The locations whose own entry a further tree of `stage` holds. */
  const own = (stage: 1 | 2, n: string): boolean => (stage === 2 ? isIpa.has(n) : !isIpa.has(n) && block(n) === undefined && n !== vectors);
  for (const tree of trees) {
    const stage = tree.stage ?? 1;
    if (stage === 2 && s2 === undefined) throw new LitmusSetupError(`table ${tree.name}`, 'a stage-2 tree in a world without stage 2');
    const b = new PageTableBuilder(pool, { granule: 4, stage, inputBits: VA_BITS });
    // stage 1: the identity blocks as the default tree's; stage 2: as the default stage-2 tree's
    const attrs = (pool: boolean) => (stage === 2 ? { attr: 0xf, ap: 3, xn: false } : { attr: 0, ap: pool ? 1 : 0, xn: pool });
    b.map(BigInt(RAM_BASE), BigInt(RAM_BASE), BigInt(IDENTITY_SIZE), attrs(false));
    if (el0Tables) b.map(BigInt(POOL_BASE_EL0), BigInt(POOL_BASE_EL0), BigInt(IDENTITY_SIZE), attrs(true));
    for (const n of names) if (own(stage, n)) b.map(BigInt(va(n)), BigInt(pa(n)), BigInt(PAGE), stage === 2 ? { attr: 0xf, ap: 3, xn: true } : { attr: 0, ap: 1, xn: true });
    if (stage === 2) for (const n of s2Identity) b.map(BigInt(pa(n)), BigInt(pa(n)), BigInt(block(n) === undefined ? PAGE : BLOCK), { attr: 0xf, ap: 3, xn: true });
    for (const n of tree.entries.keys()) if (!own(stage, n)) throw new LitmusSetupError(`table ${tree.name}`, `${n}: only ${stage === 2 ? 'intermediate' : 'virtual page'} locations in a further stage-${stage} tree`);
    roots.set(tree.name, b.root);
  }
  const root = (tree: string | undefined): number => {
    if (tree === undefined) return s1.root;
    const r = roots.get(tree);
    if (r === undefined) throw new LitmusSetupError('table', `unknown stage-1 tree ${tree}`);
    return r;
  };
  const slot = (n: string, level: number, tree?: string): number => entrySlot(mem, isIpa.has(n) && tree === undefined ? s2!.root : root(tree), va(n), level);
  const pte = (n: string, tree?: string): number => slot(n, block(n) === undefined ? 3 : 2, tree);
  const layout: LitmusLayout = {
    names,
    va,
    pa,
    pte,
    pte2: (n, tree) => slot(n, 2, tree),
    root,
    vbar: vectors === undefined ? VBAR : va(vectors),
    blockPas: blocks.map(pa),
    nameAt: (a) => {
      const b = blocks.find((n) => a >= va(n) && a < va(n) + BLOCK);
      if (b !== undefined) return b;
      const n = a >= VA_BASE && a < VA_BASE + names.length * PAGE ? names[Math.floor((a - VA_BASE) / PAGE)] : undefined;
      return n !== undefined && block(n) === undefined ? n : undefined;
    },
    encode: (d, owner) => encode(layout, d, owner, owner !== undefined && isIpa.has(owner), owner !== undefined && block(owner) !== undefined),
    valueOf: (v) => valueOf(layout, v),
    tablePages: pool.used.map((u) => u.pa),
    ttbr0: s1.root,
    vttbr: s2?.root,
  };
  // herd's default entry for every location: (oa:PA(x)) with the default properties; the vectors' page read-only
  // (AP[2] = 1) for EL1 and EL0, executable — isla's `with code` (page_table.rs S1PageAttrs::code: AP = 0b11)
  for (const n of names) mem.writeU64(pte(n), layout.encode({ kind: 'desc', fields: new Map(n === vectors ? [['db', { kind: 'int', value: 0n }]] : []) }, n));
  for (const i of t.init) {
    if (i.location.kind === 'reg' || i.value === undefined) continue;
    const owner = i.location.kind === 'pte' ? i.location.name : undefined;
    const v = i.value.kind === 'desc' ? layout.encode(i.value, owner) : valueOf(layout, i.value);
    mem.writeU64(i.location.kind === 'pte' ? pte(i.location.name) : pa(i.location.name), v);
  }
  // the further trees' entries: as given, else invalid
  for (const tree of trees) {
    for (const n of names) {
      if (!own(tree.stage ?? 1, n)) continue;
      const d = tree.entries.get(n);
      mem.writeU64(pte(n, tree.name), d === undefined ? 0n : layout.encode(d, n));
    }
  }
  // a level-2 table descriptor invalid at the start: nothing below it is reachable (ARM §D8.3.1 bit[0] = 0)
  for (const { name, tree } of tableInvalid) mem.writeU64(slot(name, 2, tree), 0n);
  return layout;
}

/** The PA of the level-`last` descriptor on `va`'s walk in the tree at `root` (level 1 start, 4 KiB granule). */
function entrySlot(mem: TableMemory, root: number, va: number, last: number): number {
  let table = root;
  for (let level = 1; level < last; level++) {
    const shift = 12 + 9 * (3 - level);
    const desc = mem.readU64(table + Math.floor(va / 2 ** shift) % 512 * 8);
    table = Number(desc & OA_MASK);
  }
  return table + Math.floor(va / 2 ** (12 + 9 * (3 - last))) % 512 * 8;
}

function valueOf(l: LitmusLayout, v: LitmusValue): bigint {
  switch (v.kind) {
    case 'int':
      return BigInt.asUintN(64, v.value);
    case 'addr':
      return BigInt(l.va(v.name));
    case 'pa':
      return BigInt(l.pa(v.name));
    case 'pte':
      return BigInt(v.level === 2 ? l.pte2(v.name, v.tree) : l.pte(v.name, v.tree));
    case 'page':
      return BigInt(l.va(v.name) / PAGE);
    case 'ttbr': {
      const root = v.stage === 1 || v.tree !== undefined ? l.root(v.tree) : l.vttbr;
      if (root === undefined) throw new LitmusSetupError('ttbr', 'a stage-2 root in a world without stage 2');
      return BigInt(root) | (BigInt.asUintN(16, v.tag) << 48n);
    }
    case 'desc':
      return encode(l, v, undefined, false, false);
  }
}

function flag(fields: ReadonlyMap<string, LitmusValue>, name: string, dflt: boolean): boolean {
  const v = fields.get(name);
  if (v === undefined) return dflt;
  if (v.kind !== 'int' || (v.value !== 0n && v.value !== 1n)) throw new LitmusSetupError(`descriptor ${name}`, 'expected 0 or 1');
  return v.value === 1n;
}

/** herd descriptor → VMSAv8-64 page descriptor of stage 1, or of stage 2 when `stage2` or its field s2 is 1, or a
 *  level-2 block descriptor when `block`; `owner`: the location whose entry it is (oa defaults to its PA). */
function encode(l: LitmusLayout, d: LitmusValue, owner: string | undefined, stage2: boolean, block: boolean): bigint {
  if (d.kind !== 'desc') return valueOf(l, d);
  for (const k of d.fields.keys()) if (!FIELDS.has(k)) throw new LitmusSetupError(`descriptor ${k}`, `field ${k} is not supported (only ${[...FIELDS].join(', ')})`);
  const oa = d.fields.get('oa');
  let out: bigint;
  if (oa === undefined) {
    if (owner === undefined) throw new LitmusSetupError('descriptor oa', 'a descriptor outside a page-table entry needs an oa');
    out = BigInt(l.pa(owner));
  } else if (oa.kind === 'pa') out = BigInt(l.pa(oa.name));
  else if (oa.kind === 'pte') out = BigInt(l.pte(oa.name, oa.tree)) & OA_MASK; // the page of the table that holds PTE(x)
  else if (oa.kind === 'addr' && l.vttbr !== undefined) out = BigInt(l.va(oa.name)); // an intermediate location's IPA
  else throw new LitmusSetupError('descriptor oa', `oa must be PA(x) or PTE(x), not ${oa.kind}`);
  // bits[1:0]: 0b11 a page at level 3, 0b01 a block at level 2 (ARM §D8.3.1)
  if (block && out % BigInt(BLOCK) !== 0n) throw new LitmusSetupError('descriptor oa', 'a block descriptor\'s output address must be 2 MiB-aligned');
  out |= (block ? 0n : PAGE_TYPE) | ATTR_SH_ISH;
  if (flag(d.fields, 'valid', true)) out |= VALID;
  if (flag(d.fields, 'af', true)) out |= AF;
  if (flag(d.fields, 'dbm', false)) out |= DBM;
  if (stage2 || flag(d.fields, 's2', false)) {
    out |= S2_MEMATTR_WB | S2AP_R;
    if (flag(d.fields, 'db', true)) out |= S2AP_W;
    if (!flag(d.fields, 'x', true)) out |= S2_XN;
    return out;
  }
  if (!flag(d.fields, 'db', true)) out |= AP2_RO;
  if (flag(d.fields, 'el0', true)) out |= AP1_EL0;
  if (flag(d.fields, 'ng', false)) out |= NG;
  if (!flag(d.fields, 'x', true)) out |= PXN_UXN;
  return out;
}
