// `twostage asm FILE.S -o OUT.elf [--base ADDR] [--raw]`: assemble one program (GNU as syntax) and link it at
// ADDR (default 0x4008_0000, entry `_start`) into an ELF, or a flat binary with --raw. Errors: every one as
// file:line:col: error: … with the line and a caret; exit 2.
import type { Command } from 'commander';
import { assemble, DEFAULT_BASE, type AsmResult } from '../asm/assemble.ts';
import { formatDiagnostics } from '../asm/diagnostics.ts';
import { readAssembly } from '../asm/user-file.ts';
import { writeElf } from '../elf/write.ts';
import { EXIT_BAD_INPUT } from './boot.ts';
import { address, readSource, writeOutput } from './inputs.ts';

/** The program's bytes from its lowest to its highest address, gaps zero-filled. */
export function flatImage(r: AsmResult): Uint8Array {
  const lo = r.sections[0]!.addr;
  const end = r.sections.reduce((m, s) => (s.addr + BigInt(s.bytes.length) > m ? s.addr + BigInt(s.bytes.length) : m), lo);
  const out = new Uint8Array(Number(end - lo));
  for (const s of r.sections) out.set(s.bytes, Number(s.addr - lo));
  return out;
}

export function elfImage(r: AsmResult): Uint8Array {
  return writeElf({
    entry: r.entry,
    sections: r.sections.map((s) => ({ name: s.name, addr: s.addr, data: s.bytes, exec: s.code, write: !s.code })),
    symbols: r.symbols.map((s) => ({ name: s.name, value: s.addr, bind: s.global ? 'global' : 'local', ...(s.section ? { section: s.section } : {}) })),
  });
}

export function runAsm(file: string, opts: { output?: string; base?: string; raw?: boolean }): number {
  const bad = (why: string): number => {
    process.stderr.write(`twostage asm: ${why}\n`);
    return EXIT_BAD_INPUT;
  };
  const base = opts.base === undefined ? { ok: true as const, value: DEFAULT_BASE } : address('--base', opts.base);
  if (!base.ok) return bad(base.error);
  const text = readSource(file);
  if (!text.ok) return bad(text.error);
  const r = assemble(file, text.value, { base: base.value, read: readAssembly });
  if (r.diagnostics.length > 0) {
    process.stderr.write(formatDiagnostics(r.diagnostics, (f) => r.sources.get(f)));
    return EXIT_BAD_INPUT;
  }
  const out = opts.output ?? file.replace(/\.[sS]$/, '') + (opts.raw ? '.bin' : '.elf');
  const failed = writeOutput(out, opts.raw ? flatImage(r) : elfImage(r));
  return failed === undefined ? 0 : bad(failed);
}

export function registerAsm(program: Command): void {
  program
    .command('asm')
    .description('assemble a GNU as source file into an ELF (or a flat binary with --raw)')
    .argument('<file>', 'assembly source (.S)')
    .option('-o, --output <file>', 'output file (default: FILE.elf, or FILE.bin with --raw)')
    .option('--base <addr>', 'link address of the first section (default 0x40080000)')
    .option('--raw', 'write a flat binary instead of an ELF')
    .action((file: string, opts: { output?: string; base?: string; raw?: boolean }) => {
      process.exitCode = runAsm(file, opts);
    });
}
