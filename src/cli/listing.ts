// objdump-style listings, as GNU objdump 2.40 prints them (binutils objdump.c disassemble_section and
// disassemble_bytes, opcodes/aarch64-dis.c print_insn_aarch64): an ELF's executable sections
// (`objdump -d`) under `<symbol>:` headers with `<sym+0x…>` operand labels, data between $d mapping symbols as
// .word/.short/.byte, objects dumped as bytes, runs of zeros as `...`; or a flat binary (`objdump -D -b binary`).
import { disassemble } from '../asm/disasm.ts';
import type { DisEnv } from '../asm/forms.ts';
import { SHF_EXECINSTR, SHT_NOBITS, type ElfSymbol } from '../elf/read.ts';
import type { ElfSection } from '../elf/sections.ts';
import { listSymbols, SymbolOrder, type ListSym } from './listing-symbols.ts';

/** objdump's SKIP_ZEROES and SKIP_ZEROES_AT_END: longer zero runs, or short ones ending a region, print `...`. */
const SKIP_ZEROES = 8;
const SKIP_ZEROES_AT_END = 3;
/** Octets per line: one instruction or data chunk; 16 bytes of an object. */
const INSN_LINE = 4;
const DATA_LINE = 16;

/** Text is handed to the writer in pieces of about this many characters (a listing can outgrow a JS string). */
const CHUNK = 1 << 16;

const hex16 = (a: bigint): string => a.toString(16).padStart(16, '0');

/** objdump's address column: leading zeros common to the section's addresses dropped in groups of 4, the rest blank. */
function addrColumn(start: bigint, end: bigint): (a: bigint) => string {
  const s = hex16(end);
  let skip = 0;
  while (skip < s.length && s[skip] === '0') skip++;
  if (skip === s.length && start !== 0n) skip = 0;
  skip = skip === 0 ? 0 : (skip - 1) & ~3;
  return (a) => {
    const t = hex16(a).slice(skip);
    const stripped = t.replace(/^0+(?=.)/, '');
    return ' '.repeat(t.length - stripped.length) + stripped;
  };
}

/** One section being listed: its bytes, symbols and the output so far. */
interface Listing {
  readonly name: string;
  readonly addr: bigint;
  readonly data: Uint8Array;
  /** How bytes are read where no mapping symbol says: code sections hold instructions. */
  readonly fallback: 'insn' | 'data';
  /** `-D`: every byte as an instruction. */
  readonly all: boolean;
  readonly order: SymbolOrder;
  readonly col: (a: bigint) => string;
  readonly env: (a: bigint) => DisEnv;
}

/** Carried from one disassembled unit to the next, as objdump's disassemble_info is (bytes_per_chunk). */
interface State {
  bpc: number;
}

/** objdump_print_addr_with_sym: `<sym>`, `<sym+0x…>`, `<sym-0x…>`, or the section name when no symbol fits. */
function symText(l: Listing, i: number, vma: bigint): string {
  const s: ListSym | undefined = l.order.syms[i];
  const [name, base] = s ? [s.name, s.value] : [l.name, l.addr];
  return `<${name}${vma === base ? '' : vma > base ? `+0x${(vma - base).toString(16)}` : `-0x${(base - vma).toString(16)}`}>`;
}

/** The hex column of one line: chunks of `bpc` bytes, most significant first (blank where a chunk would cross
 *  `stop`), padded to `perLine` bytes. */
function rawBytes(data: Uint8Array, off: number, n: number, stop: number, bpc: number, perLine: number): string {
  let out = '';
  for (let j = off; j < off + n; j += bpc) {
    if (j + bpc <= stop) for (let k = bpc - 1; k >= 0; k--) out += data[j + k]!.toString(16).padStart(2, '0');
    out += ' ';
  }
  for (let pb = n; pb < perLine; pb += bpc) out += '  '.repeat(bpc) + ' ';
  return out;
}

/** print_insn_aarch64: the size and text of the unit at `off`, or undefined when it runs past `stop` (objdump
 *  stops code reads at the next symbol, stop_vma) or, under -D, past the section. */
function unit(l: Listing, off: number, stop: number, st: State): { size: number; text: string } | undefined {
  const pc = l.addr + BigInt(off);
  const kind = l.all ? 'insn' : l.order.codeAt(pc, l.fallback);
  let size = 4;
  if (kind === 'data') {
    // a data chunk stops at the next symbol and at a 4-byte boundary; three bytes print as .short or .byte
    size = 4 - Number(pc & 3n);
    const next = l.order.nextValueAbove(pc);
    if (next !== undefined && next - pc < BigInt(size)) size = Number(next - pc);
    if (size === 3) size = (pc & 1n) !== 0n ? 1 : 2;
  }
  st.bpc = size;
  if (off + size > (l.all ? l.data.length : stop)) return undefined;
  let v = 0;
  for (let k = size - 1; k >= 0; k--) v = v * 256 + l.data[off + k]!;
  if (kind === 'insn') return { size, text: disassemble(v, l.env(pc)) };
  const text = size === 1 ? `.byte\t0x${v.toString(16).padStart(2, '0')}` : size === 2 ? `.short\t0x${v.toString(16).padStart(4, '0')}` : `.word\t0x${v.toString(16).padStart(8, '0')}`;
  return { size, text };
}

/** Length of the zero run at `off` that objdump replaces by `...`, or 0. */
function zeroRun(data: Uint8Array, off: number, stop: number): number {
  let z = off;
  while (z < stop && data[z] === 0) z++;
  const n = z - off;
  if (n >= SKIP_ZEROES) return z === stop ? n : n & ~3;
  if (z === stop && n > 0 && n < SKIP_ZEROES_AT_END) return n;
  return 0;
}

/** disassemble_bytes over [off, stop): instructions and data, or (insns false) an object's bytes with their text;
 *  the text goes to `write` a CHUNK at a time. */
function region(l: Listing, off: number, stop: number, insns: boolean, st: State, write: (s: string) => void): void {
  let out = '';
  while (off < stop) {
    if (out.length >= CHUNK) {
      write(out);
      out = '';
    }
    const z = zeroRun(l.data, off, stop);
    if (z > 0) {
      out += '\t...\n';
      off += z;
      continue;
    }
    const pc = l.addr + BigInt(off);
    if (insns) {
      const u = unit(l, off, stop, st);
      if (!u) return write(out + `${l.col(pc)}:\tAddress 0x${pc.toString(16)} is out of bounds.\n\n`);
      out += `${l.col(pc)}:\t${rawBytes(l.data, off, u.size, stop, st.bpc, INSN_LINE)}\t${u.text}\n`;
      off += u.size;
    } else {
      const n = Math.min(DATA_LINE, stop - off);
      const bpc = st.bpc || 1;
      let text = '';
      for (let k = 0; k < n; k++) {
        const b = l.data[off + k]!;
        text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      }
      out += `${l.col(pc)}:\t${rawBytes(l.data, off, n, stop, bpc, DATA_LINE)}    ${text}\n`;
      off += n;
    }
  }
  write(out);
}

/** disassemble_section: the section cut into regions at its symbols, each under its `<symbol>:` header. */
function listSection(l: Listing, st: State, write: (s: string) => void): void {
  write(`\nDisassembly of section ${l.name}:\n`);
  const end = l.data.length;
  let off = 0;
  let sym = l.order.find(l.addr, true);
  while (off < end) {
    const addr = l.addr + BigInt(off);
    const s = sym >= 0 ? l.order.syms[sym]! : undefined;
    write(`\n${hex16(addr)} ${symText(l, sym, addr)}:\n`);
    let next: number;
    if (s && s.value > addr) next = sym;
    else if (!s) next = -1;
    else next = l.order.next(sym);
    let stop = end;
    if (s && s.value > addr) stop = Number(s.value - l.addr);
    else if (next >= 0) stop = Number(l.order.syms[next]!.value - l.addr);
    if (stop > end || stop <= off) stop = end;
    // objects are dumped, not disassembled (symbols of type STT_OBJECT that are not also code)
    const insns = l.all || !s || s.section !== l.name || s.value > addr || (!s.object && !/gnu_compiled|gcc2_compiled/.test(s.name)) || s.func;
    region(l, off, stop, insns, st, write);
    off = stop;
    sym = next;
  }
}

function listing(name: string, addr: bigint, data: Uint8Array, order: SymbolOrder, fallback: 'insn' | 'data', all: boolean): Listing {
  const env = (a: bigint): DisEnv => ({
    addr: a,
    // objdump_print_addr: with no symbols at all a bare 0x…, else the address and its symbol
    label: (t) => (order.syms.length === 0 ? `0x${t.toString(16)}` : `${t.toString(16)} ${symText(l, order.find(t, false), t)}`),
  });
  const l: Listing = { name, addr, data, fallback, all, order, col: addrColumn(addr, addr + BigInt(data.length)), env };
  return l;
}

/** Listing of a flat binary loaded at `base` (`objdump -D -b binary -m aarch64`), handed to `write` piece by piece. */
export function listBinary(name: string, bytes: Uint8Array, base: bigint, write: (s: string) => void): void {
  write(`\n${name}:     file format binary\n\n`);
  listSection(listing('.data', base, bytes, new SymbolOrder([], '.data'), 'insn', true), { bpc: 0 }, write);
}

/** Listing of an ELF's executable sections (`objdump -d`), handed to `write` piece by piece. */
export function listElf(name: string, sections: readonly ElfSection[], symbols: readonly ElfSymbol[], write: (s: string) => void): void {
  const syms = listSymbols(symbols, sections);
  const st: State = { bpc: 0 };
  write(`\n${name}:     file format elf64-littleaarch64\n\n`);
  for (const s of sections) {
    // objdump -d: sections with SEC_CODE (SHF_EXECINSTR) and contents
    if ((s.flags & BigInt(SHF_EXECINSTR)) === 0n || s.type === SHT_NOBITS || s.data.length === 0) continue;
    listSection(listing(s.name, s.addr, s.data, new SymbolOrder(syms, s.name), 'insn', false), st, write);
  }
}
