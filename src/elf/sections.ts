// ELF64 section headers with their names and bytes (System V gABI "Sections"), for tools that work per section
// (the disassembler). Call after readElf accepted the file: it relies on the header readElf validated.
import { cString, MAX_SYMBOL_NAME_BYTES, SHDR_SIZE, SHT_NOBITS } from './read.ts';

export interface ElfSection {
  readonly index: number;
  readonly name: string;
  /** SHT_*. */
  readonly type: number;
  /** SHF_*. */
  readonly flags: bigint;
  readonly addr: bigint;
  /** The section's file bytes (empty for SHT_NOBITS). */
  readonly data: Uint8Array;
}

/** The section headers of an ELF readElf accepted, or a diagnostic naming the section that does not fit the file. */
export function readSections(bytes: Uint8Array): ElfSection[] | string {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shoff = dv.getBigUint64(40, true);
  const shnum = dv.getUint16(60, true);
  const shstrndx = dv.getUint16(62, true);
  if (shoff === 0n || shnum === 0) return [];
  const size = BigInt(bytes.length);
  const at = (i: number, field: number): number => Number(shoff) + i * SHDR_SIZE + field;
  const range = (i: number): [number, number] | string => {
    const off = dv.getBigUint64(at(i, 24), true);
    const len = dv.getBigUint64(at(i, 32), true);
    if (off + len > size) return `section ${i}: bytes 0x${off.toString(16)}..0x${(off + len).toString(16)} are outside the file (${bytes.length} bytes)`;
    return [Number(off), Number(off + len)];
  };
  if (shstrndx >= shnum) return `e_shstrndx ${shstrndx} names no section (${shnum} sections)`;
  const names = range(shstrndx);
  if (typeof names === 'string') return names;
  const strtab = bytes.subarray(names[0], names[1]);
  const out: ElfSection[] = [];
  let nameBytes = 0;
  for (let i = 0; i < shnum; i++) {
    const type = dv.getUint32(at(i, 4), true);
    let data: Uint8Array = new Uint8Array(0);
    if (type !== SHT_NOBITS) {
      const r = range(i);
      if (typeof r === 'string') return r;
      data = bytes.subarray(r[0], r[1]);
    }
    const name = cString(strtab, dv.getUint32(at(i, 0), true));
    // the names read are bounded as the symbol names are: 65535 headers naming one huge unterminated string are not
    // 65535 scans of it
    nameBytes += name.length;
    if (nameBytes > MAX_SYMBOL_NAME_BYTES) return `section ${i}: the section names add up to more than ${MAX_SYMBOL_NAME_BYTES >>> 20} MiB`;
    out.push({ index: i, name, type, flags: dv.getBigUint64(at(i, 8), true), addr: dv.getBigUint64(at(i, 16), true), data });
  }
  return out;
}
