// `twostage disasm FILE.elf|FILE.bin [--base ADDR]`: print instructions the way `aarch64-linux-gnu-objdump -d`
// does (an ELF's executable sections), or `objdump -D -b binary -m aarch64` (anything else).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { parseU64 } from '../bits/bits.ts';
import { listBinary, listElf } from './listing.ts';
import { readElf } from '../elf/read.ts';
import { readSections } from '../elf/sections.ts';

const EXIT_BAD_INPUT = 2;

export function runDisasm(file: string, opts: { base?: string }): number {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    process.stderr.write(`twostage disasm: cannot read ${file}\n`);
    return EXIT_BAD_INPUT;
  }
  const isElf = bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
  if (isElf) {
    const r = readElf(bytes);
    if (!r.ok) {
      process.stderr.write(`twostage disasm: ${file}: ${r.error}\n`);
      return EXIT_BAD_INPUT;
    }
    const sections = readSections(bytes);
    if (typeof sections === 'string') {
      process.stderr.write(`twostage disasm: ${file}: ${sections}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stdout.write(listElf(basename(file), sections, r.image.symbols));
    return 0;
  }
  const base = opts.base === undefined ? 0n : parseU64(opts.base);
  if (base === undefined) {
    process.stderr.write(`twostage disasm: bad --base '${opts.base}'\n`);
    return EXIT_BAD_INPUT;
  }
  process.stdout.write(listBinary(file, bytes, base));
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
