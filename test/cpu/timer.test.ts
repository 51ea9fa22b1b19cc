// The generic timers (ARM §D11.2, §D24.11): CTL.ISTATUS, TVAL as the signed 32-bit view of CVAL - count, a TVAL write
// setting CVAL = count + SignExtend(TVAL), the unsigned compare, the virtual offset, the next deadline, and the
// CNTKCTL_EL1 / CNTHCTL_EL2 traps. The count is the retired-instruction count: an instruction at index k of a run
// started with icount = N reads count N + k. Words were checked against GNU as:
//   msr cnthp_tval_el2, x0 = d51ce200 · mrs x1, cnthp_ctl_el2 = d53ce221 · msr cnthp_cval_el2, x2 = d51ce242
//   mrs x3, cntp_tval_el0 = d53be203 · msr cntp_ctl_el0, x4 = d51be224 · mrs x5, cntv_cval_el0 = d53be345
//   msr cntvoff_el2, x6 = d51ce066 · mrs x8, cntpct_el0 = d53be028
// and the other registers of each group differ in op2 (bits 7:5: TVAL 0, CTL 1, CVAL 2) and Rt (bits 4:0).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SR } from '../../src/arch/sysreg-table.ts';
import type { Cpu } from '../../src/cpu/cpu.ts';
import { conditionMet, nextTimerEvent, TIMERS, timerOutput } from '../../src/cpu/timer.ts';
import { PC } from '../../src/cpu/state.ts';
import { makeCpu, step } from '../helpers/cpu.ts';

const MSR_HP_TVAL = (t: number) => 0xd51ce200 | t;
const MRS_HP_TVAL = (t: number) => 0xd53ce200 | t;
const MSR_HP_CTL = (t: number) => 0xd51ce220 | t;
const MRS_HP_CTL = (t: number) => 0xd53ce220 | t;
const MSR_HP_CVAL = (t: number) => 0xd51ce240 | t;
const MRS_HP_CVAL = (t: number) => 0xd53ce240 | t;
const [CNTP, CNTV, CNTHP] = TIMERS as [typeof TIMERS[0], typeof TIMERS[0], typeof TIMERS[0]];

/** A CPU at EL2 whose first instruction reads count `icount`. */
function at(words: number[], icount = 0): Cpu {
  const c = makeCpu(words);
  c.icount = icount;
  return c;
}

test('CNTHP: CTL.ISTATUS is 0 while disabled, then reports count >= CVAL; TVAL reads CVAL - count', () => {
  // msr cnthp_cval_el2, x2 ; mrs x1, cnthp_ctl_el2 ; msr cnthp_ctl_el2, x4 ; mrs x3, cnthp_ctl_el2 ; mrs x5, cnthp_tval_el2
  const c = at([MSR_HP_CVAL(2), MRS_HP_CTL(1), MSR_HP_CTL(4), MRS_HP_CTL(3), MRS_HP_TVAL(5)], 100);
  c.x[2] = 110n; // CVAL
  c.x[4] = 0xffn; // ENABLE (bit 0), IMASK (bit 1); bits 63:2 RES0, ISTATUS read-only
  step(c, 5);
  assert.equal(c.x[1], 0n, 'disabled: ENABLE 0, ISTATUS 0');
  assert.equal(c.x[3], 3n, 'count 103 < CVAL 110: ENABLE and IMASK read back, ISTATUS 0');
  assert.equal(c.x[5], 6n, 'TVAL at count 104 = 110 - 104');
  assert.equal(c.sr[SR.CNTHP_CTL_EL2], 3n, 'only ENABLE and IMASK are stored');

  // at count 110 the condition holds (count - CVAL = 0 >= 0); at 112 TVAL = -2 reads 0xfffffffe, bits 63:32 zero
  const d = at([MRS_HP_CTL(1), MRS_HP_TVAL(2), MRS_HP_TVAL(3)], 110);
  d.sr[SR.CNTHP_CVAL_EL2] = 110n;
  d.sr[SR.CNTHP_CTL_EL2] = 1n;
  step(d, 3);
  assert.equal(d.x[1], 5n, 'ENABLE | ISTATUS');
  assert.equal(d.x[2], 0xffff_ffffn, 'TVAL at count 111 = -1 as 32 bits');
  assert.equal(d.x[3], 0xffff_fffen, 'TVAL at count 112 = -2 as 32 bits');
});

test('a TVAL write sets CVAL = count + SignExtend(value[31:0]); the compare is unsigned', () => {
  // msr cnthp_tval_el2, x0 ; mrs x1, cnthp_cval_el2 ; msr cnthp_tval_el2, x2 ; mrs x3, cnthp_cval_el2
  const c = at([MSR_HP_TVAL(0), MRS_HP_CVAL(1), MSR_HP_TVAL(2), MRS_HP_CVAL(3)], 1000);
  c.x[0] = 0xffff_ffff_0000_0005n; // bits 63:32 are ignored: +5
  c.x[2] = 0x0000_0000_ffff_fffen; // -2
  step(c, 4);
  assert.equal(c.x[1], 1005n, 'written at count 1000');
  assert.equal(c.x[3], 1000n, 'written at count 1002: 1002 - 2');
  // at count 1, TVAL = -2 gives CVAL = 2^64 - 1: the unsigned compare says 1 >= 2^64 - 1 is false
  const w = at([MSR_HP_TVAL(0), MSR_HP_CTL(1), MRS_HP_CTL(2)], 1);
  w.x[0] = 0xffff_fffen;
  w.x[1] = 1n;
  step(w, 3);
  assert.equal(w.sr[SR.CNTHP_CVAL_EL2], 0xffff_ffff_ffff_ffffn);
  assert.equal(w.x[2], 1n, 'enabled, condition not met');
  assert.equal(conditionMet(w, CNTHP, 3), false);
});

test('the virtual timer compares CNTVCT = CNTPCT - CNTVOFF_EL2; IMASK masks the output but not ISTATUS', () => {
  // mrs x1, cntv_ctl_el0 ; mrs x2, cntv_tval_el0 (at EL2)
  const c = at([0xd53be321, 0xd53be302], 1500);
  c.sr[SR.CNTVOFF_EL2] = 1000n; // virtual count 500 at the first instruction
  c.sr[SR.CNTV_CVAL_EL0] = 400n;
  c.sr[SR.CNTV_CTL_EL0] = 3n; // ENABLE, IMASK
  step(c, 2);
  assert.equal(c.x[1], 7n, 'ENABLE | IMASK | ISTATUS');
  assert.equal(c.x[2], 0xffff_ff9bn, 'TVAL at virtual count 501 = 400 - 501 = -101');
  assert.equal(timerOutput(c, CNTV, 1500), false, 'IMASK = 1: no interrupt');
  c.sr[SR.CNTV_CTL_EL0] = 1n;
  assert.equal(timerOutput(c, CNTV, 1500), true);
  assert.equal(timerOutput(c, CNTV, 1399), false, 'virtual count 399 < 400');
});

test('nextTimerEvent: the count where an enabled, unmasked timer output may change', () => {
  const c = at([]);
  assert.equal(nextTimerEvent(c, 10), Infinity, 'nothing enabled');
  c.sr[SR.CNTP_CVAL_EL0] = 50n;
  c.sr[SR.CNTP_CTL_EL0] = 1n;
  assert.equal(nextTimerEvent(c, 10), 50);
  assert.equal(nextTimerEvent(c, 50), Infinity, 'already met: it stays met until a register write');
  c.sr[SR.CNTP_CTL_EL0] = 3n;
  assert.equal(nextTimerEvent(c, 10), Infinity, 'IMASK = 1');
  // CNTVOFF_EL2 = 100 at count 10: the virtual count is 2^64 - 90 (met for CVAL 5) and wraps to 0 at count 100
  c.sr[SR.CNTVOFF_EL2] = 100n;
  c.sr[SR.CNTV_CVAL_EL0] = 5n;
  c.sr[SR.CNTV_CTL_EL0] = 1n;
  assert.equal(timerOutput(c, CNTV, 10), true);
  assert.equal(nextTimerEvent(c, 10), 100);
  assert.equal(timerOutput(c, CNTV, 100), false);
  assert.equal(nextTimerEvent(c, 100), 105, 'then CVAL + CNTVOFF');
  assert.equal(timerOutput(c, CNTP, 10), false, 'CNTP is masked');
});

test('a timer write calls Cpu.timerChanged (the machine moves its deadline)', () => {
  const c = at([MSR_HP_TVAL(0), 0xd51ce066]); // msr cnthp_tval_el2, x0 ; msr cntvoff_el2, x6
  let calls = 0;
  c.timerChanged = () => calls++;
  step(c, 2);
  assert.equal(calls, 2);
});

const RW = 1n << 31n;
const VBAR1 = 0x4010_0000n;
const VBAR2 = 0x4020_0000n;

/** A CPU at EL0 or EL1 with the vector bases set. */
function lower(el: 0 | 1, words: number[]): Cpu {
  const c = makeCpu(words);
  c.sr[SR.HCR_EL2] = RW;
  c.sr[SR.VBAR_EL1] = VBAR1;
  c.sr[SR.VBAR_EL2] = VBAR2;
  c.setElSp(el, el === 0 ? 0 : 1);
  return c;
}

test('CNTHCTL_EL2 resets to 3 (EL1PCTEN, EL1PCEN as QEMU) and its zeros trap EL1 counter/timer accesses to EL2', () => {
  assert.equal(makeCpu([]).sr[SR.CNTHCTL_EL2], 3n);
  const ok = lower(1, [0xd53be028]); // mrs x8, cntpct_el0
  ok.icount = 7;
  step(ok);
  assert.equal(ok.x[8], 7n);
  // EC 0x18 ISS: Op0 3 (0x300000) Op2 1 (0x20000) Op1 3 (0xc000) CRn 14 (0x3800) Rt 8 (0x100) CRm 0 Dir 1
  const pct = lower(1, [0xd53be028]);
  pct.sr[SR.CNTHCTL_EL2] = 2n; // EL1PCTEN = 0
  step(pct);
  assert.equal(pct.el, 2);
  assert.equal(pct.sr[SR.ESR_EL2], 0x6232_f901n);
  assert.equal(pct.x[PC], VBAR2 + 0x400n);
  // msr cntp_ctl_el0, x4 with EL1PCEN = 0: Op0 3, Op2 1, Op1 3, CRn 14, Rt 4 (0x80), CRm 2 (0x4), Dir 0
  const pcen = lower(1, [0xd51be224]);
  pcen.sr[SR.CNTHCTL_EL2] = 1n;
  step(pcen);
  assert.equal(pcen.sr[SR.ESR_EL2], 0x6232_f884n);
  // EL1 access to CNTHP_CTL_EL2 is UNDEFINED (EC 0x00) at EL1
  const hp = lower(1, [MRS_HP_CTL(1)]);
  step(hp);
  assert.equal([hp.el, hp.sr[SR.ESR_EL1]].join(), [1, 0x0200_0000n].join());
});

test('EL0 timer accesses: CNTKCTL_EL1.EL0PTEN/EL0VTEN gate them to EL1 first, then CNTHCTL_EL2.EL1PCEN to EL2', () => {
  // mrs x3, cntp_tval_el0: Op0 3, Op2 0, Op1 3 (0xc000), CRn 14 (0x3800), Rt 3 (0x60), CRm 2 (0x4), Dir 1
  const gate = lower(0, [0xd53be203]);
  step(gate);
  assert.equal(gate.el, 1);
  assert.equal(gate.sr[SR.ESR_EL1], 0x6230_f865n);
  const el2 = lower(0, [0xd53be203]);
  el2.sr[SR.CNTKCTL_EL1] = 1n << 9n; // EL0PTEN
  el2.sr[SR.CNTHCTL_EL2] = 1n; // EL1PCEN = 0
  step(el2);
  assert.equal(el2.el, 2);
  assert.equal(el2.sr[SR.ESR_EL2], 0x6230_f865n);
  // mrs x5, cntv_cval_el0 with EL0VTEN = 1: no CNTHCTL trap for the virtual timer
  const v = lower(0, [0xd53be345]);
  v.sr[SR.CNTKCTL_EL1] = 1n << 8n;
  v.sr[SR.CNTHCTL_EL2] = 0n;
  v.sr[SR.CNTV_CVAL_EL0] = 0x1234n;
  step(v);
  assert.equal([v.el, v.x[5]].join(), [0, 0x1234n].join());
});
