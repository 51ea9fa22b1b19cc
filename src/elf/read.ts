// ELF64 reader for little-endian AArch64 executables (System V gABI, "ELF-64 Object File Format";
// Arm IHI 0056 AAELF64). It returns the loadable segments, the entry point and the symbol table, or one
// diagnostic saying what is wrong with the file. Placement in RAM is the machine's business (src/machine).

/** ELF constants used by the reader and the writer. */
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;
export const EM_AARCH64 = 183;
export const PT_LOAD = 1;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_NOBITS = 8;
export const SHF_WRITE = 1;
export const SHF_ALLOC = 2;
export const SHF_EXECINSTR = 4;
export const SHN_UNDEF = 0;
export const SHN_ABS = 0xfff1;
export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;
export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;
export const EHDR_SIZE = 64;
export const PHDR_SIZE = 56;
export const SHDR_SIZE = 64;
export const SYM_SIZE = 24;

/** One PT_LOAD program header with its file bytes. */
export interface ElfSegment {
  readonly vaddr: bigint;
  /** Load address: QEMU's -kernel loader places segments at p_paddr (hw/core/loader.c load_elf). */
  readonly paddr: bigint;
  /** The p_filesz bytes from the file; the remaining p_memsz − p_filesz bytes are zero. */
  readonly data: Uint8Array;
  readonly memsz: bigint;
  /** PF_R | PF_W | PF_X. */
  readonly flags: number;
}

export interface ElfSymbol {
  readonly name: string;
  readonly value: bigint;
  readonly size: bigint;
  /** STT_* (low nibble of st_info). */
  readonly type: number;
  /** STB_* (high nibble of st_info). */
  readonly bind: number;
  /** Section index, SHN_ABS, or SHN_UNDEF. */
  readonly shndx: number;
}

export interface ElfImage {
  readonly entry: bigint;
  readonly segments: readonly ElfSegment[];
  readonly symbols: readonly ElfSymbol[];
}

export type ElfResult = { readonly ok: true; readonly image: ElfImage } | { readonly ok: false; readonly error: string };

const hex = (v: bigint | number): string => '0x' + v.toString(16);

function fail(error: string): ElfResult {
  return { ok: false, error };
}

/** Parse an ELF64 little-endian AArch64 executable. Never throws on malformed input. */
export function readElf(bytes: Uint8Array): ElfResult {
  const size = bytes.length;
  if (size < 4 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    return fail('not an ELF file (no \\x7fELF magic)');
  }
  if (size < 16) return fail(`truncated ELF header (${size} bytes, need ${EHDR_SIZE})`);
  if (bytes[4] !== ELFCLASS64) return fail(`not a 64-bit ELF (EI_CLASS ${bytes[4]}, need 2 = ELFCLASS64)`);
  if (bytes[5] !== ELFDATA2LSB) return fail(`not little-endian (EI_DATA ${bytes[5]}, need 1 = ELFDATA2LSB)`);
  if (size < EHDR_SIZE) return fail(`truncated ELF header (${size} bytes, need ${EHDR_SIZE})`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => dv.getUint16(o, true);
  const u32 = (o: number) => dv.getUint32(o, true);
  const u64 = (o: number) => dv.getBigUint64(o, true);

  const type = u16(16);
  const machine = u16(18);
  if (machine !== EM_AARCH64) return fail(`not an AArch64 ELF (e_machine ${machine}, need ${EM_AARCH64} = EM_AARCH64)`);
  if (type !== ET_EXEC) {
    const what = type === ET_REL ? 'a relocatable object (ET_REL): link it first' : type === ET_DYN ? 'ET_DYN' : `e_type ${type}`;
    return fail(`not an executable (${what})`);
  }
  const entry = u64(24);
  const phoff = u64(32);
  const shoff = u64(40);
  const phentsize = u16(54);
  const phnum = u16(56);
  const shentsize = u16(58);
  const shnum = u16(60);

  // Program headers
  if (phnum === 0) return fail('no program headers (nothing to load)');
  if (phentsize !== PHDR_SIZE) return fail(`e_phentsize is ${phentsize}, need ${PHDR_SIZE}`);
  if (phoff + BigInt(phnum * PHDR_SIZE) > BigInt(size)) {
    return fail(`truncated program header table (${phnum} entries at offset ${hex(phoff)}, file is ${size} bytes)`);
  }
  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = Number(phoff) + i * PHDR_SIZE;
    if (u32(o) !== PT_LOAD) continue;
    const flags = u32(o + 4);
    const offset = u64(o + 8);
    const vaddr = u64(o + 16);
    const paddr = u64(o + 24);
    const filesz = u64(o + 32);
    const memsz = u64(o + 40);
    if (filesz > memsz) return fail(`segment ${i}: p_filesz ${hex(filesz)} is larger than p_memsz ${hex(memsz)}`);
    if (offset + filesz > BigInt(size)) {
      return fail(`truncated segment ${i} (file bytes ${hex(offset)}..${hex(offset + filesz)}, file is ${size} bytes)`);
    }
    if (paddr + memsz > 1n << 64n) return fail(`segment ${i} wraps around the 64-bit address space`);
    const data = bytes.subarray(Number(offset), Number(offset + filesz));
    segments.push({ vaddr, paddr, data, memsz, flags });
  }
  if (segments.length === 0) return fail('no PT_LOAD segments (nothing to load)');
  const overlap = overlappingFileBytes(segments);
  if (overlap !== undefined) return fail(overlap);

  // Section headers: optional (stripped files have none); when present they must be whole.
  let symbols: ElfSymbol[] = [];
  if (shoff !== 0n && shnum !== 0) {
    if (shentsize !== SHDR_SIZE) return fail(`e_shentsize is ${shentsize}, need ${SHDR_SIZE}`);
    if (shoff + BigInt(shnum * SHDR_SIZE) > BigInt(size)) {
      return fail(`truncated section header table (${shnum} entries at offset ${hex(shoff)}, file is ${size} bytes)`);
    }
    const r = readSymbols(bytes, dv, Number(shoff), shnum);
    if (typeof r === 'string') return fail(r);
    symbols = r;
  }
  return { ok: true, image: { entry, segments, symbols } };
}

/**
 * Two segments whose file bytes would land on the same memory: QEMU's loader refuses the image ("Some ROM regions
 * are overlapping", hw/core/loader.c), so does twostage. A segment's zero fill (p_memsz beyond p_filesz) may lie
 * under another segment's bytes: QEMU's rom_reset writes only each segment's file bytes into RAM that starts zeroed,
 * so the bytes stay, which is what the machine's loader does too (src/machine/virt.ts).
 */
function overlappingFileBytes(segments: readonly ElfSegment[]): string | undefined {
  const order = segments.map((s, i) => ({ s, i })).filter((x) => x.s.data.length > 0).sort((a, b) => (a.s.paddr < b.s.paddr ? -1 : a.s.paddr > b.s.paddr ? 1 : a.i - b.i));
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1]!;
    const b = order[k]!;
    const aEnd = a.s.paddr + BigInt(a.s.data.length);
    if (aEnd > b.s.paddr) {
      return `the file bytes of segments ${a.i} (${hex(a.s.paddr)}..${hex(aEnd)}) and ${b.i} (${hex(b.s.paddr)}..${hex(b.s.paddr + BigInt(b.s.data.length))}) overlap`;
    }
  }
  return undefined;
}

/** Most bytes of symbol names decoded from one file (a crafted table can point every symbol at one long name). */
export const MAX_SYMBOL_NAME_BYTES = 64 << 20;

/** The first SHT_SYMTAB with its linked string table, or a diagnostic. */
function readSymbols(bytes: Uint8Array, dv: DataView, shoff: number, shnum: number): ElfSymbol[] | string {
  const size = bytes.length;
  const sh = (i: number, field: number) => shoff + i * SHDR_SIZE + field;
  for (let i = 0; i < shnum; i++) {
    if (dv.getUint32(sh(i, 4), true) !== SHT_SYMTAB) continue;
    const off = dv.getBigUint64(sh(i, 24), true);
    const len = dv.getBigUint64(sh(i, 32), true);
    const link = dv.getUint32(sh(i, 40), true);
    if (off + len > BigInt(size)) return `truncated symbol table (section ${i})`;
    if (link >= shnum) return `symbol table (section ${i}) links to missing string table ${link}`;
    const strOff = dv.getBigUint64(sh(link, 24), true);
    const strLen = dv.getBigUint64(sh(link, 32), true);
    if (strOff + strLen > BigInt(size)) return `truncated string table (section ${link})`;
    const strtab = bytes.subarray(Number(strOff), Number(strOff + strLen));
    const out: ElfSymbol[] = [];
    // each name is decoded once, and the bytes scanned for names are bounded
    const names = new Map<number, string>();
    let budget = MAX_SYMBOL_NAME_BYTES;
    for (let o = Number(off) + SYM_SIZE; o + SYM_SIZE <= Number(off + len); o += SYM_SIZE) {
      const nameOff = dv.getUint32(o, true);
      const info = dv.getUint8(o + 4);
      let name = names.get(nameOff);
      if (name === undefined) {
        const nul = nameOff >= strtab.length ? nameOff : strtab.indexOf(0, nameOff);
        const end = nul < 0 ? strtab.length : nul;
        budget -= end - nameOff;
        if (budget < 0) return `symbol table (section ${i}): its names add up to more than ${MAX_SYMBOL_NAME_BYTES >>> 20} MiB`;
        name = NAME_DECODER.decode(strtab.subarray(Math.min(nameOff, strtab.length), end));
        names.set(nameOff, name);
      }
      out.push({
        name,
        type: info & 0xf,
        bind: info >> 4,
        shndx: dv.getUint16(o + 6, true),
        value: dv.getBigUint64(o + 8, true),
        size: dv.getBigUint64(o + 16, true),
      });
    }
    return out;
  }
  return [];
}

const NAME_DECODER = new TextDecoder();
/** The NUL-terminated string at `off` of a string table ('' past its end). */
export function cString(tab: Uint8Array, off: number): string {
  if (off >= tab.length) return '';
  const nul = tab.indexOf(0, off);
  return NAME_DECODER.decode(tab.subarray(off, nul < 0 ? tab.length : nul));
}
