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

function body(bytes: Uint8Array, start: bigint, env: (a: bigint) => DisEnv, header: (a: bigint) => string | undefined): string {
  const col = addrColumn(start + BigInt(bytes.length));
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const a = start + BigInt(i);
    const h = header(a);
    if (h !== undefined) out += `\n${a.toString(16).padStart(16, '0')} <${h}>:\n`;
    const w = dv.getUint32(i, true);
    out += `${col(a)}:\t${w.toString(16).padStart(8, '0')} \t${disassemble(w, env(a))}\n`;
  }
  return out;
}

/** Listing of a flat binary loaded at `base`. */
export function listBinary(name: string, bytes: Uint8Array, base = 0n): string {
  return `\n${name}:     file format binary\n\n\nDisassembly of section .data:\n` + body(bytes, base, plainEnv, (a) => (a === base ? '.data' : undefined));
}

/** Listing of an ELF image's executable segments, labels named by its symbols. */
export function listElf(name: string, img: ElfImage): string {
  const syms = img.symbols.filter((s) => s.name !== '' && !s.name.startsWith('$')).sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  let out = `\n${name}:     file format elf64-littleaarch64\n\n`;
  for (const seg of img.segments.filter((s) => (s.flags & 1) !== 0)) {
    const lo = seg.vaddr;
    const hi = seg.vaddr + BigInt(seg.data.length);
    const inSeg = syms.filter((s) => s.value >= lo && s.value < hi);
    const label = (t: bigint): string => {
      if (t < lo || t >= hi) return `0x${t.toString(16)}`;
      let best: (typeof inSeg)[number] | undefined;
      for (const s of inSeg) if (s.value <= t) best = s;
      const base = best ? best.name : '.text';
      const off = t - (best ? best.value : lo);
      return `${t.toString(16)} <${base}${off === 0n ? '' : '+0x' + off.toString(16)}>`;
    };
    const headers = new Map<bigint, string>();
    for (const s of inSeg) if (!headers.has(s.value)) headers.set(s.value, s.name);
    if (!headers.has(lo)) headers.set(lo, '.text');
    out += `\nDisassembly of section .text:\n` + body(seg.data, lo, (a) => ({ addr: a, label }), (a) => headers.get(a));
  }
  return out;
}
