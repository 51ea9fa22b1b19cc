import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeCpu, step } from '../helpers/cpu.ts';
import { readNzcv } from '../../src/cpu/pstate.ts';

// Hand encodings (ARM C6.2.4 ADD (immediate): sf 0 0 100010 sh imm12 Rn Rd)
test('ADD x1, x2, #0x10: 64-bit add of an immediate', () => {
  const c = makeCpu([0x91004041]);
  c.x[2] = 0xffff_ffff_ffff_fff8n;
  step(c);
  assert.equal(c.x[1], 0x1_0000_0000_0000_0008n & 0xffff_ffff_ffff_ffffn); // wraps modulo 2^64
  const w = makeCpu([0x91004041]);
  w.x[2] = 0x0000_0001_ffff_fff8n;
  step(w);
  assert.equal(w.x[1], 0x2_0000_0008n); // carries into the upper word: a 64-bit add
});

test('SUBS w0, w1, #1 sets Z and C when w1 == 1', () => {
  const c = makeCpu([0x71000420]);
  c.x[1] = 0xdead_0000_0000_0001n;
  step(c);
  assert.equal(c.x[0], 0n); // W result zero-extends
  assert.equal(readNzcv(c) >>> 28, 0b0110); // Z=1, C=1 (no borrow)
});

test('ADDS x0, x0, #1 from 0x7fff_ffff_ffff_ffff sets N and V', () => {
  const c = makeCpu([0xb1000400]);
  c.x[0] = 0x7fff_ffff_ffff_ffffn;
  step(c);
  assert.equal(c.x[0], 0x8000_0000_0000_0000n);
  assert.equal(readNzcv(c) >>> 28, 0b1001);
});

test('ADD sp, sp, #1, lsl #12 uses SP for register 31', () => {
  const c = makeCpu([0x914007ff]);
  c.x[32] = 0x4010_0000n;
  step(c);
  assert.equal(c.x[32], 0x4010_1000n);
});
