// Issue 17: Debian's kernel as a VM of the reference hypervisor (`npm run test:linux`: minutes, not part of npm test).
// Puts the cached Image and a busybox initramfs where scenarios/linux.yaml names them, runs `twostage run` on it, and
// checks that Linux boots to its busybox /init and powers its VM off: its console through the emulated PL011, prefixed
// by the VM's name, next to the native app's and the assembly VM's output; its GIC distributor emulated, its GICC the
// machine's GICV, its virtual timer ticking through a list register; PSCI answered by the hypervisor; no access denied.
// Says "skipped" without the kernel.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { busyboxInitramfs } from './initramfs.ts';
import { CLI } from '../helpers/cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = process.env.TWOSTAGE_LINUX_DIR ?? join(homedir(), '.cache/twostage/linux');
const IMAGE = join(DIR, 'Image');
const BUSYBOX = join(DIR, 'busybox');
const FILES = join(ROOT, 'scenarios/linux');

const missing = !existsSync(IMAGE) || !existsSync(BUSYBOX) ? `skipped: no kernel/busybox in ${DIR} (run scripts/linux-fetch.sh)` : false;

test('scenarios/linux.yaml: Linux boots to its busybox /init and powers its VM off, beside the app and the assembly VM', { skip: missing }, (t) => {
  mkdirSync(FILES, { recursive: true });
  rmSync(join(FILES, 'Image'), { force: true });
  symlinkSync(IMAGE, join(FILES, 'Image'));
  writeFileSync(join(FILES, 'initramfs.cpio'), busyboxInitramfs(readFileSync(BUSYBOX)));
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [...CLI, 'run', 'scenarios/linux.yaml'] /* the scenario's max_insns: about twice the 0.94 G it takes */, {
    cwd: ROOT, encoding: 'latin1', timeout: 30 * 60_000, maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'],
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
  // the GIC driver found the emulated distributor, the virtual timer ticks (the clocksource switch waits on jiffies)
  for (const want of ['Root IRQ handler: gic_handle_irq', 'arch_timer: cp15 timer(s) running at 62.50MHz (virt).', 'clocksource: Switched to clocksource arch_sys_counter', 'Run /init as init process', 'reboot: Power down']) {
    assert.ok(kernel.some((l) => l.startsWith(want)), `the kernel printed "${want}":\n${kernel.join('\n')}`);
  }
  // the busybox /init's own output (test/linux/initramfs.ts BUSYBOX_INIT), then PSCI SYSTEM_OFF ends the VM only
  for (const want of [
    '[linux] busybox sh running',
    '[linux] edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb  -',
    '[linux] twostage twostage twostage',
    '[linux] the end',
    '[linux] psci SYSTEM_OFF: the VM is off',
  ]) assert.ok(lines.includes(want), `the VM printed "${want}"`);
  assert.match(r.stdout, /denied accesses in the hypervisor's log: 0 /, 'no access of any context was denied');
  assert.ok(lines.includes('[app] exit 0x0000000000000000'), 'the native app ran to its exit');
  assert.ok(lines.includes('[vm1] exit 0x0000000000000000'), 'the assembly VM ran to its exit');
  assert.ok(kernel.length > 40, `${kernel.length} kernel lines`);
  assert.doesNotMatch(r.stdout, /\[FAIL\]/, 'every verdict passes');
  assert.equal(r.status, 0, r.stderr);
});
