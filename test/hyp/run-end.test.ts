// A run passes only if it ended the one way the hypervisor ends it: every context finished, then PSCI SYSTEM_OFF
// from EL2 (src/hyp/run.ts runEnd, verdict 5). A budget that runs out, a hypervisor failure and a machine stopped
// with contexts still runnable are failed verdicts, and `twostage run` exits 1.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ASM_DIR, buildImage } from '../../src/hyp/image.ts';
import { RUN_ENDED, runImage, type RunReport } from '../../src/hyp/run.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';
import { CLI } from '../helpers/cli.ts';

const SEED = 'scenarios/seed.yaml';
const seed = parseScenario(readFileSync(SEED, 'utf8'), SEED);
const ended = (r: RunReport) => r.verdicts.find((v) => v.requirement === RUN_ENDED)!;

test('the seed run ends with SYSTEM_OFF from EL2 after every context finished: exit 0, verdict passes', () => {
  const r = runImage(buildImage(seed, SEED));
  assert.deepEqual(r.stop, { kind: 'exit', code: 0 });
  assert.equal(ended(r).status, 'pass');
  assert.match(ended(r).evidence, /^all 3 contexts finished, then the hypervisor powered the machine off$/);
});

test('a run cut short by the instruction budget fails, naming the contexts that never finished', () => {
  const r = runImage(buildImage(seed, SEED), { budget: 5000 });
  assert.equal(r.stop.kind, 'budget');
  assert.equal(ended(r).status, 'fail');
  assert.match(ended(r).evidence, /^the instruction budget ran out at EL\d.*; never finished: vm1, vm2, app$/);
});

test('a hypervisor failure (an unexpected exception at EL2) ends with PSCI SYSTEM_RESET: the run fails with the panic line', () => {
  // the log call reads PA 0x0904_0000, where the virt board has nothing (QEMU's secure UART needs secure=on): a
  // synchronous external abort taken at EL2
  const hvc = readFileSync(join(ASM_DIR, 'hvc.S'), 'utf8').replace('call_log:\n', 'call_log:\n    mov x0, #0x9040000\n    ldr x0, [x0]\n');
  const r = runImage(buildImage(seed, SEED, undefined, new Map([['hvc.S', hvc]])));
  assert.deepEqual(r.stop, { kind: 'halt', why: 'PSCI SYSTEM_RESET: the guest asked for a reboot; stopped' });
  assert.equal(ended(r).status, 'fail');
  assert.match(ended(r).evidence, /^the hypervisor failed: \[hyp\] unexpected exception at EL2: ESR 0x0000000096000010 ELR 0x0*4008\w+; never finished: vm1, vm2, app$/);
});

test('twostage run exits 1 when the run does not end (the budget runs out), and says why', () => {
  const cli = (...a: string[]) => spawnSync(process.execPath, [...CLI, 'run', SEED, '--no-timeline', ...a], { encoding: 'utf8' });
  const short = cli('--max-insns', '5000');
  assert.equal(short.status, 1);
  assert.match(short.stdout, /5000 instructions, budget exhausted, no exit\n/);
  assert.match(short.stdout, /\[FAIL\] the run ended as the hypervisor ends it/);
});

test('a guest that powers the machine off (an SMC a mutated hypervisor no longer traps) fails the run: not the hypervisor\'s SYSTEM_OFF', () => {
  const HOSTILE = 'scenarios/hostile.yaml';
  const hostile = parseScenario(readFileSync(HOSTILE, 'utf8'), HOSTILE);
  const regime = readFileSync(join(ASM_DIR, 'regime-correct.S'), 'utf8').replace('    ldr x0, [x20, #C_HCR]\n', '    ldr x0, [x20, #C_HCR]\n    bic x0, x0, #HCR_TSC\n');
  const r = runImage(buildImage(hostile, HOSTILE, undefined, new Map([['regime.S', regime]])));
  assert.deepEqual(r.stop, { kind: 'exit', code: 0 }); // PSCI SYSTEM_OFF, from exit-vm's EL1
  assert.equal(ended(r).status, 'fail');
  assert.match(ended(r).evidence, /^a guest powered the machine off at EL1 in exit-vm \(exit status 0\), not the hypervisor; never finished: vm1, exit-vm, app, exit-app$/);
});
