// `twostage disasm FILE.elf|FILE.bin [--base ADDR]`: print instructions the way `aarch64-linux-gnu-objdump -d`
// does (an ELF's executable sections), or `objdump -D -b binary -m aarch64` (anything else).
import { basename } from 'node:path';
import type { Command } from 'commander';
import { listBinary, listElf } from './listing.ts';
import { readElf } from '../elf/read.ts';
import { readSections } from '../elf/sections.ts';
import { EXIT_BAD_INPUT } from './exit-status.ts';
import { address, readBinary } from './inputs.ts';

export function runDisasm(file: string, opts: { base?: string }): number {
  const bad = (why: string): number => {
    process.stderr.write(`twostage disasm: ${why}\n`);
    return EXIT_BAD_INPUT;
  };
  const base = opts.base === undefined ? { ok: true as const, value: 0n } : address('--base', opts.base);
  if (!base.ok) return bad(base.error);
  const read = readBinary(file);
  if (!read.ok) return bad(read.error);
  const bytes = read.value;
  const write = (s: string): void => void process.stdout.write(s);
  const isElf = bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
  if (isElf) {
    const r = readElf(bytes);
    if (!r.ok) return bad(`${file}: ${r.error}`);
    const sections = readSections(bytes);
    if (typeof sections === 'string') return bad(`${file}: ${sections}`);
    listElf(basename(file), sections, r.image.symbols, write);
    return 0;
  }
  if (base.value + BigInt(bytes.length) > 1n << 64n) return bad(`--base: ${file} (${bytes.length} bytes) at 0x${base.value.toString(16)} would end beyond the 64-bit address space`);
  listBinary(file, bytes, base.value, write);
  return 0;
}

export function registerDisasm(program: Command): void {
  program
    .command('disasm')
    .description('disassemble an ELF or a flat binary like objdump -d')
    .argument('<file>', 'ELF or flat binary')
    .option('--base <addr>', 'load address of a flat binary (default 0)')
    .action((file: string, opts: { base?: string }) => {
      process.exitCode = runDisasm(file, opts);
    });
}
