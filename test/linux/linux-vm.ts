// Issue 17: Debian's kernel as a VM of the reference hypervisor (`npm run test:linux`: minutes, not part of npm test).
// Puts the cached Image and a busybox initramfs with an interactive ash where scenarios/linux.yaml names them, runs
// `twostage run` on it with commands typed on its stdin at each prompt (the scenario's `input` VM receives them through
// its emulated PL011's receive side and SPI 1, injected through a list register), and checks that Linux boots to the
// shell, answers and powers its VM off: its console through the emulated PL011, prefixed
// by the VM's name, next to the native app's and the assembly VM's output; its GIC distributor emulated, its GICC the
// machine's GICV, its virtual timer ticking through a list register; PSCI answered by the hypervisor; no access denied;
// the report's timeline, exits by reason with their rates and switch costs; `twostage audit` passing on the scenario.
// Then the image `twostage build` makes boots on QEMU (-icount shift=4) with the same lines typed: every context's
// console is the same but for the AArch32 lines listed below. Says "skipped" without the kernel (or without QEMU).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
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
  // the VM's console (printk.time=0 in its bootargs: no timestamps once the command line is parsed — the lines before
  // it, all at 0.000000, keep theirs — so that QEMU's is the same below)
  const kernel = lines.filter((l) => l.startsWith('[linux] ')).map((l) => l.slice('[linux] '.length).replace(/^\[ *0\.000000\] /, ''));
  for (const want of [
    'Booting Linux on physical CPU 0x0000000000 [0x411fd070]',
    'Machine model: linux,dummy-virt',
    'earlycon: pl11 at MMIO 0x0000000009000000 (options \'\')',
    'psci: PSCIv1.0 detected in firmware.',
    'Kernel command line: earlycon=pl011,0x9000000 console=ttyAMA0 printk.time=0',
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
  ]) assert.ok(lines.includes(want), `the VM printed "${want}":\n${kernel.slice(-20).join('\n')}`);
  assert.match(r.stdout, /denied accesses in the hypervisor's log: 0 /, 'no access of any context was denied');
  assert.ok(lines.includes('[app] exit 0x0000000000000000'), 'the native app ran to its exit');
  assert.ok(lines.includes('[vm1] exit 0x0000000000000000'), 'the assembly VM ran to its exit');
  assert.ok(kernel.length > 40, `${kernel.length} kernel lines`);
  assert.doesNotMatch(r.stdout, /\[FAIL\]/, 'every verdict passes');
  assert.equal(r.status, 0, r.stderr);
  // the report under a real guest's load: the timeline, the exits by reason per context in the manner of kvm_stat (the
  // Linux VM's virtual timer through its list register, its PL011 page emulated), the cost per switch kind, the verdicts
  assert.match(r.stdout, /^-- timeline /m, 'the timeline');
  const report = Buffer.from(r.stdout, 'latin1').toString('utf8'); // the session keeps bytes (latin1); the report is UTF-8
  const section = (title: string): string => report.slice(report.indexOf(`\n-- ${title}`)).split('\n\n')[0]!;
  const exitsText = section('exits to EL2 by reason');
  const exits = /^ {2}linux: (\d+) exits in [\d.]+ s of its own \((\d+)\/s\)$/m.exec(exitsText);
  assert.ok(exits !== null && Number(exits[1]) > 1000 && Number(exits[2]) > 0, `the Linux VM's exits and their rate:\n${exitsText}`);
  for (const reason of [/^ +\d+ +\d+\/s {2}IRQ: its virtual timer \(PPI 27, into its list register\)$/m, /^ +\d+ +\d+\/s {2}MMIO 0x9000000$/m]) {
    assert.match(exitsText, reason, 'an exit reason of the Linux VM with its count and rate');
  }
  const costs = section('cost per switch kind');
  for (const kind of ['vm→app', 'app→vm', 'lazy', 'fp']) {
    assert.match(costs, new RegExp(`^ {2}${kind} +×\\d+ +[\\d.]+ writes, [\\d.]+ barriers, [\\d.]+ TLBIs, [\\d.]+ insns$`, 'm'), `the cost of ${kind} switches:\n${costs}`);
  }
  assert.ok((section('verdict').match(/^ {2}\[PASS\] /gm) ?? []).length >= 4, `the verdicts:\n${section('verdict')}`);
  // the static audit of the same scenario: every context's allowed set holds
  const audit = spawnSync(process.execPath, [...CLI, 'audit', 'scenarios/linux.yaml'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(audit.status, 0, audit.stdout + audit.stderr);
  assert.match(audit.stdout, /^audit: no violation/m);

  // the same image on QEMU (`twostage build`), the same lines typed at the same prompts: every context's console is
  // the same, line for line (the contexts' lines interleave by where slices end, which -icount shift=4 ties to
  // instructions, but an idle VM's waits follow the host's clock on QEMU: compared per context)
  if (spawnSync('qemu-system-aarch64', ['--version'], { stdio: 'ignore' }).status !== 0) return t.skip('skipped: no qemu-system-aarch64');
  const elf = join(mkdtempSync(join(tmpdir(), 'twostage-linux-vm-')), 'linux.elf');
  const built = spawnSync(process.execPath, [...CLI, 'build', 'scenarios/linux.yaml', '-o', elf], { cwd: ROOT, encoding: 'latin1' });
  assert.equal(built.status, 0, built.stderr);
  const q = await consoleSession('qemu-system-aarch64', ['-M', 'virt,virtualization=on', '-cpu', 'cortex-a57', '-m', '512M', '-nographic', '-no-reboot', '-icount', 'shift=4', '-kernel', elf], {
    cwd: ROOT, typed: TYPED, prompt: /(^|\n)\[linux\] [/\w]* ?# $/, console: 'stdout', timeoutMs: 10 * 60_000,
  });
  const perContext = (text: string, name: string): string[] => text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.startsWith(`[${name}] `));
  // the one difference, and why: twostage's cortex-a57 is AArch64-only (ID_AA64PFR0_EL1.EL0/EL1 = 1; README
  // "Deviations", test/qemu/DEVIATIONS.md A1), QEMU's runs AArch32 at EL0 and EL1 — so the kernel detects 32-bit
  // EL0/EL1 support and registers the SETEND emulation on QEMU only, and says it cannot on twostage
  const onlyQemu = ['[linux] CPU features: detected: 32-bit EL0 Support', '[linux] CPU features: detected: 32-bit EL1 Support', '[linux] Registered setend emulation handler'];
  const onlyOurs = ['[linux] setend instruction emulation is not supported on this system'];
  const qemuLinux = perContext(q.stdout, 'linux');
  const oursLinux = perContext(r.stderr, 'linux');
  for (const l of onlyQemu) assert.ok(qemuLinux.includes(l) && !oursLinux.includes(l), `on QEMU only: ${l}`);
  for (const l of onlyOurs) assert.ok(oursLinux.includes(l) && !qemuLinux.includes(l), `on twostage only: ${l}`);
  assert.deepEqual(oursLinux.filter((l) => !onlyOurs.includes(l)), qemuLinux.filter((l) => !onlyQemu.includes(l)), 'linux: the same console on twostage and QEMU but for AArch32');
  for (const name of ['vm1', 'app', 'hyp']) {
    assert.deepEqual(perContext(r.stderr, name), perContext(q.stdout, name), `${name}: the same console on twostage and QEMU`);
  }
  t.diagnostic(`QEMU: ${qemuLinux.length} lines of the Linux VM's console equal to twostage's (AArch32's ${onlyQemu.length} + ${onlyOurs.length} apart)`);
});
