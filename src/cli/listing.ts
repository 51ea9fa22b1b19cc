// objdump-style listings: `    40080000:\td2a10000 \tmov\tx0, …` lines under `<symbol>:` headers, for an ELF's
// executable segments (labels `<sym+0x…>`) or a flat binary (bare addresses, like `objdump -b binary`).
import type { ElfImage } from '../elf/read.ts';
import { disassemble, plainEnv } from '../asm/disasm.ts';
import type { DisEnv } from '../asm/forms.ts';

/** objdump's address column: the leading zeros common to the section's addresses, in groups of 4, dropped. */
function addrColumn(end: bigint): (a: bigint) => string {
  const s = end.toString(16).padStart(16, '0');
  let skip = 0;
  while (skip < s.length && s[skip] === '0') skip++;
  skip = skip === 0 ? 0 : (skip - 1) & ~3;
  return (a) => {
    const t = a.toString(16).padStart(16, '0').slice(skip);
    const stripped = t.replace(/^0+(?=.)/, '');
    return ' '.repeat(t.length - stripped.length) + stripped;
  };
}

/** Text is handed to `write` in pieces of about this many characters (a listing can outgrow a JS string). */
const CHUNK = 1 << 16;

function body(bytes: Uint8Array, start: bigint, env: (a: bigint) => DisEnv, header: (a: bigint) => string | undefined, write: (s: string) => void): void {
  const col = addrColumn(start + BigInt(bytes.length));
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const a = start + BigInt(i);
    const h = header(a);
    if (h !== undefined) out += `\n${a.toString(16).padStart(16, '0')} <${h}>:\n`;
    const w = dv.getUint32(i, true);
    out += `${col(a)}:\t${w.toString(16).padStart(8, '0')} \t${disassemble(w, env(a))}\n`;
    if (out.length >= CHUNK) {
      write(out);
      out = '';
    }
  }
  write(out);
}

/** Listing of a flat binary loaded at `base`, handed to `write` piece by piece. */
export function listBinary(name: string, bytes: Uint8Array, base: bigint, write: (s: string) => void): void {
  write(`\n${name}:     file format binary\n\n\nDisassembly of section .data:\n`);
  body(bytes, base, plainEnv, (a) => (a === base ? '.data' : undefined), write);
}

/** Listing of an ELF image's executable segments, labels named by its symbols, handed to `write` piece by piece. */
export function listElf(name: string, img: ElfImage, write: (s: string) => void): void {
  const syms = img.symbols.filter((s) => s.name !== '' && !s.name.startsWith('$')).sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  write(`\n${name}:     file format elf64-littleaarch64\n\n`);
  for (const seg of img.segments.filter((s) => (s.flags & 1) !== 0)) {
    const lo = seg.vaddr;
    const hi = seg.vaddr + BigInt(seg.data.length);
    const inSeg = syms.filter((s) => s.value >= lo && s.value < hi);
    /** The last symbol at or below `t` (binary search: a branch target per instruction, many symbols). */
    const below = (t: bigint): (typeof inSeg)[number] | undefined => {
      let [l, h] = [0, inSeg.length];
      while (l < h) {
        const m = (l + h) >>> 1;
        if (inSeg[m]!.value <= t) l = m + 1;
        else h = m;
      }
      return inSeg[l - 1];
    };
    const label = (t: bigint): string => {
      if (t < lo || t >= hi) return `0x${t.toString(16)}`;
      const best = below(t);
      const base = best ? best.name : '.text';
      const off = t - (best ? best.value : lo);
      return `${t.toString(16)} <${base}${off === 0n ? '' : '+0x' + off.toString(16)}>`;
    };
    const headers = new Map<bigint, string>();
    for (const s of inSeg) if (!headers.has(s.value)) headers.set(s.value, s.name);
    if (!headers.has(lo)) headers.set(lo, '.text');
    write(`\nDisassembly of section .text:\n`);
    body(seg.data, lo, (a) => ({ addr: a, label }), (a) => headers.get(a), write);
  }
}
