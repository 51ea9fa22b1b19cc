// PSCI over SMC as QEMU 7.2's virt board (virtualization=on, one CPU) answers; values observed on
// qemu-system-aarch64 7.2 and in Arm DEN 0022 (return codes §5.2.2).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { psciCall } from '../../src/devices/psci.ts';
import { FakeGuest } from '../helpers/guest.ts';

const NOT_SUPPORTED = 0xffff_ffff_ffff_ffffn; // -1
const INVALID_PARAMS = 0xffff_ffff_ffff_fffen; // -2
const ALREADY_ON = 0xffff_ffff_ffff_fffcn; // -4

function call(x0: bigint, x1 = 0n, x2 = 0n): FakeGuest {
  const g = new FakeGuest({ 0: x0, 1: x1, 2: x2, 5: 0x55n });
  psciCall(g);
  return g;
}

test('PSCI_VERSION 0x84000000 -> 0x00010001 (PSCI 1.1)', () => {
  assert.equal(call(0x8400_0000n).x(0), 0x1_0001n);
});

test('PSCI_FEATURES 0x8400000A: 0 for implemented functions, NOT_SUPPORTED otherwise', () => {
  for (const fn of [0x8400_0000n, 0x8400_0008n, 0x8400_0009n, 0x8400_000an, 0xc400_0003n, 0xc400_0004n, 0x8400_0002n]) {
    assert.equal(call(0x8400_000an, fn).x(0), 0n, `0x${fn.toString(16)}`);
  }
  for (const fn of [0x8400_0005n, 0x8400_000cn, 0x1234n, 0x1_8400_0000n]) {
    assert.equal(call(0x8400_000an, fn).x(0), NOT_SUPPORTED, `0x${fn.toString(16)}`);
  }
});

test('MIGRATE_INFO_TYPE -> 2 (no Trusted OS); MIGRATE -> NOT_SUPPORTED', () => {
  assert.equal(call(0x8400_0006n).x(0), 2n);
  assert.equal(call(0x8400_0005n).x(0), NOT_SUPPORTED);
});

test('AFFINITY_INFO: CPU 0 is ON (0), any other MPIDR is INVALID_PARAMS; levels above 0 are ON', () => {
  assert.equal(call(0xc400_0004n, 0n, 0n).x(0), 0n);
  assert.equal(call(0x8400_0004n, 0n, 0n).x(0), 0n);
  assert.equal(call(0xc400_0004n, 1n, 0n).x(0), INVALID_PARAMS);
  assert.equal(call(0xc400_0004n, 1n, 1n).x(0), 0n);
});

test('CPU_ON: CPU 0 is ALREADY_ON, other CPUs do not exist (INVALID_PARAMS)', () => {
  assert.equal(call(0xc400_0003n, 0n).x(0), ALREADY_ON);
  assert.equal(call(0xc400_0003n, 1n).x(0), INVALID_PARAMS);
  assert.equal(call(0x8400_0003n, 0x100n).x(0), INVALID_PARAMS);
});

test('unknown function IDs return NOT_SUPPORTED and leave X1-X30 alone', () => {
  for (const fn of [0x1234n, 0x8400_1234n, 0x8000_0000n]) {
    const g = call(fn, 0x11n);
    assert.equal(g.x(0), NOT_SUPPORTED);
    assert.equal(g.x(1), 0x11n);
    assert.equal(g.x(5), 0x55n);
    assert.equal(g.stopped, undefined);
  }
});

test('SYSTEM_OFF stops with exit status 0; SYSTEM_RESET and CPU_OFF stop without one', () => {
  assert.deepEqual(call(0x8400_0008n).stopped, { exit: 0 });
  assert.ok('halt' in (call(0x8400_0009n).stopped ?? {}));
  assert.ok('halt' in (call(0x8400_0002n).stopped ?? {}));
});

test('CPU_SUSPEND returns SUCCESS (the WFI ends at once); affinity-level bits are INVALID_PARAMS', () => {
  assert.equal(call(0xc400_0001n, 0n).x(0), 0n);
  assert.equal(call(0xc400_0001n, 0x1_0000_0000n).x(0), 0n); // QEMU checks bits 31:17 only
  assert.equal(call(0xc400_0001n, 0x2_0000n).x(0), INVALID_PARAMS);
});
