// Keystrokes reach the guest's PL011 as on QEMU -nographic: fixtures/uart-echo.S reads three bytes from the UART and
// writes each plus one. Piped into `twostage boot` (and, where installed, into QEMU) "abc" comes back as "bcd"; typed
// on a terminal (a pseudo-terminal made by script(1), util-linux) too, where Ctrl-A x stops the run.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { assemble } from '../../src/asm/assemble.ts';
import { elfImage } from '../../src/cli/asm.ts';
import { CLI } from '../helpers/cli.ts';
import { exitWithin } from '../helpers/child.ts';
import { haveScript, onTerminal } from '../helpers/terminal.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'test/cli/fixtures/uart-echo.S');

function echoElf(): string {
  const r = assemble(SRC, readFileSync(SRC, 'utf8'));
  assert.deepEqual(r.diagnostics, []);
  const file = join(mkdtempSync(join(tmpdir(), 'twostage-echo-')), 'echo.elf');
  writeFileSync(file, elfImage(r));
  return file;
}

test('boot: stdin feeds the PL011 receive FIFO', () => {
  const r = spawnSync(process.execPath, [...CLI, 'boot', echoElf()], { cwd: ROOT, input: 'abc', encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.stdout, 'bcd');
  assert.equal(r.status, 0);
});

test('QEMU, given the same stdin, prints the same bytes', (t) => {
  if (spawnSync('qemu-system-aarch64', ['--version'], { stdio: 'ignore' }).status !== 0) return t.skip('skipped: no qemu-system-aarch64');
  const r = spawnSync('qemu-system-aarch64', ['-M', 'virt,virtualization=on', '-cpu', 'cortex-a57', '-nographic', '-semihosting', '-kernel', echoElf()], { input: 'abc', encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.stdout, 'bcd');
  assert.equal(r.status, 0);
});

test('boot ends when its guest does, though stdin stays open and silent (the keyboard reader never holds the exit)', async () => {
  // bench/loop.elf outlasts the run's first slice, so stdin is read between slices; it is a pipe nobody writes or
  // closes. A read(2) of fd 0 that waited would hold the run or its exit (stop 39: a build whose main thread never
  // made process.stdin left fd 0 blocking, and `boot` hung at its end until stdin closed).
  const child = spawn(process.execPath, [...CLI, 'boot', 'bench/loop.elf'], { cwd: ROOT, stdio: ['pipe', 'ignore', 'inherit'] });
  const status = await exitWithin(child);
  child.stdin!.destroy();
  assert.equal(status, 0);
});

test('boot on a terminal: keystrokes reach the guest through the reader thread, and Ctrl-A x stops the run', async (t) => {
  if (!haveScript()) return t.skip('skipped: no script(1) (util-linux)');
  const echo = echoElf();
  const typed = await onTerminal([...CLI, 'boot', echo], 'abc', ROOT);
  assert.equal(typed.status, 0);
  assert.match(typed.out, /bcd$/); // the terminal echoes "abc" itself while the line discipline is still cooked
  const stopped = await onTerminal([...CLI, 'boot', echo], '\x01x', ROOT); // Ctrl-A x before the guest got its three bytes
  assert.match(stopped.out, /stopped by Ctrl-A x/);
  assert.notEqual(stopped.status, 0);
});
