// The system-register sweep against QEMU (test/qemu/sysreg-sweep/): MRS of all 32,768 op0 = 2/3 encodings at EL2, EL1
// and EL0 under a random trap configuration per seed; every value or exception compared with QEMU's, each difference
// equal, explained by a documented difference, or unexplained (a finding).
//   tsx scripts/sysregdiff.ts [--seed S] [--programs N]   seeds S … S+N−1
//   tsx scripts/sysregdiff.ts --record   re-record test/qemu/sysreg-sweep/recorded/ (RECORDED_SEEDS) from QEMU
//   tsx scripts/sysregdiff.ts --check    rebuild the recorded programs, run them on QEMU again; fail if anything changed
import { SYSREG_DIFF } from '../test/qemu/sysreg-sweep/run.ts';
import { seededDiffMain } from '../test/qemu/seeded-diff.ts';

process.exitCode = await seededDiffMain(SYSREG_DIFF, process.argv.slice(2));
