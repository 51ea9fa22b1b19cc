// ELF64 little-endian AArch64 executable writer (System V gABI; Arm IHI 0056 AAELF64). Each section becomes
// one PT_LOAD segment (p_vaddr = p_paddr = its address), followed by .symtab, .strtab and .shstrtab and the
// section header table, which is what `objdump -d`, `readelf` and QEMU's `-kernel` loader need.
import {
  EHDR_SIZE, ELFCLASS64, ELFDATA2LSB, EM_AARCH64, ET_EXEC, EV_CURRENT, PF_R, PF_W, PF_X, PHDR_SIZE, PT_LOAD,
  SHDR_SIZE, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHN_ABS, SHT_NOBITS, SHT_PROGBITS, SHT_STRTAB, SHT_SYMTAB,
  STB_GLOBAL, STB_LOCAL, STT_FUNC, STT_NOTYPE, STT_OBJECT, SYM_SIZE,
} from './read.ts';

/** One loadable section: bytes (PROGBITS) or `size` zero bytes (NOBITS, like .bss). */
export interface ElfSectionSpec {
  readonly name: string;
  readonly addr: bigint;
  readonly data?: Uint8Array;
  /** Size of a NOBITS section (only when `data` is absent). */
  readonly size?: number;
  readonly write?: boolean;
  readonly exec?: boolean;
}

export interface ElfSymbolSpec {
  readonly name: string;
  readonly value: bigint;
  readonly size?: number;
  readonly type?: 'func' | 'object' | 'notype';
  readonly bind?: 'local' | 'global';
  /** Section name; by default the section containing `value` (else absolute). */
  readonly section?: string;
}

export interface ElfSpec {
  readonly entry: bigint;
  readonly sections: readonly ElfSectionSpec[];
  readonly symbols?: readonly ElfSymbolSpec[];
}

const SEGMENT_ALIGN = 16; // file offset ≡ address (mod p_align), as the gABI requires of PT_LOAD

/** A string table under construction (offset 0 is the empty string). */
class StringTable {
  private readonly parts: Uint8Array[] = [new Uint8Array(1)];
  private length = 1;
  add(s: string): number {
    if (s === '') return 0;
    const bytes = new TextEncoder().encode(s + '\0');
    const off = this.length;
    this.parts.push(bytes);
    this.length += bytes.length;
    return off;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

const alignUp = (v: number, a: number): number => Math.ceil(v / a) * a;

/** Build the bytes of an ELF64 executable. */
export function writeElf(spec: ElfSpec): Uint8Array {
  const secs = spec.sections;
  const nLoad = secs.length;
  // Section indices: 0 null, 1..n the loadable sections, then .symtab, .strtab, .shstrtab
  const symtabIdx = nLoad + 1;
  const strtabIdx = nLoad + 2;
  const shstrtabIdx = nLoad + 3;
  const shnum = nLoad + 4;

  // File layout: header, program headers, section contents, symbol table, strings, section headers.
  let off = EHDR_SIZE + nLoad * PHDR_SIZE;
  const secOff: number[] = [];
  for (const s of secs) {
    const addrMod = Number(s.addr % BigInt(SEGMENT_ALIGN));
    off = alignUp(off - addrMod, SEGMENT_ALIGN) + addrMod;
    secOff.push(off);
    off += s.data?.length ?? 0;
  }

  const strtab = new StringTable();
  const symBytes = symbolTable(spec, strtab);
  const symOff = alignUp(off, 8);
  const strBytes = strtab.bytes();
  const strOff = symOff + symBytes.bytes.length;
  const shstr = new StringTable();
  const secNames = secs.map((s) => shstr.add(s.name));
  const symtabName = shstr.add('.symtab');
  const strtabName = shstr.add('.strtab');
  const shstrtabName = shstr.add('.shstrtab');
  const shstrBytes = shstr.bytes();
  const shstrOff = strOff + strBytes.length;
  const shOff = alignUp(shstrOff + shstrBytes.length, 8);
  const total = shOff + shnum * SHDR_SIZE;

  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  const w16 = (o: number, v: number) => dv.setUint16(o, v, true);
  const w32 = (o: number, v: number) => dv.setUint32(o, v, true);
  const w64 = (o: number, v: bigint | number) => dv.setBigUint64(o, BigInt(v), true);

  // ELF header (gABI "ELF Header")
  out.set([0x7f, 0x45, 0x4c, 0x46, ELFCLASS64, ELFDATA2LSB, EV_CURRENT], 0);
  w16(16, ET_EXEC);
  w16(18, EM_AARCH64);
  w32(20, EV_CURRENT);
  w64(24, spec.entry);
  w64(32, EHDR_SIZE); // e_phoff
  w64(40, shOff); // e_shoff
  w32(48, 0); // e_flags
  w16(52, EHDR_SIZE);
  w16(54, PHDR_SIZE);
  w16(56, nLoad);
  w16(58, SHDR_SIZE);
  w16(60, shnum);
  w16(62, shstrtabIdx);

  secs.forEach((s, i) => {
    const filesz = s.data?.length ?? 0;
    const memsz = s.data !== undefined ? filesz : (s.size ?? 0);
    // Program header
    const p = EHDR_SIZE + i * PHDR_SIZE;
    w32(p, PT_LOAD);
    w32(p + 4, PF_R | (s.write === true ? PF_W : 0) | (s.exec === true ? PF_X : 0));
    w64(p + 8, secOff[i]!);
    w64(p + 16, s.addr); // p_vaddr
    w64(p + 24, s.addr); // p_paddr
    w64(p + 32, filesz);
    w64(p + 40, memsz);
    w64(p + 48, SEGMENT_ALIGN);
    if (s.data !== undefined) out.set(s.data, secOff[i]!);
    // Section header
    const flags = SHF_ALLOC | (s.write === true ? SHF_WRITE : 0) | (s.exec === true ? SHF_EXECINSTR : 0);
    writeShdr(dv, shOff + (i + 1) * SHDR_SIZE, {
      name: secNames[i]!, type: s.data !== undefined ? SHT_PROGBITS : SHT_NOBITS, flags, addr: s.addr,
      offset: secOff[i]!, size: memsz, link: 0, info: 0, align: s.exec === true ? 4 : 1, entsize: 0,
    });
  });

  out.set(symBytes.bytes, symOff);
  out.set(strBytes, strOff);
  out.set(shstrBytes, shstrOff);
  writeShdr(dv, shOff + symtabIdx * SHDR_SIZE, {
    name: symtabName, type: SHT_SYMTAB, flags: 0, addr: 0n, offset: symOff, size: symBytes.bytes.length,
    link: strtabIdx, info: symBytes.firstGlobal, align: 8, entsize: SYM_SIZE,
  });
  writeShdr(dv, shOff + strtabIdx * SHDR_SIZE, {
    name: strtabName, type: SHT_STRTAB, flags: 0, addr: 0n, offset: strOff, size: strBytes.length,
    link: 0, info: 0, align: 1, entsize: 0,
  });
  writeShdr(dv, shOff + shstrtabIdx * SHDR_SIZE, {
    name: shstrtabName, type: SHT_STRTAB, flags: 0, addr: 0n, offset: shstrOff, size: shstrBytes.length,
    link: 0, info: 0, align: 1, entsize: 0,
  });
  return out;
}

interface Shdr {
  name: number; type: number; flags: number; addr: bigint; offset: number; size: number;
  link: number; info: number; align: number; entsize: number;
}

function writeShdr(dv: DataView, o: number, h: Shdr): void {
  dv.setUint32(o, h.name, true);
  dv.setUint32(o + 4, h.type, true);
  dv.setBigUint64(o + 8, BigInt(h.flags), true);
  dv.setBigUint64(o + 16, h.addr, true);
  dv.setBigUint64(o + 24, BigInt(h.offset), true);
  dv.setBigUint64(o + 32, BigInt(h.size), true);
  dv.setUint32(o + 40, h.link, true);
  dv.setUint32(o + 44, h.info, true);
  dv.setBigUint64(o + 48, BigInt(h.align), true);
  dv.setBigUint64(o + 56, BigInt(h.entsize), true);
}

/** .symtab bytes: the null symbol, then locals, then globals (gABI: sh_info = index of the first non-local). */
function symbolTable(spec: ElfSpec, strtab: StringTable): { bytes: Uint8Array; firstGlobal: number } {
  const syms = spec.symbols ?? [];
  const ordered = [...syms.filter((s) => s.bind !== 'global'), ...syms.filter((s) => s.bind === 'global')];
  const bytes = new Uint8Array((ordered.length + 1) * SYM_SIZE);
  const dv = new DataView(bytes.buffer);
  ordered.forEach((s, i) => {
    const o = (i + 1) * SYM_SIZE;
    const type = s.type === 'func' ? STT_FUNC : s.type === 'object' ? STT_OBJECT : STT_NOTYPE;
    const bind = s.bind === 'global' ? STB_GLOBAL : STB_LOCAL;
    dv.setUint32(o, strtab.add(s.name), true);
    dv.setUint8(o + 4, (bind << 4) | type);
    dv.setUint16(o + 6, sectionIndexOf(spec.sections, s), true);
    dv.setBigUint64(o + 8, s.value, true);
    dv.setBigUint64(o + 16, BigInt(s.size ?? 0), true);
  });
  return { bytes, firstGlobal: 1 + ordered.filter((s) => s.bind !== 'global').length };
}

function sectionIndexOf(secs: readonly ElfSectionSpec[], s: ElfSymbolSpec): number {
  const i =
    s.section !== undefined
      ? secs.findIndex((x) => x.name === s.section)
      : secs.findIndex((x) => s.value >= x.addr && s.value <= x.addr + BigInt(x.data?.length ?? x.size ?? 0));
  return i < 0 ? SHN_ABS : i + 1;
}
