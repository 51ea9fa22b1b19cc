// Fuzz cases over everything a user hands twostage: scenario YAML, assembly sources, ELF images, Linux Images with
// their initrd and device tree, and flag values.
// Case N of seed S is a pure function of (S, N), so a campaign can be split into shards and any finding replayed
// alone. Each case starts from the repository's own valid inputs (scenarios/*.yaml, the guests, examples,
// test/asm/corpus.S, the differential suite's ELFs) and mutates them: random byte and line edits, interesting
// numbers in the fields that size things, and the hostile shapes of issue 11 (alias bombs, sizes at 2^64, devices
// and FIFOs where a file is expected, deep nesting, huge alignments and pools, output paths that cannot be written,
// gzip bombs, device trees cut short or pointing outside themselves).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Outcome } from './harness.ts';

const ROOT = resolve(new URL('../../', import.meta.url).pathname);

/** A small fast generator (mulberry32) seeded from the campaign seed and the case number. */
export class Rng {
  private s: number;
  constructor(seed: number, index: number) {
    this.s = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
    for (let i = 0; i < 4; i++) this.u32();
  }
  u32(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** 0 ≤ n < k. */
  int(k: number): number {
    return k <= 1 ? 0 : this.u32() % k;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.u32() / 2 ** 32 < p;
  }
}

/** The repository's valid inputs the mutations start from, and the hostile files that are not regular files. */
export interface Corpus {
  readonly scenarios: readonly { readonly name: string; readonly text: string }[];
  readonly sources: readonly { readonly name: string; readonly text: string }[];
  readonly elfs: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  /** Linux arm64 Images (boot --kernel), raw and gzip'd. */
  readonly images: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  /** Device tree blobs (boot --dtb): QEMU's own for the virt board. */
  readonly dtbs: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  /** Paths that are not files a command can read: devices, a FIFO, a directory, a sparse 1 TiB file, nothing. */
  readonly hostilePaths: readonly string[];
  /** Paths an output cannot be written to. */
  readonly badOutputs: readonly string[];
}

/** Load the corpus; `scratch` is a directory for the FIFO, the sparse file and the like. */
export function loadCorpus(scratch: string): Corpus {
  const texts = (dir: string, ext: string) =>
    readdirSync(join(ROOT, dir)).filter((f) => f.endsWith(ext)).sort().map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(ROOT, dir, f), 'latin1') }));
  // the scenarios name their guests relative to scenarios/: absolute paths let a mutated copy live anywhere
  const scenarios = texts('scenarios', '.yaml').map((s) => ({ ...s, text: s.text.replace(/source: \.\.\//g, `source: ${ROOT}/`) }));
  const sources = [...texts('src/hyp/guests', '.S'), ...texts('examples', '.S'), ...texts('test/check/fixtures', '.S'), { name: 'test/asm/corpus.S', text: readFileSync(join(ROOT, 'test/asm/corpus.S'), 'latin1') }];
  const elfDir = 'test/qemu/elf';
  const elfs = [
    { name: 'examples/hello.elf', bytes: new Uint8Array(readFileSync(join(ROOT, 'examples/hello.elf'))) },
    ...readdirSync(join(ROOT, elfDir)).filter((f) => f.endsWith('.elf')).sort().map((f) => ({ name: `${elfDir}/${f}`, bytes: new Uint8Array(readFileSync(join(ROOT, elfDir, f))) })),
  ];
  const kernel = arm64Image(0x80000n, 0x10000n, 2n);
  const images = [{ name: 'Image', bytes: kernel }, { name: 'Image.gz', bytes: new Uint8Array(gzipSync(kernel)) }];
  const dtbs = [{ name: 'test/machine/qemu/virt-256M.dtb', bytes: new Uint8Array(readFileSync(join(ROOT, 'test/machine/qemu/virt-256M.dtb'))) }];
  mkdirSync(scratch, { recursive: true });
  const fifo = join(scratch, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const sparse = join(scratch, 'sparse-1TiB');
  writeFileSync(sparse, '');
  truncateSync(sparse, 2 ** 40);
  const dir = join(scratch, 'a-directory');
  mkdirSync(dir);
  return {
    scenarios, sources, elfs, images, dtbs,
    hostilePaths: ['/dev/zero', '/dev/urandom', '/dev/null', fifo, dir, sparse, join(scratch, 'missing'), '/proc/self/mem', '/proc/self/maps'],
    badOutputs: [dir, join(scratch, 'missing-folder', 'out.elf'), fifo, '/dev/full', '/proc/version'],
  };
}

/**
 * A little-endian arm64 Image (Linux boot §4): the header with text_offset, image_size and flags, the "ARM\x64" magic,
 * and `code` bytes of zeros after it.
 */
export function arm64Image(textOffset: bigint, imageSize: bigint, flags: bigint, code = 0x1000): Uint8Array {
  const b = new Uint8Array(64 + code);
  const dv = new DataView(b.buffer);
  dv.setBigUint64(8, textOffset, true);
  dv.setBigUint64(16, imageSize, true);
  dv.setBigUint64(24, flags, true);
  dv.setUint32(56, 0x644d5241, true);
  return b;
}

/** Numbers that size or place things: the edges of 32, 53 and 64 bits, and beyond. */
const NUMBERS = [
  '0', '1', '-1', '7', '0x1000', '0xfff', '2M', '1G', '64K', '0x7fffffff', '0x80000000', '0xffffffff', '0x100000000',
  '9007199254740991', '9007199254740993', '0x7fff_ffff_ffff_ffff', '0xffff_ffff_ffff_ffff', '0x1_0000_0000_0000_0000',
  '18446744073709551616', '1e30', '-0', '0.5', 'NaN', '.inf', '0x', '0x_', '1_', '99999999999999999999999999999G',
  '0xffff_ffff_ffff_ffffG', '4294967295M', '1' + '0'.repeat(400), '0b' + '1'.repeat(70),
];

/** Lines that break a scenario in the ways issue 11 lists (and its neighbours). */
function hostileYaml(r: Rng, c: Corpus): string {
  switch (r.int(8)) {
    case 0: { // billion laughs
      let s = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
      for (let i = 1; i < 9; i++) s += `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]\n`;
      return s;
    }
    case 1:
      return `deep: ${'['.repeat(1 + r.int(100_000))}${']'.repeat(r.int(3))}\n`;
    case 2:
      return Array.from({ length: 2 + r.int(3000) }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + '\n';
    case 3:
      return `x: !!binary aGVsbG8=\ny: !custom 1\n`;
    case 4:
      return `? [a, b]\n: 1\n`;
    case 5:
      return `%YAML 1.1\n---\ny: yes\n`;
    case 6:
      return `k: "${'x'.repeat(r.int(200_000))}"\n`;
    default:
      return `  - { at: ${r.pick(NUMBERS)}, size: ${r.pick(NUMBERS)} }\n    image: { source: ${r.pick(c.hostilePaths)}, entry: ${r.pick(NUMBERS)} }\n`;
  }
}

/** Many small regions spread over the address space (page-table pool exhaustion), or many contexts. */
function manyRegions(r: Rng, scenarioGuest: string): string {
  const contexts = 1 + r.int(12);
  const regions = 1 + r.int(70);
  let s = `ram: { size: ${r.pick(['256M', '1G', '4G', '16G'])} }\ncontexts:\n`;
  for (let c = 0; c < contexts; c++) {
    const vm = r.chance(0.5);
    s += `  - name: c${c}\n    kind: ${vm ? 'vm\n    ipa_bits: 44' : 'native\n    va_bits: 48'}\n    memory:\n      - { at: 0x1000, size: 64K }\n`;
    for (let k = 1; k < regions; k++) s += `      - { at: 0x${((BigInt(k) << BigInt(vm ? 36 : 39)) + BigInt(r.int(512)) * 0x1000n).toString(16)}, size: ${r.pick(['4K', '8K', '64K', '2M'])} }\n`;
    s += `    image: { source: ${scenarioGuest}, entry: 0x1000 }\n`;
  }
  return s;
}

/** Words a scenario's fields take, right or wrong. */
const FIELD_WORDS = ['vm', 'native', 'el1-shim', 'el1-shim-s2', 's2-only', 'seed-tge', 'seed-literal', 'vhe', 'flush', 'by-vmid', '4K', '64K', '16K', 'rwx', 'r', 'rw', 'x', 'max', 'cortex-a57', 'skip', 'stop', 'true', 'null', '[]', '{}', '""', '1319537'];

/** Values a field could well have: changed to one of these, a scenario often still builds and runs. */
const PLAUSIBLE: Record<string, readonly string[]> = {
  size: ['4K', '64K', '1M', '2M', '0x3000', '0x20_0000', '4G', '16M'],
  at: ['0', '0x1000', '0x10000', '0x4000_0000', '0x8000_0000', '0xff80_0000_0000', '0x1_0000_0000', '0xfff_ffff_0000'],
  entry: ['0', '0x1000', '0x4000_0000', '0x8000_0000', '0xff80_0000_0000', '0x4000_0004'],
  ipa_bits: ['32', '36', '40', '42', '44', '48'],
  va_bits: ['25', '32', '39', '44', '47', '48'],
  slices: ['1', '2', '6', '100'],
  slice_insns: ['1', '10', '1000', '100000'],
  hosting: ['el1-shim', 'el1-shim-s2', 's2-only', 'seed-tge', 'seed-literal'],
  tlb: ['by-vmid', 'flush'],
  granule: ['4K', '64K'],
  perms: ['rwx', 'rw', 'rx', 'r'],
  on_denied: ['stop', 'skip'],
  access: ['r', 'rw'],
};

/** The values of `key: value` pairs replaced (the YAML stays well-formed, so the checks after parsing are reached). */
function mutateFields(r: Rng, text: string, c: Corpus, edits: number): string {
  let out = text;
  for (let e = 0; e < edits; e++) {
    const fields = [...out.matchAll(/([a-z_]+): ([^,}\n#]+)/g)];
    if (fields.length === 0) break;
    const f = r.pick(fields);
    const plausible = PLAUSIBLE[f[1]!];
    const value = f[1] === 'source' ? r.pick([...c.hostilePaths, join(ROOT, 'examples/hello.elf'), join(ROOT, 'README.md')])
      : plausible !== undefined && r.chance(0.5) ? r.pick(plausible)
      : r.chance(0.6) ? r.pick(NUMBERS) : r.pick(FIELD_WORDS);
    out = out.slice(0, f.index! + f[1]!.length + 2) + value + out.slice(f.index! + f[0].length);
  }
  return out;
}

/** Random edits of text: lines deleted, duplicated, swapped, cut; numbers replaced; hostile lines inserted. */
function mutateText(r: Rng, text: string, insert: () => string, edits: number): string {
  let lines = text.split('\n');
  for (let e = 0; e < edits; e++) {
    const i = r.int(lines.length);
    switch (r.int(9)) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        lines = [...lines.slice(0, i), ...Array<string>(1 + r.int(r.chance(0.1) ? 5000 : 4)).fill(lines[r.int(lines.length)] ?? ''), ...lines.slice(i)];
        break;
      case 2: {
        const j = r.int(lines.length);
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        break;
      }
      case 3:
        lines[i] = (lines[i] ?? '').slice(0, r.int((lines[i] ?? '').length + 1));
        break;
      case 4:
      case 5:
        lines[i] = (lines[i] ?? '').replace(/(0x[0-9a-f_]+|\b[0-9][0-9_]*[KMG]?\b)/i, () => r.pick(NUMBERS));
        break;
      case 6:
        lines = [...lines.slice(0, i), ...insert().split('\n'), ...lines.slice(i)];
        break;
      case 7: {
        const l = lines[i] ?? '';
        const at = r.int(l.length + 1);
        lines[i] = l.slice(0, at) + String.fromCharCode(r.pick([0x5b, 0x7b, 0x3a, 0x2c, 0x26, 0x2a, 0x21, 0x23, 0x22, 0x27, 0x09, 0x7c, 0x3e, r.int(256)])) + l.slice(at);
        break;
      }
      default:
        lines = lines.slice(r.int(lines.length));
    }
  }
  return lines.join('\n');
}

/** Assembly lines that stress the assembler's limits. */
function hostileAsm(r: Rng, c: Corpus, self: string): string {
  const n = (k: number) => 1 + r.int(k);
  switch (r.int(16)) {
    case 0: return `.quad ${'('.repeat(n(100_000))}1${')'.repeat(n(100))}`;
    case 1: return `.quad ${'-~!+'[r.int(4)]!.repeat(n(100_000))}1`;
    case 2: return `.quad ${'1+'.repeat(n(100_000))}1`;
    case 3: return `.balign ${r.pick(['0x40000000', '0x4000000000000000', '0x300000000', '65536', '131072', '3'])}${r.chance(0.3) ? ', 0, ' + r.pick(NUMBERS) : ''}`;
    case 4: return `.space ${r.pick(NUMBERS)}`;
    case 5: return `.org ${r.pick(NUMBERS)}`;
    case 6: return Array.from({ length: n(300_000) }, (_, i) => `ldr x${i % 30}, =${i * 7919}`).join('\n');
    case 7: return `.include "${r.pick([...c.hostilePaths, self, 'missing.S'])}"`;
    case 8: return `.macro m${r.int(3)}\nnop\nm${r.int(3)}\nm${r.int(3)}\n.endm\nm${r.int(3)}`;
    case 9: return Array.from({ length: n(40) }, (_, i) => `a${i + 1} = a${i} + a${i}`).join('\n').replace(/^/, 'a0 = 1\n') + `\n.quad a${n(40)}`;
    case 10: return `.p2align ${r.pick(['17', '64', '-1', '0x100000000'])}`;
    case 11: return Array.from({ length: n(3000) }, (_, i) => `.section .s${i}\n.byte 1`).join('\n');
    case 12: return `.quad ${r.pick(NUMBERS)}, 0x${'f'.repeat(n(2_000_000))}`;
    case 13: return `.ascii "${'\\1'.repeat(n(100_000))}"`;
    case 14: return Array.from({ length: n(100_000) }, () => '1:').join(' ');
    default: return `.macro big a\n${'\\a '.repeat(n(5000))}\n.endm\nbig ${'x'.repeat(n(100_000))}`;
  }
}

/** An ELF whose headers stay intact and whose first loaded bytes (the program) get random words. */
function mutateCode(r: Rng, src: Uint8Array): Uint8Array {
  const b = new Uint8Array(src);
  const dv = new DataView(b.buffer);
  const off = Number(dv.getBigUint64(64 + 8, true));
  const size = Number(dv.getBigUint64(64 + 32, true));
  for (let k = 0; k < 1 + r.int(8) && size >= 4; k++) dv.setUint32(off + 4 * r.int(size >>> 2), r.u32(), true);
  return b;
}

/** ELF bytes with fields set to interesting values and bytes flipped. */
function mutateElf(r: Rng, src: Uint8Array): Uint8Array {
  let b = new Uint8Array(src);
  const dv = () => new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u64s = [0n, 1n, 0x38n, 0x40n, 0xffffn, 0xffff_ffffn, 0x4000_0000n, 0x4008_0000n, 0x3fff_fff0n, 0x1_0000_0000n, 0x7fff_ffff_ffff_ffffn, 0xffff_ffff_ffff_f000n, 0xffff_ffff_ffff_ffffn];
  const edits = 1 + r.int(6);
  for (let e = 0; e < edits; e++) {
    const phoff = b.length >= 64 ? Number(dv().getBigUint64(32, true) & 0xffffn) : 0;
    const phnum = b.length >= 64 ? dv().getUint16(56, true) : 0;
    switch (r.int(7)) {
      case 0: // an ELF header field
        if (b.length >= 64) {
          const f = r.pick([[16, 2], [18, 2], [24, 8], [32, 8], [40, 8], [54, 2], [56, 2], [58, 2], [60, 2]] as const);
          if (f[1] === 8) dv().setBigUint64(f[0], r.pick(u64s), true);
          else dv().setUint16(f[0], r.pick([0, 1, 2, 56, 64, 0xff00, 0xffff, r.int(0x10000)]), true);
        }
        break;
      case 1: // a program header field
      case 2:
        if (phnum > 0 && phoff + 56 * phnum <= b.length) {
          const o = phoff + 56 * r.int(phnum) + r.pick([0, 4, 8, 16, 24, 32, 40]);
          if (o % 8 === 0 && o >= phoff + 8) dv().setBigUint64(o, r.pick(u64s), true);
          else dv().setUint32(o, r.pick([0, 1, 2, 5, 0x6474e551, 0xffffffff]), true);
        }
        break;
      case 3: // random bytes
        for (let k = 0; k < 1 + r.int(16); k++) if (b.length > 0) b[r.int(b.length)] = r.int(256);
        break;
      case 4: // truncated
        b = b.subarray(0, r.int(b.length + 1));
        break;
      case 5: { // many copies of the first program header (an e_phnum bomb within the file)
        if (phnum > 0 && phoff + 56 <= b.length) {
          const count = 1 + r.int(65535);
          const table = new Uint8Array(count * 56);
          for (let k = 0; k < count; k++) table.set(b.subarray(phoff, phoff + 56), k * 56);
          const out = new Uint8Array(b.length + table.length);
          out.set(b);
          out.set(table, b.length);
          b = out;
          dv().setBigUint64(32, BigInt(src.length), true);
          dv().setUint16(56, count, true);
        }
        break;
      }
      default: { // a section header field (symbol table offsets, sizes, links)
        if (b.length >= 64) {
          const shoff = Number(dv().getBigUint64(40, true) & 0xffffffn);
          const shnum = dv().getUint16(60, true);
          if (shnum > 0 && shoff + 64 * shnum <= b.length) {
            const o = shoff + 64 * r.int(shnum) + r.pick([4, 24, 32, 40]);
            if (o % 8 === 0 && r.chance(0.7)) dv().setBigUint64(o, r.pick(u64s), true);
            else dv().setUint32(o, r.pick([0, 1, 2, 3, 0xffff, 0xffffffff]), true);
          }
        }
      }
    }
  }
  return b;
}

/** A Linux Image with header fields set to edge values, its bytes flipped or cut, gzip'd whole, cut, or as a bomb. */
function mutateImage(r: Rng, src: Uint8Array): Uint8Array {
  if (src[0] === 0x1f && src[1] === 0x8b) {
    const k = r.int(100); // a gzip'd kernel: kept whole (its initrd and device tree are the case), cut, or a bomb
    return k < 60 ? src : k < 85 ? src.subarray(0, r.int(src.length)) : gzipBomb(r);
  }
  let b = new Uint8Array(src);
  const dv = new DataView(b.buffer);
  const u64s = [0n, 1n, 0xfffn, 0x1000n, 0x80000n, 0x200000n, 0x1000_0000n, 0x4000_0000n, 0xffff_ffffn, 0x7fff_ffff_ffff_ffffn, 0xffff_ffff_ffff_ffffn];
  for (let e = 0; e < 1 + r.int(4); e++) {
    switch (r.int(4)) {
      case 0: // text_offset, image_size or flags
        dv.setBigUint64(r.pick([8, 16, 24]), r.pick(u64s), true);
        break;
      case 1:
        b[r.int(b.length)] = r.int(256);
        break;
      case 2:
        b = b.subarray(0, r.int(b.length + 1));
        break;
      default:
        if (b.length > 0) b = new Uint8Array(gzipSync(b)).subarray(0, r.chance(0.7) ? undefined : r.int(40));
        return b;
    }
  }
  return b;
}

/** Gzip members of 1 MiB of zeros, concatenated: 2 (a small kernel) or 300 (300 KB that inflate past QEMU's 256 MiB). */
function gzipBomb(r: Rng): Uint8Array {
  const member = gzipSync(new Uint8Array(1 << 20));
  const n = r.pick([2, 300]);
  const out = new Uint8Array(member.length * n);
  for (let i = 0; i < n; i++) out.set(member, i * member.length);
  return out;
}

/** A device tree blob with header fields, tokens or lengths set to edge values, bytes flipped, or cut short. */
function mutateDtb(r: Rng, src: Uint8Array): Uint8Array {
  let b = new Uint8Array(src);
  for (let e = 0; e < 1 + r.int(5); e++) {
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const u32s = [0, 1, 2, 3, 4, 9, 16, 17, 40, 0x7fff_ffff, 0xffff_ffff, 0xd00dfeed, b.length, b.length + 1, r.int(b.length + 1)];
    switch (r.int(4)) {
      case 0: // a header field (totalsize, block offsets and sizes, versions)
        if (b.length >= 40) dv.setUint32(4 * r.int(10), r.pick(u32s), false);
        break;
      case 1: // a word of the structure block: a token, a property's length or name offset
        if (b.length >= 40) {
          const off = dv.getUint32(8);
          const size = dv.getUint32(36);
          if (off + size <= b.length && size >= 4) dv.setUint32(off + 4 * r.int(size >>> 2), r.pick(u32s), false);
        }
        break;
      case 2:
        for (let k = 0; k < 1 + r.int(16); k++) if (b.length > 0) b[r.int(b.length)] = r.int(256);
        break;
      default:
        b = b.subarray(0, r.int(b.length + 1));
    }
  }
  return b;
}

/** Flag values a user might type, or should not. */
const FLAG_VALUES = [...NUMBERS, '', ' ', 'all', 'text', 'json', 'sarif', 'yaml', 'exec,mmu', 'exec,,bogus', 'cortex-a57', 'max', 'vhe', 'last', '0', '3', 'architectural', 'immediate', 'el1-shim', '--', '-1', 'x'.repeat(200)];

/** One fuzz case: files to write (by name, in the case's directory) and the command line. */
export interface FuzzCase {
  readonly index: number;
  readonly what: string;
  readonly files: ReadonlyMap<string, string | Uint8Array>;
  /** The arguments after `twostage`, with file names relative to the case directory made absolute by `at`. */
  readonly argv: (at: (name: string) => string) => string[];
  /** Exit statuses the command documents (README's table); undefined: any (boot returns the guest's status). */
  readonly statuses?: readonly number[];
}

const STATUS: Record<string, readonly number[] | undefined> = {
  asm: [0, 2], build: [0, 2], disasm: [0, 2], audit: [0, 1, 2], run: [0, 1, 2, 3], walk: [0, 1, 2], check: [0, 1, 2, 3], boot: undefined,
};

/** Case `index` of the campaign seeded `seed`. */
export function makeCase(seed: number, index: number, c: Corpus): FuzzCase {
  const r = new Rng(seed, index);
  const files = new Map<string, string | Uint8Array>();
  const k = r.int(100);
  let what: string;
  let argv: FuzzCase['argv'];
  if (k < 22) {
    // a scenario: mutated, or built from hostile shapes
    const seedScenario = r.pick(c.scenarios);
    const guest = r.pick(c.sources.filter((s) => s.name.startsWith('src/hyp/guests')));
    let text: string;
    const shape = r.int(100);
    if (shape < 15) {
      text = manyRegions(r, join(ROOT, guest.name));
      what = 'scenario: many regions/contexts';
    } else if (shape < 55) {
      text = mutateFields(r, seedScenario.text, c, 1 + r.int(3));
      what = `scenario: ${seedScenario.name} with other values`;
    } else {
      text = mutateText(r, seedScenario.text, () => hostileYaml(r, c), 1 + r.int(6));
      what = `scenario: ${seedScenario.name} mutated`;
    }
    if (r.chance(0.2)) {
      files.set('guest.S', mutateText(r, guest.text, () => hostileAsm(r, c, 'guest.S'), 1 + r.int(4)));
      text = text.replace(/source: [^,}]+/, 'source: guest.S');
      what += ', guest mutated';
    }
    files.set('s.yaml', text);
    const cmd = r.pick(['audit', 'audit', 'build', 'run', 'walk']);
    const out = r.chance(0.2) ? r.pick(c.badOutputs) : undefined;
    const walkArgs = ['--context', r.pick(['vm1', 'app', 'c0', 'owner']), '--va', r.pick(['0', '0x40000000', '0xff8000000000']), '--entry', '1'];
    what += ` (${cmd})`;
    argv = (at) =>
      cmd === 'build' ? ['build', at('s.yaml'), '-o', out ?? at('out.elf')]
      // a run's budget is per hosting mode and `run` interprets: 500k instructions keep a many-context run within seconds
      : cmd === 'run' ? ['run', at('s.yaml'), '--max-insns', '500000', '--json']
      : cmd === 'walk' ? ['walk', '--scenario', at('s.yaml'), ...walkArgs]
      : ['audit', at('s.yaml')];
    return { index, what, files, argv, statuses: STATUS[cmd] };
  }
  if (k < 55) {
    // an assembly source
    const src = r.pick(c.sources);
    files.set('a.S', mutateText(r, src.text, () => hostileAsm(r, c, 'a.S'), 1 + r.int(5)));
    const cmd = r.chance(0.75) ? 'asm' : 'check';
    const out = r.chance(0.1) ? r.pick(c.badOutputs) : undefined;
    const extra = [...(r.chance(0.2) ? ['--raw'] : []), ...(r.chance(0.1) ? ['--base', r.pick(NUMBERS)] : [])];
    what = `asm: ${src.name} mutated (${cmd})`;
    argv = (at) => (cmd === 'check' ? ['check', at('a.S')] : ['asm', at('a.S'), '-o', out ?? at('a.out'), ...extra]);
    return { index, what, files, argv, statuses: STATUS[cmd] };
  }
  if (k < 85 && r.chance(0.35)) {
    // a Linux Image, with an initrd and a device tree each mutated, hostile or absent
    const img = r.pick(c.images);
    files.set('k.Image', mutateImage(r, img.bytes));
    const dtb = r.chance(0.6) ? mutateDtb(r, r.pick(c.dtbs).bytes) : undefined;
    if (dtb !== undefined) files.set('d.dtb', dtb);
    const initrd = r.chance(0.3) ? r.pick(c.hostilePaths) : r.chance(0.5) ? 'initrd' : undefined;
    if (initrd === 'initrd') files.set('initrd', new Uint8Array(r.int(1 << 20)));
    const extra = [
      ...(r.chance(0.2) ? ['--ram', r.pick(['1', '16', '64', '4096'])] : []),
      ...(r.chance(0.2) ? ['--append', r.pick(FLAG_VALUES)] : []),
      ...(r.chance(0.2) ? ['--dumpdtb', r.pick(c.badOutputs)] : []),
    ];
    what = `linux: ${img.name} mutated${dtb === undefined ? '' : ', dtb mutated'}${initrd === undefined ? '' : `, initrd ${initrd}`}`;
    argv = (at) => [
      'boot', '--kernel', at('k.Image'), '--max-insns', '20000', ...extra,
      ...(dtb === undefined ? [] : ['--dtb', at('d.dtb')]),
      ...(initrd === undefined ? [] : ['--initrd', initrd === 'initrd' ? at('initrd') : initrd]),
    ];
    return { index, what, files, argv, statuses: undefined };
  }
  if (k < 85) {
    // an ELF image
    const elf = r.pick(c.elfs);
    files.set('e.elf', r.chance(0.4) ? mutateCode(r, elf.bytes) : mutateElf(r, elf.bytes));
    const cmd = r.pick(['boot', 'boot', 'disasm', 'walk']);
    const ram = r.chance(0.1) ? ['--ram', r.pick(['1', '16', '4096'])] : [];
    what = `elf: ${elf.name} mutated (${cmd})`;
    argv = (at) =>
      cmd === 'boot' ? ['boot', at('e.elf'), '--max-insns', '20000', ...ram]
      : cmd === 'walk' ? ['walk', at('e.elf'), '--until', '0x40080010', '--va', '0x40080000', '--max-insns', '20000']
      : ['disasm', at('e.elf')];
    return { index, what, files, argv, statuses: STATUS[cmd] };
  }
  // a flag with an odd value, or a hostile path where a file is expected
  const hostile = r.pick(c.hostilePaths);
  const v = () => r.pick(FLAG_VALUES);
  const lines: [string, string[]][] = [
    ['boot', ['boot', 'examples/hello.elf', r.pick(['--ram', '--max-insns', '--cpu', '--trace', '--sync', '--speculate']), v()]],
    ['boot', ['boot', hostile]],
    ['disasm', ['disasm', hostile]],
    ['disasm', ['disasm', 'package.json', '--base', v()]],
    ['asm', ['asm', hostile, '-o', '/dev/null']],
    ['asm', ['asm', 'examples/hello.S', '-o', r.pick(c.badOutputs)]],
    ['asm', ['asm', 'examples/hello.S', '-o', '/dev/null', '--base', v()]],
    ['audit', ['audit', r.chance(0.5) ? hostile : 'scenarios/seed.yaml', r.pick(['--hosting', '--format']), v()]],
    ['build', ['build', 'scenarios/seed.yaml', '-o', r.pick(c.badOutputs)]],
    ['build', ['build', hostile, '-o', '/dev/null']],
    ['run', ['run', r.chance(0.3) ? hostile : 'scenarios/seed.yaml', r.pick(['--hosting', '--max-insns', '--trace', '--sync', '--speculate']), v()]],
    ['walk', ['walk', 'examples/hello.elf', '--until', v(), '--va', v(), r.pick(['--access', '--el', '--format', '--max-insns', '--cpu']), v()]],
    ['walk', ['walk', '--scenario', r.chance(0.5) ? hostile : 'scenarios/seed.yaml', '--context', v(), '--va', v(), '--entry', v()]],
    ['check', ['check', r.chance(0.5) ? hostile : 'examples/hello.elf']],
    ['check', ['check', 'test/check/fixtures/good.S', r.pick(['--format', '--start', '--from', '--to', '--scenario']), r.chance(0.3) ? hostile : v()]],
  ];
  const [cmd, relative] = r.pick(lines);
  const args = relative.map((a) => (/^(examples|scenarios|test)\//.test(a) || a === 'package.json' ? join(ROOT, a) : a));
  what = `flags: ${args.join(' ').slice(0, 120)}`;
  return { index, what, files, argv: () => args, statuses: STATUS[cmd] };
}

/** What went wrong in one case, as one JSON line of a campaign. */
export interface Finding {
  readonly seed: number;
  readonly index: number;
  readonly what: string;
  readonly argv: readonly string[];
  readonly problem: string;
  readonly ms: number;
  readonly stderr?: string;
}

/**
 * The oracle: no internal error, crash, hang or unbounded memory; an exit status the command documents; and a bad
 * input (exit 2) explained on the first line of stderr, naming the file (path, file:line) or the flag.
 */
export function judge(seed: number, fc: FuzzCase, argv: readonly string[], o: Outcome): Finding | undefined {
  const base = { seed, index: fc.index, what: fc.what, argv, ms: Math.round(o.ms) };
  if (o.kind !== 'exit') return { ...base, problem: `${o.kind}: ${o.detail}` };
  const first = o.stderr.text.split('\n')[0] ?? '';
  const stderr = o.stderr.text.slice(0, 600);
  if (/internal error/.test(o.stderr.text) || (o.status === 70 && fc.statuses !== undefined)) return { ...base, problem: `internal error (exit ${o.status})`, stderr };
  if (fc.statuses !== undefined && !fc.statuses.includes(o.status)) return { ...base, problem: `exit ${o.status}, not one the command documents (${fc.statuses.join(', ')})`, stderr };
  if (o.status === 2 && (fc.statuses !== undefined || first.startsWith('twostage'))) {
    // the file (its path, or path:line: …), the flag it is about or the value given quoted, or commander's usage
    // error (which quotes the flag)
    const named = argv.some((a) => (a.length > 1 && first.includes(a) && (a.includes('/') || a.startsWith('-'))) || first.includes(`'${a}'`)) || /^error: |^[^\s:]+:\d+:/.test(first);
    if (!named) return { ...base, problem: 'exit 2 without a first line naming the file, line or flag', stderr };
    if (first.length > 1000) return { ...base, problem: `a ${first.length}-character diagnostic line`, stderr };
  }
  return undefined;
}

export interface CampaignOptions {
  readonly seed: number;
  /** Cases [from, from + count). */
  readonly from: number;
  readonly count: number;
  /** This runner takes the cases whose index is `shard` (1-based) modulo `shards`. */
  readonly shard: number;
  readonly shards: number;
  readonly corpus: Corpus;
  /** Where the cases' files are written. */
  readonly dir: string;
  readonly run: (argv: readonly string[]) => Promise<Outcome>;
  readonly onFinding: (f: Finding) => void;
  /** After each case, with its index. */
  readonly onCase?: (index: number, fc: FuzzCase, o: Outcome) => void;
}

/** Run a range of cases (of one shard); returns how many ran and how many findings there were. */
export async function runCampaign(o: CampaignOptions): Promise<{ cases: number; findings: number }> {
  let cases = 0;
  let findings = 0;
  mkdirSync(o.dir, { recursive: true });
  for (let i = o.from; i < o.from + o.count; i++) {
    if (i % o.shards !== o.shard - 1) continue;
    const fc = makeCase(o.seed, i, o.corpus);
    for (const [name, content] of fc.files) writeFileSync(join(o.dir, name), content);
    const argv = fc.argv((name) => join(o.dir, name));
    const outcome = await o.run(argv);
    cases++;
    const f = judge(o.seed, fc, argv, outcome);
    if (f !== undefined) {
      findings++;
      o.onFinding(f);
    }
    o.onCase?.(i, fc, outcome);
  }
  return { cases, findings };
}
