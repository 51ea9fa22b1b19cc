// The differential programs built by twostage's own assembler (src/asm) instead of GNU as/ld: the same
// sources, laid out the way progs/link.ld lays GNU's objects out, so the loadable bytes can be compared.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble, type AsmResult, type SectionInfo } from '../../src/asm/assemble.ts';
import type { ElfImage } from '../../src/elf/read.ts';
import { PROGS_DIR } from './toolchain.ts';

const LINK_BASE = 0x4008_0000n;
const PAGE = 4096n;

const alignUp = (v: bigint, a: bigint): bigint => (v + a - 1n) & ~(a - 1n);

/**
 * progs/link.ld: `.text.boot`, the other `.text*`, `.rodata*` from 0x4008_0000; `.data*` and then `.bss*` each
 * from the next 4 KiB boundary; every input section at its own alignment (code sections at least 4, as GNU as
 * gives them). Unknown section names go last, so that a comparison shows them.
 */
export function linkLdPlace(sections: readonly SectionInfo[], base: bigint): bigint[] {
  const group = (n: string): number =>
    n === '.text.boot' ? 0 : n.startsWith('.text') ? 1 : n.startsWith('.rodata') ? 2 : n.startsWith('.data') ? 3 : n.startsWith('.bss') ? 4 : 5;
  const order = sections.map((_, k) => k).sort((a, b) => group(sections[a]!.name) - group(sections[b]!.name) || a - b);
  const out: bigint[] = new Array(sections.length);
  let at = base;
  let prevGroup = 0;
  for (const k of order) {
    const s = sections[k]!;
    const g = group(s.name);
    if (g >= 3 && g !== prevGroup) at = alignUp(at, PAGE); // `. = ALIGN(4096)` before .data and before .bss
    prevGroup = g;
    at = alignUp(at, BigInt(Math.max(s.align, g <= 1 ? 4 : 1)));
    out[k] = at;
    at += BigInt(s.size);
  }
  return out;
}

/** Assemble progs/NAME.S with src/asm at link.ld's layout. */
export function assembleProgram(name: string): AsmResult {
  const file = join(PROGS_DIR, `${name}.S`);
  const read = (path: string): string | undefined => {
    try {
      return readFileSync(path, 'latin1');
    } catch {
      return undefined;
    }
  };
  return assemble(file, read(file) ?? '', { base: LINK_BASE, place: linkLdPlace, read });
}

/** Memory from the lowest to the highest loaded address (zero-filled gaps and .bss), and where it starts. */
export interface Flat {
  readonly lo: bigint;
  readonly bytes: Uint8Array;
}

function flatten(parts: readonly { addr: bigint; bytes: Uint8Array; size: bigint }[]): Flat {
  const live = parts.filter((p) => p.size > 0n);
  const lo = live.reduce((m, p) => (p.addr < m ? p.addr : m), live[0]?.addr ?? 0n);
  const hi = live.reduce((m, p) => (p.addr + p.size > m ? p.addr + p.size : m), lo);
  const bytes = new Uint8Array(Number(hi - lo));
  for (const p of live) bytes.set(p.bytes, Number(p.addr - lo));
  return { lo, bytes };
}

export function flatAsm(r: AsmResult): Flat {
  return flatten(r.sections.map((s) => ({ addr: s.addr, bytes: s.bytes, size: BigInt(s.bytes.length) })));
}

/** GNU's ELF: the PT_LOAD segments at their load (physical) addresses, memsz beyond filesz zero. */
export function flatElf(img: ElfImage): Flat {
  return flatten(img.segments.map((s) => ({ addr: s.paddr, bytes: s.data, size: s.memsz })));
}
