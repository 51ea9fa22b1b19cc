// `twostage run --gdb`: gdb-multiarch steps the reference hypervisor through a switch between two contexts — the
// ELF of `twostage build` (the same image `run` builds) gives gdb the hypervisor's symbols. gdb's own output is the
// check: the outgoing and incoming VTTBR_EL2 carry different VMIDs, the ERET lands at the ELR_EL2 gdb read before it,
// at EL0 or EL1, and the run's report (verdicts) follows the session.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI } from '../helpers/cli.ts';
import { gdbTarget } from '../helpers/gdb-target.ts';

const has = (tool: string): boolean => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
const TOOLS = has('gdb-multiarch') && has('aarch64-linux-gnu-objdump');

/** The address of the first ERET at or after symbol `from` in the ELF's disassembly. */
function eretAfter(elf: string, from: string): string {
  const dis = execFileSync('aarch64-linux-gnu-objdump', ['-d', elf], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const start = dis.indexOf(`<${from}>:`);
  assert.ok(start >= 0, `no symbol ${from}`);
  const m = /^\s*([0-9a-f]+):\s+d69f03e0\s+eret/m.exec(dis.slice(start));
  assert.ok(m !== null, `no eret after ${from}`);
  return m[1]!;
}

test('gdb-multiarch steps the hypervisor of `twostage run --gdb` through a switch between contexts', { timeout: 120_000 }, async (t) => {
  if (!TOOLS) return t.skip('skipped: gdb-multiarch or aarch64-linux-gnu-objdump is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'gdbrun-'));
  const elf = join(dir, 'seed.elf');
  execFileSync(process.execPath, [...CLI, 'build', 'scenarios/seed.yaml', '-o', elf]);
  const eret = eretAfter(elf, 'enter');
  const target = await gdbTarget(['run', 'scenarios/seed.yaml', '--no-timeline']);
  const cmds = [
    `target remote :${target.port}`,
    'break switch_to if $x19 != 0', // a switch with an outgoing context
    'continue',
    'p/x ($VTTBR_EL2 >> 48) & 0xff', // the outgoing context's VMID
    'delete',
    `break *0x${eret}`,
    'continue',
    'p/x ($VTTBR_EL2 >> 48) & 0xff', // the incoming context's
    'p/x $ELR_EL2',
    'stepi',
    'p/x $pc',
    'p/x ($cpsr >> 2) & 3',
    'delete',
    'continue',
  ];
  const gdb = spawnSync('gdb-multiarch', ['-batch', '-nx', ...cmds.flatMap((c) => ['-ex', c]), elf], { encoding: 'utf8', timeout: 90_000 });
  const out = gdb.stdout + gdb.stderr;
  const status = await target.exited;
  const targetOut = target.out();
  const targetErr = target.err();
  const values = out.split('\n').filter((l) => /^\$\d+ = /.test(l)).map((l) => l.replace(/^\$\d+ = /, ''));
  assert.equal(values.length, 5, out);
  const [vmidOut, vmidIn, elr, pc, el] = values;
  assert.notEqual(vmidOut, vmidIn, `a switch changes VTTBR_EL2.VMID:\n${out}`);
  assert.equal(pc, elr, `the ERET lands at ELR_EL2:\n${out}`);
  assert.ok(el === '0x0' || el === '0x1', `into EL0 or EL1:\n${out}`);
  assert.match(out, /Breakpoint 1, .*switch_to/, out);
  assert.match(out, /\[Inferior 1 \(Remote target\) exited normally\]/, out); // status 0
  assert.equal(status, 0, `stdout:\n${targetOut}\nstderr:\n${targetErr}`);
  assert.match(targetOut, /PASS/, targetOut);
  assert.doesNotMatch(targetOut, /FAIL/, targetOut);
});

test('run --gdb refuses what it cannot serve: a bad address, -S alone, every hosting mode at once', () => {
  for (const args of [['--gdb', 'tcp::0'], ['-S'], ['--gdb', 'tcp::1234', '--hosting', 'all']]) {
    const r = spawnSync(process.execPath, [...CLI, 'run', 'scenarios/seed.yaml', ...args], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /--gdb|-S/, r.stderr);
  }
});
