// Issue 17: Debian's kernel as a VM of the reference hypervisor (`npm run test:linux`: minutes, not part of npm test).
// Puts the cached Image and a busybox initramfs with an interactive ash where scenarios/linux.yaml names them, runs
// `twostage run` on it with commands typed on its stdin at each prompt (the scenario's `input` VM receives them through
// its emulated PL011's receive side and SPI 1, injected through a list register), and checks that Linux boots to the
// shell, answers and powers its VM off: its console through the emulated PL011, prefixed
// by the VM's name, next to the native app's and the assembly VM's output; its GIC distributor emulated, its GICC the
// machine's GICV, its virtual timer ticking through a list register; PSCI answered by the hypervisor; no access denied.
// Says "skipped" without the kernel.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { interactiveInitramfs } from './initramfs.ts';
import { consoleSession } from './console-session.ts';
import { CLI } from '../helpers/cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = process.env.TWOSTAGE_LINUX_DIR ?? join(homedir(), '.cache/twostage/linux');
const IMAGE = join(DIR, 'Image');
const BUSYBOX = join(DIR, 'busybox');
const FILES = join(ROOT, 'scenarios/linux');

const missing = !existsSync(IMAGE) || !existsSync(BUSYBOX) ? `skipped: no kernel/busybox in ${DIR} (run scripts/linux-fetch.sh)` : false;

/** Typed into the VM's shell, each once it has prompted again: an echo, a computation, then the VM's power-off. */
const TYPED = ['echo hello from $(uname -s)', 'echo $((6 * 7)) $((0x10 + 1))', 'poweroff -f'];

test('scenarios/linux.yaml: Linux boots to a busybox shell that answers typed commands and powers its VM off, beside the app and the assembly VM', { skip: missing }, async (t) => {
  mkdirSync(FILES, { recursive: true });
  rmSync(join(FILES, 'Image'), { force: true });
  symlinkSync(IMAGE, join(FILES, 'Image'));
  writeFileSync(join(FILES, 'initramfs.cpio'), interactiveInitramfs(readFileSync(BUSYBOX)));
  const t0 = Date.now();
  // the scenario's max_insns: about twice what it takes; the VM's console comes on stderr as it runs, the report on stdout
  const r = await consoleSession(process.execPath, [...CLI, 'run', 'scenarios/linux.yaml'], {
    cwd: ROOT, typed: TYPED, prompt: /(^|\n)\[linux\] [/\w]* ?# $/, console: 'stderr', timeoutMs: 30 * 60_000,
  });
  t.diagnostic(`twostage run: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const lines = r.stdout.split('\n').map((l) => l.replace(/\r$/, '')); // the kernel's console writes CRLF
  const kernel = lines.filter((l) => l.startsWith('[linux] [')).map((l) => l.replace(/^\[linux\] \[ *\d+\.\d+\] /, ''));
  for (const want of [
    'Booting Linux on physical CPU 0x0000000000 [0x411fd070]',
    'Machine model: linux,dummy-virt',
    'earlycon: pl11 at MMIO 0x0000000009000000 (options \'\')',
    'psci: PSCIv1.0 detected in firmware.',
    'Kernel command line: earlycon=pl011,0x9000000 console=ttyAMA0',
    '  node   0: [mem 0x0000000040000000-0x000000004fffffff]',
  ]) assert.ok(kernel.includes(want), `the kernel printed "${want}":\n${kernel.join('\n')}`);
  // (the kernel's "reboot: Power down" does not come out after an interactive `poweroff -f`: the power-off is seen
  // by the hypervisor's SYSTEM_OFF line below)
  // the GIC driver found the emulated distributor, the virtual timer ticks (the clocksource switch waits on jiffies)
  for (const want of ['Root IRQ handler: gic_handle_irq', 'arch_timer: cp15 timer(s) running at 62.50MHz (virt).', 'clocksource: Switched to clocksource arch_sys_counter', 'Run /init as init process']) {
    assert.ok(kernel.some((l) => l.startsWith(want)), `the kernel printed "${want}":\n${kernel.join('\n')}`);
  }
  // the shell's answers to what was typed (each command echoed by the tty after its prompt and ash's cursor-position
  // query, ESC [6n), then PSCI SYSTEM_OFF ends the VM only
  assert.ok(lines.some((l) => /^\[linux\] \/ # (\x1b\[6n)?echo hello from \$\(uname -s\)$/.test(l)), 'the typed command was echoed after the prompt');
  for (const want of [
    '[linux] hello from Linux',
    '[linux] 42 17',
    '[linux] psci SYSTEM_OFF: the VM is off',
  ]) assert.ok(lines.includes(want), `the VM printed "${want}":\n${lines.filter((l) => l.startsWith('[linux]') && !l.startsWith('[linux] [')).join('\n')}`);
  assert.match(r.stdout, /denied accesses in the hypervisor's log: 0 /, 'no access of any context was denied');
  assert.ok(lines.includes('[app] exit 0x0000000000000000'), 'the native app ran to its exit');
  assert.ok(lines.includes('[vm1] exit 0x0000000000000000'), 'the assembly VM ran to its exit');
  assert.ok(kernel.length > 40, `${kernel.length} kernel lines`);
  assert.doesNotMatch(r.stdout, /\[FAIL\]/, 'every verdict passes');
  assert.equal(r.status, 0, r.stderr);
});
