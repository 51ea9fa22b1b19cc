// The reference hypervisor in the differential suite: `twostage build scenarios/seed.yaml` (its el1-shim hosting
// mode, assembled by src/asm) booted on QEMU and on twostage must print the same UART bytes. QEMU's output is
// recorded in hyp/seed.out by scripts/qemu-record.ts, so the comparison runs without QEMU.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildImage, type BuiltImage } from '../../src/hyp/image.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';
import { VirtMachine } from '../../src/machine/virt.ts';
import { QEMU_DIR } from './toolchain.ts';

export const SEED_SCENARIO = fileURLToPath(new URL('../../scenarios/seed.yaml', import.meta.url));
/** QEMU's UART output for the seed image. */
export const SEED_EXPECTED = join(QEMU_DIR, 'hyp', 'seed.out');
/** The hypervisor runs 3 contexts × 6 cooperative slices; it needs well under this. */
const BUDGET = 20_000_000;

export function buildSeedImage(): BuiltImage {
  return buildImage(parseScenario(readFileSync(SEED_SCENARIO, 'utf8'), SEED_SCENARIO), SEED_SCENARIO);
}

/** QEMU's -m for the scenario's RAM (the seed asks for 256 MiB; QEMU's default is 128). */
export function qemuMemoryArgs(img: BuiltImage): string[] {
  return ['-m', `${img.scenario.ram.size >> 20n}M`];
}

/** Boot the image on twostage's virt machine: its UART bytes and exit status. */
export function runSeedOnTwostage(img: BuiltImage): { output: Buffer; exitCode: number | null; instructions: number } {
  const m = new VirtMachine({ ramMiB: Number(img.scenario.ram.size >> 20n) });
  const err = m.load(img.image);
  if (err !== undefined) throw new Error(`load: ${err}`);
  const r = m.run(BUDGET);
  return { output: Buffer.from(r.stdout), exitCode: r.exitCode, instructions: r.instructions };
}
