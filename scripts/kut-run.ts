// kvm-unit-tests' arm/ suite on QEMU TCG and on twostage, one CPU each (issue 14).
//   npx tsx scripts/kut-run.ts [--dir DIR] [--markdown] [NAME...]      (npm run test:kut fetches and builds first)
// DIR: the build of scripts/kut-fetch.sh (default $TWOSTAGE_KUT_DIR or ~/.cache/twostage/kvm-unit-tests); the
// suite's code is never part of this repository. Every test of DIR/arm/unittests.cfg is booted the way the suite's
// own arm/run boots it (scripts/runtime.bash, scripts/arch-run.bash): on QEMU
//   qemu-system-aarch64 -nodefaults -machine virt,virtualization=on <qemu_params> -accel tcg -cpu cortex-a57
//     -device virtio-serial-device -device virtconsole,chardev=ctd -chardev testdev,id=ctd -device pci-testdev
//     -display none -serial stdio -kernel X.flat -smp 1 -append <test_args>
// (virtualization=on: the suite's EL2=y mode, so that both machines enter at EL2) and on
//   twostage boot --kernel X.flat --append <test_args> --ram <-m or 128> [--gic-version N] --device pci-testdev
// The verdict is run_test_status's: the first `EXIT: STATUS=n` line (printed by the suite's exit() before the
// chr-testdev / PSCI SYSTEM_OFF exit) gives 1 = PASS, 77 = SKIP, anything else FAIL; no such line is a FAIL. The
// per-check lines (PASS:/FAIL:/SKIP:/XFAIL:/XPASS: that report() prints) of the two runs are compared too.
// Tests needing several CPUs are run with one when unittests.cfg asks for $MAX_SMP (or a min with it), as the
// suite's runner does with MAX_SMP=1; a fixed smp > 1 is not run, nor are the migration tests (they need the
// suite's two-QEMU harness) or tests for another arch or accelerator. Prints one row per test and the figure
// "N of M tests that pass on QEMU TCG with one CPU pass on twostage"; exits 1 when a test passes on QEMU only and
// is not one of KNOWN (each with its reason, test/qemu/DEVIATIONS.md), or when one of KNOWN passes on twostage.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_RAM_MIB } from '../src/machine/virt.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** runtime.bash: a test's timeout unless unittests.cfg gives one. */
const DEFAULT_TIMEOUT_S = 90;
/** twostage's wall-clock allowance per test (it runs 10-100 times slower than QEMU TCG on some code). */
const TWOSTAGE_TIMEOUT_MS = 10 * 60_000;
const TWOSTAGE_BUDGET = 4_000_000_000;

/** Tests that pass on QEMU and not on twostage, for a feature twostage does not model (test/qemu/DEVIATIONS.md). */
const KNOWN: Readonly<Record<string, string>> = {};

interface UnitTest {
  readonly name: string;
  readonly file: string;
  readonly args: string;
  readonly smp: string;
  readonly qemuParams: string;
  readonly arch: string | undefined;
  readonly accel: string | undefined;
  readonly groups: readonly string[];
  readonly timeoutS: number;
}

interface Run {
  readonly verdict: string;
  readonly checks: readonly string[];
  readonly seconds: number;
  readonly note: string;
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The [sections] of unittests.cfg with the keys this runner uses. */
function parseConfig(text: string): UnitTest[] {
  const out: UnitTest[] = [];
  let cur: Record<string, string> | undefined;
  const flush = () => {
    if (cur?.name === undefined || cur.file === undefined) return;
    const timeout = /^(\d+)s?$/.exec(cur.timeout ?? '');
    out.push({
      name: cur.name, file: cur.file, args: cur.test_args ?? '', smp: cur.smp ?? '1', qemuParams: cur.qemu_params ?? '',
      arch: cur.arch, accel: cur.accel, groups: (cur.groups ?? '').split(/\s+/).filter((g) => g !== ''),
      timeoutS: timeout === null ? DEFAULT_TIMEOUT_S : Number(timeout[1]),
    });
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s*#.*/, '').trim();
    const section = /^\[(.+)\]$/.exec(line);
    if (section !== null) {
      flush();
      cur = { name: section[1]! };
      continue;
    }
    const kv = /^(\w+)\s*=\s*(.*)$/.exec(line);
    if (kv !== null && cur !== undefined) cur[kv[1]!] = kv[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  flush();
  return out;
}

/** smp with MAX_SMP = 1 (unittests.cfg writes $MAX_SMP, or $((($MAX_SMP < n)?$MAX_SMP:n)): both are 1). */
function cpus(smp: string): number {
  if (/^\d+$/.test(smp)) return Number(smp);
  if (/^\$MAX_SMP$|^\$\(\(\(\$MAX_SMP < \d+\)\?\$MAX_SMP:\d+\)\)$/.test(smp)) return 1;
  return Number.NaN;
}

/** Why a test is not run with one CPU on QEMU TCG, or undefined when it is. */
function notRun(t: UnitTest): string | undefined {
  const n = cpus(t.smp);
  if (n !== 1) return Number.isNaN(n) ? `smp = ${t.smp} not understood` : `needs ${n} CPUs (smp = ${t.smp})`;
  if (t.arch !== undefined && t.arch !== 'arm64') return `arch ${t.arch}`;
  if (t.accel !== undefined && t.accel !== 'tcg') return `accel = ${t.accel} only`;
  if (t.groups.includes('migration')) return "needs the suite's migration harness (two QEMUs)";
  return undefined;
}

/** Why twostage cannot run a test at all (a machine option it does not model), or undefined. */
function unsupported(t: UnitTest): string | undefined {
  if (/mte=on/.test(t.qemuParams)) return 'no -machine mte=on (MTE not modelled)';
  return undefined;
}

/** QEMU's `-machine gic-version=N` of a test as twostage's --gic-version (none: the default GICv2). */
function gicVersionOf(t: UnitTest): string[] {
  const v = /gic-version=(\w+)/.exec(t.qemuParams)?.[1];
  return v === undefined ? [] : ['--gic-version', v];
}

/** run_test_status: the first EXIT line's status; 1 is exit(0). */
function verdictOf(output: string, timedOut: boolean): string {
  const m = /^EXIT: STATUS=(\d+)/m.exec(output);
  if (m === null) return timedOut ? 'FAIL (timeout)' : 'FAIL (no EXIT)';
  const s = Number(m[1]);
  return s === 1 ? 'PASS' : s === 77 ? 'SKIP' : `FAIL (${s})`;
}

const CHECK = /^(PASS|FAIL|SKIP|XFAIL|XPASS): /;

function collect(stdout: string, stderr: string, timedOut: boolean, started: number): Run {
  const lines = stdout.replace(/\r/g, '').split('\n');
  const last = stderr.trim().split('\n').pop() ?? '';
  return { verdict: verdictOf(stdout, timedOut), checks: lines.filter((l) => CHECK.test(l)), seconds: (Date.now() - started) / 1000, note: last.slice(0, 160) };
}

function ramOf(t: UnitTest): string {
  return /(?:^|\s)-m\s+(\d+)/.exec(t.qemuParams)?.[1] ?? String(DEFAULT_RAM_MIB); // arm/run gives no -m: QEMU's default, twostage's too
}

function runQemu(t: UnitTest, flat: string): Run {
  const params = t.qemuParams.split(/\s+/).filter((s) => s !== '');
  const args = [
    '-nodefaults', '-machine', 'virt,virtualization=on', ...params, '-accel', 'tcg', '-cpu', 'cortex-a57',
    '-device', 'virtio-serial-device', '-device', 'virtconsole,chardev=ctd', '-chardev', 'testdev,id=ctd', '-device', 'pci-testdev',
    '-display', 'none', '-serial', 'stdio', '-kernel', flat, '-smp', '1', '-append', t.args,
  ];
  const started = Date.now();
  const r = spawnSync('qemu-system-aarch64', args, { encoding: 'latin1', timeout: t.timeoutS * 1000, stdio: ['ignore', 'pipe', 'pipe'] });
  return collect(r.stdout ?? '', r.stderr ?? '', r.error !== undefined, started);
}

function runTwostage(t: UnitTest, flat: string): Run {
  const args = [
    'bin/twostage.js', 'boot', '--kernel', flat, '--append', t.args, '--ram', ramOf(t), ...gicVersionOf(t), '--device', 'pci-testdev',
    '--max-insns', String(TWOSTAGE_BUDGET),
  ];
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'latin1', timeout: TWOSTAGE_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
  return collect(r.stdout ?? '', r.stderr ?? '', r.error !== undefined, started);
}

/** The first check line where the two runs differ ("QEMU line | twostage line"), or '' when they agree. */
function firstDifference(a: readonly string[], b: readonly string[]): string {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `${a[i] ?? '(none)'} | ${b[i] ?? '(none)'}`;
  }
  return '';
}

function main(): number {
  const dir = option('--dir') ?? process.env.TWOSTAGE_KUT_DIR ?? join(homedir(), '.cache/twostage/kvm-unit-tests');
  const cfg = join(dir, 'arm/unittests.cfg');
  if (!existsSync(cfg)) {
    console.error(`kut-run: ${cfg}: not found (run scripts/kut-fetch.sh first, or give --dir DIR)`);
    return 2;
  }
  const only = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--dir');
  const tests = parseConfig(readFileSync(cfg, 'utf8')).filter((t) => only.length === 0 || only.includes(t.name));
  const unknown = only.filter((n) => !tests.some((t) => t.name === n));
  if (unknown.length > 0) {
    console.error(`kut-run: no such test in ${cfg}: ${unknown.join(', ')}`);
    return 2;
  }
  const rows: string[] = ['| test | QEMU | twostage | first differing check line (QEMU \\| twostage) |', '|---|---|---|---|'];
  let qemuPasses = 0;
  let bothPass = 0;
  const onlyQemu: string[] = [];
  const unexpected: string[] = [];
  for (const t of tests) {
    const why = notRun(t);
    if (why !== undefined) {
      rows.push(`| ${t.name} | not run | not run | ${why} |`);
      console.error(`${t.name}: not run: ${why}`);
      continue;
    }
    const flat = join(dir, 'arm', t.file);
    const q = runQemu(t, flat);
    const missing = unsupported(t);
    const o = missing === undefined ? runTwostage(t, flat) : undefined;
    const ours = o === undefined ? 'not run' : o.verdict;
    const qemuStopped = q.verdict.startsWith('FAIL (no EXIT') ? `QEMU: ${q.note}` : ''; // e.g. a machine option it refuses
    const diff = o === undefined ? (KNOWN[t.name] ?? (qemuStopped || missing) ?? '') : firstDifference(q.checks, o.checks) || (KNOWN[t.name] ?? '');
    if (q.verdict === 'PASS') {
      qemuPasses++;
      if (o?.verdict === 'PASS') bothPass++;
      else onlyQemu.push(t.name);
      if ((o?.verdict === 'PASS') === (KNOWN[t.name] !== undefined)) unexpected.push(t.name);
    }
    const time = o === undefined ? '' : ` (${o.seconds.toFixed(1)} s${o.verdict.startsWith('FAIL') && o.note !== '' ? `; ${o.note}` : ''})`;
    rows.push(`| ${t.name} | ${q.verdict} (${q.checks.length} checks) | ${ours}${o === undefined ? '' : ` (${o.checks.length} checks)`} | ${diff.replace(/\|/g, '\\|')} |`);
    console.error(`${t.name}: qemu ${q.verdict} [${q.seconds.toFixed(1)} s], twostage ${ours}${time}${diff === '' ? '' : `; ${diff}`}`);
  }
  console.log(rows.join('\n'));
  console.log(`\n${bothPass} of ${qemuPasses} tests that pass on QEMU TCG with one CPU pass on twostage${onlyQemu.length > 0 ? ` (not: ${onlyQemu.join(', ')})` : ''}`);
  for (const name of unexpected) {
    console.log(KNOWN[name] === undefined ? `kut-run: ${name} passes on QEMU only, unexpectedly` : `kut-run: ${name} now passes on twostage: remove it from KNOWN and DEVIATIONS.md`);
  }
  return unexpected.length > 0 ? 1 : 0;
}

process.exitCode = main();
