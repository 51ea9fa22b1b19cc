// PSCI for a VM (issue 17 step 3, src/hyp/asm/vpsci.S): a hostile VM makes 300 HVC calls with random function IDs
// (PSCI's, random fast-call IDs, random bits 63:32) and random arguments; each answer in X0 must be the table's
// (src/hyp/vpsci.ts), X1 must come back unchanged, and its SYSTEM_OFF or SYSTEM_RESET must end it alone: the other VM
// and the native app run to their own exit, every verdict passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImage } from '../../src/hyp/image.ts';
import { runImage } from '../../src/hyp/run.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';
import { vpsciAnswer } from '../../src/hyp/vpsci.ts';
import { PSCI_CPU_OFF, PSCI_CPU_ON, PSCI_CPU_ON_64, PSCI_FEATURES, PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, PSCI_VERSION } from '../../src/devices/psci.ts';

const DIR = mkdtempSync(join(tmpdir(), 'vpsci-'));
const IDS = [PSCI_VERSION, PSCI_FEATURES, PSCI_MIGRATE_INFO_TYPE, PSCI_CPU_ON, PSCI_CPU_ON_64, PSCI_CPU_OFF, 0x8400_0004, 0xc400_0005, 0x8000_0000, 0x8400_00ff];

function rng(seed: number): () => bigint {
  let s = BigInt(seed);
  return () => {
    s ^= (s << 13n) & 0xffff_ffff_ffff_ffffn;
    s ^= s >> 7n;
    s ^= (s << 17n) & 0xffff_ffff_ffff_ffffn;
    return s;
  };
}

function hostile(seed: number, n: number, last: number): { asm: string; expect: bigint[] } {
  const next = rng(seed);
  const lines = ['    .text', '_start:'];
  const expect: bigint[] = [];
  for (let i = 0; i < n; i++) {
    const r = Number(next() % 4n);
    let fn = r === 0 ? next() : BigInt(IDS[Number(next() % BigInt(IDS.length))]!);
    if (r === 1) fn |= next() << 32n; // bits 63:32 are not the function ID
    if (r === 2) fn = (next() & 0x7f00_ffffn) | 0x8400_0000n | ((next() & 1n) << 30n); // any SMC32/SMC64 fast call
    fn &= 0xffff_ffff_ffff_ffffn;
    if ((fn & 0x8000_0000n) === 0n) fn |= 0x8000_0000n; // a fast call: PSCI's range, not the hypervisor's calls
    const isEnd = [PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET].includes(Number(fn & 0xffff_ffffn));
    if (isEnd) fn ^= 0x10n; // ends come last
    const arg = Number(next() % 3n) === 0 ? BigInt(IDS[Number(next() % BigInt(IDS.length))]!) : next();
    const x2 = next();
    lines.push(`    ldr x0, =0x${fn.toString(16)}`, `    ldr x1, =0x${arg.toString(16)}`, `    ldr x2, =0x${x2.toString(16)}`, '    hvc #0');
    lines.push('    mov x5, x1', '    mov x1, x0', '    mov x0, #3', '    hvc #0'); // log X0
    lines.push('    mov x1, x5', '    mov x0, #3', '    hvc #0'); // log X1 (unchanged)
    const a = vpsciAnswer(fn, arg);
    assert.ok('x0' in a);
    expect.push(a.x0, arg);
    if (i % 50 === 49) lines.push('    mov x0, #0', '    hvc #0'); // yield: the others run in between
  }
  lines.push(`    ldr x0, =0x${(0xdead_beef_0000_0000n | BigInt(last)).toString(16)}`, '    hvc #0', '    mov x0, #3', '    mov x1, #0xbad', '    hvc #0', '    b .', '    .ltorg');
  return { asm: lines.join('\n') + '\n', expect };
}

for (const [seed, last, name] of [[0x1234_5678_9abc_def1, PSCI_SYSTEM_OFF, 'SYSTEM_OFF'], [0x0fed_cba9_8765_4321, PSCI_SYSTEM_RESET, 'SYSTEM_RESET']] as const) {
  test(`hostile PSCI calls: 300 random IDs answered as the table says; ${name} ends that VM only`, () => {
    const h = hostile(seed, 300, last);
    writeFileSync(join(DIR, `h${name}.S`), h.asm);
    const text = `ram: { size: 64M }
contexts:
  - { name: hostile, kind: vm, ipa_bits: 40, memory: [{ at: 0x4000_0000, size: 2M }], image: { source: h${name}.S, entry: 0x4000_0000 } }
  - { name: vm2, kind: vm, ipa_bits: 44, memory: [{ at: 0x4000_0000, size: 2M }], image: { source: ${join(process.cwd(), 'src/hyp/guests/guest-kernel.S')}, entry: 0x4000_0000 } }
  - { name: app, kind: native, va_bits: 48, memory: [{ at: 0x0000_ff80_0000_0000, size: 1M }], image: { source: ${join(process.cwd(), 'src/hyp/guests/native-app.S')}, entry: 0x0000_ff80_0000_0000 } }
schedule: { slices: 20, slice_insns: 100000 }
`;
    const file = join(DIR, `${name}.yaml`);
    const r = runImage(buildImage(parseScenario(text, file), file));
    assert.equal(r.exitCode, 0, r.uart);
    const logs = r.uart.split('\n').filter((l) => l.startsWith('[hostile] log ')).map((l) => BigInt(l.slice('[hostile] log '.length)));
    assert.deepEqual(logs.map((v) => v.toString(16)), h.expect.map((v) => v.toString(16)));
    const verb = name === 'SYSTEM_OFF' ? 'psci SYSTEM_OFF: the VM is off' : 'psci SYSTEM_RESET: the VM is stopped (no reboot)';
    assert.match(r.uart, new RegExp(`\\[hostile\\] ${verb.replace(/[()]/g, '\\$&')}\\n`));
    assert.match(r.uart, /\[vm2\] exit 0x0000000000000000\n/);
    assert.match(r.uart, /\[app\] exit 0x0000000000000000\n/);
    assert.equal(r.deniedTotal, 0);
    assert.deepEqual(r.verdicts.map((v) => v.status), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass'], r.verdicts.map((v) => v.evidence).join('\n'));
  });
}

test('the table: VERSION 1.0, FEATURES of what is implemented, CPU_ON refused, the rest NOT_SUPPORTED', () => {
  const x0 = (fn: number | bigint, arg = 0n) => {
    const a = vpsciAnswer(BigInt(fn), arg);
    return 'x0' in a ? BigInt.asIntN(64, a.x0) : a.ends;
  };
  assert.equal(x0(PSCI_VERSION), 0x1_0000n);
  assert.equal(x0(PSCI_FEATURES, BigInt(PSCI_SYSTEM_OFF)), 0n);
  assert.equal(x0(PSCI_FEATURES, BigInt(PSCI_CPU_OFF)), -1n);
  assert.equal(x0(PSCI_FEATURES, (1n << 32n) | BigInt(PSCI_VERSION)), -1n);
  assert.equal(x0(PSCI_CPU_ON_64), -2n);
  assert.equal(x0(PSCI_MIGRATE_INFO_TYPE), 2n);
  assert.equal(x0(0xffff_ffff_8400_0008n), 'SYSTEM_OFF');
  assert.equal(x0(0xc400_0008), -1n, 'SYSTEM_OFF has no SMC64 form');
});
