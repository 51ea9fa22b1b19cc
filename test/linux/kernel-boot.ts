// Debian's stock arm64 kernel on twostage against QEMU 7.2 (issue 14), `npm run test:linux` (minutes: not part of
// `npm test`). Needs the kernel fetched by scripts/linux-fetch.sh (.ci/run does it); says "skipped" without it.
// The initramfs holds the integer-only /init (init.S). Both machines boot
//   -M virt,virtualization=on,dtb-randomness=off -cpu cortex-a57 -m 512M -kernel Image -initrd I -append console=ttyAMA0
// and the kernel's lines up to "Run /init as init process" must be the same, timestamps aside, except the lines
// listed in DIFFERENT (each with its reason). Then /init runs (the kernel restores a task's FP/SIMD state on every
// return to user space, so this needs the SIMD&FP loads and stores) and powers the machine off. Then Debian's busybox:
// a shell script as /init, and an interactive ash that answers lines typed on the console, each compared with QEMU.
// Last, the GICv3 board (`--gic-version 3` against QEMU's `gic-version=3`, whose ITS Linux uses) the same way.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { busyboxInitramfs, integerInitramfs, interactiveInitramfs, userLines } from './initramfs.ts';
import { CLI } from '../helpers/cli.ts';
import { consoleSession } from './console-session.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = process.env.TWOSTAGE_LINUX_DIR ?? join(homedir(), '.cache/twostage/linux');
const IMAGE = join(DIR, 'Image');
const APPEND = 'console=ttyAMA0';
/** Instructions for twostage: it reaches "Run /init" after about 0.8 G (fewer with idle WFIs skipped). */
const BUDGET = 1_000_000_000;

/** Lines that differ for a reason, matched after the timestamp is removed. */
const DIFFERENT: readonly [RegExp, string][] = [
  [/^pci 0000:00:01\.0/, 'QEMU\'s PCIe bus holds the default virtio-net NIC at 00:01.0 (the model has the host bridge at 00:00.0 as QEMU, no NIC)'],
  [/^(NUMA: NODE_DATA \[mem |Memory: \d+K\/\d+K available )/, 'the unflattened device tree is smaller without the nodes of devices not modelled (32 virtio-mmio, fw-cfg, platform bus): 24 KiB less memory reserved'],
  [/^Trying to unpack rootfs image as initramfs\.\.\.$/, 'printed by an asynchronous initcall: its place among the other lines depends on timing'],
  [/^Freeing initrd memory: \d+K$/, 'printed when that asynchronous unpacking ends: with busybox\'s initramfs its place depends on timing'],
  [/^node 0 deferred pages initialised in \d+ms$/, 'wall-clock time'],
  [/^audit: type=2000 audit\([\d.]+:1\)/, 'wall-clock time'],
  [/^rtc-pl031 9010000\.pl031: setting system clock to /, 'QEMU\'s RTC starts at the host\'s time, the model\'s at 0'],
  [/^(Registered setend emulation handler|setend instruction emulation is not supported on this system)$/, 'the model is little-endian only (ID_AA64MMFR0_EL1.BigEnd = BigEndEL0 = 0; test/qemu/DEVIATIONS.md A2): Linux emulates SETEND only where EL0 may switch endianness (system_supports_mixed_endian_el0)'],
  [/^CPU features: detected: 32-bit EL[01] Support$/, 'the cortex-a57 profile implements AArch64 only (ID_AA64PFR0_EL1.EL0/EL1 = 0b0001; README deviation, test/qemu/DEVIATIONS.md A1)'],
];

function lines(log: string): string[] {
  const out: string[] = [];
  for (const l of log.split('\n')) {
    const t = l.replace(/^\[ *\d+\.\d+\] /, '').trimEnd();
    if (DIFFERENT.some(([re]) => re.test(t))) continue;
    out.push(t);
    if (t === 'Run /init as init process') break;
  }
  return out;
}

const missing = !existsSync(IMAGE) ? `skipped: no kernel at ${IMAGE} (run scripts/linux-fetch.sh, as .ci/run does)` : false;

let twostage: { stdout: string; stderr: string; status: number | null; seconds: number } | undefined;
function bootTwostage() {
  if (twostage !== undefined) return twostage;
  const initrd = join(mkdtempSync(join(tmpdir(), 'twostage-linux-')), 'initrd.gz');
  writeFileSync(initrd, integerInitramfs());
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [...CLI, 'boot', '--ram', '512', '--kernel', IMAGE, '--initrd', initrd, '--append', APPEND, '--max-insns', String(BUDGET)], {
    cwd: ROOT, encoding: 'latin1', timeout: 30 * 60_000, maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'],
  });
  twostage = { stdout: r.stdout, stderr: r.stderr, status: r.status, seconds: (Date.now() - t0) / 1000 };
  return twostage;
}

test('Debian\'s kernel prints on twostage what it prints on QEMU up to "Run /init" (listed differences aside)', { skip: missing }, (t) => {
  const ours = bootTwostage();
  t.diagnostic(`twostage: ${ours.seconds.toFixed(1)} s; ${ours.stderr.trim().split('\n').pop()}`);
  const initrd = join(mkdtempSync(join(tmpdir(), 'twostage-linux-')), 'initrd.gz');
  writeFileSync(initrd, integerInitramfs());
  if (spawnSync('qemu-system-aarch64', ['--version'], { stdio: 'ignore' }).status !== 0) return t.skip('skipped: no qemu-system-aarch64');
  const q = spawnSync('qemu-system-aarch64', ['-M', 'virt,virtualization=on,dtb-randomness=off', '-cpu', 'cortex-a57', '-m', '512M', '-nographic', '-kernel', IMAGE, '-initrd', initrd, '-append', APPEND], {
    encoding: 'latin1', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const theirs = lines(q.stdout);
  assert.ok(theirs.includes('Run /init as init process'), 'QEMU reaches /init');
  assert.deepEqual(lines(ours.stdout), theirs);
});

test('the integer-only /init runs and powers the machine off', { skip: missing }, () => {
  const ours = bootTwostage();
  assert.match(ours.stdout, /init: integer-only \/init running\r\n/); // the console turns \n into \r\n (ONLCR)
  assert.equal(ours.status, 0);
});

const BUSYBOX = join(DIR, 'busybox');

/** What /init printed: the console lines after "Run /init as init process" up to the power-off, timestamps dropped. */
test('busybox: a shell /init runs sha256sum, awk (floating point) and gzip, prints what it prints on QEMU, and powers off', { skip: missing || (!existsSync(BUSYBOX) && `skipped: no busybox at ${BUSYBOX}`) }, (t) => {
  const initrd = join(mkdtempSync(join(tmpdir(), 'twostage-linux-')), 'busybox.gz');
  writeFileSync(initrd, busyboxInitramfs(readFileSync(BUSYBOX)));
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [...CLI, 'boot', '--ram', '512', '--kernel', IMAGE, '--initrd', initrd, '--append', APPEND, '--max-insns', String(2 * BUDGET)], {
    cwd: ROOT, encoding: 'latin1', timeout: 30 * 60_000, maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.diagnostic(`twostage: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const ours = userLines(r.stdout);
  assert.ok(ours.includes('the end'), `the script ran to its end:\n${ours.join('\n')}`);
  assert.equal(r.status, 0, 'poweroff -f: PSCI SYSTEM_OFF, exit 0');
  if (spawnSync('qemu-system-aarch64', ['--version'], { stdio: 'ignore' }).status !== 0) return t.skip('skipped: no qemu-system-aarch64');
  const q = spawnSync('qemu-system-aarch64', ['-M', 'virt,virtualization=on,dtb-randomness=off', '-cpu', 'cortex-a57', '-m', '512M', '-nographic', '-kernel', IMAGE, '-initrd', initrd, '-append', APPEND], {
    encoding: 'latin1', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'],
  });
  assert.deepEqual(ours, userLines(q.stdout));
});

/** Lines typed into the interactive shell, each once the shell has printed its prompt ("# ") again. */
const TYPED = [
  'echo $((6 * 7))',
  'echo hellp\x7fo world', // a DEL erases the p: ash's line editing (its code uses Advanced SIMD)
  'cd /bin && pwd && ls | grep -c .',
  'for i in 1 2 3; do echo n$i; done | tac',
  'echo abc | sha256sum',
  'poweroff -f',
];

/** What `cmd` printed on its console while TYPED was typed at each "# " prompt, until it exited. */
async function session(cmd: string, args: string[], timeoutMs: number): Promise<string> {
  const r = await consoleSession(cmd, args, { cwd: ROOT, typed: TYPED.map((l) => l.replace('\\x7f', '\x7f')), prompt: /(^|\n)[/\w]* ?# $/, console: 'stdout', timeoutMs });
  return r.stdout;
}

test('busybox: an interactive shell answers typed commands (line editing included) as on QEMU, and powers off', { skip: missing || (!existsSync(BUSYBOX) && `skipped: no busybox at ${BUSYBOX}`) }, async (t) => {
  const initrd = join(mkdtempSync(join(tmpdir(), 'twostage-linux-')), 'interactive.gz');
  writeFileSync(initrd, interactiveInitramfs(readFileSync(BUSYBOX)));
  const t0 = Date.now();
  const ours = await session(process.execPath, [...CLI, 'boot', '--ram', '512', '--kernel', IMAGE, '--initrd', initrd, '--append', APPEND, '--max-insns', String(2 * BUDGET)], 30 * 60_000);
  t.diagnostic(`twostage: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const mine = userLines(ours);
  assert.ok(mine.includes('42') && mine.includes('hello world') && mine.includes('/bin'), `the shell answered:\n${mine.join('\n')}`);
  if (spawnSync('qemu-system-aarch64', ['--version'], { stdio: 'ignore' }).status !== 0) return t.skip('skipped: no qemu-system-aarch64');
  const q = await session('qemu-system-aarch64', ['-M', 'virt,virtualization=on,dtb-randomness=off', '-cpu', 'cortex-a57', '-m', '512M', '-nographic', '-kernel', IMAGE, '-initrd', initrd, '-append', APPEND], 120_000);
  assert.deepEqual(mine, userLines(q));
});

test('GICv3 (--gic-version 3 as QEMU gic-version=3): the kernel prints QEMU\'s lines up to "Run /init", the ITS among them, and busybox /init runs as on QEMU', { skip: missing || (!existsSync(BUSYBOX) && `skipped: no busybox at ${BUSYBOX}`) }, (t) => {
  const initrd = join(mkdtempSync(join(tmpdir(), 'twostage-linux-')), 'busybox.gz');
  writeFileSync(initrd, busyboxInitramfs(readFileSync(BUSYBOX)));
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [...CLI, 'boot', '--gic-version', '3', '--ram', '512', '--kernel', IMAGE, '--initrd', initrd, '--append', APPEND, '--max-insns', String(2 * BUDGET)], {
    cwd: ROOT, encoding: 'latin1', timeout: 30 * 60_000, maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.diagnostic(`twostage: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const ours = lines(r.stdout);
  // the ITS probed, its tables allocated in guest memory, and the MSI domains on it (the kernel's MAPC/SYNC/INVALL
  // went through the command queue: a stalled queue makes its_wait_for_range_completion print "ITS queue timeout")
  for (const re of [/^ITS@0x0000000008080000: allocated 8192 Devices @[0-9a-f]+ \(indirect, esz 8, psz 64K, shr 1\)$/, /^GICv3: CPU0: using allocated LPI pending table @/, /^PCI\/MSI: \/intc@8000000\/its@8080000 domain created$/]) {
    assert.ok(ours.some((l) => re.test(l)), `a line matching ${re}`);
  }
  assert.ok(!/ITS queue timeout|ITS cmd .* failed/.test(r.stdout), 'no ITS command timed out');
  assert.doesNotMatch(r.stderr, /ITS command/, 'the ITS ignored no command and did not stall');
  assert.ok(userLines(r.stdout).includes('the end'), 'the script ran to its end');
  assert.equal(r.status, 0, 'poweroff -f: PSCI SYSTEM_OFF, exit 0');
  if (spawnSync('qemu-system-aarch64', ['--version'], { stdio: 'ignore' }).status !== 0) return t.skip('skipped: no qemu-system-aarch64');
  const q = spawnSync('qemu-system-aarch64', ['-M', 'virt,virtualization=on,dtb-randomness=off,gic-version=3', '-cpu', 'cortex-a57', '-m', '512M', '-nographic', '-kernel', IMAGE, '-initrd', initrd, '-append', APPEND], {
    encoding: 'latin1', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'],
  });
  assert.ok(lines(q.stdout).includes('Run /init as init process'), 'QEMU reaches /init');
  assert.deepEqual(ours, lines(q.stdout));
  assert.deepEqual(userLines(r.stdout), userLines(q.stdout));
});
