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
  /** Sets with a mapping of an address whose VA isla's solver picks. */
  private readonly unknown = new Set<string>();

  constructor(private readonly symbolic: readonly string[]) {}

  /** isla's VA of symbolic address `name`; undefined for one the setup declares (`virtual x`): the solver picks it. */
  va(name: string): bigint | undefined {
    const i = this.symbolic.indexOf(name);
    return i < 0 ? undefined : SYMBOLIC_BASE + BigInt(i) * SYMBOLIC_STRIDE;
  }

  /** A new table set at `base`: its level-0 table there. */
  tableSet(name: string, base: bigint): void {
    if (this.sets.has(name)) throw new LitmusSetupError('page_table_setup', `table set ${name} twice`);
    this.sets.set(name, { next: base, byWalk: new Map() });
    this.alloc(name, 0, 0n);
  }

  /** A mapping of `va` at `level` in set `name`: the tables its walk needs at levels 1 … level, allocated in order (an
   *  unknown VA leaves where the set's later tables are unknown). */
  map(name: string, va: bigint | undefined, level: number): void {
    if (va === undefined) this.unknown.add(name);
    else if (!this.unknown.has(name)) for (let l = 1; l <= level; l++) this.alloc(name, l, va);
  }

  /** The table isla put at `addr`, if any (an error when a set whose tables are not all known may hold it). */
  tableAt(addr: bigint): IslaTable | undefined {
    const t = this.tables.get(addr);
    if (t === undefined && [...this.unknown].some((n) => addr >= this.sets.get(n)!.next)) {
      throw new LitmusSetupError('page_table_setup', `0x${addr.toString(16)}: a table of a set that maps an address the setup declares (its VA, and so where isla puts the tables, is the solver's choice)`);
    }
    return t;
  }

  isTable(addr: bigint): boolean {
    return this.tableAt(addr) !== undefined;
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
