// Records the compiled C programs of test/bench/compiled.ts: builds each at -O2 and -O3 into test/bench/elf/ and
// writes QEMU's output of that ELF to test/bench/expected/ (`npm run bench:record`). `--check` (test:qemu-live)
// runs the committed ELFs on QEMU again and fails when an output differs from the recorded one.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildOwn } from '../bench/programs.ts';
import { BUILDS, ELF_DIR, elfOf, expectedOf, SIZES } from '../test/bench/compiled.ts';
import { missingTools, runQemu } from '../test/qemu/toolchain.ts';

const check = process.argv.includes('--check');
if (missingTools().length > 0) {
  console.log(`bench-record: skipped: ${missingTools().join(', ')} not found`);
  process.exit(check ? 0 : 1);
}
let problems = 0;
for (const b of BUILDS) {
  if (!check) {
    const built = buildOwn(b.program, b.opt, { defines: SIZES[b.program], out: b.name, dir: ELF_DIR });
    if ('skipped' in built) throw new Error(built.skipped);
  }
  const q = await runQemu(elfOf(b.name));
  if (q.status !== 0) {
    console.log(`${b.name}: QEMU exit ${q.status}`);
    problems++;
    continue;
  }
  if (check) {
    const same = Buffer.compare(q.output, readFileSync(expectedOf(b.name))) === 0;
    if (!same) problems++;
    console.log(`${b.name}: ${same ? 'same as recorded' : 'QEMU output differs from the recorded one'}`);
  } else {
    writeFileSync(expectedOf(b.name), q.output);
    console.log(`${b.name}: recorded ${q.output.length} bytes`);
  }
}
process.exit(problems === 0 ? 0 : 1);
