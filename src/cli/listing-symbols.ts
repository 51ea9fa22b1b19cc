// The symbols of an objdump listing, chosen, ordered and looked up the way GNU objdump 2.40 does
// (binutils objdump.c remove_useless_symbols, compare_symbols, find_symbol_for_address, sym_ok;
// opcodes/aarch64-dis.c aarch64_symbol_is_valid, get_sym_code_type): which name labels an address, and which
// mapping symbol ($x code, $d data; AAELF64 "Mapping symbols") governs a byte.
import { SHN_ABS, SHN_UNDEF, STB_GLOBAL, STB_LOCAL, STT_FILE, STT_FUNC, STT_OBJECT, STT_SECTION, type ElfSymbol } from '../elf/read.ts';
import type { ElfSection } from '../elf/sections.ts';

const SHN_LORESERVE = 0xff00;
const SHN_COMMON = 0xfff2;

export interface ListSym {
  readonly name: string;
  readonly value: bigint;
  readonly size: bigint;
  /** Name of the symbol's section ('*ABS*' for SHN_ABS). */
  readonly section: string;
  readonly func: boolean;
  readonly object: boolean;
  readonly local: boolean;
  readonly global: boolean;
  /** aarch64_symbol_is_valid: mapping symbols ($x, $d, $x.*, $d.*) never name an address. */
  readonly valid: boolean;
  /** get_sym_code_type: STT_FUNC and $x start code, $d starts data. */
  readonly code: 'insn' | 'data' | undefined;
}

function mapping(name: string): 'insn' | 'data' | undefined {
  // AAELF64 mapping symbols: $x (A64 code), $d (data), optionally followed by '.' and any text
  if (name[0] !== '$' || (name[1] !== 'x' && name[1] !== 'd') || (name.length > 2 && name[2] !== '.')) return undefined;
  return name[1] === 'x' ? 'insn' : 'data';
}

/** remove_useless_symbols: named, defined, not common, not section or file symbols. */
export function listSymbols(symbols: readonly ElfSymbol[], sections: readonly ElfSection[]): ListSym[] {
  const out: ListSym[] = [];
  for (const s of symbols) {
    if (s.name === '' || s.shndx === SHN_UNDEF || s.shndx === SHN_COMMON || s.type === STT_SECTION || s.type === STT_FILE) continue;
    const section = s.shndx === SHN_ABS || s.shndx >= SHN_LORESERVE ? '*ABS*' : sections[s.shndx]?.name;
    if (section === undefined) continue;
    const m = mapping(s.name);
    out.push({
      name: s.name,
      value: s.value,
      size: s.size,
      section,
      func: s.type === STT_FUNC,
      object: s.type === STT_OBJECT,
      local: s.bind === STB_LOCAL,
      global: s.bind === STB_GLOBAL,
      valid: m === undefined,
      code: s.type === STT_FUNC ? 'insn' : m,
    });
  }
  return out;
}

const isFileName = (n: string): boolean => n.length > 2 && n[n.length - 2] === '.' && (n.endsWith('o') || n.endsWith('a'));
const compiledMarker = (n: string): boolean => n.includes('gnu_compiled') || n.includes('gcc2_compiled');

/** compare_symbols, with `section` the section being disassembled. */
function compare(section: string, a: ListSym, b: ListSym): number {
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  const rules: [boolean, boolean][] = [
    [a.section === section, b.section === section], // symbols of the section being disassembled first
    [!compiledMarker(a.name), !compiledMarker(b.name)],
    [!isFileName(a.name), !isFileName(b.name)],
    [a.func, b.func],
    [a.object, b.object],
    [!a.local, !b.local],
    [a.global, b.global],
  ];
  for (const [x, y] of rules) if (x !== y) return x ? -1 : 1;
  if (a.size !== b.size) return a.size > b.size ? -1 : 1; // larger ELF symbols first (PR 20337)
  const ad = a.name[0] === '.', bd = b.name[0] === '.';
  if (ad !== bd) return ad ? 1 : -1; // names starting with '.' may be section names: last
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; // strcmp on the bytes
}

/** The symbols sorted for disassembling `section`, with objdump's lookups over them. */
export class SymbolOrder {
  readonly syms: ListSym[];

  constructor(all: readonly ListSym[], readonly section: string) {
    this.syms = [...all].sort((a, b) => compare(section, a, b));
  }

  /** Index of the last symbol whose value is ≤ vma, or 0 (the binary search of find_symbol_for_address). */
  private floor(vma: bigint): number {
    let lo = 0, hi = this.syms.length;
    while (lo + 1 < hi) {
      const mid = (lo + hi) >> 1;
      const v = this.syms[mid]!.value;
      if (v > vma) hi = mid;
      else if (v < vma) lo = mid;
      else return mid;
    }
    return lo;
  }

  private ok(i: number, wantSection: boolean): boolean {
    const s = this.syms[i]!;
    return s.valid && (!wantSection || s.section === this.section);
  }

  /** find_symbol_for_address: the index of the symbol naming `vma` (perhaps one after it), or -1. */
  find(vma: bigint, requireSection: boolean): number {
    const n = this.syms.length;
    if (n === 0) return -1;
    let place = this.floor(vma);
    const v = this.syms[place]!.value;
    while (place > 0 && this.syms[place - 1]!.value === v) place--;
    let end = place;
    for (; end < n && this.syms[end]!.value === v; end++) if (this.ok(end, true)) return end;
    if (this.ok(place, requireSection)) return place;
    let found = -1;
    for (let i = end - 1; i >= 0; i--) {
      if (!this.ok(i, requireSection)) continue;
      if (found >= 0 && this.syms[i]!.value !== this.syms[found]!.value) break;
      found = i;
    }
    if (found >= 0) return found;
    for (let i = place + 1; i < n; i++) if (this.ok(i, requireSection)) return i;
    return -1;
  }

  /** The first symbol after index `i` that starts a new region of the section (is_valid_next_sym), or -1. */
  next(i: number): number {
    const v = this.syms[i]!.value;
    for (let j = i; j < this.syms.length; j++) {
      const s = this.syms[j]!;
      if (s.section === this.section && s.value > v && s.valid) return j;
    }
    return -1;
  }

  /** get_sym_code_type over the symbols at or before pc: the last mapping (or function) symbol of the section. */
  codeAt(pc: bigint, fallback: 'insn' | 'data'): 'insn' | 'data' {
    let i = this.floor(pc);
    if (this.syms.length === 0 || this.syms[i]!.value > pc) return fallback;
    while (i + 1 < this.syms.length && this.syms[i + 1]!.value === pc) i++;
    for (; i >= 0; i--) {
      const s = this.syms[i]!;
      if (s.section === this.section && s.code) return s.code;
    }
    return fallback;
  }

  /** The smallest symbol value above pc (any section), which ends a data chunk early. */
  nextValueAbove(pc: bigint): bigint | undefined {
    let i = this.floor(pc);
    while (i < this.syms.length && this.syms[i]!.value <= pc) i++;
    return this.syms[i]?.value;
  }
}
