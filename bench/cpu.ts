// CPU benchmark (`npm run bench`): runs bench/loop.elf (25M iterations of an 8-instruction ALU/load/store/
// branch loop, EL2, MMU off) on the virt machine and prints MIPS. When qemu-system-aarch64 is installed it
// also times QEMU on the same ELF, subtracting QEMU's start-up time (measured on examples/hello.elf), checks
// both print the same checksums, and prints the ratio.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readElf } from '../src/elf/read.ts';
import { VirtMachine } from '../src/machine/virt.ts';

const LOOP_ELF = fileURLToPath(new URL('./loop.elf', import.meta.url));
const HELLO_ELF = fileURLToPath(new URL('../examples/hello.elf', import.meta.url));
const BUDGET = 300_000_000; // the loop needs a little over 200M instructions
const QEMU = 'qemu-system-aarch64';
const QEMU_ARGS = ['-M', 'virt,virtualization=on', '-cpu', 'cortex-a57', '-nographic', '-semihosting', '-kernel'];
const QEMU_RUNS = 3;

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const fmt = (v: number, digits = 1) => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function runTwostage(): { seconds: number; cpuSeconds: number; instructions: number; stdout: string; ok: boolean; why: string } {
  const elf = readElf(readFileSync(LOOP_ELF));
  if (!elf.ok) throw new Error(`${LOOP_ELF}: ${elf.error}`);
  const m = new VirtMachine();
  const err = m.load(elf.image);
  if (err !== undefined) throw new Error(`${LOOP_ELF}: ${err}`);
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const r = m.run(BUDGET);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const ok = r.stop.kind === 'exit' && r.exitCode === 0;
  const why = ok ? '' : r.stop.kind === 'exit' ? `exit ${r.exitCode}` : r.stop.kind === 'halt' ? r.stop.why : r.stop.kind;
  return { seconds, cpuSeconds, instructions: r.instructions, stdout: text(r.stdout), ok, why };
}

/** Best wall time of QEMU on `elf` over a few runs, or undefined when QEMU is absent or fails. */
function timeQemu(elf: string): { seconds: number; stdout: string } | undefined {
  let best: { seconds: number; stdout: string } | undefined;
  for (let i = 0; i < QEMU_RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(QEMU, [...QEMU_ARGS, elf], { timeout: 60_000 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.error !== undefined || r.status !== 0) return undefined;
    if (best === undefined || seconds < best.seconds) best = { seconds, stdout: r.stdout.toString() };
  }
  return best;
}

const ts = runTwostage();
console.log(`bench/loop.elf: 8 instructions x 25,000,000 iterations at EL2, MMU off`);
const mips = ts.instructions / ts.seconds / 1e6;
console.log(
  `twostage: ${ts.instructions.toLocaleString('en-US')} instructions in ${fmt(ts.seconds, 3)} s = ${fmt(mips)} MIPS ` +
    `(${fmt(ts.instructions / ts.cpuSeconds / 1e6)} MIPS per CPU second)`,
);
if (!ts.ok) console.log(`twostage: the loop did not complete (${ts.why}): some instruction is missing or wrong`);

compareWithQemu(ts.stdout, ts.instructions, mips);

function compareWithQemu(ours: string, instructions: number, mips: number): void {
  if (spawnSync(QEMU, ['--version']).status !== 0) return console.log(`${QEMU}: not installed, no comparison`);
  const loop = timeQemu(LOOP_ELF);
  const start = timeQemu(HELLO_ELF);
  if (loop === undefined || start === undefined) return console.log(`${QEMU}: failed to run the benchmark`);
  console.log(`checksums ${loop.stdout === ours ? 'agree' : `DIFFER: twostage ${JSON.stringify(ours)} qemu ${JSON.stringify(loop.stdout)}`}`);
  const net = loop.seconds - start.seconds;
  if (net < 0.1 * loop.seconds) {
    return console.log(`qemu: ${fmt(loop.seconds, 3)} s wall, start-up ${fmt(start.seconds, 3)} s: too noisy to separate (machine busy?)`);
  }
  const qemuMips = instructions / net / 1e6;
  console.log(
    `qemu: ${fmt(loop.seconds, 3)} s wall, ${fmt(start.seconds, 3)} s of it start-up -> ${fmt(net, 3)} s = ${fmt(qemuMips, 0)} MIPS (best of ${QEMU_RUNS})`,
  );
  console.log(`twostage / qemu: ${fmt(mips / qemuMips, 3)} (QEMU ${fmt(qemuMips / mips)}x faster)`);
}
