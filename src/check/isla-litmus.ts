// An isla system litmus test (isla-reader.ts) as a single-PE test of the herd runner (litmus-run.ts), when it fits
// that runner's world (issue 16): one thread at EL0, EL1 or EL2 on isla's default tables — one stage-1 tree of 4 KiB
// pages, and with intermediate addresses one stage-2 tree — each virtual or intermediate address mapped (or not) by
// its own last-level entry, its handler sections at synchronous vectors of VBAR_EL1 and VBAR_EL2. isla's names become
// herd locations: a virtual address x is location x, an intermediate address ipa1 an intermediate location (its IPA
// page, its stage-2 entry); a physical page is the location that maps it first (`y |-> pa1` makes pa1 PA(y)), or a
// location of its own when nothing maps it at the start. A descriptor with a physical output address in a world with
// stage 2 is a stage-2 descriptor (a stage-1 one outputs an IPA there). isla's own constructs (its conventions:
// docs/litmus-agreement.md): pte3 of the code page at VBAR_EL1, level-2 entries and 2 MiB blocks, `s1table` blocks as
// further stage-1 trees (their table addresses replayed by isla-tables.ts), and with `default_tables = false` the sets
// the translation registers name as the runner's trees (TTBR0_EL2's an EL2 stage-1 tree). What does not fit is a
// LitmusSetupError naming the field and why, counted by the caller.
import type { IslaCond, IslaExpr, IslaTest } from './isla-reader.ts';
import type { SetupAttrs, SetupStatement } from './isla-setup.ts';
import type { LitmusCond, LitmusInit, LitmusTest, LitmusValue } from './litmus-reader.ts';
import type { LitmusRunOptions } from './litmus-run.ts';
import { type SysregName, SYNC_VECTORS, type VectorHandler } from './litmus-run.ts';
import { LitmusSetupError } from './litmus-world.ts';
import { IslaTableAddresses } from './isla-tables.ts';

export interface IslaAsLitmus {
  readonly test: LitmusTest;
  readonly options: LitmusRunOptions;
}

const int = (value: bigint): LitmusValue => ({ kind: 'int', value });
/** The location of code page `n` (a number is no isla name, so it cannot clash with one). */
const vectorName = (n: bigint): string => `0x${n.toString(16)}`;
/** A level-2 block's size with 4 KiB pages (ARM §D8.2 Table D8-7). */
const BLOCK_SIZE = 0x20_0000n;
/** isla's stage-1 entries are not global (nG = 1): its tests pair a TLBI ASIDE1 of the current ASID with one of
 *  another (CoWinvTa1.1 / CoWinvTa2.1), which would be alike if the entries were global (docs/litmus-agreement.md). */
const NOT_GLOBAL: [string, LitmusValue] = ['ng', int(1n)];
const desc = (fields: [string, LitmusValue][]): LitmusValue => ({ kind: 'desc', fields: new Map(fields) });

/** VMSAv8-64 stage-1 AP[2:1] (ARM §D8.4.1.2 Table D8-33) as the herd world's fields: AP[1] EL0 access (el0), AP[2]
 *  read-only (db:0). */
function apFields(attrs: SetupAttrs | undefined): [string, LitmusValue][] {
  if (attrs === undefined) return [];
  for (const k of attrs.fields.keys()) if (k !== 'AP') throw new LitmusSetupError(`page_table_setup ${k}`, `attribute ${k} is not supported (only AP)`);
  if (attrs.code) throw new LitmusSetupError('page_table_setup', '`with code` on a mapping other than identity');
  const ap = attrs.fields.get('AP');
  return ap === undefined ? [] : [['el0', int(ap & 1n)], ['db', int((ap >> 1n) & 1n ? 0n : 1n)]];
}

export function islaAsLitmus(t: IslaTest): IslaAsLitmus {
  if (t.threads.length !== 1) throw new LitmusSetupError('processes', `${t.threads.length} threads (the runner models one PE)`);
  const th = t.threads[0]!;
  const virtual = new Set(t.symbolic);
  const physical = new Set<string>();
  const intermediate = new Set<string>();
  const initial = new Map<string, { to: string | 'invalid'; attrs: SetupAttrs | undefined }>();
  const stores: [string, bigint][] = [];
  const aligned = new Set<string>();
  const tableInvalid: { name: string; tree?: string }[] = [];
  /** `option default_tables = false`: the test's own table sets, by the registers that name them (below). */
  let ownTables = false;
  // which of the test's table sets each translation register names (ttbr(…, base=NAME)): with default_tables = false
  // the runner's default stage-1 tree is TTBR0_EL1's set, its stage-2 tree VTTBR_EL2's and its EL2 tree TTBR0_EL2's
  const baseOf = (reg: string): string | undefined => {
    const e = th.reset.get(reg);
    const b = e?.k === 'call' && e.fn === 'ttbr' ? e.named.get('base') : undefined;
    return b?.k === 'name' ? b.name : undefined;
  };
  const roles = { el1: baseOf('TTBR0_EL1'), s2: baseOf('VTTBR_EL2'), el2: baseOf('TTBR0_EL2') };
  /** The name of the runner's default stage-1 or stage-2 tree: isla's default set, or with default_tables = false the
   *  set TTBR0_EL1 / VTTBR_EL2 names. */
  const defaultName = (stage: 1 | 2): string | undefined => (!ownTables ? (stage === 1 ? 'page_table_base' : 's2_page_table_base') : stage === 1 ? roles.el1 : roles.s2);
  /** The further stage-1 trees: name → its locations' initial mappings. */
  const trees = new Map<string, Map<string, { to: string | 'invalid'; attrs: SetupAttrs | undefined }>>();
  /** Each further tree's stage. */
  const treeStage = new Map<string, 1 | 2>();
  /** Where isla puts the tables of each s1table block (to read a test's `table(0x283000)`). */
  const isla = new IslaTableAddresses(t.symbolic);
  const codePages = new Set<bigint>();
  /** The code page whose level-3 entry the test names (pte3(0x1000, page_table_base)): VBAR_EL1's. */
  let vectorPage: bigint | undefined;
  const blocks = new Set<string>();
  for (const s of t.setup) statement(s);
  for (const n of aligned) if (!blocks.has(n)) throw new LitmusSetupError('page_table_setup', `${n} is declared aligned but not mapped at level 2 (a block)`);
  function statement(s: SetupStatement): void {
    switch (s.k) {
      case 'declare':
        // `aligned 2097152 virtual x`: a VA isla picks 2 MiB-aligned (page_table/setup.rs eval_address_constraints), for
        // a level-2 block mapping of x; the runner gives such a location a 2 MiB VA and PA of its own
        if (s.aligned !== undefined && (s.aligned !== BLOCK_SIZE || s.space !== 'virtual')) throw new LitmusSetupError('page_table_setup', `aligned ${s.aligned} ${s.space} (only \`aligned ${BLOCK_SIZE} virtual\`, a level-2 block)`);
        for (const n of s.names) (s.space === 'physical' ? physical : s.space === 'intermediate' ? intermediate : virtual).add(n);
        if (s.aligned !== undefined) for (const n of s.names) aligned.add(n);
        return;
      case 'identity':
        if (s.level !== undefined || s.addr.k !== 'num') throw new LitmusSetupError('page_table_setup identity', 'only `identity ADDRESS with code`, or `with default` of a further tree\'s table');
        // a further tree's table made accessible (`identity 0x283000 with default`): the runner maps its table pool
        // for every regime its thread runs at
        if (s.attrs?.code !== true) {
          if (!isla.isTable(s.addr.value)) throw new LitmusSetupError('page_table_setup identity', `0x${s.addr.value.toString(16)} with default: not a table of an s1table block (only \`identity ADDRESS with code\`, or with default of such a table)`);
          return;
        }
        // the code and handler pages: the runner maps its own code and vectors (a page the test names the entry of:
        // the vectors' location, below)
        codePages.add(s.addr.value);
        return;
      case 'map': {
        if (s.as !== undefined || s.from.k !== 'name') throw new LitmusSetupError('page_table_setup', 'named walks (`as`) and computed addresses are not supported');
        // `?->`: a value the test may write, named by the registers (mkdesc3, desc3); at any level isla only widens the
        // entry's possible values (page_table.rs maybe_map), which the explorer does not need
        if (!s.initial) return;
        if (s.to !== 'invalid' && s.to.k !== 'name') throw new LitmusSetupError('page_table_setup', `${s.to.k === 'call' ? `${s.to.fn}(…)` : 'a number'} as a mapping's output (only a physical name or invalid)`);
        // `x |-> invalid at level 2`: the table descriptor on x's walk invalid (page_table.rs invalid at that level)
        if (s.level === 2 && s.to === 'invalid' && virtual.has(s.from.name) && !aligned.has(s.from.name)) {
          tableInvalid.push({ name: s.from.name });
          return;
        }
        if (initial.has(s.from.name)) throw new LitmusSetupError('page_table_setup', `${s.from.name} is mapped twice`);
        // `at level 2`: a block descriptor in the level-2 entry (page_table.rs map → block_desc_bits), for an address
        // declared 2 MiB-aligned; level 3 is the default
        if (s.level !== undefined && s.level !== 3 && !(s.level === 2 && s.to !== 'invalid' && aligned.has(s.from.name))) {
          throw new LitmusSetupError('page_table_setup', `${s.from.name} |-> ${s.to === 'invalid' ? 'invalid' : s.to.name} at level ${s.level} (only a 2 MiB-aligned virtual address to a physical one at level 2, invalid at level 2, or level 3)`);
        }
        if (s.level === 2) blocks.add(s.from.name);
        initial.set(s.from.name, { to: s.to === 'invalid' ? 'invalid' : s.to.name, attrs: s.attrs });
        return;
      }
      case 'store':
        stores.push([s.at, s.value]);
        return;
      case 'table':
        if (ownTables) ownSet(s);
        else tree(s);
        return;
      case 'table-ref':
        // inside a set: another set whose tables this one maps — the runner maps its whole table pool in every tree
        return;
      case 'option':
        // isla's options (setup.rs eval_options): default_tables, self_map
        if (s.name === 'default_tables' && s.value === 'false') {
          if (roles.el2 === undefined) throw new LitmusSetupError('page_table_setup', 'option default_tables = false without TTBR0_EL2 = ttbr(…, base=SET): isla\'s EL2 would translate through 0x300000, where no tables are');
          ownTables = true;
          return;
        }
        throw new LitmusSetupError('page_table_setup', `option ${s.name} = ${s.value} (only isla's defaults)`);
      default:
        throw new LitmusSetupError('page_table_setup', `${s.k === 'assert' ? 'assert' : 'a table set named inside another'} (the default tables and further s1table blocks beside them only)`);
    }
  }
  /** `s1table NAME ADDR { … }` beside the default tables (or, with default_tables = false, one no register names or
   *  TTBR0_EL2's): a further stage-1 tree whose entries are its block's initial mappings of virtual addresses at level 3
   *  (or invalid at level 2); its `identity … with code`: the runner maps its code in every tree. */
  function tree(s: Extract<SetupStatement, { k: 'table' }>): void {
    const field = `page_table_setup s${s.stage}table ${s.name}`;
    if (s.stage !== 1 || s.addr === undefined || trees.has(s.name) || s.name === 'page_table_base') throw new LitmusSetupError(field, 'only a new stage-1 table set with its address (`s1table NAME 0x… { … }`)');
    const entries = new Map<string, { to: string | 'invalid'; attrs: SetupAttrs | undefined }>();
    isla.tableSet(s.name, s.addr);
    for (const b of s.body) {
      if (b.k === 'table-ref') continue; // the runner maps its whole table pool in every tree
      if (b.k === 'identity' && b.attrs?.code === true && b.level === undefined && b.addr.k === 'num') {
        isla.map(s.name, b.addr.value, 3);
        continue;
      }
      if (b.k !== 'map' || b.from.k !== 'name' || !virtual.has(b.from.name) || b.as !== undefined) throw new LitmusSetupError(field, 'only `identity ADDRESS with code`, the names of other sets, and mappings of virtual addresses');
      isla.map(s.name, isla.va(b.from.name), b.level ?? 3);
      if (!b.initial) continue;
      if (b.level === 2 && b.to === 'invalid') {
        tableInvalid.push({ name: b.from.name, tree: s.name });
        continue;
      }
      if ((b.level !== undefined && b.level !== 3) || (b.to !== 'invalid' && (b.to.k !== 'name' || !(physical.has(b.to.name) || intermediate.has(b.to.name))))) throw new LitmusSetupError(field, `${b.from.name} |-> …: only a physical or intermediate name or invalid at level 3, or invalid at level 2`);
      entries.set(b.from.name, { to: b.to === 'invalid' ? 'invalid' : b.to.name, attrs: b.attrs });
    }
    trees.set(s.name, entries);
    treeStage.set(s.name, 1);
  }
  /** With default_tables = false, an `s2table` VTTBR_EL2 does not name at the start (another VM's): a further stage-2
   *  tree of its intermediate addresses' level-3 entries; the `s1table` inside it is set up as any other. */
  function tree2(s: Extract<SetupStatement, { k: 'table' }>): void {
    const field = `page_table_setup s2table ${s.name}`;
    if (s.addr === undefined || trees.has(s.name)) throw new LitmusSetupError(field, 'only a new stage-2 table set with its address');
    const entries = new Map<string, { to: string | 'invalid'; attrs: SetupAttrs | undefined }>();
    for (const b of s.body) {
      if (b.k === 'table-ref' || (b.k === 'identity' && b.attrs?.code === true)) continue;
      if (b.k === 'table' && b.stage === 1) {
        ownSet(b);
        continue;
      }
      if (b.k !== 'map' || b.from.k !== 'name' || !intermediate.has(b.from.name) || b.as !== undefined) throw new LitmusSetupError(field, 'only mappings of intermediate addresses, code, and stage-1 sets');
      if (!b.initial) continue;
      if ((b.level !== undefined && b.level !== 3) || (b.to !== 'invalid' && (b.to.k !== 'name' || !physical.has(b.to.name)))) throw new LitmusSetupError(field, `${b.from.name} |-> …: only a physical name or invalid at level 3`);
      if (b.attrs !== undefined && b.attrs.fields.size > 0) throw new LitmusSetupError(field, `${b.from.name} with [${[...b.attrs.fields.keys()].join(', ')}]: attributes on a further stage-2 tree's mapping`);
      entries.set(b.from.name, { to: b.to === 'invalid' ? 'invalid' : b.to.name, attrs: b.attrs });
    }
    trees.set(s.name, entries);
    treeStage.set(s.name, 2);
  }
  /** With default_tables = false, a set of the test's: TTBR0_EL1's is the runner's default stage-1 tree and VTTBR_EL2's
   *  its stage-2 tree (their blocks' statements as the default tables' would be), TTBR0_EL2's and any set no register
   *  names a further tree. */
  function ownSet(s: Extract<SetupStatement, { k: 'table' }>): void {
    const field = `page_table_setup s${s.stage}table ${s.name}`;
    const role = s.stage === 1 && s.name === roles.el1 ? 'el1' : s.stage === 2 && s.name === roles.s2 ? 's2' : undefined;
    if (role === undefined) {
      if (s.stage === 2) tree2(s);
      else tree(s);
      return;
    }
    if (s.addr === undefined) throw new LitmusSetupError(field, 'the set needs its address');
    if (role === 'el1') isla.tableSet(s.name, s.addr);
    for (const b of s.body) {
      if (b.k === 'identity' && b.attrs?.code === true) continue; // the runner maps its code in every tree
      if (b.k === 'table' && role === 's2') ownSet(b);
      else if (b.k === 'map' && b.from.k === 'name' && (role === 's2' ? intermediate : virtual).has(b.from.name)) {
        if (role === 'el1') isla.map(s.name, isla.va(b.from.name), b.level ?? 3);
        if (role === 's2' && b.initial && b.level !== undefined && b.level !== 3) throw new LitmusSetupError(field, `${b.from.name} at level ${b.level}: stage-2 mappings at level 3 only`);
        // `with [AP = …]` is no stage-2 attribute (page_table.rs S2_PAGE_ATTR_FIELDS): isla rejects it (setup.rs with_fields)
        if (role === 's2' && b.initial && b.attrs !== undefined && b.attrs.fields.size > 0) throw new LitmusSetupError(field, `${b.from.name} with [${[...b.attrs.fields.keys()].join(', ')}]: not stage-2 attributes — isla itself rejects this setup (BadPageAttrsField)`);
        statement(b);
      } else if (b.k !== 'table-ref') throw new LitmusSetupError(field, `${b.k === 'table' ? `s${b.stage}table ${b.name} inside it` : `a ${b.k} statement`} (only mappings of its own addresses, code and the names of other sets)`);
    }
  }
  // each physical page: the location that maps it at the start, or its own
  const owner = new Map<string, string>();
  // (a location owns one page: a virtual address another tree maps elsewhere leaves that page a location of its own)
  const owners = new Set<string>();
  for (const [v, m] of [...initial, ...[...trees.values()].flatMap((e) => [...e])]) {
    if (m.to === 'invalid' || !physical.has(m.to) || owner.has(m.to) || owners.has(v)) continue;
    owner.set(m.to, v);
    owners.add(v);
  }
  for (const p of physical) if (!owner.has(p)) owner.set(p, p);
  const ownerOf = (p: string): string => owner.get(p) ?? (() => { throw new LitmusSetupError('page_table_setup', `${p} is not a declared physical address`); })();
  const init: LitmusInit[] = [];
  /** The entry of virtual or intermediate `v` at the start: a stage-1 entry outputs a PA or (to an intermediate name)
   *  an IPA; an intermediate name's stage-2 entry a PA. */
  const entry = (v: string, m = initial.get(v)): LitmusValue => {
    if (m === undefined || m.to === 'invalid') return desc([['oa', { kind: 'pa', name: v }], ['valid', int(0n)]]);
    if (intermediate.has(m.to)) {
      if (!virtual.has(v)) throw new LitmusSetupError('page_table_setup', `${v} |-> ${m.to}: only a virtual address maps to an intermediate one`);
      return desc([['oa', { kind: 'addr', name: m.to }], NOT_GLOBAL, ...apFields(m.attrs)]);
    }
    return desc([['oa', { kind: 'pa', name: ownerOf(m.to) }], ...(intermediate.has(v) ? [] : [NOT_GLOBAL]), ...apFields(m.attrs)]);
  };
  for (const v of [...virtual, ...intermediate]) init.push({ line: 0, type: undefined, location: { kind: 'pte', name: v }, value: entry(v) });
  /** The location whose memory `*at` names: a physical page, or the one a virtual (or intermediate) address maps at
   *  the start, through stage 2 too (isla reads and writes `*x` through the initial tables). */
  const memoryOf = (at: string, field: string): string => {
    let p = at;
    for (let hops = 0; !physical.has(p) && hops < 2; hops++) {
      const m = initial.get(p);
      if (m === undefined || m.to === 'invalid') throw new LitmusSetupError(field, `*${at}: ${p} is not mapped at the start`);
      p = m.to;
    }
    if (!physical.has(p)) throw new LitmusSetupError(field, `*${at}: not a declared address`);
    return ownerOf(p);
  };
  for (const [at, value] of stores) init.push({ line: 0, type: undefined, location: { kind: 'mem', name: memoryOf(at, 'page_table_setup') }, value: int(value) });
  const value = (e: IslaExpr, field: string): LitmusValue => {
    const fail = (why: string): never => {
      throw new LitmusSetupError(field, why);
    };
    switch (e.k) {
      case 'num':
        return int(e.value);
      case 'label':
        return fail(`label ${e.name}: as a value is not supported`);
      case 'name':
        if (virtual.has(e.name) || intermediate.has(e.name)) return { kind: 'addr', name: e.name };
        if (physical.has(e.name)) return { kind: 'pa', name: ownerOf(e.name) };
        return fail(`unknown name ${e.name}`);
      case 'call': {
        const arg = (i: number): string => {
          const a = e.args[i];
          return a?.k === 'name' && (virtual.has(a.name) || intermediate.has(a.name)) ? a.name : fail(`${e.fn}: argument ${i + 1} must be a virtual or intermediate address`);
        };
        // the default stage-1 tree for a virtual address, the default stage-2 tree for an intermediate one
        const onDefaultTables = (): void => {
          const b = e.args[1];
          if (b?.k === 'name' && b.name === defaultName(2) && virtual.has(arg(0)) && !intermediate.has(arg(0))) fail(`${e.fn}(${arg(0)}, ${b.name}): a virtual address walked in the stage-2 set as an IPA — which entry that is depends on the IPAs isla's solver picks, so the runner cannot say`);
          const base = defaultName(intermediate.has(arg(0)) ? 2 : 1);
          if (b?.k !== 'name' || b.name !== base) fail(`${e.fn}: only the default tables (${base ?? 'none: default_tables = false and no register names a set'} for ${arg(0)})${trees.size > 0 ? ' or, for pte2/pte3, a further s1table' : ''}`);
        };
        /** A further stage-1 tree the second argument names, if it names one. */
        const further = (): string | undefined => {
          const b = e.args[1];
          return b?.k === 'name' && trees.has(b.name) ? b.name : undefined;
        };
        switch (e.fn) {
          case 'extz':
            return value(e.args[0] ?? fail('extz needs a value'), field);
          case 'page':
            return { kind: 'page', name: arg(0) };
          case 'pte3': {
            const n = e.args[0];
            if (n?.k === 'num') {
              // the entry of a page `identity N with code` maps (isla: VA = PA = N, level 3); the runner's vectors'
              // location when N is VBAR_EL1's page (checked with the registers)
              if (!codePages.has(n.value)) fail(`pte3(0x${n.value.toString(16)}): not a page \`identity … with code\` maps`);
              const b = e.args[1];
              if (b?.k !== 'name' || b.name !== 'page_table_base') fail('pte3: only the default tables (page_table_base) for a code page');
              vectorPage = n.value;
              return { kind: 'pte', name: vectorName(n.value) };
            }
            const tr = further();
            if (tr !== undefined) {
              const ok = treeStage.get(tr) === 2 ? intermediate.has(arg(0)) : virtual.has(arg(0)) && !blocks.has(arg(0));
              if (!ok) fail(`pte3(${arg(0)}, ${tr}): only ${treeStage.get(tr) === 2 ? 'an intermediate' : 'a virtual page'} location in a stage-${treeStage.get(tr)} set`);
              return { kind: 'pte', name: arg(0), tree: tr };
            }
            onDefaultTables();
            if (blocks.has(arg(0))) fail(`pte3(${arg(0)}): ${arg(0)} is mapped by a level-2 block (no level-3 entry)`);
            return { kind: 'pte', name: arg(0) };
          }
          case 'pte2': {
            // the level-2 entry of the walk (a table descriptor, or x's block): page_table.rs initial_translation_table_walk
            const tr = further();
            if (tr === undefined) onDefaultTables();
            return { kind: 'pte', name: arg(0), level: 2, ...(tr === undefined ? {} : { tree: tr }) };
          }
          case 'bvor': {
            // bvor(extz(TABLE, 64), offset(level=3, va=x)): the entry of x in a level-3 table isla put at TABLE
            const [tb, off] = e.args;
            const addr = tb?.k === 'call' && tb.fn === 'extz' && tb.args[0]?.k === 'num' ? tb.args[0].value : undefined;
            const lvl = off?.k === 'call' && off.fn === 'offset' ? off.named.get('level') : undefined;
            const va = off?.k === 'call' ? off.named.get('va') : undefined;
            if (e.args.length !== 2 || addr === undefined || lvl?.k !== 'num' || lvl.value !== 3n || va?.k !== 'name' || !virtual.has(va.name)) fail('bvor: only bvor(extz(TABLE, 64), offset(level=3, va=x)), x\'s entry in a level-3 table');
            const at = isla.tableAt(addr!);
            const x = (va as { name: string }).name;
            if (at === undefined || at.level !== 3 || at.va >> 21n !== (isla.va(x) ?? -1n) >> 21n) fail(`bvor: 0x${addr!.toString(16)} is not a level-3 table on ${x}'s walk in an s1table block`);
            return { kind: 'pte', name: x, tree: at!.set };
          }
          case 'desc3': {
            onDefaultTables();
            if (blocks.has(arg(0))) fail(`desc3(${arg(0)}): ${arg(0)} is mapped by a level-2 block`);
            const m = initial.get(arg(0));
            if (m === undefined || m.to === 'invalid') fail(`desc3(${arg(0)}): its entry is invalid at the start`);
            return entry(arg(0));
          }
          case 'mkdesc3': {
            const oa = e.named.get('oa');
            const ap = e.named.get('AP');
            const others = [...e.named.keys()].filter((k) => k !== 'oa' && k !== 'AP');
            if (e.args.length > 0 || others.length > 0 || oa?.k !== 'name' || !(physical.has(oa.name) || intermediate.has(oa.name)) || (ap !== undefined && ap.k !== 'num')) fail('mkdesc3: only mkdesc3(oa=PHYSICAL or INTERMEDIATE[, AP=N])');
            const name = (oa as { name: string }).name;
            // AP[2:1] as in a mapping's `with [AP = …]` (stage 1)
            const perms = ap === undefined ? [] : apFields({ code: false, default: true, fields: new Map([['AP', (ap as { value: bigint }).value]]) });
            if (intermediate.has(name)) return desc([['oa', { kind: 'addr', name }], NOT_GLOBAL, ...perms]); // stage 1, to an IPA
            // with stage 2 a descriptor to a PA is stage 2's (see the header)
            if (intermediate.size > 0 && ap !== undefined) fail('mkdesc3: AP on a stage-2 descriptor');
            return desc([['oa', { kind: 'pa', name: ownerOf(name) }], intermediate.size > 0 ? ['s2', int(1n)] : NOT_GLOBAL, ...perms]);
          }
          case 'mkdesc2': {
            // a table descriptor (isla litmus/exp.rs mkdesc: table | 0b11) to a further tree's level-3 table
            if (e.named.has('oa')) fail('mkdesc2(oa=…): a level-2 block whose output is the 2 MiB region holding that page (isla masks the address, litmus/exp.rs mkdesc) — which region depends on the PA isla\'s solver picks');
            const tb = e.named.get('table');
            const addr = tb?.k === 'call' && tb.fn === 'extz' && tb.args[0]?.k === 'num' ? tb.args[0].value : tb?.k === 'num' ? tb.value : undefined;
            if (e.args.length > 0 || e.named.size !== 1 || addr === undefined) fail('mkdesc2: only mkdesc2(table=ADDRESS)');
            const at = isla.tableAt(addr!);
            if (at === undefined || at.level !== 3) fail(`mkdesc2(table=0x${addr!.toString(16)}): not a level-3 table of an s1table block`);
            const loc = [...virtual].find((v) => !blocks.has(v) && (isla.va(v) ?? -1n) >> 21n === at!.va >> 21n);
            if (loc === undefined) fail(`mkdesc2(table=0x${addr!.toString(16)}): the table maps no location of the test`);
            // the page of the table that holds loc's entry in that tree; bits[1:0] = 0b11, a table descriptor at level 2
            return desc([['oa', { kind: 'pte', name: loc!, tree: at!.set }]]);
          }
          case 'asid': {
            // a TLBI operand: ASID in bits 63:48 (ARM §C5.5 TLBI ASIDE1 Xt)
            const n = e.args[0];
            if (e.args.length !== 1 || n?.k !== 'num') fail('asid: one number');
            return int(BigInt.asUintN(16, (n as { value: bigint }).value) << 48n);
          }
          case 'ttbr': {
            // the default tables' root with an ASID (TTBR0_EL1) or a VMID (VTTBR_EL2) in bits 63:48
            const base = e.named.get('base');
            const tag = e.named.get('asid') ?? e.named.get('vmid');
            const stage = e.named.has('vmid') ? 2 : 1;
            // a number as the base (`base=extz(0b0, 64)`: pKVM's VTTBR_EL2 with no tables, loaded around a TLBI) is the
            // register's value as it stands: the tag in bits 63:48 over that address
            const raw = base?.k === 'num' ? base.value : base?.k === 'call' && base.fn === 'extz' && base.args[0]?.k === 'num' ? base.args[0].value : undefined;
            if (raw !== undefined && tag?.k === 'num' && e.named.size === 2) return int((BigInt.asUintN(16, tag.value) << 48n) | raw);
            const root = defaultName(stage);
            const tr = base?.k === 'name' && treeStage.get(base.name) === stage ? base.name : undefined;
            if (e.args.length > 0 || e.named.size !== 2 || base?.k !== 'name' || (base.name !== root && tr === undefined) || tag?.k !== 'num') fail(`ttbr: only ttbr(asid=N, base=${defaultName(1) ?? '(no default)'} or an s1table) or ttbr(vmid=N, base=${defaultName(2) ?? '(no default)'})`);
            return { kind: 'ttbr', stage, tag: (tag as { value: bigint }).value, ...(tr === undefined ? {} : { tree: tr }) };
          }
          default:
            return fail(`${e.fn}(…) is not supported`);
        }
      }
    }
  };
  let el: 0 | 1 | 2 = 0;
  let spx = false;
  let vbar: bigint | undefined;
  let vbar2: bigint | undefined;
  // SPSR_ELx and ELR_ELx of the EL the thread starts at (x = 1 or 2): its own ERET to a lower EL
  let eretSpsr: bigint | undefined;
  let eretLabel: string | undefined;
  let eretFrom: number | undefined;
  const sysregs: { reg: SysregName; value: LitmusValue }[] = [];
  for (const [reg, e] of th.reset) {
    const field = `thread.0.reset.${reg}`;
    const r = /^R(\d+)$/.exec(reg);
    if (r !== null) init.push({ line: 0, type: undefined, location: { kind: 'reg', pe: 0, reg: `X${r[1]}` }, value: value(e, field) });
    else if (reg === 'ELR_EL2' || reg === 'ELR_EL1') {
      // the label P0's own ERET returns to
      if (e.k !== 'label') throw new LitmusSetupError(field, 'expected a label of the thread\'s code (`L0:`)');
      eretLabel = e.name;
      eretFrom = Number(reg.at(-1));
    } else if (reg === 'TTBR0_EL1' || reg === 'VTTBR_EL2') {
      const v = value(e, field);
      if (v.kind !== 'ttbr' || v.stage !== (reg === 'TTBR0_EL1' ? 1 : 2)) throw new LitmusSetupError(field, `expected ${reg === 'TTBR0_EL1' ? 'ttbr(asid=…, base=page_table_base)' : 'ttbr(vmid=…, base=s2_page_table_base)'}`);
      sysregs.push({ reg, value: v });
    } else if (reg === 'TTBR0_EL2') {
      // the EL2 regime's stage 1 through a set of the test's (isla: SCTLR_EL2.M = 1, and without default tables the
      // test must name its own); with default tables isla's EL2 translates through them, as the runner's EL2 with
      // stage 1 off translates the table addresses its threads write
      const v = value(e, field);
      if (v.kind !== 'ttbr' || v.stage !== 1 || v.tree === undefined || !ownTables) throw new LitmusSetupError(field, 'only ttbr(asid=…, base=SET) of a set of the test\'s own, with default_tables = false');
      sysregs.push({ reg, value: v });
    } else if (reg === 'PSTATE.EL' || reg === 'PSTATE.SP' || reg === 'VBAR_EL1' || reg === 'VBAR_EL2' || reg === 'SPSR_EL2' || reg === 'SPSR_EL1') {
      const v = value(e, field);
      if (v.kind !== 'int') throw new LitmusSetupError(field, 'expected a number');
      if (reg === 'VBAR_EL1') vbar = v.value;
      else if (reg === 'VBAR_EL2') vbar2 = v.value;
      else if (reg === 'SPSR_EL2' || reg === 'SPSR_EL1') {
        eretSpsr = v.value;
        if (eretFrom !== undefined && eretFrom !== Number(reg.at(-1))) throw new LitmusSetupError(field, 'SPSR and ELR of different ELs');
        eretFrom = Number(reg.at(-1));
      }
      else if (reg === 'PSTATE.SP') spx = v.value === 1n;
      else if (v.value > 2n) throw new LitmusSetupError(field, `EL${v.value} (the runner starts P0 at EL0, EL1 or EL2)`);
      else el = Number(v.value) as 0 | 1 | 2;
    } else if (reg === 'TTBR1_EL1') {
      // no TTBR1 range in either: isla's TCR_EL1 (0x80000010) has T1SZ = 0, below the minimum, and its configuration
      // aborts on such sizes (armv8p5_mmu_on.toml __unpred_tsize_aborts), so every walk in that range faults and none
      // is cached; the runner's TCR_EL1.EPD1 = 1 disables those walks. Checked, then nothing to set.
      if (value(e, field).kind !== 'ttbr') throw new LitmusSetupError(field, 'expected ttbr(asid=…, base=…)');
    } else throw new LitmusSetupError(field, `${reg} is not set up by the runner (only X registers, PSTATE.EL/SP, VBAR_EL1/EL2, SPSR_EL1/EL2, ELR_EL1/EL2, TTBR0_EL1, TTBR1_EL1, TTBR0_EL2, VTTBR_EL2)`);
  }
  if (vectorPage !== undefined && (vbar === undefined || vbar - (vbar % 0x1000n) !== vectorPage)) {
    throw new LitmusSetupError('thread.0.reset', `pte3(0x${vectorPage.toString(16)}): only the entry of VBAR_EL1's page (the runner's code is not at isla's addresses)`);
  }
  const spsrField = `thread.0.reset.SPSR_EL${eretFrom ?? el}`;
  if ((eretSpsr === undefined) !== (eretLabel === undefined) || (eretFrom !== undefined && eretFrom !== el)) throw new LitmusSetupError(spsrField, `SPSR_ELx and ELR_ELx go together, for a thread that starts at ELx (here EL${el})`);
  // SPSR_ELx.M[3:0] (ARM §C5.2.18–19): the EL (bits 3:2) and stack pointer (bit 0) the ERET enters, below ELx; AArch64 only
  if (eretSpsr !== undefined && ((eretSpsr & 0x10n) !== 0n || Number((eretSpsr >> 2n) & 3n) >= el)) throw new LitmusSetupError(spsrField, `M = 0b${(eretSpsr & 0x1fn).toString(2)}: only an ERET to a lower EL in AArch64`);
  // the EL the thread runs at below EL2
  const lowEl = eretSpsr === undefined ? el : Number((eretSpsr >> 2n) & 3n);
  // the handlers: sections at a synchronous exception vector of VBAR_EL1 or VBAR_EL2 (isla names them
  // thread0_el1_handler, thread0_el1_handler_same_exc/_lower_exc, thread0_el2_handler(_lower_exc))
  const handlers: VectorHandler[] = [];
  for (const s of t.sections) {
    const m = /^thread0_el([12])_handler(_same_exc|_lower_exc)?$/.exec(s.name);
    if (m === null) throw new LitmusSetupError(`section.${s.name}`, 'only handlers of thread 0 (thread0_el1_handler…, thread0_el2_handler…)');
    const hel = Number(m[1]) as 1 | 2;
    const base = hel === 2 ? vbar2 : vbar;
    const offset = base === undefined ? -1 : Number(s.address - base);
    if (!(SYNC_VECTORS as readonly number[]).includes(offset)) throw new LitmusSetupError(`section.${s.name}`, `at ${s.address.toString(16)}, not a synchronous exception vector of VBAR_EL${hel} (+0x000, +0x200, +0x400)`);
    if (hel === 1 && lowEl === 2) throw new LitmusSetupError(`section.${s.name}`, 'an EL1 handler for a thread that stays at EL2');
    handlers.push({ el: hel, offset, code: s.code });
  }
  const cond = (c: IslaCond): LitmusCond => {
    switch (c.k) {
      case 'true':
        return { kind: 'true' };
      case 'false':
        return { kind: 'not', arg: { kind: 'true' } };
      case 'not':
        return { kind: 'not', arg: cond(c.arg) };
      case 'and':
      case 'or':
        return { kind: c.k, args: c.args.map(cond) };
      case 'eq':
        if (c.mem !== undefined) return { kind: 'eq', location: { kind: 'mem', name: memoryOf(c.mem, 'final.assertion') }, value: value(c.value, 'final.assertion') };
        if (c.thread !== 0) throw new LitmusSetupError('final.assertion', `thread ${c.thread}`);
        return { kind: 'eq', location: { kind: 'reg', pe: 0, reg: c.reg! }, value: value(c.value, 'final.assertion') };
    }
  };
  // with stage 2 on, isla maps a physical address a virtual one maps to identically in stage 2 too (setup.rs maps_to)
  const s2Identity = intermediate.size === 0 ? [] : [...new Set([...initial, ...[...trees.values()].flatMap((e) => [...e])].flatMap(([v, m]) => (virtual.has(v) && m.to !== 'invalid' && physical.has(m.to) ? [ownerOf(m.to)] : [])))];
  const test: LitmusTest = {
    arch: 'AArch64', name: t.name, header: new Map(), init, code: [th.code], handlers: new Map(), locations: [],
    quantifier: t.expect === 'sat' ? 'exists' : '~exists', condition: cond(t.assertion),
  };
  return {
    test,
    options: {
      el, spx, handlerMovesElr: true,
      ...(eretSpsr === undefined ? {} : { eret: { spsr: eretSpsr, elr: eretLabel! } }),
      ...(handlers.length === 0 ? {} : { handlers }),
      ...(intermediate.size === 0 ? {} : { intermediate: [...intermediate] }),
      ...(blocks.size === 0 ? {} : { blocks: [...blocks] }),
      ...(vectorPage === undefined ? {} : { vectors: vectorName(vectorPage) }),
      ...(trees.size === 0 ? {} : { trees: [...trees].map(([name, m]) => ({ name, ...(treeStage.get(name) === 2 ? { stage: 2 as const } : {}), entries: new Map([...m].map(([v, to]) => [v, entry(v, to)])) })) }),
      ...(tableInvalid.length === 0 ? {} : { tableInvalid }),
      ...(s2Identity.length === 0 ? {} : { s2Identity }),
      ...(sysregs.length === 0 ? {} : { sysregs }),
    },
  };
}
