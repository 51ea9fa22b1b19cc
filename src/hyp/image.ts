// The image builder: scenario → one bootable ELF. Lays out memory, assembles the guests and the hypervisor
// with twostage's assembler, builds stage-2 tables for VMs and the hypervisor-owned stage 1 (and, per hosting
// mode, stage 2) of native apps in a pool no context maps, and writes the context table.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble, type AsmOptions, type AsmResult } from '../asm/assemble.ts';
import { readAssembly } from '../asm/user-file.ts';
import { profileByName } from '../arch/profiles.ts';
import { readElf, type ElfImage } from '../elf/read.ts';
import { VirtMachine } from '../machine/virt.ts';
import type { Tlb } from '../mmu/tlb.ts';
import { writeElf, type ElfSectionSpec } from '../elf/write.ts';
import {
  configSource, contextSource, CPACR_FP_ON, HCR, HCR_HYP, SCTLR_EL1_INIT, SPSR_EL0T, SPSR_EL1H, tcrFor, vtcrFor, type ContextRegs,
} from './context-table.ts';
import { HYP_BASE, layoutMemory, type MemoryLayout, type PlacedRegion } from './layout.ts';
import { PageTableBuilder, sl0For, TablePool, TablePoolExhausted, type Granule, type LeafAttrs, type TableMemory } from './pagetable.ts';
import { linuxGuest } from './linux-guest.ts';
import { vmGicvMapping } from './vm-dt.ts';
import { entryOf, sharesOf, type ContextSpec, type HostingMode, type Scenario } from './scenario.ts';

export const ASM_DIR = join(dirname(fileURLToPath(import.meta.url)), 'asm');
const PA_BITS = 44;

/** A physical range a context may legitimately reach, and why. */
export interface AllowedRange {
  readonly pa: number;
  readonly size: number;
  readonly what: string;
  /** Reachable for reading only (a read-only share of the protection table). */
  readonly readOnly?: boolean;
  /** A device frame of the machine given to this context alone (a Linux VM's GICV as its GICC): audit names it as the
   *  context's own (src/check/audit.ts regionsOf). */
  readonly device?: boolean;
}

/** A region of another context that the protection table maps into this one, at the owner's address. */
interface PlacedShare {
  readonly at: bigint;
  readonly pa: number;
  readonly size: number;
  readonly perms: 'r' | 'rw';
  readonly owner: string;
}

export interface ContextInfo {
  readonly index: number;
  readonly name: string;
  readonly kind: 'vm' | 'native';
  readonly regions: readonly PlacedRegion[];
  /** Its own memory, plus what its hosting adds (the EL1 shim page, its stage-1 tables read by the walker). */
  readonly allowed: readonly AllowedRange[];
  readonly regs: ContextRegs;
  /** The app's VA space (native) — for the 48-bit verdict. */
  readonly vaBits?: number;
}

export interface BuiltImage {
  readonly elf: Uint8Array;
  readonly image: ElfImage;
  readonly scenario: Scenario;
  readonly hosting: HostingMode;
  readonly layout: MemoryLayout;
  readonly contexts: readonly ContextInfo[];
  /** Hypervisor symbols (cur_ctx, ctx_table, deny_log, log_count, shim_page …). */
  readonly symbols: ReadonlyMap<string, bigint>;
  /** What the builder could not honour in this hosting mode (e.g. a region beyond the IPA space). */
  readonly notes: readonly string[];
  /** Hypervisor sources that replaced the builder's own (buildImage's `asmOverride`). */
  readonly asmOverride?: AsmOverride;
}

export class BuildError extends Error {}

/** Byte-addressed backing store for the page-table pool. */
class PoolBytes implements TableMemory {
  readonly bytes: Uint8Array;
  private readonly dv: DataView;
  constructor(
    readonly base: number,
    size: number,
  ) {
    this.bytes = new Uint8Array(size);
    this.dv = new DataView(this.bytes.buffer);
  }
  writeU64(pa: number, v: bigint): void {
    this.dv.setBigUint64(pa - this.base, v, true);
  }
  readU64(pa: number): bigint {
    return this.dv.getBigUint64(pa - this.base, true);
  }
}

function asmOrThrow(file: string, text: string, base: bigint, read?: AsmOptions['read']): AsmResult {
  const r = assemble(file, text, read ? { base, read } : { base });
  if (r.diagnostics.length > 0) {
    throw new BuildError(r.diagnostics.slice(0, 10).map((d) => `${d.file}:${d.line}:${d.col}: error: ${d.message}`).join('\n'));
  }
  return r;
}

/** Stage-2 leaf attributes for a region's permissions: Normal write-back (MemAttr 0xF). */
function s2Attrs(perms: string): LeafAttrs {
  return { attr: 0xf, ap: perms.includes('w') ? 3 : 1, xn: !perms.includes('x') };
}

/** Stage-1 leaf attributes for an app's region: EL0 access, MAIR Attr0, not global, never EL1-executable. */
function s1AppAttrs(perms: string): LeafAttrs {
  return { attr: 0, ap: perms.includes('w') ? 1 : 3, xn: !perms.includes('x'), pxn: true, ng: true };
}

/** Hypervisor sources by include name ('switch.S', 'context.S', 'regime.S', 'tlb.S', 'errata.S' …) that replace what the builder
 *  would read: the hook the mutation test (test/check/mutation.test.ts) builds mutants through. */
export type AsmOverride = ReadonlyMap<string, string>;

/** The include reader for hyp.S: the generated context.S and config.S, the scenario's variants of errata.S, regime.S and tlb.S,
 *  the files of ASM_DIR, each replaced by `override` when it names it. */
export function hypReader(s: Scenario, hosting: HostingMode, config: string, override?: AsmOverride): (p: string) => string | undefined {
  const virtual: Record<string, () => string> = {
    'errata.S': () => readFileSync(join(ASM_DIR, s.errata.includes(1319537) ? 'errata-1319537.S' : 'errata.S'), 'utf8'),
    'config.S': () => config,
    'context.S': () => contextSource(),
    'regime.S': () => readFileSync(join(ASM_DIR, hosting === 'seed-literal' ? 'regime-literal.S' : 'regime-correct.S'), 'utf8'),
    'tlb.S': () => readFileSync(join(ASM_DIR, `tlb-${s.tlb}.S`), 'utf8'),
  };
  return (p: string): string | undefined => {
    const name = p.slice(p.lastIndexOf('/') + 1);
    const o = override?.get(name);
    if (o !== undefined) return o;
    if (virtual[name] !== undefined) return virtual[name]();
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** hyp.S's path and its text through `read` (hypReader); a BuildError when it cannot be read (src/hyp/asm is part of
 *  an installation). */
export function hypMain(read: (p: string) => string | undefined): { main: string; text: string } {
  const main = join(ASM_DIR, 'hyp.S');
  const text = read(main);
  if (text === undefined) throw new BuildError(`${main}: cannot read the hypervisor's source`);
  return { main, text };
}

/** Assemble the hypervisor with a given config.S; the scenario chooses the TLB policy and the errata hooks. */
function assembleHyp(s: Scenario, hosting: HostingMode, config: string, base: number, override?: AsmOverride): AsmResult {
  const read = hypReader(s, hosting, config, override);
  const { main, text } = hypMain(read);
  return asmOrThrow(main, text, BigInt(base), read);
}

const symbolMap = (r: AsmResult): Map<string, bigint> => new Map(r.symbols.map((s) => [s.name, s.addr]));

/**
 * The virt machine an image boots on: the scenario's CPU and RAM (parseScenario checked that the board holds it), and
 * no semihosting, as QEMU without -semihosting. The hypervisor ends the run through PSCI (switch.S hyp_exit), so
 * nothing needs it, and a guest's HLT #0xF000 is UNDEFINED inside that guest (EC 0x00 to its own EL1, or to EL2 under
 * TGE) instead of a door out of it. `tlb`: the PE's TLB, when not the CPU's default (the checker's is larger).
 */
export function machineFor(img: BuiltImage, tlb?: Tlb): VirtMachine {
  // gicVersion 2: the hypervisor drives the GICv2 virtualization interface (GICH, GICV)
  return new VirtMachine({ profile: profileByName(img.scenario.cpu), gicVersion: 2, ramBytes: Number(img.scenario.ram.size), semihosting: false, tlb });
}

/** Build the image for `s` (read from `file`), optionally overriding its hosting mode and hypervisor sources. */
export function buildImage(s: Scenario, file: string, hostingOverride?: HostingMode, asmOverride?: AsmOverride): BuiltImage {
  const hosting = hostingOverride ?? s.hosting;
  const granule: Granule = s.granule === '4K' ? 4 : 64;
  const gsize = granule * 1024;
  const notes: string[] = [];

  // pass 1: the shim's address does not depend on config.S (included last), nor on the layout
  const stubCtx = s.contexts.map((c) => stubRegs(c));
  const pass1 = symbolMap(assembleHyp(s, hosting, configSource(stubCtx, 1, false), HYP_BASE, asmOverride));
  const shimPa = Number(pass1.get('shim_page')!);
  const env = { file, hosting, granule, gsize, shimPa };

  // the tables' size depends on how the regions align to blocks, not on where the pool ends (layout.ts): build them
  // once on sparse memory to size the pool, then for real
  const first = layoutMemory(s);
  if (typeof first === 'string') throw new BuildError(`${file}: ${first}`);
  const lay = layoutMemory(s, tableBytes(s, first, env, file));
  if (typeof lay === 'string') throw new BuildError(`${file}: ${lay}`);
  const poolMem = new PoolBytes(lay.poolBase, lay.poolSize);
  const pool = new TablePool(poolMem, lay.poolBase, lay.poolSize);
  const { regs, allowed } = contextRegs(s, lay, pool, env, notes);
  const sections: ElfSectionSpec[] = [];
  const baseDir = dirname(resolve(file));
  const contexts: ContextInfo[] = s.contexts.map((c, index) => {
    const regions = lay.regions[index]!;
    placeGuestImage(c, regions, baseDir, sections, `${file}: contexts.${index}`);
    return { index, name: c.name, kind: c.kind, regions, allowed: allowed[index]!, regs: regs[index]!, ...(c.kind === 'native' ? { vaBits: c.va_bits } : {}) };
  });

  const hyp = assembleHyp(s, hosting, configSource(regs, s.schedule.slices, s.on_denied === 'skip', s.schedule.slice_insns, s.input === undefined ? undefined : s.contexts.findIndex((c) => c.name === s.input)), lay.hypBase, asmOverride);
  const symbols = symbolMap(hyp);
  if (Number(symbols.get('shim_page')) !== shimPa) throw new Error('the shim moved between passes'); // a bug, not bad input
  const hypEnd = Math.max(...hyp.sections.map((x) => Number(x.addr) + x.bytes.length));
  if (hypEnd > lay.hypLimit) throw new BuildError(`${file}: the hypervisor (to 0x${hypEnd.toString(16)}) does not fit below 0x${lay.hypLimit.toString(16)} (too many contexts?)`);
  hyp.sections.forEach((x) => sections.unshift({ name: x.name === '.text' ? '.hyp' : `.hyp${x.name}`, addr: x.addr, data: x.bytes, write: true, exec: x.code }));
  sections.push({ name: '.pagetables', addr: BigInt(lay.poolBase), data: poolMem.bytes.slice(0, Math.max(8, pool.end - lay.poolBase)), write: true });
  const elf = writeElf({
    entry: symbols.get('_start')!,
    sections,
    symbols: [...symbols].filter(([n]) => !n.startsWith('C_') && !n.startsWith('HCR_')).map(([name, value]) => ({ name, value })),
  });
  const parsed = readElf(elf);
  if (!parsed.ok) throw new Error(`the ELF writer produced an unreadable image: ${parsed.error}`); // a bug, not bad input
  return { elf, image: parsed.image, scenario: s, hosting, layout: lay, contexts, symbols, notes, ...(asmOverride === undefined ? {} : { asmOverride }) };
}

/** What building the tables needs besides the layout and the pool. */
interface TableEnv {
  /** The scenario file, for messages. */
  readonly file: string;
  readonly hosting: HostingMode;
  readonly granule: Granule;
  readonly gsize: number;
  readonly shimPa: number;
}

/** Every context's registers and allowed ranges, its tables built in `pool`. */
function contextRegs(s: Scenario, lay: MemoryLayout, pool: TablePool, env: TableEnv, notes: string[]): { regs: ContextRegs[]; allowed: AllowedRange[][] } {
  const { granule } = env;
  const allowedAll: AllowedRange[][] = [];
  const regs = s.contexts.map((c, index) => {
    try {
      return oneContext(c, index);
    } catch (e) {
      // name the context: the pool's exhaustion with its index, the builder's own refusals with the scenario field
      if (e instanceof TablePoolExhausted) throw new TablePoolExhausted(e.message, e.mapping, index);
      if (e instanceof BuildError) throw new BuildError(`${env.file}: contexts.${index}.memory: ${e.message}`);
      throw e;
    }
  });
  return { regs, allowed: allowedAll };

  function oneContext(c: ContextSpec, index: number): ContextRegs {
    const regions = lay.regions[index]!;
    const shares = placedShares(s, lay, c.name);
    const allowed: AllowedRange[] = [
      ...regions.map((r) => ({ pa: r.pa, size: r.size, what: `${c.name} memory` })),
      ...shares.map((x) => ({ pa: x.pa, size: x.size, what: `${x.owner} memory, shared (${x.perms})`, readOnly: x.perms === 'r' })),
    ];
    allowedAll.push(allowed);
    if (c.kind === 'native') return nativeRegs(c, env.hosting, [...regions, ...shares], { pool, granule, gsize: env.gsize, shimPa: env.shimPa, notes, allowed });
    const s2 = new PageTableBuilder(pool, { granule, stage: 2, inputBits: c.ipa_bits });
    for (const g of [...regions, ...shares]) s2.map(g.at, BigInt(g.pa), BigInt(g.size), s2Attrs(g.perms));
    if (c.linux !== undefined) {
      // its GICC is the GICV frame: Device-nGnRE (stage-2 MemAttr 0b0001, ARM §D8.5.5), read/write, never executable
      const v = vmGicvMapping(env.gsize);
      s2.map(BigInt(v.ipa), BigInt(v.pa), BigInt(v.size), { attr: 0x1, ap: 3, xn: true });
      allowed.push({ pa: v.pa, size: v.size, what: `${c.name} GICV (its GICC)`, device: true });
    }
    return {
      ...stubRegs(c),
      hcr: HCR_HYP | HCR.VM, // stage 2 on (ARCH-NOTES §1a)
      vttbr: BigInt(s2.root),
      vtcr: vtcrFor(c.ipa_bits, granule, sl0For(granule, s2.startLevel)),
      elr: entryOf(c),
      vgic: c.linux !== undefined,
    };
  }
}

/** Most bytes of page tables an image may have (64 MiB: 16 TiB of RAM in 1 GiB blocks takes 16384 tables of 4 KiB). */
const MAX_TABLE_BYTES = 64 * 1024 * 1024;

/** Tables on sparse memory: only what was written (the pool's zeroing of fresh tables stores nothing). */
class SparseTables implements TableMemory {
  private readonly words = new Map<number, bigint>();
  writeU64(pa: number, v: bigint): void {
    if (v === 0n) this.words.delete(pa);
    else this.words.set(pa, v);
  }
  readU64(pa: number): bigint {
    return this.words.get(pa) ?? 0n;
  }
}

/** The bytes of page tables the contexts need under `lay` (a dry run of the builder), or a BuildError. */
function tableBytes(s: Scenario, lay: MemoryLayout, env: TableEnv, file: string): number {
  const pool = new TablePool(new SparseTables(), lay.poolBase, MAX_TABLE_BYTES);
  try {
    contextRegs(s, lay, pool, env, []);
  } catch (e) {
    if (!(e instanceof TablePoolExhausted)) throw e;
    throw new BuildError(`${file}: ${exhaustedWhere(s, lay, e)}the contexts' page tables would take more than ${MAX_TABLE_BYTES >> 20} MiB (map large regions at IPAs/VAs aligned to 2 MiB or 1 GiB, so that blocks can map them)`);
  }
  return pool.end - lay.poolBase;
}

/**
 * The region being mapped when the tables ran out, as a scenario field with a colon after it (found by its IPA/VA,
 * or by its PA for an identity stage 2); a share, the shim or a root table is named by its context only.
 */
function exhaustedWhere(s: Scenario, lay: MemoryLayout, e: TablePoolExhausted): string {
  if (e.context === undefined) return '';
  const c = s.contexts[e.context]!;
  const regions = lay.regions[e.context]!;
  const m = e.mapping;
  const ri = m === undefined ? -1 : regions.findIndex((g) => (m.ia >= g.at && m.ia < g.at + BigInt(g.size)) || (m.ia >= g.pa && m.ia < g.pa + g.size));
  const g = regions[ri];
  return g === undefined ? `contexts.${e.context} (${c.name}): ` : `contexts.${e.context}.memory.${ri} (${c.name}, at 0x${g.at.toString(16)}, size 0x${g.size.toString(16)}): `;
}

/** The protection table's shares into context `name`, with the owners' physical addresses; no execute access. */
function placedShares(s: Scenario, lay: MemoryLayout, name: string): PlacedShare[] {
  return sharesOf(s)
    .filter((x) => x.into === name)
    .map((x) => {
      const g = lay.regions[s.contexts.findIndex((c) => c.name === x.owner)]![x.region]!;
      return { at: x.at, pa: g.pa, size: g.size, perms: x.access === 'rw' && g.perms.includes('w') ? 'rw' : 'r', owner: x.owner };
    });
}

/** Register values before tables exist (also the shape pass 1 assembles). */
function stubRegs(c: ContextSpec): ContextRegs {
  return {
    name: c.name, kind: c.kind, hcr: HCR_HYP, vttbr: 0n, vtcr: vtcrFor(44, 4, 2), ttbr0: 0n, tcr: 0n, mair: 0n,
    sctlr: SCTLR_EL1_INIT, cpacr: c.kind === 'native' ? CPACR_FP_ON : 0n, vbar: 0n, elr: entryOf(c), spsr: c.kind === 'vm' ? SPSR_EL1H : SPSR_EL0T, shim: 0n,
  };
}

/** Assemble a context's image at its entry address, or lay out its Linux guest, and place the bytes at the matching PA. */
function placeGuestImage(c: ContextSpec, regions: readonly PlacedRegion[], baseDir: string, sections: ElfSectionSpec[], where: string): void {
  if (c.image === undefined) {
    if (c.kind !== 'vm' || c.linux === undefined) throw new Error(`${c.name}: no image (parseScenario checks it)`); // a bug
    const ram = regions[0]!;
    const guest = linuxGuest(c.linux, Number(ram.at), ram.size, baseDir);
    if ('why' in guest) throw new BuildError(`${where}.linux${guest.key === '' ? '' : `.${guest.key}`} (${c.name}): ${guest.why}`);
    for (const b of guest.blobs) sections.push({ name: `.${c.name}.${b.what}`, addr: BigInt(ram.pa + (b.ipa - Number(ram.at))), data: b.bytes, write: true, exec: b.what !== 'dtb' });
    return;
  }
  const src = resolve(baseDir, c.image.source);
  const text = readAssembly(src);
  if (typeof text !== 'string') throw new BuildError(`${where}.image.source (${c.name}): cannot read image source ${src}: ${text.error}`);
  const r = asmOrThrow(src, text, c.image.entry, readAssembly);
  for (const sec of r.sections) {
    const at = sec.addr;
    const end = at + BigInt(sec.bytes.length);
    const reg = regions.find((g) => at >= g.at && end <= g.at + BigInt(g.size));
    if (reg === undefined) throw new BuildError(`${where}.image (${c.name}): image section ${sec.name} (0x${at.toString(16)}..0x${end.toString(16)}) does not fit in its memory`);
    sections.push({ name: `.${c.name}${sec.name}`, addr: BigInt(reg.pa) + (at - reg.at), data: sec.bytes, write: true, exec: sec.code });
  }
}

interface NativeEnv {
  readonly pool: TablePool;
  readonly granule: Granule;
  readonly gsize: number;
  readonly shimPa: number;
  readonly notes: string[];
  readonly allowed: AllowedRange[];
}

/** A native app's registers and tables for a hosting mode (DESIGN.md §3 "Hosting modes"). */
function nativeRegs(c: Extract<ContextSpec, { kind: 'native' }>, hosting: HostingMode, regions: readonly (PlacedRegion | PlacedShare)[], env: NativeEnv): ContextRegs {
  const { pool, granule, gsize, shimPa, notes, allowed } = env;
  const base = stubRegs(c);
  const s2For = (map: (s2: PageTableBuilder) => void): { vttbr: bigint; vtcr: bigint } => {
    const s2 = new PageTableBuilder(pool, { granule, stage: 2, inputBits: PA_BITS });
    map(s2);
    return { vttbr: BigInt(s2.root), vtcr: vtcrFor(PA_BITS, granule, sl0For(granule, s2.startLevel)) };
  };
  switch (hosting) {
    case 'el1-shim':
    case 'el1-shim-s2': {
      const firstTable = pool.used.length;
      const s1 = new PageTableBuilder(pool, { granule, stage: 1, inputBits: c.va_bits });
      for (const g of regions) s1.map(g.at, BigInt(g.pa), BigInt(g.size), s1AppAttrs(g.perms));
      // the shim: the top granule of the VA space, EL1 read-only and executable, EL0 no access
      const shimVa = (1n << BigInt(c.va_bits)) - BigInt(gsize);
      if (regions.some((g) => shimVa < g.at + BigInt(g.size) && g.at < shimVa + BigInt(gsize))) {
        throw new BuildError(`${c.name}: the top ${granule}K of its VA space is reserved for the EL1 shim`);
      }
      s1.map(shimVa, BigInt(shimPa), BigInt(gsize), { attr: 0, ap: 2, xn: true, pxn: false });
      allowed.push({ pa: shimPa, size: gsize, what: 'EL1 shim (read-only)' });
      const tablePages = [...new Set(pool.used.slice(firstTable).map((u) => Math.floor(u.pa / gsize) * gsize))];
      let stage2 = { vttbr: 0n, vtcr: base.vtcr };
      let hcr = HCR_HYP; // TGE = 0, VM = 0: the app's own stage 1, no stage 2
      if (hosting === 'el1-shim-s2') {
        // defence in depth: a stage 2 (identity) that maps only the app's memory, the shim and its stage-1 tables
        stage2 = s2For((s2) => {
          for (const g of regions) s2.map(BigInt(g.pa), BigInt(g.pa), BigInt(g.size), s2Attrs(g.perms));
          s2.map(BigInt(shimPa), BigInt(shimPa), BigInt(gsize), { attr: 0xf, ap: 1, xn: false });
          for (const t of tablePages) s2.map(BigInt(t), BigInt(t), BigInt(gsize), { attr: 0xf, ap: 1, xn: true });
        });
        for (const t of tablePages) allowed.push({ pa: t, size: gsize, what: 'own stage-1 tables (walker, read-only)' });
        hcr |= HCR.VM;
      }
      return {
        ...base, hcr, ...stage2, ttbr0: BigInt(s1.root), tcr: tcrFor(c.va_bits, granule), mair: 0xffn,
        sctlr: SCTLR_EL1_INIT | 1n | 4n | 0x1000n, // M, C, I
        vbar: shimVa,
        shim: shimVa,
      };
    }
    case 's2-only': {
      // seL4-style: stage 1 off (TGE, DC), stage 2 the app's only translation, so VA == IPA
      const stage2 = s2For((s2) => {
        for (const g of regions) {
          if (g.at + BigInt(g.size) > 1n << BigInt(PA_BITS)) notes.push(`${c.name}: region at VA 0x${g.at.toString(16)} is beyond the ${PA_BITS}-bit IPA space; stage 2 cannot map it (VA == IPA)`);
          else s2.map(g.at, BigInt(g.pa), BigInt(g.size), s2Attrs(g.perms));
        }
      });
      return { ...base, hcr: HCR_HYP | HCR.TGE | HCR.DC | HCR.VM, ...stage2 };
    }
    case 'seed-tge':
    case 'seed-literal': {
      // the note's remedy: TGE = 1 (EL1&0 stage 1 treated as off) and VM = 0 (no stage 2): VA == PA, so the code
      // can only run at its physical address
      const home = regions.find((g) => c.image.entry >= g.at && c.image.entry < g.at + BigInt(g.size))!;
      const entryPa = BigInt(home.pa) + (c.image.entry - home.at);
      notes.push(`${c.name}: ${hosting} has no translation for EL0 (VA == PA): entered at PA 0x${entryPa.toString(16)} instead of VA 0x${c.image.entry.toString(16)}`);
      return { ...base, hcr: (HCR_HYP | HCR.TGE) & ~HCR.VM, elr: entryPa };
    }
  }
}
