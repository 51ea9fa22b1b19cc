// The shapes of the isolation campaign (issue 11, "A hostile-guest campaign"). A shape is one hosting mode, TLB
// maintenance strategy of the hypervisor, synchronization model of the CPU and kind of hostile context: a scenario object with a canary VM, the hostile context and a
// canary native app, built once with the project's own image builder (src/hyp/image.ts) and audited once
// (src/check/audit.ts). Every case of the shape runs that image with its own program, registers and canaries
// (case.ts), so a case costs a machine and a run, not a build.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { assemble } from '../../src/asm/assemble.ts';
import { audit, type AuditResult } from '../../src/check/audit.ts';
import { GICC_BASE, GICD_BASE } from '../../src/devices/gic.ts';
import { PL011_BASE } from '../../src/devices/pl011.ts';
import { buildImage, type AsmOverride, type BuiltImage } from '../../src/hyp/image.ts';
import { layoutMemory } from '../../src/hyp/layout.ts';
import { HOSTING_MODES, parseScenario, type HostingMode } from '../../src/hyp/scenario.ts';

export const GUESTS = join(dirname(fileURLToPath(import.meta.url)), 'guests');

/** The hostile context: a VM at EL1 with stage 1 off, a VM with its own stage 1, a VM at its EL0 (stage 1 off), a
 *  native app at EL0. */
export const KINDS = ['vm', 'vm-s1', 'vm-el0', 'app'] as const;
const GUEST_OF: Record<HostileKind, string> = { vm: 'hostile-vm.S', 'vm-s1': 'hostile-vm-s1.S', 'vm-el0': 'hostile-vm-el0.S', app: 'hostile-app.S' };
export type HostileKind = (typeof KINDS)[number];
export const TLBS = ['by-vmid', 'flush'] as const;
export type TlbPolicy = (typeof TLBS)[number];
/**
 * The CPU's synchronization model (src/cli/sync-options.ts): `immediate` (as QEMU), `architectural` (`--sync
 * architectural`), `speculate` (`--speculate SEED`, the case's own seed), `errata` (`--speculate SEED --errata`:
 * Cortex-A57 erratum 1319537, speculative EL1&0 walks at EL2, and the hypervisor built with its workaround).
 */
export const SYNCS = ['immediate', 'architectural', 'speculate', 'errata'] as const;
export type SyncPolicy = (typeof SYNCS)[number];

/** Hosting modes that the design note's snippets make unsafe (DESIGN.md §3): the campaign checks that they are said to be. */
export const UNSAFE: ReadonlySet<HostingMode> = new Set<HostingMode>(['seed-tge', 'seed-literal']);

export interface ShapeConfig {
  readonly hosting: HostingMode;
  readonly tlb: TlbPolicy;
  readonly sync: SyncPolicy;
  readonly kind: HostileKind;
}

/** Every combination, in a fixed order: case i of a campaign runs ALL_CONFIGS-filtered[i mod n]. */
export const ALL_CONFIGS: readonly ShapeConfig[] = HOSTING_MODES.flatMap((hosting) =>
  TLBS.flatMap((tlb) => SYNCS.flatMap((sync) => KINDS.map((kind) => ({ hosting, tlb, sync, kind })))),
);

export const configKey = (c: ShapeConfig): string => `${c.hosting}/${c.tlb}/${c.sync}/${c.kind}`;

export interface Range {
  readonly pa: number;
  readonly size: number;
}

/** A region of the hostile context as its program addresses it: IPA (VM), VA (app), or the PA where VA == PA. */
export interface ViewRegion {
  readonly at: bigint;
  readonly pa: number;
  readonly size: number;
}

export interface Shape {
  readonly config: ShapeConfig;
  readonly key: string;
  readonly img: BuiltImage;
  readonly audit: AuditResult;
  /** Index of the hostile context in img.contexts (and in the audit). */
  readonly hostile: number;
  /** The EL its program runs at. */
  readonly el: 0 | 1;
  readonly view: readonly ViewRegion[];
  /** Where the program goes (PA) and where it runs (VA), and how many words fit. */
  readonly programPa: number;
  readonly programVa: bigint;
  readonly programWords: number;
  /** The hostile's own memory the campaign fills with random bytes of its own, and its initial X0–X30, SP. */
  readonly ownData: readonly Range[];
  readonly initRegsPa: number;
  /** VA of its EL1 vectors (a VM) and of its stage-1 tables (vm-s1). */
  readonly vectorsVa?: bigint;
  readonly tablesVa?: bigint;
  /** vm-s1: the stage-1 tables the campaign writes before each case (PA, words). */
  readonly stage1?: { readonly pa: number; readonly words: Uint32Array };
  /** RAM the campaign fills with canary doublewords, and RAM whose image bytes must stay as loaded. */
  readonly canaries: readonly Range[];
  readonly image: readonly (Range & { readonly bytes: Uint8Array })[];
  /** Where EL2 may fetch: the hypervisor's code. */
  readonly hypCode: Range;
  /** Addresses a hostile program aims at besides its own memory: other contexts' IPAs/VAs, every PA of note. */
  readonly targets: readonly bigint[];
  /** Instruction budget of a run: beyond it the run hangs. */
  readonly budget: number;
}

/** Instructions a run under an unsafe mode gets: seed-literal's never ends (its app keeps the CPU, README), and its
 *  audit and isolation verdict have said so long before. */
const UNSAFE_BUDGET = 60_000;
const SLICES = 3;
const SLICE_INSNS = 1000;
const REGION = 0x10000;
const VM_IPA = 0x8000_0000n;
const VM_IPA_BITS = 40;

/** The assembled template's layout constants and labels (test/isolation/guests/hostile-layout.inc). */
function templateSymbols(file: string): Map<string, bigint> {
  const path = join(GUESTS, file);
  const r = assemble(path, readFileSync(path, 'utf8'), { base: 0n, read: (p) => readFileSync(p, 'utf8') });
  if (r.diagnostics.length > 0) throw new Error(`${path}: ${r.diagnostics[0]!.message}`);
  return new Map(r.symbols.map((s) => [s.name, s.addr]));
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** The scenario of a shape, as the object a YAML file would hold. */
function scenarioObject(c: ShapeConfig, ramMiB: number): unknown {
  const appBase = c.hosting === 's2-only' ? 0x4000_0000n : 0xff80_0000_0000n; // s2-only: VA == IPA, below 2^44
  const appTop = c.hosting === 's2-only' ? 1n << 44n : 1n << 48n;
  const region = (at: bigint): unknown => ({ at: hex(at), size: hex(BigInt(REGION)) });
  const image = (file: string, entry: bigint): unknown => ({ source: `guests/${file}`, entry: hex(entry) });
  const hostile =
    c.kind === 'app'
      ? { name: 'hostile', kind: 'native', va_bits: 48, memory: [region(appBase), region(appTop - 0x20000n)], image: image(GUEST_OF.app, appBase) }
      : {
          name: 'hostile', kind: 'vm', ipa_bits: VM_IPA_BITS, memory: [region(VM_IPA), region((1n << BigInt(VM_IPA_BITS)) - BigInt(REGION))],
          image: image(GUEST_OF[c.kind], VM_IPA),
        };
  return {
    cpu: 'cortex-a57',
    ram: { base: '0x4000_0000', size: `${ramMiB}M` },
    hosting: c.hosting,
    tlb: c.tlb,
    errata: c.sync === 'errata' ? [1319537] : [],
    on_denied: 'skip',
    contexts: [
      { name: 'canary-vm', kind: 'vm', ipa_bits: VM_IPA_BITS, memory: [region(VM_IPA)], image: image('canary-vm.S', VM_IPA) },
      hostile,
      { name: 'canary-app', kind: 'native', va_bits: 48, memory: [region(appBase)], image: image('canary-app.S', appBase) },
    ],
    schedule: { slices: SLICES, slice_insns: SLICE_INSNS },
  };
}

/** The file the scenario is said to come from: guest sources are relative to it (test/isolation/guests). */
const SCENARIO_FILE = join(dirname(GUESTS), 'campaign.yaml');

/** Subtract `cut` ranges from `[lo, hi)`. */
function minus(lo: number, hi: number, cuts: readonly Range[]): Range[] {
  let parts: Range[] = [{ pa: lo, size: hi - lo }];
  for (const c of cuts) {
    parts = parts.flatMap((p) => {
      const a = Math.max(p.pa, c.pa);
      const z = Math.min(p.pa + p.size, c.pa + c.size);
      if (a >= z) return [p];
      return [{ pa: p.pa, size: a - p.pa }, { pa: z, size: p.pa + p.size - z }].filter((x) => x.size > 0);
    });
  }
  return parts;
}

/** Mutations of a shape's image, for the tests that show the campaign catches a broken hypervisor. */
export interface Mutant {
  /** Hypervisor sources replaced (buildImage's asmOverride). */
  readonly asm?: AsmOverride;
  /** Edit the built image (its page tables, say) before it is audited and run. */
  readonly edit?: (img: BuiltImage) => void;
}

/** Images and audits built, by scenario text (buildShape). */
const builtImages = new Map<string, { readonly img: BuiltImage; readonly audit: AuditResult }>();

/** Build a shape: the scenario (in memory), its image and audit, and what a case needs to know about it. */
export function buildShape(c: ShapeConfig, mutant: Mutant = {}): Shape {
  // the smallest RAM that holds the layout: every byte of it is a canary or compared after the run
  const probe = parseScenario(stringify(scenarioObject(c, 1024)), SCENARIO_FILE);
  const lay = layoutMemory(probe);
  if (typeof lay === 'string') throw new Error(lay);
  const ramMiB = Math.ceil((lay.end - 0x4000_0000) / 0x10_0000) + 1;
  const text = stringify(scenarioObject(c, ramMiB));
  const scenario = parseScenario(text, SCENARIO_FILE);
  // shapes that differ only in the CPU's sync model (immediate, architectural, speculate) have one scenario: its image
  // and audit are built once and shared (a mutant's never)
  const mutated = mutant.asm !== undefined || mutant.edit !== undefined;
  let built = mutated ? undefined : builtImages.get(text);
  if (built === undefined) {
    const img = buildImage(scenario, SCENARIO_FILE, undefined, mutant.asm);
    mutant.edit?.(img);
    built = { img, audit: audit(img) };
    if (!mutated) builtImages.set(text, built);
  }
  const { img } = built;
  const hostile = img.contexts.findIndex((x) => x.name === 'hostile');
  const info = img.contexts[hostile]!;
  const t = templateSymbols(GUEST_OF[c.kind]);
  const sym = (n: string): number => Number(t.get(n)!);
  if (sym('REGION_SIZE') !== REGION) throw new Error('hostile-layout.inc: REGION_SIZE is not the region the scenario gives');
  // VA == PA under seed-tge and seed-literal: the app runs at its physical address (image.ts nativeRegs)
  const flat = c.kind === 'app' && UNSAFE.has(c.hosting);
  const view = info.regions.map((r) => ({ at: flat ? BigInt(r.pa) : r.at, pa: r.pa, size: r.size }));
  const main = view[0]!;
  const own = info.regions.map((r) => ({ pa: r.pa, size: r.size }));
  const hsym = (n: string): number => Number(img.symbols.get(n)!);
  const hypEnd = Math.max(...img.image.segments.filter((s) => Number(s.paddr) === img.layout.hypBase).map((s) => Number(s.paddr) + s.data.length));
  // the hypervisor writes its data (state, context table, log, stack) from cur_ctx to its end; the rest of RAM that is
  // not the hostile's is either image bytes that must stay as loaded or canaries
  const hypData: Range = { pa: hsym('cur_ctx'), size: hypEnd - hsym('cur_ctx') };
  const ramLo = Number(scenario.ram.base);
  const ramHi = ramLo + Number(scenario.ram.size);
  const watched = minus(ramLo, ramHi, [...own, hypData]);
  const image = img.image.segments.flatMap((s) =>
    watched.flatMap((w) => {
      const a = Math.max(w.pa, Number(s.paddr));
      const z = Math.min(w.pa + w.size, Number(s.paddr) + s.data.length);
      return a < z ? [{ pa: a, size: z - a, bytes: s.data.subarray(a - Number(s.paddr), z - Number(s.paddr)) }] : [];
    }),
  );
  // canaries on 8-byte boundaries (image segments end anywhere; the bytes up to the next doubleword stay zero-checked as image)
  const canaries = watched.flatMap((w) => minus(w.pa, w.pa + w.size, image.map((x) => ({ pa: x.pa, size: Math.ceil((x.pa + x.size) / 8) * 8 - x.pa }))));
  // a canary doubleword is keyHi : (keyLo ^ PA) (case.ts): doubleword-aligned PAs below 2^32
  if (canaries.some((r) => r.pa % 8 !== 0 || r.size % 8 !== 0 || r.pa + r.size > 2 ** 32)) throw new Error('canaries must be doublewords below 4 GiB');
  const targets = new Set<bigint>([0n, BigInt(PL011_BASE), BigInt(GICD_BASE), BigInt(GICC_BASE), BigInt(ramLo), BigInt(ramHi), BigInt(img.layout.hypBase), BigInt(hsym('cur_ctx')), BigInt(hsym('ctx_table')), BigInt(hsym('shim_page')), BigInt(img.layout.poolBase)]);
  for (const x of img.contexts) {
    for (const r of x.regions) {
      targets.add(BigInt(r.pa));
      targets.add(BigInt(r.pa + r.size));
      if (x.index !== hostile) targets.add(r.at);
    }
    if (x.regs.shim !== 0n) targets.add(x.regs.shim);
  }
  const dataEnd = c.kind === 'vm-s1' ? sym('TABLES') : sym('INIT_REGS');
  return {
    config: c,
    key: configKey(c),
    img,
    audit: built.audit,
    hostile,
    el: c.kind === 'app' || c.kind === 'vm-el0' ? 0 : 1,
    view,
    programPa: main.pa + sym('PROGRAM'),
    programVa: main.at + BigInt(sym('PROGRAM')),
    programWords: (sym('PROGRAM_END') - sym('PROGRAM')) / 4,
    ownData: [{ pa: main.pa + sym('DATA'), size: dataEnd - sym('DATA') }, ...own.slice(1)],
    initRegsPa: main.pa + sym('INIT_REGS'),
    ...(c.kind === 'app' ? {} : { vectorsVa: main.at + BigInt(sym('vectors')) }),
    ...(c.kind === 'vm-s1' ? { tablesVa: main.at + BigInt(sym('TABLES')), stage1: { pa: main.pa + sym('TABLES'), words: stage1Tables(main.at + BigInt(sym('TABLES'))) } } : {}),
    canaries,
    image,
    hypCode: { pa: img.layout.hypBase, size: hsym('cur_ctx') - img.layout.hypBase },
    targets: [...targets],
    budget: UNSAFE.has(c.hosting) ? UNSAFE_BUDGET : img.contexts.length * SLICES * SLICE_INSNS * 600 + 200_000,
  };
}

/**
 * hostile-vm-s1.S's stage 1 at IPA `at` (VA == IPA there): L0 (T0SZ = 24, so two entries) → two L1 tables of 512 blocks
 * of 1 GiB each, VA == IPA over the whole 40-bit space: AF, inner shareable, AttrIdx 0, EL1 read/write (ARM §D8.3).
 */
function stage1Tables(at: bigint): Uint32Array {
  const t = new BigUint64Array(3 * 512);
  t[0] = (at + 0x1000n) | 3n; // table descriptors
  t[1] = (at + 0x2000n) | 3n;
  for (let i = 0; i < 1024; i++) t[512 + i] = (BigInt(i) << 30n) | 0x701n;
  return new Uint32Array(t.buffer);
}

const shapes = new Map<string, Shape>();

/** The shape of a configuration, built on first use. */
export function shapeOf(c: ShapeConfig): Shape {
  const key = configKey(c);
  let s = shapes.get(key);
  if (s === undefined) shapes.set(key, (s = buildShape(c)));
  return s;
}
