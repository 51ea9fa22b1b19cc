// Issue 11: the run-time register check. Hostile guests (scenarios/sysreg-leak.yaml) write every register they can,
// readers read them back. With the switch as built, the verdict passes in every hosting mode and the readers log their
// own values only; with any one register left out of the switch's save/restore (a mutant of the generated context.S),
// the verdict fails and names that register and the context that wrote the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSREGS, SR } from '../../src/arch/sysreg-table.ts';
import { SWITCHED } from '../../src/hyp/context-state.ts';
import { contextSource, SCTLR_EL1_INIT } from '../../src/hyp/context-table.ts';
import { buildImage } from '../../src/hyp/image.ts';
import { REGISTERS_OWN, runImage, type RunReport } from '../../src/hyp/run.ts';
import { formatReport } from '../../src/hyp/report.ts';
import { HOSTING_MODES, parseScenario } from '../../src/hyp/scenario.ts';

const FILE = 'scenarios/sysreg-leak.yaml';
const scenario = parseScenario(readFileSync(FILE, 'utf8'), FILE);
const verdict = (r: RunReport) => r.verdicts.find((v) => v.requirement === REGISTERS_OWN)!;
/** The values a context logged (CALL_LOG), from the UART. */
const logs = (r: RunReport, name: string): bigint[] => [...r.uart.matchAll(new RegExp(`^\\[${name}\\] log (0x[0-9a-f]+)$`, 'gm'))].map((m) => BigInt(m[1]!));

test('hostile writers, readers: in every hosting mode each register a context reads is its own, and the verdict says so', () => {
  for (const hosting of HOSTING_MODES) {
    const r = runImage(buildImage(scenario, FILE, hosting), { budget: 2_000_000 });
    const v = verdict(r);
    if (hosting === 'seed-literal') {
      // the note's snippets: the writer VM faults on its first fetch (the VMID lands in BADDR), the app that follows
      // keeps the PE (IMO = 0) and the readers never run — what did run found only its own values
      assert.equal(v.status, 'pass', `${hosting}: ${v.evidence}`);
      assert.deepEqual([...logs(r, 'vm-reader'), ...logs(r, 'app-reader')], [], hosting);
      continue;
    }
    assert.equal(v.status, 'pass', `${hosting}: ${v.evidence}`);
    assert.deepEqual(r.observation.leaks, [], hosting);
    const written = new Set([...logs(r, 'vm-writer'), ...logs(r, 'app-writer')]);
    assert.equal(written.size >= 24, true, `${hosting}: the writers logged what they wrote`);
    // the VM reader: 0 everywhere but its SCTLR_EL1 (the context table's initial value) — its system registers, then
    // FPCR, FPSR and four doublewords of its V registers
    const vm = logs(r, 'vm-reader');
    assert.equal(vm.length, 30, hosting);
    assert.deepEqual(vm, vm.map((_, i) => (i === 22 ? SCTLR_EL1_INIT : 0n)), hosting);
    // the app reader: TPIDR_EL0, TPIDRRO_EL0, NZCV and SP all 0; its EL0 access to CNTV_CVAL_EL0 is denied
    assert.deepEqual(logs(r, 'app-reader'), [0n, 0n, 0n, 0n], hosting);
    assert.ok(r.denied.some((d) => d.context === 'app-reader' && d.esr >>> 26 === 0x18), `${hosting}: app-reader's timer access denied`);
    // FP/SIMD is switched lazily: no access is denied, and after the reader took the V registers the writer finds its own
    assert.ok(!r.denied.some((d) => d.esr >>> 26 === 0x07), hosting);
    assert.deepEqual(logs(r, 'vm-writer').slice(-3), [0x5701_0000_0000_f000n, 0x5701_0000_0000_f11fn, 0x07c0_0000n], hosting);
    // the EL1 physical timer is emulated per context: the writer reads back its own CVAL and ENABLE with ISTATUS
    assert.deepEqual(logs(r, 'vm-writer').slice(15, 17), [0x10n, 5n], hosting);
    // six emulated CNTP accesses; three FP/SIMD ownership changes (writer, reader, writer again)
    assert.ok(r.costs.some((c) => c.kind === 'lazy' && c.count === 6), `${hosting}: six emulated CNTP accesses`);
    assert.ok(r.costs.some((c) => c.kind === 'fp' && c.count === 3), `${hosting}: ${JSON.stringify(r.costs)}`);
  }
});

test('every switched register left out of the save/restore is caught at the next entry, naming the register and its writer', () => {
  const problems: string[] = [];
  for (const left of SWITCHED) {
    const img = buildImage(scenario, FILE, undefined, new Map([['context.S', contextSource(SWITCHED.filter((s) => s !== left))]]));
    const r = runImage(img, { budget: 300_000 });
    const v = verdict(r);
    const named = r.observation.leaks.filter((f) => f.message.includes(` ${left.reg} = `));
    if (v.status !== 'fail' || named.length === 0) problems.push(`${left.reg}: ${v.status}: ${v.evidence.slice(0, 160)}`);
    // a register one of the writers wrote is reported with that writer's name
    const wrote = SYSREGS[SR[left.reg]]!.minEl <= 1 && !['ELR_EL2', 'SPSR_EL2'].includes(left.reg);
    if (wrote && !named.some((f) => / written by (vm|app)-writer$/.test(f.message))) problems.push(`${left.reg}: writer not named: ${named.map((f) => f.message).join('; ')}`);
  }
  assert.deepEqual(problems, []);
});

test('the bug as reported: a VM\'s CNTKCTL_EL1 left live opens the EL1 virtual timer to an app, which reads the VM\'s CVAL', () => {
  const img = buildImage(scenario, FILE, undefined, new Map([['context.S', contextSource(SWITCHED.filter((s) => s.reg !== 'CNTKCTL_EL1' && s.reg !== 'CNTV_CVAL_EL0'))]]));
  const r = runImage(img, { budget: 300_000 });
  assert.ok(logs(r, 'app-reader').includes(0x5701_0000_0000_000dn), 'the app read the VM writer\'s CNTV_CVAL_EL0');
  assert.ok(!r.denied.some((d) => d.context === 'app-reader'));
  assert.match(verdict(r).evidence, /app-reader found CNTKCTL_EL1 = 0x0000000000000303 \(its own: 0x0000000000000000\), written by vm-writer/);
  // the timeline shows it at the switch into the app, like a memory escape
  const text = formatReport(img, r);
  assert.match(text, /→ app-reader .*\n(?: {4}.*\n)*? {4}\*\* register leak: app-reader found CNTKCTL_EL1 = 0x0000000000000303/);
  assert.match(text, /\[FAIL\] no context read a register value another context wrote: /);
});

test('an app\'s EL0 access to the EL1 physical timer its CNTKCTL_EL1 does not open is denied, not emulated, in every mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-cntp-'));
  try {
    writeFileSync(join(dir, 'app.S'), '    mrs x1, cntp_cval_el0\n    mov x0, #3\n    svc #0\n    b .\n');
    const yaml = join(dir, 's.yaml');
    writeFileSync(yaml, `ram: { size: 256M }\ncontexts:\n  - { name: app, kind: native, va_bits: 48, memory: [ { at: 0x1000_0000, size: 64K } ], image: { source: app.S, entry: 0x1000_0000 } }\n`);
    const s = parseScenario(readFileSync(yaml, 'utf8'), yaml);
    for (const hosting of ['el1-shim', 'el1-shim-s2', 's2-only', 'seed-tge'] as const) {
      const r = runImage(buildImage(s, yaml, hosting), { budget: 200_000 });
      assert.deepEqual(logs(r, 'app'), [], hosting);
      assert.equal(r.denied.length, 1, hosting);
      assert.equal(r.denied[0]!.esr >>> 26, 0x18, hosting);
      assert.ok(!r.costs.some((c) => c.kind === 'lazy'), hosting);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the emulated EL1 physical timer: TVAL writes set CVAL from the count, TVAL and ISTATUS read against it (ARM D11.2.4)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-cntp-'));
  try {
    const log = (insn: string): string => `    ${insn}\n    mov x0, #3\n    hvc #0\n`;
    writeFileSync(join(dir, 'vm.S'), [
      '    ldr x2, =100000\n    msr cntp_tval_el0, x2\n', log('mrs x1, cntpct_el0'), log('mrs x1, cntp_cval_el0'), log('mrs x1, cntp_tval_el0'),
      '    mov x2, #1\n    msr cntp_ctl_el0, x2\n', log('mrs x1, cntp_ctl_el0'), // ENABLE, CVAL in the future: ISTATUS 0
      '    mov x2, #-5\n    msr cntp_tval_el0, x2\n', log('mrs x1, cntp_ctl_el0'), // CVAL in the past: ISTATUS 1
      log('mov x1, xzr\n    mrs xzr, cntp_ctl_el0'), // a read into XZR changes no register
      '    mov x0, #2\n    mov x1, #0\n    hvc #0\n    .ltorg\n',
    ].join(''));
    const yaml = join(dir, 's.yaml');
    writeFileSync(yaml, `ram: { size: 256M }\ncontexts:\n  - { name: vm, kind: vm, ipa_bits: 40, memory: [ { at: 0x1000_0000, size: 64K } ], image: { source: vm.S, entry: 0x1000_0000 } }\n`);
    const r = runImage(buildImage(parseScenario(readFileSync(yaml, 'utf8'), yaml), yaml), { budget: 200_000 });
    const [count, cval, tval, ctl1, ctl2, zr] = logs(r, 'vm');
    assert.ok(cval! > count! && cval! < count! + 100_000n, `CVAL 0x${cval!.toString(16)} = the count at the write + 100000`);
    assert.ok(tval! < 100_000n && tval! > 90_000n, `TVAL ${tval} counts down from 100000`);
    assert.deepEqual([ctl1, ctl2, zr], [1n, 5n, 0n]);
    assert.equal(r.deniedTotal, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the lazy FP/SIMD switch: a handler that does not load the context\'s V registers, or a switch that leaves them untrapped, is a leak naming the V register and the writer', () => {
  const lazy = readFileSync('src/hyp/asm/lazy.S', 'utf8');
  const load = lazy.slice(lazy.indexOf('1:  add x3, x19, #C_V'), lazy.indexOf('    str x19, [x1]'));
  assert.ok(load.length > 100, 'the load block is where the test expects it');
  const sw = readFileSync('src/hyp/asm/switch.S', 'utf8');
  assert.ok(sw.includes('    csel x2, x3, x2, eq\n'));
  const mutants: [string, string, string][] = [
    ['lazy.S', lazy.replace(load, '1:\n'), 'no load'],
    ['switch.S', sw.replace('    csel x2, x3, x2, eq\n', '    mov x2, x3\n'), 'TFP left clear'],
  ];
  for (const [file, text, what] of mutants) {
    const img = buildImage(scenario, FILE, undefined, new Map([[file, text]]));
    const r = runImage(img, { budget: 2_000_000 });
    assert.equal(verdict(r).status, 'fail', what);
    assert.ok(r.observation.leaks.some((f) => / V0\.D\[0\] = 0x5701000000[0-9a-f]+ .*written by vm-writer$/.test(f.message)), `${what}: ${r.observation.leaks.map((f) => f.message).join('; ').slice(0, 400)}`);
  }
});
