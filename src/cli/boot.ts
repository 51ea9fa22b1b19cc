// `twostage boot FILE.elf`: run an ELF on the virt-compatible machine the way
// `qemu-system-aarch64 -M virt,virtualization=on -cpu cortex-a57 -nographic -semihosting -kernel FILE.elf`
// does: the guest's stdout bytes on stdout, its semihosting console on stderr, exit status = its exit code.
import type { Command } from 'commander';
import { profileByName, PROFILES } from '../arch/profiles.ts';
import { hex64, parseU64, quoted } from '../bits/bits.ts';
import { PC } from '../cpu/state.ts';
import { readElf } from '../elf/read.ts';
import { installTrace, parseTraceKinds, TRACE_KINDS } from '../machine/trace.ts';
import { DEFAULT_RAM_MIB, ramSizeProblem, VirtMachine } from '../machine/virt.ts';
import { readBinary, wholeNumber } from './inputs.ts';
import { addSyncOptions, type SyncFlags, syncModelFrom } from './sync-options.ts';

/** Exit statuses of `boot` other than the guest's own. */
export const EXIT_STOPPED = 1; // the guest stopped without an exit code (PSCI CPU_OFF, SYSTEM_RESET)
export const EXIT_BAD_INPUT = 2; // unreadable or malformed ELF, bad option
export const EXIT_BUDGET = 3; // --max-insns exhausted
export const DEFAULT_MAX_INSNS = 1_000_000_000;

export interface BootOptions extends SyncFlags {
  readonly cpu?: string;
  readonly ram?: string;
  readonly maxInsns?: string;
  readonly trace?: string;
}

/** Where `boot` writes: the guest's two streams and its own messages (stderr). */
export interface BootIo {
  readonly stdout: (bytes: Uint8Array) => void;
  readonly stderr: (bytes: Uint8Array | string) => void;
}

const PROCESS_IO: BootIo = {
  stdout: (b) => process.stdout.write(b),
  stderr: (b) => process.stderr.write(b),
};

export function registerBoot(program: Command): void {
  const cmd = program
    .command('boot')
    .description('boot an AArch64 ELF at EL2 on the QEMU virt-compatible machine')
    .argument('<file>', 'ELF64 little-endian AArch64 executable')
    .option('--cpu <name>', `CPU profile: ${Object.keys(PROFILES).join(' | ')}`, 'cortex-a57')
    .option('--ram <MiB>', 'RAM size in MiB at 0x40000000', String(DEFAULT_RAM_MIB))
    .option('--max-insns <N>', 'instruction budget', String(DEFAULT_MAX_INSNS))
    .option('--trace <kinds>', `comma-separated trace kinds on stderr: ${TRACE_KINDS.join(', ')}`);
  addSyncOptions(cmd)
    .addHelpText(
      'after',
      '\nExit status: the guest\'s semihosting exit code (PSCI SYSTEM_OFF: 0); 1 when it stops without one;\n' +
        '2 for a bad file or option; 3 when the instruction budget runs out.',
    )
    .action((file: string, opts: BootOptions) => {
      process.exitCode = boot(file, opts);
    });
}

/** Boot `file` and return the process exit status. Never throws for bad input. */
export function boot(file: string, opts: BootOptions, io: BootIo = PROCESS_IO): number {
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

  const bytes = readBinary(file);
  if (!bytes.ok) return complain(bytes.error, EXIT_BAD_INPUT);
  const elf = readElf(bytes.value);
  if (!elf.ok) return complain(`${file}: ${elf.error}`, EXIT_BAD_INPUT);
  const machine = new VirtMachine({ profile, ramBytes: Number(ramMiB << 20n) });
  machine.cpu.sync = sync;
  const loadError = machine.load(elf.image);
  if (loadError !== undefined) return complain(`${file}: ${loadError}`, EXIT_BAD_INPUT);
  const endTrace = installTrace(machine.cpu, kinds, { write: (line) => io.stderr(line + '\n') });

  const result = machine.run(budget.value, (out, err) => {
    if (out.length > 0) io.stdout(out);
    if (err.length > 0) io.stderr(err);
  });
  endTrace();
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
  }
}
