// kvm-unit-tests' arm/ suite on QEMU TCG and on twostage (issue 14), one CPU each.
//   npx tsx scripts/kvm-unit-tests.ts [--src DIR] [--build DIR] [NAME...]
// DIR: a kvm-unit-tests source tree (default $KVM_UNIT_TESTS_SRC); its code is never part of this repository. It is
// copied to a build directory and built there with Debian's gcc-aarch64-linux-gnu (`./configure --arch=arm64
// --cross-prefix=aarch64-linux-gnu-; make`) unless the build directory already holds arm/*.flat. Every test of
// arm/unittests.cfg that runs on one CPU is booted like arm/run boots it — the .flat as `-kernel`, test_args as
// `-append`, its qemu_params — on `qemu-system-aarch64 -M virt,virtualization=on -cpu cortex-a57 -m 256M` and on
// `twostage boot --kernel`; a test passes when it prints `EXIT: STATUS=1` (exit code 0) and is skipped (SKIP) when
// it prints `EXIT: STATUS=77`. Prints one line per test and how many pass on both.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const QEMU_TIMEOUT_MS = 120_000;
const TWOSTAGE_BUDGET = 2_000_000_000;

interface UnitTest {
  readonly name: string;
  readonly file: string;
  readonly args: string;
  readonly smp: string;
  readonly qemuParams: string;
  readonly arch?: string;
  readonly accel?: string;
  readonly groups: string;
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
    if (cur?.name !== undefined && cur.file !== undefined) {
      out.push({ name: cur.name, file: cur.file, args: cur.test_args ?? '', smp: cur.smp ?? '1', qemuParams: cur.qemu_params ?? '', arch: cur.arch, accel: cur.accel, groups: cur.groups ?? '' });
    }
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
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

/** smp with MAX_SMP = 1 (the expressions unittests.cfg uses: $MAX_SMP, or $((($MAX_SMP < n)?$MAX_SMP:n))). */
function cpus(smp: string): number {
  if (/^\d+$/.test(smp)) return Number(smp);
  if (smp.includes('$MAX_SMP')) return 1;
  return Number.NaN;
}

function status(output: string): number | undefined {
  const m = /EXIT: STATUS=(\d+)/.exec(output);
  return m === null ? undefined : Number(m[1]);
}

function build(src: string): string {
  const dir = option('--build') ?? mkdtempSync(join(tmpdir(), 'kvm-unit-tests-'));
  if (existsSync(join(dir, 'arm')) && readdirSync(join(dir, 'arm')).some((f) => f.endsWith('.flat'))) return dir;
  cpSync(src, dir, { recursive: true });
  const sh = (cmd: string) => {
    const r = spawnSync('bash', ['-c', cmd], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr.slice(-2000)}`);
  };
  sh('./configure --arch=arm64 --cross-prefix=aarch64-linux-gnu-');
  sh('make -j2');
  return dir;
}

function main(): number {
  const src = option('--src') ?? process.env.KVM_UNIT_TESTS_SRC;
  if (src === undefined || !existsSync(join(src, 'arm/unittests.cfg'))) {
    console.log('kvm-unit-tests: skipped: no source tree (give --src DIR or KVM_UNIT_TESTS_SRC; the suite is fetched, never committed)');
    return 0;
  }
  const dir = build(src);
  const only = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  const tests = parseConfig(readFileSync(join(dir, 'arm/unittests.cfg'), 'utf8')).filter((t) => only.length === 0 || only.includes(t.name));
  let both = 0;
  let ran = 0;
  for (const t of tests) {
    const n = cpus(t.smp);
    const why =
      n !== 1 ? `${t.smp} CPUs`
      : t.arch !== undefined && t.arch !== 'arm64' ? `arch ${t.arch}`
      : t.accel !== undefined && t.accel !== 'tcg' ? `accel ${t.accel}`
      : t.groups.split(/\s+/).includes('migration') ? 'needs the suite\'s migration harness (two QEMUs)'
      : undefined;
    if (why !== undefined) {
      console.log(`${t.name.padEnd(34)} not run: ${why}`);
      continue;
    }
    ran++;
    const flat = join(dir, 'arm', t.file);
    const extra = t.qemuParams.split(/\s+/).filter((s) => s !== '');
    const mem = /-m (\d+)/.exec(t.qemuParams)?.[1] ?? '256';
    const q = spawnSync('qemu-system-aarch64', ['-M', 'virt,virtualization=on', '-cpu', 'cortex-a57', '-m', `${mem}M`, '-nographic', ...extra.filter((_, i, a) => a[i] !== '-m' && a[i - 1] !== '-m'), '-kernel', flat, '-append', t.args], {
      encoding: 'latin1', timeout: QEMU_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const gic3 = /gic-version=3/.test(t.qemuParams);
    const started = Date.now();
    const o = gic3
      ? undefined
      : spawnSync(process.execPath, ['bin/twostage.js', 'boot', '--ram', mem, '--kernel', flat, '--append', t.args, '--max-insns', String(TWOSTAGE_BUDGET)], {
        cwd: ROOT, encoding: 'latin1', timeout: 30 * 60_000, stdio: ['ignore', 'pipe', 'pipe'],
      });
    const qs = status(q.stdout);
    const os = o === undefined ? undefined : status(o.stdout);
    // STATUS=1: exit(0); 77: every check skipped (SUMMARY ... skipped), as the suite's own runner counts it
    const verdict = (s: number | undefined) => (s === 1 ? 'PASS' : s === 77 ? 'SKIP' : s === undefined ? 'no exit' : `FAIL(${s})`);
    const oursText = o === undefined ? 'n/a (GICv3 not modelled)' : `${verdict(os)}${os !== 1 ? `: ${(o.stderr.trim().split('\n').pop() ?? '').slice(0, 120)}` : ''} [${((Date.now() - started) / 1000).toFixed(1)} s]`;
    if (qs === 1 && os === 1) both++;
    console.log(`${t.name.padEnd(34)} qemu ${verdict(qs).padEnd(9)} twostage ${oursText}`);
  }
  console.log(`kvm-unit-tests: ${both} of ${ran} one-CPU tests pass on both QEMU and twostage`);
  return 0;
}

process.exitCode = main();
