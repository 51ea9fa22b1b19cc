// The compiled C programs of the FP/SIMD differential (issue 13): bench/programs/*.c, resized to run in about a second,
// built by gcc at -O2 and -O3 with the auto-vectoriser (bench/programs.ts) into test/bench/elf/, and QEMU's output of
// each (the same ELF on qemu-system-aarch64 -M virt,virtualization=on -cpu cortex-a57) recorded in
// test/bench/expected/ by scripts/bench-record.ts.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPT_LEVELS } from '../../bench/programs.ts';

export const ELF_DIR = fileURLToPath(new URL('./elf/', import.meta.url));
export const EXPECTED_DIR = fileURLToPath(new URL('./expected/', import.meta.url));

/** Program → the -D sizes of its test build (the benchmark suite builds them full size). */
export const SIZES: Readonly<Record<string, readonly string[]>> = {
  fpmath: ['-DROUNDS=1'],
  lz: ['-DINPUT_SIZE=16384', '-DROUNDS=1'],
  chase: ['-DNODES=8192', '-DSTEPS=32768'],
};

/** Every test build: name (PROGRAM-Ox), program and level. */
export const BUILDS = Object.keys(SIZES).flatMap((program) => OPT_LEVELS.map((opt) => ({ name: `${program}${opt}`, program, opt })));

export const elfOf = (name: string): string => join(ELF_DIR, `${name}.elf`);
export const expectedOf = (name: string): string => join(EXPECTED_DIR, `${name}.out`);
