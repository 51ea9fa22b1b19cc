// The reference hypervisor in the differential suite: `twostage build` of a scenario (its el1-shim hosting mode,
// assembled by src/asm) booted on QEMU and on twostage must print the same UART bytes. QEMU's output is recorded in
// hyp/NAME.out by scripts/qemu-record.ts, so the comparison runs without QEMU.
//
// The hypervisor preempts a context after schedule.slice_insns ticks of CNTHP_EL2. twostage's counter ticks once per
// instruction; QEMU's runs at 62.5 MHz of virtual time, which without -icount follows the host's clock, so where a
// slice ends (and so the order of the UART lines) would depend on the host's speed and load. `-icount shift=4` makes
// each instruction take 2^4 ns = one 62.5 MHz tick, so QEMU's schedule is as deterministic as twostage's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildImage, type BuiltImage, machineFor } from '../../src/hyp/image.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';
import { QEMU_DIR, type QemuRun, runQemu } from './toolchain.ts';

/**
 * The scenarios whose images are compared: seed (cooperative slices), preempt (a guest that never yields), hostile
 * (guests that forge calls, flood the log and try to end the run: contained alike on both machines), cross-page
 * (a VM's and an app's accesses across the edge of their memory, denied on both machines), sysreg-leak (guests
 * that write every register they can, and readers that must find their own values) and high-alias (8 GiB of RAM, a
 * VM 4 GiB above the hypervisor writing where a 32-bit RAM index would alias it).
 */
export const HYP_SCENARIOS = ['seed', 'preempt', 'hostile', 'cross-page', 'sysreg-leak', 'high-alias'] as const;
export type HypScenario = (typeof HYP_SCENARIOS)[number];

/** QEMU's UART output for a scenario's image. */
export const hypExpected = (name: HypScenario): string => join(QEMU_DIR, 'hyp', `${name}.out`);
/** The hypervisor runs every context's slices; it needs well under this. */
const BUDGET = 20_000_000;

export function buildHypImage(name: HypScenario): BuiltImage {
  const file = fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url));
  return buildImage(parseScenario(readFileSync(file, 'utf8'), file), file);
}

/**
 * Boot the image (written to `elf`) on QEMU as twostage runs it (src/hyp/image.ts machineFor): -m for the scenario's
 * RAM (QEMU's default is 128 MiB), one counter tick per instruction, no -semihosting (a guest's HLT #0xF000 is
 * UNDEFINED; the hypervisor ends with PSCI SYSTEM_OFF), and -no-reboot, so that the SYSTEM_RESET of a hypervisor
 * failure stops QEMU as it stops twostage.
 */
export function runHypOnQemu(elf: string, img: BuiltImage): Promise<QemuRun> {
  return runQemu(elf, ['-m', `${img.scenario.ram.size >> 10n}K`, '-icount', 'shift=4', '-no-reboot'], false);
}

/** Boot the image on twostage's virt machine: its UART bytes and exit status. */
export function runHypOnTwostage(img: BuiltImage): { output: Buffer; exitCode: number | null; instructions: number } {
  const m = machineFor(img);
  const err = m.load(img.image);
  if (err !== undefined) throw new Error(`load: ${err}`);
  const r = m.run(BUDGET);
  return { output: Buffer.from(r.stdout), exitCode: r.exitCode, instructions: r.instructions };
}
