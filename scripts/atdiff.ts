// Random address-translation probes against QEMU (test/qemu/random-at/): random EL1&0 translation registers and
// descriptors, AT S1E*/S12E* on random VAs, PAR_EL1 compared with QEMU's, each difference equal, explained by a
// documented QEMU 7.2 departure, or unexplained (a finding).
//   tsx scripts/atdiff.ts [--seed S] [--programs N] [--configs C]   programs S … S+N−1 (48 configurations × 5 ATs each)
//   tsx scripts/atdiff.ts --record   re-record test/qemu/random-at/recorded/ (RECORDED_SEEDS) from QEMU
//   tsx scripts/atdiff.ts --check    rebuild the recorded programs, run them on QEMU again; fail if anything changed
import { AT_DIFF } from '../test/qemu/random-at/run.ts';
import { seededDiffMain } from '../test/qemu/seeded-diff.ts';

process.exitCode = await seededDiffMain(AT_DIFF, process.argv.slice(2));
