// The external side of the differential suite: build a program with GNU as/ld and run it on QEMU.
// Used by scripts/qemu-record.ts (recording and the live check); `npm test` needs none of it.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const QEMU_DIR = dirname(fileURLToPath(import.meta.url));
export const PROGS_DIR = join(QEMU_DIR, 'progs');
export const ELF_DIR = join(QEMU_DIR, 'elf');
export const EXPECTED_DIR = join(QEMU_DIR, 'expected');

const AS = 'aarch64-linux-gnu-as';
const LD = 'aarch64-linux-gnu-ld';
const QEMU = 'qemu-system-aarch64';
/** The reference command line (DESIGN.md §3 "QEMU-compatible machine"); hypervisor images run without -semihosting. */
export const QEMU_ARGS = ['-M', 'virt,virtualization=on', '-cpu', 'cortex-a57', '-nographic', '-semihosting', '-kernel'];
const QEMU_TIMEOUT_MS = 10_000;

/** The board a program runs on: programs named gicv3-* get QEMU's -machine gic-version=3 (its ITS on, the default)
 *  and twostage's GICv3 board (VirtOptions.gicVersion 3); every other one the default GICv2 board. */
export function gicVersionOf(name: string): 2 | 3 {
  return name.startsWith('gicv3-') ? 3 : 2;
}

/** QEMU's extra arguments for a program's board (gicVersionOf). */
export function qemuBoardArgs(name: string): string[] {
  return gicVersionOf(name) === 3 ? ['-machine', 'gic-version=3'] : [];
}

/** Program names: every progs/NAME.S. */
export function listPrograms(): string[] {
  return readdirSync(PROGS_DIR)
    .filter((f) => f.endsWith('.S'))
    .map((f) => f.slice(0, -2))
    .sort();
}

/** The external tools that are not on PATH (empty when the live suite can run). */
export function missingTools(): string[] {
  return [AS, LD, QEMU].filter((t) => spawnSync(t, ['--version'], { stdio: 'ignore' }).status !== 0);
}

/** Assemble and link progs/NAME.S into `elf`; returns the tools' diagnostics, or null on success. */
export function buildProgram(name: string, elf: string, tmpDir: string): string | null {
  return buildSource(join(PROGS_DIR, `${name}.S`), elf, tmpDir);
}

/** Assemble and link an assembly file (including from progs/, linked by progs/link.ld) into `elf`. */
export function buildSource(source: string, elf: string, tmpDir: string): string | null {
  const obj = join(tmpDir, `${basename(source, '.S')}.o`);
  const as = spawnSync(AS, ['-I', PROGS_DIR, source, '-o', obj], { encoding: 'utf8' });
  if (as.status !== 0) return `${AS}: ${as.stderr}`;
  const ld = spawnSync(LD, ['--no-warn-rwx-segments', '--build-id=none', '-T', join(PROGS_DIR, 'link.ld'), obj, '-o', elf], {
    encoding: 'utf8',
  });
  if (ld.status !== 0) return `${LD}: ${ld.stderr}`;
  return null;
}

export interface QemuRun {
  output: Buffer;
  /** Exit status, or null if QEMU was killed by the timeout. */
  status: number | null;
}

/**
 * Run one ELF on QEMU with stdin closed and a timeout; `extra` goes before -kernel's arguments (e.g. -m 256M);
 * `semihosting: false` leaves -semihosting out (HLT #0xF000 is then UNDEFINED at every EL).
 */
export function runQemu(elf: string, extra: readonly string[] = [], semihosting = true): Promise<QemuRun> {
  const args = semihosting ? QEMU_ARGS : QEMU_ARGS.filter((a) => a !== '-semihosting');
  return new Promise((resolve) => {
    const p = spawn(QEMU, [...extra, ...args, elf], { stdio: ['ignore', 'pipe', 'inherit'], timeout: QEMU_TIMEOUT_MS });
    const chunks: Buffer[] = [];
    p.stdout.on('data', (b: Buffer) => chunks.push(b));
    // QEMU exits with status 0 on SIGTERM, so a timeout is recognised by `killed`, not by the status
    p.on('close', (code) => resolve({ output: Buffer.concat(chunks), status: p.killed ? null : code }));
  });
}

/** Map `items` through `fn` with at most `limit` in flight, keeping order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
