// `twostage boot FILE.elf` / `twostage boot --kernel Image [--initrd F] [--append S] [--dtb F]`: run an ELF or a Linux
// Image on the virt-compatible machine the way `qemu-system-aarch64 -M virt,virtualization=on -cpu cortex-a57
// -nographic -semihosting -kernel FILE [-initrd F] [-append S] [-dtb F]` does: the guest's stdout bytes on stdout, its
// semihosting console on stderr, exit status = its exit code. `--dumpdtb F` writes the device tree the guest would
// get and exits, as `-M virt,dumpdtb=F`. `--gic-version 3` gives the board a GICv3 with its ITS, as `-M virt,gic-version=3`.
import type { Command } from 'commander';
import { profileByName, PROFILES } from '../arch/profiles.ts';
import { hex64, parseU64, quoted } from '../bits/bits.ts';
import { PC } from '../cpu/state.ts';
import { readElf } from '../elf/read.ts';
import { watchExceptionLoops } from '../cpu/exception-loop.ts';
import { encodeFdt } from '../machine/fdt.ts';
import { DTB_MAX, parseArm64Image } from '../machine/linux-boot.ts';
import { parseTraceKinds, TRACE_KINDS } from '../machine/trace-kinds.ts';
import { DEFAULT_RAM_MIB, isPciDevice, PCI_DEVICES, ramSizeProblem, VirtMachine } from '../machine/virt.ts';
import { EXIT_BAD_INPUT } from './exit-status.ts';
import { readBinary, wholeNumber, writeOutput } from './inputs.ts';
import { addStatsOption, renderStats, statsFormat, summarize, timed } from './stats.ts';
import { type InputFeed, stdinFeed } from './stdin-feed.ts';
import { parseGdbAddress, serveGdb } from './gdb-server.ts';
import { addSyncOptions, type SyncFlags, syncModelFrom } from './sync-options.ts';

/** Exit statuses of `boot` other than the guest's own. */
export const EXIT_STOPPED = 1; // the guest stopped without an exit code (PSCI CPU_OFF, SYSTEM_RESET)
export { EXIT_BAD_INPUT } from './exit-status.ts'; // unreadable or malformed ELF, bad option
export const EXIT_BUDGET = 3; // --max-insns exhausted
export const DEFAULT_MAX_INSNS = 1_000_000_000;

export interface BootOptions extends SyncFlags {
  readonly cpu?: string;
  readonly ram?: string;
  readonly maxInsns?: string;
  readonly trace?: string;
  readonly kernel?: string;
  readonly initrd?: string;
  readonly append?: string;
  readonly dtb?: string;
  readonly dumpdtb?: string;
  readonly stats?: string | boolean;
  /** `tcp::PORT`: serve the gdb remote protocol (gdb-server.ts). */
  readonly gdb?: string;
  /** With --gdb: wait for the debugger before the first instruction (QEMU -S). */
  readonly S?: boolean;
  /** PCI devices to plug in, in order (QEMU -device; repeatable). */
  readonly device?: readonly string[];
  /** The interrupt controller: '2' (default) or '3' (QEMU -M virt,gic-version=N). */
  readonly gicVersion?: string;
  /** false (--no-wasm): every translated block JavaScript (VirtOptions.wasm). */
  readonly wasm?: boolean;
}

/** --gic-version's values: the GICs the board models. */
const GIC_VERSIONS = { '2': 2, '3': 3 } as const;

/** Where `boot` writes: the guest's two streams and its own messages (stderr). */
export interface BootIo {
  readonly stdout: (bytes: Uint8Array) => void;
  readonly stderr: (bytes: Uint8Array | string) => void;
  /** The keyboard for the guest's UART (none: the receive line stays idle). */
  readonly input?: () => InputFeed;
}

const PROCESS_IO: BootIo = {
  stdout: (b) => process.stdout.write(b),
  stderr: (b) => process.stderr.write(b),
  input: stdinFeed,
};

/** `stdin`: the guest's UART receives the process's stdin (false: nothing, as `< /dev/null`). */
export function registerBoot(program: Command, stdin = true): void {
  const cmd = program
    .command('boot')
    .description('boot an AArch64 ELF or a Linux Image at EL2 on the QEMU virt-compatible machine')
    .argument('[file]', 'ELF64 little-endian AArch64 executable (or use --kernel)')
    .option('--kernel <file>', 'a Linux arm64 Image (raw or gzip\'d) or an ELF, as QEMU -kernel')
    .option('--initrd <file>', 'initial ramdisk, placed and described in /chosen as QEMU does')
    .option('--append <cmdline>', 'kernel command line (/chosen bootargs)')
    .option('--dtb <file>', 'device tree blob to pass instead of the machine\'s (its memory, /chosen and /psci are replaced)')
    .option('--dumpdtb <file>', 'write the device tree the guest would get, and exit')
    .option('--cpu <name>', `CPU profile: ${Object.keys(PROFILES).join(' | ')}`, 'cortex-a57')
    .option('--ram <MiB>', 'RAM size in MiB at 0x40000000', String(DEFAULT_RAM_MIB))
    .option('--max-insns <N>', 'instruction budget', String(DEFAULT_MAX_INSNS))
    .option('--trace <kinds>', `comma-separated trace kinds on stderr: ${TRACE_KINDS.join(', ')}`)
    .option('--gdb <dev>', 'serve the gdb remote protocol on tcp::PORT (as QEMU -gdb)')
    .option('-S', 'with --gdb: wait for the debugger before the first instruction')
    .option('--no-wasm', 'run every translated block as JavaScript (the wasm tier off: src/cpu/wasm/)')
    .option('--gic-version <n>', 'interrupt controller, as QEMU -M virt,gic-version=N: 2 (GICv2) | 3 (GICv3 with an ITS)', '2')
    .option('--device <name>', `plug a PCI device into the PCIe bus, as QEMU -device (repeatable): ${PCI_DEVICES.join(' | ')}`, (v: string, all: string[] = []) => [...all, v]);
  addStatsOption(cmd);
  addSyncOptions(cmd)
    .addHelpText(
      'after',
      '\nExit status: the guest\'s semihosting exit code (PSCI SYSTEM_OFF: 0); 1 when it stops without one;\n' +
        '2 for a bad file or option; 3 when the instruction budget runs out.',
    )
    .action(async (file: string | undefined, opts: BootOptions) => {
      process.exitCode = await boot(file, opts, stdin ? PROCESS_IO : { stdout: PROCESS_IO.stdout, stderr: PROCESS_IO.stderr });
    });
}

/** Boot `file` (or --kernel) and return the process exit status. Never throws for bad input. */
export async function boot(positional: string | undefined, opts: BootOptions, io: BootIo = PROCESS_IO): Promise<number> {
  const complain = (why: string, status: number): number => {
    io.stderr(`twostage: ${why}\n`);
    return status;
  };
  const profile = profileByName(opts.cpu ?? 'cortex-a57');
  if (profile === undefined) return complain(`--cpu: unknown CPU '${opts.cpu}' (known: ${Object.keys(PROFILES).join(', ')})`, EXIT_BAD_INPUT);
  const ramText = opts.ram ?? String(DEFAULT_RAM_MIB);
  const ramMiB = parseU64(ramText);
  if (ramMiB === undefined) return complain(`--ram: ${quoted(ramText)} is not a whole number of MiB below 2^64`, EXIT_BAD_INPUT);
  const ramProblem = ramSizeProblem(ramMiB << 20n, profile);
  if (ramProblem !== undefined) return complain(`--ram ${ramText} (MiB): ${ramProblem}`, EXIT_BAD_INPUT);
  const budget = wholeNumber('--max-insns', opts.maxInsns ?? String(DEFAULT_MAX_INSNS), 1, Number.MAX_SAFE_INTEGER);
  if (!budget.ok) return complain(budget.error, EXIT_BAD_INPUT);
  const kinds = parseTraceKinds(opts.trace ?? '');
  if (typeof kinds === 'string') return complain(`--trace: ${kinds}`, EXIT_BAD_INPUT);
  const sync = syncModelFrom(opts);
  if (typeof sync === 'string') return complain(sync, EXIT_BAD_INPUT);
  const stats = statsFormat(opts.stats);
  if (typeof stats === 'object') return complain(stats.error, EXIT_BAD_INPUT);
  const gdbPort = opts.gdb === undefined ? undefined : parseGdbAddress(opts.gdb);
  if (typeof gdbPort === 'string') return complain(gdbPort, EXIT_BAD_INPUT);
  if (opts.S === true && gdbPort === undefined) return complain('-S: only with --gdb (nothing would start the target)', EXIT_BAD_INPUT);

  if (positional !== undefined && opts.kernel !== undefined) return complain(`give either FILE or --kernel, not both`, EXIT_BAD_INPUT);
  const file = positional ?? opts.kernel;
  const devices = opts.device ?? [];
  const unknown = devices.find((d) => !isPciDevice(d));
  if (unknown !== undefined) return complain(`--device: unknown device ${quoted(unknown)} (known: ${PCI_DEVICES.join(', ')})`, EXIT_BAD_INPUT);
  const gicText = opts.gicVersion ?? '2';
  const gicVersion = Object.hasOwn(GIC_VERSIONS, gicText) ? GIC_VERSIONS[gicText as keyof typeof GIC_VERSIONS] : undefined;
  if (gicVersion === undefined) return complain(`--gic-version: ${quoted(gicText)} is not a GIC the machine models (2 or 3)`, EXIT_BAD_INPUT);
  const machine = new VirtMachine({ profile, gicVersion, ramBytes: Number(ramMiB << 20n), pciDevices: devices.filter(isPciDevice), wasm: opts.wasm !== false });
  machine.cpu.sync = sync;
  if (file === undefined) {
    if (opts.dumpdtb !== undefined) return dumpDtb(opts.dumpdtb, encodeFdt(machine.deviceTree()), complain);
    return complain('boot: give an ELF FILE or --kernel Image', EXIT_BAD_INPUT);
  }
  const bytes = readInput(file, complain);
  if (typeof bytes === 'number') return bytes;
  const elf = readElf(bytes);
  const linuxOnly = (['initrd', 'append', 'dtb'] as const).filter((k) => opts[k] !== undefined);
  // QEMU tries ELF first, then a raw Image (hw/arm/boot.c); a FILE argument is always an ELF
  if (elf.ok || positional !== undefined) {
    if (!elf.ok) return complain(`${file}: ${elf.error}`, EXIT_BAD_INPUT);
    if (linuxOnly.length > 0) return complain(`--${linuxOnly[0]}: only with a Linux Image (${file} is an ELF, which gets no device tree)`, EXIT_BAD_INPUT);
    if (opts.dumpdtb !== undefined) return dumpDtb(opts.dumpdtb, encodeFdt(machine.deviceTree()), complain);
    const loadError = machine.load(elf.image);
    if (loadError !== undefined) return complain(`${file}: ${loadError}`, EXIT_BAD_INPUT);
  } else {
    const image = parseArm64Image(bytes);
    if (!image.ok) return complain(`${file}: ${image.error}`, EXIT_BAD_INPUT);
    // an initrd larger than the RAM, or a blob larger than Linux takes, is refused by its size before it is read
    const initrd = opts.initrd === undefined ? undefined : readInput(opts.initrd, complain, { bytes: Number(ramMiB << 20n), limit: 'of RAM' });
    if (typeof initrd === 'number') return initrd;
    const dtb = opts.dtb === undefined ? undefined : readInput(opts.dtb, complain, { bytes: DTB_MAX, limit: 'a device tree may take (Linux boot §2)' });
    if (typeof dtb === 'number') return dtb;
    const loaded = machine.loadLinux(image.value, { initrd, dtb, append: opts.append });
    if (typeof loaded === 'string') return complain(`${file}: ${loaded}`, EXIT_BAD_INPUT);
    if (opts.dumpdtb !== undefined) return dumpDtb(opts.dumpdtb, loaded.dtb, complain);
  }
  // the trace hooks load the disassembler and the assembler's tables: only when asked for (start-up time)
  const endTrace = kinds.length === 0
    ? () => {}
    : (await import('../machine/trace.ts')).installTrace(machine.cpu, kinds, { write: (line) => io.stderr(line + '\n') });
  watchExceptionLoops(machine.cpu);
  if (gdbPort !== undefined) {
    const code = await serveGdb(machine, gdbPort, opts.S === true, (out, err) => {
      if (out.length > 0) io.stdout(out);
      if (err.length > 0) io.stderr(err);
    }, (line) => io.stderr(line + '\n'));
    endTrace();
    return code ?? EXIT_STOPPED;
  }

  const feed = io.input?.();
  const { value: result, timing } = timed(() =>
    machine.run(budget.value, (out, err) => {
      if (out.length > 0) io.stdout(out);
      if (err.length > 0) io.stderr(err);
      if (feed === undefined) return;
      const typed = feed.take(machine.inputPending);
      machine.feedInput(typed.bytes);
      if (typed.quit) machine.requestStop('stopped by Ctrl-A x');
    }),
  );
  feed?.close();
  endTrace();
  if (stats !== undefined) io.stderr(renderStats(stats, summarize(result.instructions, machine.cpu, timing)));
  // the guest's errors the ITS ignored or stalled on (QEMU prints them with -d guest_errors): a count and the last
  const its = machine.its;
  if (its !== undefined && its.errorCount > 0) io.stderr(`twostage: ${its.errorCount} ITS command(s) or access(es) ignored or stalled; the last: ${its.errors.at(-1)}\n`);
  const stop = result.stop;
  switch (stop.kind) {
    case 'exit':
      return stop.code;
    case 'budget':
      return complain(
        `${file}: instruction budget exhausted after ${result.instructions} instructions ` +
          `(PC ${hex64(machine.cpu.x[PC]!)}, EL${machine.cpu.el}); raise it with --max-insns`,
        EXIT_BUDGET,
      );
    case 'halt':
      return complain(`${file}: ${stop.why}`, EXIT_STOPPED);
    case 'loop': // where QEMU would spin until killed
      return complain(`${file}: exception loop: ${stop.why}`, EXIT_STOPPED);
  }
}

type Complain = (why: string, status: number) => number;

/** A file named on the command line, read through the bounded reader; or the exit status after its complaint. */
function readInput(file: string, complain: Complain, cap?: Parameters<typeof readBinary>[1]): Uint8Array | number {
  const r = readBinary(file, cap);
  return r.ok ? r.value : complain(r.error, EXIT_BAD_INPUT);
}

/** --dumpdtb: write the blob and stop, as QEMU's dumpdtb does (status 0). */
function dumpDtb(path: string, blob: Uint8Array, complain: Complain): number {
  const why = writeOutput(path, blob);
  return why === undefined ? 0 : complain(`--dumpdtb: ${why}`, EXIT_BAD_INPUT);
}
