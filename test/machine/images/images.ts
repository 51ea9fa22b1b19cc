// Linux-Image boot configurations checked against QEMU 7.2: entry.S assembled by twostage's own assembler, its header
// patched per case, booted with `-kernel` on QEMU and `boot --kernel` on twostage. QEMU's outputs are recorded in
// expected/NAME.out (`npx tsx test/machine/images/images.ts --record` rewrites them from QEMU).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { assemble } from '../../../src/asm/assemble.ts';
import { flatImage } from '../../../src/cli/asm.ts';

export const IMAGES_DIR = dirname(fileURLToPath(import.meta.url));

export interface ImageCase {
  readonly name: string;
  readonly textOffset: number;
  readonly imageSize: number;
  /** Zero the "ARM\x64" magic: a headerless raw file. */
  readonly noMagic?: boolean;
  readonly gzip?: boolean;
  readonly ramMiB: number;
  /** Size of the initrd made for the case (0: none). */
  readonly initrd: number;
  readonly append?: string;
}

export const CASES: readonly ImageCase[] = [
  { name: 'offset-80000', textOffset: 0x80000, imageSize: 0x10000, ramMiB: 512, initrd: 1_000_000, append: 'console=ttyAMA0' },
  { name: 'offset-0', textOffset: 0, imageSize: 0x10000, ramMiB: 512, initrd: 4096 },
  { name: 'offset-1000', textOffset: 0x1000, imageSize: 0x10000, ramMiB: 256, initrd: 0 },
  { name: 'size-0', textOffset: 0x200000, imageSize: 0, ramMiB: 512, initrd: 100 },
  { name: 'no-magic', textOffset: 0x200000, imageSize: 0x10000, noMagic: true, ramMiB: 512, initrd: 100 },
  { name: 'gzip', textOffset: 0x80000, imageSize: 0x10000, gzip: true, ramMiB: 512, initrd: 1_000_000 },
  { name: 'ram-200', textOffset: 0x80000, imageSize: 0x10000, ramMiB: 200, initrd: 1 << 20 },
  { name: 'ram-64', textOffset: 0x80000, imageSize: 0x10000, ramMiB: 64, initrd: 5000 },
  { name: 'big-kernel', textOffset: 0x80000, imageSize: 0x9000000, ramMiB: 512, initrd: 3 << 20 },
];

/** The image and initrd files of a case, written to a fresh temporary directory. */
export function makeCase(c: ImageCase): { kernel: string; initrd?: string } {
  const src = join(IMAGES_DIR, 'entry.S');
  const r = assemble(src, readFileSync(src, 'utf8'), { base: 0n });
  if (r.diagnostics.length > 0) throw new Error(`entry.S: ${r.diagnostics[0]!.message}`);
  const img = flatImage(r);
  const dv = new DataView(img.buffer, img.byteOffset, img.byteLength);
  dv.setBigUint64(0x08, BigInt(c.textOffset), true);
  dv.setBigUint64(0x10, BigInt(c.imageSize), true);
  if (c.noMagic === true) dv.setUint32(0x38, 0, true);
  const dir = mkdtempSync(join(tmpdir(), 'twostage-image-'));
  const kernel = join(dir, c.gzip === true ? 'Image.gz' : 'Image');
  writeFileSync(kernel, c.gzip === true ? gzipSync(img) : img);
  if (c.initrd === 0) return { kernel };
  const initrd = join(dir, 'initrd');
  writeFileSync(initrd, Uint8Array.from({ length: c.initrd }, (_, i) => (i * 7) & 0xff));
  return { kernel, initrd };
}

/** QEMU's command line for a case (`-kernel` and the rest as twostage's boot flags mean them). */
export function qemuArgs(c: ImageCase, f: { kernel: string; initrd?: string }): string[] {
  return [
    '-M', 'virt,virtualization=on', '-cpu', 'cortex-a57', '-nographic', '-m', `${c.ramMiB}M`, '-kernel', f.kernel,
    ...(f.initrd !== undefined ? ['-initrd', f.initrd] : []), ...(c.append !== undefined ? ['-append', c.append] : []),
  ];
}

export function twostageArgs(c: ImageCase, f: { kernel: string; initrd?: string }): string[] {
  return [
    'boot', '--ram', String(c.ramMiB), '--kernel', f.kernel,
    ...(f.initrd !== undefined ? ['--initrd', f.initrd] : []), ...(c.append !== undefined ? ['--append', c.append] : []),
  ];
}

export function runQemuCase(c: ImageCase): { status: number | null; stdout: string } {
  const r = spawnSync('qemu-system-aarch64', qemuArgs(c, makeCase(c)), { encoding: 'latin1', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status, stdout: r.stdout };
}

if (process.argv.includes('--record')) {
  for (const c of CASES) {
    const r = runQemuCase(c);
    if (r.status !== 0) throw new Error(`${c.name}: QEMU exited with ${r.status}`);
    writeFileSync(join(IMAGES_DIR, 'expected', `${c.name}.out`), r.stdout, 'latin1');
    console.log(`${c.name}: recorded`);
  }
}
