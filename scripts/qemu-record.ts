// Record (default) or re-check (--check) the differential suite's QEMU outputs.
//   tsx scripts/qemu-record.ts [NAME...]          rebuild test/qemu/elf/NAME.elf, run QEMU, write expected/NAME.out
//   tsx scripts/qemu-record.ts --check [NAME...]  rebuild and re-run in a temporary directory; fail if the ELF bytes
//                                                 or QEMU's output differ from what is committed
// Without NAMEs (or with the names hyp-seed, hyp-preempt) the same is done for the reference hypervisor's images
// (`twostage build scenarios/NAME.yaml`, built by twostage itself), whose QEMU outputs are test/qemu/hyp/NAME.out.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildProgram, ELF_DIR, EXPECTED_DIR, listPrograms, mapLimited, missingTools, qemuBoardArgs, runQemu,
} from '../test/qemu/toolchain.ts';
import { buildHypImage, HYP_SCENARIOS, hypExpected, runHypOnQemu } from '../test/qemu/hyp-image.ts';

const args = process.argv.slice(2);
const check = args.includes('--check');
const names = args.filter((a) => !a.startsWith('--'));
const hyps = HYP_SCENARIOS.filter((h) => names.length === 0 || names.includes(`hyp-${h}`));
const programs = names.length > 0 ? names.filter((n) => !n.startsWith('hyp-')) : listPrograms();

const missing = missingTools();
if (missing.length > 0) {
  const msg = `qemu-record: skipped: ${missing.join(', ')} not found (install qemu-system-arm and binutils-aarch64-linux-gnu)`;
  console.log(msg);
  process.exit(check ? 0 : 1);
}

const tmp = mkdtempSync(join(tmpdir(), 'twostage-qemu-'));
const started = Date.now();
const problems: string[] = [];
await mapLimited(programs, 2, async (name) => {
  const elf = check ? join(tmp, `${name}.elf`) : join(ELF_DIR, `${name}.elf`);
  const err = buildProgram(name, elf, tmp);
  if (err !== null) {
    problems.push(`${name}: build failed\n${err}`);
    return;
  }
  const run = await runQemu(elf, qemuBoardArgs(name));
  if (run.status !== 0) {
    problems.push(`${name}: QEMU ${run.status === null ? 'timed out' : `exited with status ${run.status}`}`);
    return;
  }
  const outFile = join(EXPECTED_DIR, `${name}.out`);
  if (!check) {
    writeFileSync(outFile, run.output);
    return;
  }
  const committedElf = join(ELF_DIR, `${name}.elf`);
  if (!existsSync(committedElf) || !readFileSync(committedElf).equals(readFileSync(elf))) {
    problems.push(`${name}: rebuilt ELF differs from test/qemu/elf/${name}.elf`);
  }
  if (!existsSync(outFile) || !readFileSync(outFile).equals(run.output)) {
    problems.push(`${name}: QEMU output differs from test/qemu/expected/${name}.out`);
  }
});
for (const h of hyps) {
  const img = buildHypImage(h);
  const elf = join(tmp, `${h}.elf`);
  writeFileSync(elf, img.elf);
  const run = await runHypOnQemu(elf, img);
  const expected = hypExpected(h);
  if (run.status !== 0) problems.push(`hyp-${h}: QEMU ${run.status === null ? 'timed out' : `exited with status ${run.status}`}`);
  else if (!check) writeFileSync(expected, run.output);
  else if (!existsSync(expected) || !readFileSync(expected).equals(run.output)) {
    problems.push(`hyp-${h}: QEMU output differs from test/qemu/hyp/${h}.out`);
  }
}
rmSync(tmp, { recursive: true, force: true });

const secs = ((Date.now() - started) / 1000).toFixed(1);
for (const p of problems) console.log(p);
const total = programs.length + hyps.length;
console.log(`qemu-record: ${check ? 'checked' : 'recorded'} ${total - problems.length}/${total} programs in ${secs} s`);
process.exit(problems.length > 0 ? 1 : 0);
