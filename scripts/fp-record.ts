// Record (default) or re-check (--check) QEMU's results for the FP operations of test/arch/fp/ops.ts.
//   tsx scripts/fp-record.ts [NAME...]          generate each operation's vectors (test/arch/fp/vectors.ts), run
//                                               them on qemu-system-aarch64 -M virt,virtualization=on -cpu
//                                               cortex-a57 and write test/arch/fp/qemu/NAME.bin.br
//   tsx scripts/fp-record.ts --check [NAME...]  run them again and fail if QEMU's results differ from the files
// The program is generated AArch64 assembly built with GNU as/ld (not twostage's assembler, which has no FP rows
// yet): for each record it sets FPCR, clears FPSR, loads the operands into d0–d2 and x0–x1, runs the operation's
// instructions (result in x0) and stores x0 and FPSR. The records reach the guest through `-device loader`;
// the results come back through a semihosting file write.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPS, type FpOp } from '../test/arch/fp/ops.ts';
import { readRecording, RECORD_DIR, writeRecording } from '../test/arch/fp/recording.ts';
import { vectorHash, vectors, type Vector } from '../test/arch/fp/vectors.ts';

const SEED = 1;
const IN_ADDR = 0x4800_0000; // records (RAM starts at 0x4000_0000; the program is at 0x4008_0000)
const OUT_ADDR = 0x6000_0000; // results
const RECORD = 32; // op u16, pad u16, fpcr u32, a u64, b u64, c u64
const RESULT = 16; // x0 u64, fpsr u64
const FPSR_FLAGS = 0x9f; // IDC, IXC, UFC, OFC, DZC, IOC: every other FPSR bit must stay 0
const QEMU_TIMEOUT_MS = 600_000;
const PREFIX_PART = 4; // `npm test` checks the first quarter of each operation's results

const args = process.argv.slice(2);
const check = args.includes('--check');
const names = args.filter((a) => !a.startsWith('--'));
const ops = OPS.filter((o) => names.length === 0 || names.includes(o.name));
const unknown = names.filter((n) => !OPS.some((o) => o.name === n));
if (unknown.length > 0) {
  console.error(`fp-record: unknown operation(s): ${unknown.join(', ')}`);
  process.exit(2);
}
const missing = ['aarch64-linux-gnu-as', 'aarch64-linux-gnu-ld', 'qemu-system-aarch64'].filter(
  (t) => spawnSync(t, ['--version'], { stdio: 'ignore' }).status !== 0,
);
if (missing.length > 0) {
  console.log(`fp-record: skipped: ${missing.join(', ')} not found`);
  process.exit(check ? 0 : 1);
}

/** The guest program: the record loop, an exception trap, and one routine per operation. */
function program(list: readonly FpOp[], count: number): string {
  const lines = [
    '\t.text', '\t.global _start', '_start:',
    '\tadr x9, vectors', '\tmsr vbar_el2, x9', '\tisb',
    `\tldr x19, =${IN_ADDR}`, `\tldr x21, =${OUT_ADDR}`, `\tldr w20, =${count}`, '\tadr x22, optable',
    '1:\tcbz w20, 2f',
    '\tldrh w9, [x19]', '\tldr w10, [x19, #4]', '\tmsr fpcr, x10', '\tmsr fpsr, xzr',
    '\tldr d0, [x19, #8]', '\tldr d1, [x19, #16]', '\tldr d2, [x19, #24]', '\tldr x0, [x19, #8]', '\tldr x1, [x19, #16]',
    '\tldr x9, [x22, x9, lsl #3]', '\tblr x9',
    '\tmrs x10, fpsr', '\tstp x0, x10, [x21], #16',
    '\tadd x19, x19, #32', '\tsub w20, w20, #1', '\tb 1b',
    // semihosting: SYS_OPEN(name, "wb"), SYS_WRITE(results), SYS_CLOSE, SYS_EXIT(ApplicationExit, 0)
    '2:\tadr x1, open_blk', '\tmov w0, #0x01', '\thlt #0xf000',
    '\tadr x1, write_blk', '\tstr x0, [x1]', '\tmov w0, #0x05', '\thlt #0xf000',
    '\tadr x1, write_blk', '\tmov w0, #0x02', '\thlt #0xf000',
    '\tadr x1, exit_ok', '\tmov w0, #0x18', '\thlt #0xf000',
    'fail:\tadr x1, exit_fail', '\tmov w0, #0x18', '\thlt #0xf000', '\tb fail',
    '\t.balign 2048', 'vectors:',
    ...Array.from({ length: 16 }, () => '\tb fail\n\t.balign 128'),
    '\t.balign 8',
    `open_blk: .quad name, 5, ${'results.bin'.length}`,
    `write_blk: .quad 0, ${OUT_ADDR}, ${count * RESULT}`,
    'exit_ok: .quad 0x20026, 0', 'exit_fail: .quad 0x20026, 3',
    'name: .asciz "results.bin"',
    '\t.balign 8', 'optable:',
    ...list.map((_, i) => `\t.quad op${i}`),
  ];
  list.forEach((op, i) => lines.push(`op${i}:`, ...op.asm.map((l) => `\t${l}`), '\tret'));
  return lines.join('\n') + '\n';
}

function records(list: readonly FpOp[], vecs: readonly Vector[][]): Buffer {
  const total = vecs.reduce((s, v) => s + v.length, 0);
  const buf = Buffer.alloc(total * RECORD);
  let off = 0;
  list.forEach((_, i) => {
    for (const v of vecs[i]!) {
      buf.writeUInt16LE(i, off);
      buf.writeUInt32LE(v.fpcr, off + 4);
      v.args.forEach((a, k) => buf.writeBigUInt64LE(a, off + 8 + 8 * k));
      off += RECORD;
    }
  });
  return buf;
}

function run(cmd: string, argv: string[], cwd: string): Promise<number | null> {
  return new Promise((resolve) => {
    const p = spawn(cmd, argv, { cwd, stdio: ['ignore', 'inherit', 'inherit'], timeout: QEMU_TIMEOUT_MS });
    p.on('close', (code) => resolve(p.killed ? null : code));
  });
}

const started = Date.now();
const tmp = mkdtempSync(join(tmpdir(), 'twostage-fp-'));
const vecs = ops.map((op) => vectors(op, op.count, SEED));
const total = vecs.reduce((s, v) => s + v.length, 0);
writeFileSync(join(tmp, 'fp.S'), program(ops, total));
writeFileSync(join(tmp, 'in.bin'), records(ops, vecs));
for (const [tool, argv] of [
  ['aarch64-linux-gnu-as', ['fp.S', '-o', 'fp.o']],
  ['aarch64-linux-gnu-ld', ['--no-warn-rwx-segments', '--build-id=none', `-Ttext=0x40080000`, 'fp.o', '-o', 'fp.elf']],
] as const) {
  const r = spawnSync(tool, argv, { cwd: tmp, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`fp-record: ${tool} failed\n${r.stderr}`);
    process.exit(1);
  }
}
const status = await run('qemu-system-aarch64', [
  '-M', 'virt,virtualization=on', '-cpu', 'cortex-a57', '-m', '1G', '-nographic', '-semihosting',
  '-device', `loader,file=in.bin,addr=0x${IN_ADDR.toString(16)},force-raw=on`, '-kernel', 'fp.elf',
], tmp);
if (status !== 0) {
  console.error(`fp-record: QEMU ${status === null ? 'timed out' : `exited with status ${status}`}`);
  process.exit(1);
}
const out = readFileSync(join(tmp, 'results.bin'));
rmSync(tmp, { recursive: true, force: true });
if (out.length !== total * RESULT) {
  console.error(`fp-record: QEMU wrote ${out.length} bytes, expected ${total * RESULT}`);
  process.exit(1);
}

mkdirSync(RECORD_DIR, { recursive: true });
const problems: string[] = [];
let at = 0;
ops.forEach((op, i) => {
  const v = vecs[i]!;
  const results: bigint[] = [];
  const fpsr = new Uint8Array(v.length);
  for (let k = 0; k < v.length; k++, at += RESULT) {
    results.push(out.readBigUInt64LE(at));
    const f = out.readUInt32LE(at + 8);
    if ((f & ~FPSR_FLAGS) !== 0) problems.push(`${op.name}[${k}]: FPSR 0x${f.toString(16)} has bits outside the flags`);
    fpsr[k] = f;
  }
  const limit = op.resBits === 64 ? 0xffff_ffff_ffff_ffffn : (1n << BigInt(op.resBits)) - 1n;
  const wide = results.findIndex((r) => r > limit);
  if (wide >= 0) problems.push(`${op.name}[${wide}]: result 0x${results[wide]!.toString(16)} wider than ${op.resBits} bits`);
  const prefix = Math.ceil(v.length / PREFIX_PART);
  const rec = { seed: SEED, hash: vectorHash(v), prefix, prefixHash: vectorHash(v.slice(0, prefix)), results, fpsr };
  if (!check) {
    writeRecording(op.name, op.resBits, rec);
    return;
  }
  const old = readRecording(op.name);
  if (old === undefined) problems.push(`${op.name}: no recording`);
  else if (old.hash !== rec.hash || old.results.length !== results.length) problems.push(`${op.name}: the recorded inputs differ from vectors.ts`);
  else {
    const diff = results.findIndex((r, k) => r !== old.results[k] || fpsr[k] !== old.fpsr[k]);
    if (diff >= 0) problems.push(`${op.name}[${diff}]: QEMU now gives 0x${results[diff]!.toString(16)} fpsr 0x${fpsr[diff]!.toString(16)}`);
  }
});
for (const p of problems) console.log(p);
const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`fp-record: ${check ? 'checked' : 'recorded'} ${total} results of ${ops.length} operations in ${secs} s`);
process.exit(problems.length > 0 ? 1 : 0);
