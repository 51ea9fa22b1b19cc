// Scenario files (YAML): the system a user wants to run — CPU, RAM, how native apps are hosted, the TLB policy,
// the contexts (VMs and native apps) with their memory and images, the schedule and the protection table.
// Validated with zod; every error names the file, the line, the key path and the reason.
import { z } from 'zod';
import { isNode } from 'yaml';
import { profileByName } from '../arch/profiles.ts';
import { parseU64, quoted } from '../bits/bits.ts';
import { RAM_BASE, ramSizeProblem } from '../machine/virt.ts';
import { parseScenarioYaml } from './scenario-yaml.ts';

/** Hosting modes for native apps (DESIGN.md §3). */
export const HOSTING_MODES = ['el1-shim', 'el1-shim-s2', 's2-only', 'seed-tge', 'seed-literal'] as const;
export type HostingMode = (typeof HOSTING_MODES)[number];

/**
 * A number written as an integer or a string like "0x4000_0000", "64K", "2M", "1G", "8T": below 2^64. YAML numbers are
 * doubles, exact only to 2^53; larger values are written as strings.
 */
const address = z.union([z.number(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) ctx.addIssue({ code: 'custom', message: `${v} is not a whole number of bytes` });
    else if (!Number.isSafeInteger(v)) ctx.addIssue({ code: 'custom', message: `${v} is above 2^53, where YAML numbers are not exact: write it as a string ("0x…")` });
    else return BigInt(v);
    return z.NEVER;
  }
  const m = /^\s*([0-9][0-9_]*|0x[0-9a-f_]+)\s*([KMGT])?(i?B)?\s*$/i.exec(v);
  const base = m ? parseU64(m[1]!) : undefined;
  if (base === undefined) {
    ctx.addIssue({ code: 'custom', message: m ? `${quoted(v)} is 2^64 or more` : `not a number or size: ${quoted(v)} (use 0x…, decimal, or 64K/2M/1G/1T)` });
    return z.NEVER;
  }
  const scale = { K: 10n, M: 20n, G: 30n, T: 40n }[(m![2] ?? '').toUpperCase() as 'K' | 'M' | 'G' | 'T'] ?? 0n;
  if (base << scale >= 1n << 64n) {
    ctx.addIssue({ code: 'custom', message: `${quoted(v)} is 2^64 or more` });
    return z.NEVER;
  }
  return base << scale;
});

// How large a scenario may be, besides its 1 MiB of text: far beyond a lab's needs, small enough that building its
// image stays quick (the hypervisor is assembled with a table entry per context; each protection entry is checked
// against every shared region).
const MAX_CONTEXTS = 512;
const MAX_PROTECTION = 256;

const region = z.strictObject({
  /** Guest-physical (VM) or virtual (native app) address of the region. */
  at: address,
  size: address,
  perms: z.enum(['rwx', 'rw', 'rx', 'r']).default('rwx'),
});

const image = z.strictObject({
  /** Assembly source (assembled by twostage), relative to the scenario file. */
  source: z.string().min(1),
  /** Where the image is placed and entered, inside one of the context's regions. */
  entry: address,
});

/** Longest kernel command line (arm64's COMMAND_LINE_SIZE, arch/arm64/include/uapi/asm/setup.h: 2048 with its NUL). */
export const MAX_BOOTARGS = 2047;

/**
 * A Linux guest: an arm64 Image (gzip'd or not), an optional initrd and the command line, files relative to the
 * scenario. The image builder places them in the VM's memory[0] as QEMU's loader places them in RAM, with the VM's
 * own device tree (src/hyp/linux-guest.ts).
 */
const linux = z.strictObject({
  image: z.string().min(1),
  initrd: z.string().min(1).optional(),
  bootargs: z.string().max(MAX_BOOTARGS).default(''),
});
export type LinuxSpec = z.infer<typeof linux>;

const vm = z.strictObject({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'names are letters, digits, _ and -'),
  kind: z.literal('vm'),
  ipa_bits: z.number().int().min(32).max(48),
  memory: z.array(region).min(1),
  /** An assembly program, or (`linux`) a Linux kernel: exactly one of them (checkConsistency). */
  image: image.optional(),
  linux: linux.optional(),
});

const native = z.strictObject({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'names are letters, digits, _ and -'),
  kind: z.literal('native'),
  va_bits: z.number().int().min(25).max(48),
  memory: z.array(region).min(1),
  image,
});

const schema = z.strictObject({
  cpu: z.enum(['cortex-a57', 'max']).default('cortex-a57'),
  ram: z.strictObject({ base: address.default(0x4000_0000n), size: address }),
  hosting: z.enum(HOSTING_MODES).default('el1-shim'),
  tlb: z.enum(['by-vmid', 'flush']).default('by-vmid'),
  granule: z.enum(['4K', '64K']).default('4K'),
  errata: z.array(z.literal(1319537)).default([]),
  /** What the hypervisor does after logging a denied access: stop the context, or step over the access. */
  on_denied: z.enum(['stop', 'skip']).default('stop'),
  contexts: z.array(z.discriminatedUnion('kind', [vm, native])).min(1).max(MAX_CONTEXTS),
  schedule: z
    .strictObject({
      slices: z.number().int().positive().default(6),
      /** A slice ends at the context's HVC yield, or after this many guest instructions (CNTHP_TVAL_EL2 is 32-bit signed). */
      slice_insns: z.number().int().positive().max(0x7fff_0000).default(100_000),
    })
    .default({ slices: 6, slice_insns: 100_000 }),
  /** The VM whose emulated PL011 receives `run`'s stdin (through the machine's PL011; src/hyp/vuart.ts). */
  input: z.string().optional(),
  /** `run`'s instruction budget when --max-insns is not given (run.ts DEFAULT_BUDGET otherwise). */
  max_insns: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  /** Extra allowed sharing: by default every context's memory is private to it. */
  protection: z
    .array(z.strictObject({ context: z.string(), may_access: z.string(), access: z.enum(['r', 'rw']) }))
    .max(MAX_PROTECTION)
    .default([]),
});

export type Scenario = z.infer<typeof schema>;
export type ContextSpec = Scenario['contexts'][number];

/**
 * Where a context starts: its image's entry, or for a Linux guest the start of its memory[0], where the builder puts
 * QEMU's boot stub (src/machine/linux-boot.ts bootStub) as QEMU puts it at the start of RAM.
 */
export function entryOf(c: ContextSpec): bigint {
  return c.image?.entry ?? c.memory[0]!.at;
}

export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly path: string;
  readonly message: string;
}

export class ScenarioError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}: ${d.path || '(top)'}: ${d.message}`;
}

/** Most diagnostics reported at once, and the longest message (zod lists every unknown key). */
const MAX_DIAGNOSTICS = 20;
const MAX_MESSAGE = 200;

/** Parse and validate a scenario; throws ScenarioError with every problem found (the first MAX_DIAGNOSTICS). */
export function parseScenario(text: string, file: string): Scenario {
  const fail = (ds: Omit<Diagnostic, 'file'>[]): never => {
    throw new ScenarioError(
      ds.slice(0, MAX_DIAGNOSTICS).map((d) => ({ file, ...d, message: d.message.length > MAX_MESSAGE ? d.message.slice(0, MAX_MESSAGE - 3) + '...' : d.message })),
    );
  };
  const yaml = parseScenarioYaml(text);
  if (Array.isArray(yaml)) return fail(yaml.map((p) => ({ line: p.line, path: '', message: p.message })));
  const { doc, lineOf: lineAt } = yaml;
  const lineOf = (path: readonly PropertyKey[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as (string | number)[], true);
      if (isNode(node) && node.range) return lineAt(node.range[0]);
    }
    return 1;
  };
  const parsed = schema.safeParse(yaml.value);
  if (!parsed.success) {
    return fail(
      parsed.error.issues.map((i) => {
        // an unknown key is reported at the key itself
        const at = i.code === 'unrecognized_keys' ? [...i.path, i.keys[0]!] : i.path;
        return { line: lineOf(at), path: i.path.join('.'), message: i.message };
      }),
    );
  }
  const problems = checkConsistency(parsed.data).map((p) => ({ line: lineOf(p.path), path: p.path.join('.'), message: p.message }));
  if (problems.length > 0) fail(problems);
  return parsed.data;
}

interface Problem {
  path: (string | number)[];
  message: string;
}

/** One region of `owner` mapped into `into` by a protection entry, at the owner's own address. */
export interface Share {
  readonly into: string;
  readonly owner: string;
  readonly region: number;
  readonly at: bigint;
  readonly size: bigint;
  readonly access: 'r' | 'rw';
}

/** Every region shared by the protection table, per entry (contexts that do not exist are left out). */
export function sharesOf(s: Scenario): Share[] {
  return s.protection.flatMap((p) => {
    const owner = s.contexts.find((c) => c.name === p.may_access);
    if (owner === undefined || !s.contexts.some((c) => c.name === p.context)) return [];
    return owner.memory.map((r, region) => ({ into: p.context, owner: owner.name, region, at: r.at, size: r.size, access: p.access }));
  });
}

/** A share lands at the owner's address: it must fit the receiver's IPA/VA space and not collide with its memory. */
function checkSharing(s: Scenario): Problem[] {
  const out: Problem[] = [];
  const shares = sharesOf(s);
  const taken = new Map<string, { at: bigint; size: bigint; what: string }[]>(
    s.contexts.map((c) => [c.name, c.memory.map((r, ri) => ({ at: r.at, size: r.size, what: `its memory[${ri}]` }))]),
  );
  s.protection.forEach((p, pi) => {
    const into = s.contexts.find((c) => c.name === p.context);
    if (into === undefined || !s.contexts.some((c) => c.name === p.may_access)) return;
    const path = ['protection', pi];
    if (p.context === p.may_access) {
      out.push({ path, message: `'${p.context}' shares with itself` });
      return;
    }
    const bits = into.kind === 'vm' ? into.ipa_bits : into.va_bits;
    const space = into.kind === 'vm' ? 'IPA' : 'VA';
    for (const sh of shares.filter((x) => x.into === p.context && x.owner === p.may_access)) {
      const what = `${p.may_access}'s memory[${sh.region}] (0x${sh.at.toString(16)}..0x${(sh.at + sh.size).toString(16)})`;
      if (sh.at + sh.size > 1n << BigInt(bits)) {
        out.push({ path, message: `${what} is beyond the ${bits}-bit ${space} space of '${p.context}', so it cannot be mapped at the same address` });
        continue;
      }
      const clash = taken.get(p.context)!.find((t) => sh.at < t.at + t.size && t.at < sh.at + sh.size);
      if (clash !== undefined) out.push({ path, message: `${what} overlaps ${clash.what} in '${p.context}''s ${space} space` });
      else taken.get(p.context)!.push({ at: sh.at, size: sh.size, what });
    }
  });
  return out;
}

/** Rules zod cannot express: ranges inside the address spaces, no overlaps, unique names, RAM budget. */
function checkConsistency(s: Scenario): Problem[] {
  const out: Problem[] = [];
  const names = new Set<string>();
  const granule = s.granule === '4K' ? 0x1000n : 0x10000n;
  const profile = profileByName(s.cpu)!;
  // the machine's RAM: where the virt board has it, and a size it can hold
  if (s.ram.base !== BigInt(RAM_BASE)) out.push({ path: ['ram', 'base'], message: `the virt board's RAM starts at 0x${RAM_BASE.toString(16)}, not 0x${s.ram.base.toString(16)}` });
  const ramProblem = ramSizeProblem(s.ram.size, profile);
  if (ramProblem !== undefined) out.push({ path: ['ram', 'size'], message: ramProblem });
  if (s.input !== undefined) {
    const target = s.contexts.find((c) => c.name === s.input);
    if (target === undefined) out.push({ path: ['input'], message: `no context is named '${s.input}'` });
    else if (target.kind !== 'vm') out.push({ path: ['input'], message: `'${s.input}' is a native app: only a VM has an emulated UART to receive input` });
  }
  let needed = 0n;
  s.contexts.forEach((c, ci) => {
    if (names.has(c.name)) out.push({ path: ['contexts', ci, 'name'], message: `duplicate context name '${c.name}'` });
    names.add(c.name);
    const bits = c.kind === 'vm' ? c.ipa_bits : c.va_bits;
    const space = c.kind === 'vm' ? 'IPA' : 'VA';
    if (c.kind === 'vm' && c.ipa_bits > profile.paBits) {
      out.push({ path: ['contexts', ci, 'ipa_bits'], message: `${c.ipa_bits}-bit IPA exceeds the ${s.cpu}'s ${profile.paBits}-bit PA range (VTCR_EL2.PS)` });
    }
    const limit = 1n << BigInt(bits);
    c.memory.forEach((r, ri) => {
      const path = ['contexts', ci, 'memory', ri];
      if (r.size === 0n) out.push({ path: [...path, 'size'], message: 'size is zero' });
      if (r.at % granule !== 0n || r.size % granule !== 0n) {
        out.push({ path, message: `region must be aligned to the ${s.granule} granule` });
      }
      if (r.at + r.size > limit) {
        out.push({ path, message: `region ends at 0x${(r.at + r.size).toString(16)}, beyond the ${bits}-bit ${space} space of '${c.name}'` });
      }
      needed += r.size;
    });
    // overlaps in one pass over the regions by address: each one that starts before the furthest end so far
    // overlaps that region (reported at the lower index, naming the other)
    const byAddress = c.memory.map((r, ri) => ({ r, ri })).sort((a, b) => (a.r.at < b.r.at ? -1 : a.r.at > b.r.at ? 1 : a.ri - b.ri));
    let furthest: (typeof byAddress)[number] | undefined;
    for (const x of byAddress) {
      if (furthest !== undefined && x.r.at < furthest.r.at + furthest.r.size) {
        const [lo, hi] = [Math.min(furthest.ri, x.ri), Math.max(furthest.ri, x.ri)];
        out.push({ path: ['contexts', ci, 'memory', lo], message: `overlaps memory[${hi}] of '${c.name}'` });
      }
      if (furthest === undefined || x.r.at + x.r.size > furthest.r.at + furthest.r.size) furthest = x;
    }
    if (c.kind === 'vm' && (c.image === undefined) === (c.linux === undefined)) {
      out.push({ path: ['contexts', ci], message: `'${c.name}' needs exactly one of image (an assembly program) and linux (a kernel)` });
    } else if (c.kind === 'vm' && c.linux !== undefined && c.memory[0]!.perms !== 'rwx') {
      out.push({ path: ['contexts', ci, 'memory', 0, 'perms'], message: `memory[0] of '${c.name}' is the Linux guest's RAM: it must be rwx, not ${c.memory[0]!.perms}` });
    }
    const entry = entryOf(c);
    const inRegion = c.memory.some((r) => entry >= r.at && entry < r.at + r.size);
    if (c.image !== undefined && !inRegion) out.push({ path: ['contexts', ci, 'image', 'entry'], message: `entry 0x${entry.toString(16)} is in none of '${c.name}''s regions` });
  });
  for (const [pi, p] of s.protection.entries()) {
    for (const key of ['context', 'may_access'] as const) {
      if (!names.has(p[key])) out.push({ path: ['protection', pi, key], message: `no context named '${p[key]}'` });
    }
  }
  out.push(...checkSharing(s));
  // The hypervisor, its page-table pools and the context table need room too (1 MiB reserved, image builder checks exactly)
  const reserve = 1n << 20n;
  if (ramProblem === undefined && needed + reserve > s.ram.size) {
    out.push({ path: ['ram', 'size'], message: `contexts need 0x${needed.toString(16)} bytes plus 1 MiB for the hypervisor; RAM is only 0x${s.ram.size.toString(16)}` });
  }
  return out;
}
