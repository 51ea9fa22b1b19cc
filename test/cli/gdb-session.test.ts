// The gdb stub with the real debugger: gdb-multiarch in batch mode against `twostage boot --gdb tcp::PORT -S` on a
// bare-metal ELF built by binutils — registers, memory read and write, breakpoints, watchpoints, single steps, Ctrl-C, continue to the
// guest's exit. gdb's own output is the check: what it prints is what it understood of our packets.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gdbTarget } from '../helpers/gdb-target.ts';

const has = (tool: string): boolean => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
const TOOLS = has('gdb-multiarch') && has('aarch64-linux-gnu-as') && has('aarch64-linux-gnu-ld');

const PROG = `
.global _start
_start:
    mov x0, #5
    mov x1, #7
loop:
    add x2, x0, x1
    adr x3, data
    str x2, [x3]
    ldr x4, [x3]
    mov x0, #0x18
    adr x1, args
    hlt #0xf000
.data
.balign 8
data: .quad 0
args: .quad 0x20026, 3
`;

/**
 * Run `cmds` in gdb-multiarch against `twostage boot --gdb -S` on `prog`; twostage's exit status and gdb's output.
 * `interruptAfterMs`: send gdb SIGINT (the user's Ctrl-C, which gdb passes on to the target as ^C) that long after it starts.
 */
async function session(cmds: string[], prog = PROG, interruptAfterMs?: number): Promise<{ status: number | null; out: string; targetErr: string; elf: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'gdbstub-'));
  writeFileSync(join(dir, 'p.S'), prog);
  execFileSync('aarch64-linux-gnu-as', ['-g', '-o', join(dir, 'p.o'), join(dir, 'p.S')]);
  execFileSync('aarch64-linux-gnu-ld', ['-Ttext=0x40080000', '-e', '_start', '-o', join(dir, 'p.elf'), join(dir, 'p.o')]);
  const target = await gdbTarget(['boot', join(dir, 'p.elf')]);
  const all = [`target remote :${target.port}`, ...cmds];
  const gdb = spawn('gdb-multiarch', ['-batch', '-nx', ...all.flatMap((c) => ['-ex', c]), join(dir, 'p.elf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  gdb.stdout.on('data', (d: Buffer) => (out += d.toString()));
  gdb.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const timers = [setTimeout(() => gdb.kill('SIGKILL'), 30_000)];
  if (interruptAfterMs !== undefined) timers.push(setTimeout(() => gdb.kill('SIGINT'), interruptAfterMs));
  await new Promise((r) => gdb.on('close', r));
  for (const t of timers) clearTimeout(t);
  return { status: await target.exited, out, targetErr: target.err(), elf: join(dir, 'p.elf') };
}

test('gdb-multiarch session: registers, memory, breakpoint, stepi, continue to exit', { timeout: 60_000 }, async (t) => {
  if (!TOOLS) return t.skip('skipped: gdb-multiarch or aarch64-linux-gnu-as/ld is not installed');
  const { status, out, targetErr, elf } = await session([
    'p/x $pc',
    'break loop',
    'continue',
    'p/x $x0 + $x1',
    'stepi',
    'p/x $x2',
    'stepi 2',
    'x/gx &data',
    'set var *(long *)&data = 0x1234abcd',
    'stepi',
    'p/x $x4',
    'p/x $cpsr & 0xf',
    'monitor xp 40080000 4',
    'monitor walk 40080000 exec',
    'monitor tlb',
    'monitor walk zz',
    'continue',
  ]);
  assert.equal(status, 3, `twostage's exit status is the guest's; stderr:\n${targetErr}\ngdb:\n${out}`);
  const lines = out.split('\n');
  const values = lines.filter((l) => /^\$\d+ = /.test(l)).map((l) => l.replace(/^\$\d+ = /, ''));
  // pc at reset (the ELF entry); x0+x1 at the breakpoint; x2 after one step; x4 loaded after gdb's write; EL2h
  assert.deepEqual(values, ['0x40080000', '0xc', '0xc', '0x1234abcd', '0x9'], out);
  assert.match(out, /Breakpoint 1, loop \(\) at .*p\.S:7/);
  assert.match(out, /^0x[0-9a-f]+(?: <data>)?:\s+0x000000000000000c$/m);
  assert.match(out, /^0000000040080000: a0 00 80 d2$/m); // mov x0, #5
  // the walk report is `twostage walk`'s at the same PC (EL2, MMU off: the VA is the PA), the TLB listing its own
  assert.match(out, /^TLB: \d+ valid entr(y|ies) of \d+$/m, out);
  assert.match(out, /^usage: monitor walk VA \[read\|write\|exec\] \[EL\]/m, out);
  const walkCli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'walk', elf, '--until', '0x40080018', '--va', '0x40080000', '--access', 'exec'], { encoding: 'utf8' });
  const report = walkCli.stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('TLB') && !l.startsWith('  '));
  assert.ok(report.length > 0, walkCli.stdout + walkCli.stderr);
  for (const line of report) assert.ok(out.includes(line), `monitor walk lacks the line of twostage walk: ${line}\n${out}`);
  assert.match(out, /\[Inferior 1 \(Remote target\) exited with code 03\]/);
});

test('gdb-multiarch watchpoints: watch stops at the store, rwatch at the load, before the access; gdb steps over', { timeout: 60_000 }, async (t) => {
  if (!TOOLS) return t.skip('skipped: gdb-multiarch or aarch64-linux-gnu-as/ld is not installed');
  const { status, out, targetErr } = await session([
    'watch *(long *)&data',
    'continue',
    'p/x $pc - (long)&loop', // gdb stepped over `str x2, [x3]` (loop + 8): now at loop + 12
    'delete',
    'rwatch *(long *)&data',
    'continue',
    'p/x $pc - (long)&loop', // and over `ldr x4, [x3]`
    'p/x $x4',
    'delete',
    'continue',
  ]);
  assert.equal(status, 3, `stderr:\n${targetErr}\ngdb:\n${out}`);
  assert.match(out, /Hardware watchpoint 1: \*\(long \*\)&data\s+Old value = 0\s+New value = 12/, out);
  assert.match(out, /Hardware read watchpoint 2: \*\(long \*\)&data\s+Value = 12/, out);
  const values = out.split('\n').filter((l) => /^\$\d+ = /.test(l)).map((l) => l.replace(/^\$\d+ = /, ''));
  assert.deepEqual(values, ['0xc', '0x10', '0xc'], out);
  assert.match(out, /\[Inferior 1 \(Remote target\) exited with code 03\]/);
});

test('gdb-multiarch access watchpoints stop at the store and at the load; one on bytes only the debugger reads never stops', { timeout: 60_000 }, async (t) => {
  if (!TOOLS) return t.skip('skipped: gdb-multiarch or aarch64-linux-gnu-as/ld is not installed');
  const { status, out, targetErr } = await session([
    'awatch *(long *)&data',
    'continue',
    'continue',
    'delete',
    'watch *(long *)&args', // read by the semihosting call as a debugger access: no stop
    'continue',
  ]);
  assert.equal(status, 3, `stderr:\n${targetErr}\ngdb:\n${out}`);
  const hits = out.match(/Hardware access \(read\/write\) watchpoint 1: \*\(long \*\)&data\s+(Old value = 0\s+New value = 12|Value = 12)/g) ?? [];
  assert.equal(hits.length, 2, out);
  assert.match(hits[0]!, /New value = 12/);
  assert.doesNotMatch(out, /Hardware watchpoint 2: \*\(long \*\)&args\s+Old value/, out);
  assert.match(out, /\[Inferior 1 \(Remote target\) exited with code 03\]/);
});

test('gdb-multiarch Ctrl-C stops a target that runs forever, where it runs; kill ends it', { timeout: 60_000 }, async (t) => {
  if (!TOOLS) return t.skip('skipped: gdb-multiarch or aarch64-linux-gnu-as/ld is not installed');
  const spin = `
.global _start
_start:
    mov x0, #0
spin:
    add x0, x0, #1
    b spin
`;
  const { status, out } = await session(['continue', 'p/x $pc - (long)&spin', 'p $x0 > 1000', 'kill'], spin, 3000);
  assert.match(out, /Program received signal SIGINT/, out);
  const values = out.split('\n').filter((l) => /^\$\d+ = /.test(l)).map((l) => l.replace(/^\$\d+ = /, ''));
  assert.ok(values[0] === '0x0' || values[0] === '0x4', `stopped inside the loop:\n${out}`);
  assert.equal(values[1], '1', `the loop ran before the interrupt:\n${out}`);
  assert.equal(status, 1, 'killed before the guest exited: status 1');
});
