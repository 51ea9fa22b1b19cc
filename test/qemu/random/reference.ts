// The external side of the random-instruction differential (QEMU and objdump); `npm test` needs none of it.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runQemu } from '../toolchain.ts';
import { BLOB, type Program } from './program.ts';
import { HARNESS_ELF, RANDOM_RAM_MIB } from './twostage.ts';

/** The harness's RAM (twostage.ts RANDOM_RAM_MIB): QEMU gets the same. */
const QEMU_RAM = ['-m', `${RANDOM_RAM_MIB}M`];

/** QEMU's records for `p` (its stdout), or why there are none. */
export async function runOnQemu(p: Program, tmp: string): Promise<{ records: Uint8Array; problem: string }> {
  const blob = join(tmp, `blob-${p.seed}.bin`);
  writeFileSync(blob, p.blob);
  const loader = ['-device', `loader,file=${blob},addr=0x${BLOB.toString(16)},force-raw=on`];
  const r = await runQemu(HARNESS_ELF, [...QEMU_RAM, ...loader]);
  const problem = r.status === 0 ? '' : r.status === null ? 'QEMU timed out' : `QEMU exited with status ${r.status}`;
  return { records: r.output, problem };
}

/** objdump 2.40's text for each word (mnemonic and operands; `.inst …  ; undefined` where it decodes none). */
export function disassemble(words: Uint32Array, tmp: string): string[] {
  const file = join(tmp, 'words.bin');
  writeFileSync(file, new Uint8Array(words.buffer, words.byteOffset, words.byteLength));
  const r = spawnSync('aarch64-linux-gnu-objdump', ['-D', '-b', 'binary', '-m', 'aarch64', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`objdump: ${r.stderr}`);
  const out: string[] = new Array(words.length).fill('?');
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*([0-9a-f]+):\s+[0-9a-f]{8}\s+(.*)$/.exec(line);
    if (m === null) continue;
    const i = parseInt(m[1]!, 16) / 4;
    if (i < words.length) out[i] = m[2]!.replace(/\s+/g, ' ').trim();
  }
  return out;
}

/** The class a text belongs to: its mnemonic (objdump's), or `undefined` where objdump decodes nothing. */
export function mnemonicOf(text: string): string {
  if (text.startsWith('.inst') || text.startsWith('udf')) return 'undefined';
  return text.split(' ')[0]!;
}
