// Test helper: run one hand-encoded instruction with registers preset, or check that it is UNDEFINED.
import assert from 'node:assert/strict';
import { SR } from '../../src/arch/sysreg-table.ts';
import type { Cpu } from '../../src/cpu/cpu.ts';
import { writeNzcv } from '../../src/cpu/pstate.ts';
import { PC } from '../../src/cpu/state.ts';
import { CODE, makeCpu, step } from './cpu.ts';

/** Run `word` once at CODE with registers (slot → value) and optionally NZCV (bits 3:0) preset; asserts no exception. */
export function run1(word: number, regs: Record<number, bigint> = {}, nzcv?: number): Cpu {
  const c = makeCpu([word]);
  for (const [r, v] of Object.entries(regs)) c.x[Number(r)] = v;
  if (nzcv !== undefined) writeNzcv(c, nzcv << 28);
  step(c);
  assert.equal(c.x[PC], BigInt(CODE + 4), `0x${word.toString(16)} took an exception`);
  return c;
}

const VBAR = 0x4000_0000n;

/** `word` must take the UNDEFINED exception: EC 0x00, IL=1, to EL2 (reset is EL2h), ELR = the instruction. */
export function assertUndefined(word: number): void {
  const c = makeCpu([word]);
  c.sr[SR.VBAR_EL2] = VBAR;
  step(c);
  const hex = `0x${word.toString(16)}`;
  assert.equal(c.sr[SR.ESR_EL2], 0x0200_0000n, `${hex}: ESR_EL2 = EC 0x00, IL 1`);
  assert.equal(c.sr[SR.ELR_EL2], BigInt(CODE), hex);
  assert.equal(c.x[PC], VBAR + 0x200n, `${hex}: vector for the current EL with SP_ELx`);
}
