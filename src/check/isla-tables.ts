// Where isla puts the translation tables of a test's `s1table NAME ADDR { … }` blocks (issue 16), so that an address a
// test writes by hand (`mkdesc2(table=extz(0x283000,64))`, `identity 0x283000 with default`) can be read as "the
// level-3 table of x's walk in NAME". isla (rems-project/isla isla-axiomatic/src/page_table.rs, at 942d5f8): a table
// set allocates its level-0 table at its address when the block opens (page_table/setup.rs:1203) and each further
// table in the next 4 KiB (PageTables::alloc, page_table.rs:714), when a mapping's walk at levels 1 … N first needs it
// (PageTables::update, page_table.rs:744–795); a symbolic address i of the test's `symbolic` list is the VA
// 0x600000 + i · 0x1000 (configs/armv8p5_mmu_on.toml [symbolic_addrs], litmus.rs:980). Only the mappings of the
// block's own statements are replayed: the thread code isla maps afterwards (map_code) comes after them.
import { LitmusSetupError } from './litmus-world.ts';

const SYMBOLIC_BASE = 0x60_0000n;
const SYMBOLIC_STRIDE = 0x1000n;
const PAGE = 0x1000n;

/** A table isla allocated: its set, its level (0–3) and an input address it translates. */
export interface IslaTable {
  readonly set: string;
  readonly level: number;
  readonly va: bigint;
}

export class IslaTableAddresses {
  private readonly tables = new Map<bigint, IslaTable>();
  /** Per set: the next free table address, and the tables by (level, VA bits above what the level resolves). */
  private readonly sets = new Map<string, { next: bigint; byWalk: Map<string, bigint> }>();

  constructor(private readonly symbolic: readonly string[]) {}

  /** isla's VA of symbolic address `name`. */
  va(name: string): bigint {
    const i = this.symbolic.indexOf(name);
    if (i < 0) throw new LitmusSetupError('page_table_setup', `${name}: not in the test's \`symbolic\` list, so its VA is the solver's choice (setup.rs eval_address_constraints) and where isla puts its tables unknown`);
    return SYMBOLIC_BASE + BigInt(i) * SYMBOLIC_STRIDE;
  }

  /** A new table set at `base`: its level-0 table there. */
  tableSet(name: string, base: bigint): void {
    if (this.sets.has(name)) throw new LitmusSetupError('page_table_setup', `table set ${name} twice`);
    this.sets.set(name, { next: base, byWalk: new Map() });
    this.alloc(name, 0, 0n);
  }

  /** A mapping of `va` at `level` in set `name`: the tables its walk needs at levels 1 … level, allocated in order. */
  map(name: string, va: bigint, level: number): void {
    for (let l = 1; l <= level; l++) this.alloc(name, l, va);
  }

  /** The table isla put at `addr`, if any. */
  tableAt(addr: bigint): IslaTable | undefined {
    return this.tables.get(addr);
  }

  isTable(addr: bigint): boolean {
    return this.tables.has(addr);
  }

  private alloc(name: string, level: number, va: bigint): void {
    const set = this.sets.get(name)!;
    // a level-l table translates the VA bits below 12 + 9·(4 − l): one per value of the bits above (4 KiB granule)
    const key = `${level}:${level === 0 ? 0n : va >> BigInt(12 + 9 * (4 - level))}`;
    if (set.byWalk.has(key)) return;
    set.byWalk.set(key, set.next);
    this.tables.set(set.next, { set: name, level, va });
    set.next += PAGE;
  }
}
