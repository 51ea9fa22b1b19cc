// Self-hosted debug (src/cpu/debug.ts) beyond what the QEMU programs (test/qemu/progs/debug-*.S) show: the enable
// matrix of AArch64.GenerateDebugExceptionsFrom over every input, the flags that keep the hot paths free while no
// debug event can fire, and breakpoints, watchpoints and software step in code the block translator already runs.
import { TEST_HOT } from '../helpers/translate.ts';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { SR } from '../../src/arch/sysreg-table.ts';
import { assemble } from '../../src/asm/assemble.ts';
import { flatImage } from '../../src/cli/asm.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { debugRegistersChanged, debugTargetEl, generateDebugExceptionsFrom } from '../../src/cpu/debug.ts';
import { PC } from '../../src/cpu/state.ts';
import { PhysMemory } from '../../src/memory/phys.ts';

const CODE = 0x4008_0000n;
const VBAR = 0x4009_0000n;
const DATA = 0x400a_0000n;
const MDSCR_SS = 1, MDSCR_KDE = 1 << 13, MDSCR_MDE = 1 << 15;
const MDCR_TDE = 1 << 8, HCR_TGE = 1 << 27;
const D = 1 << 9;

function cpuWith(src: string): Cpu {
  const r = assemble('debug.S', src, { base: CODE });
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  const mem = new PhysMemory(0x4000_0000, 1 << 24);
  const img = flatImage(r);
  for (let i = 0; i < img.length; i += 4) mem.writeU32(Number(CODE) + i, img[i]! | (img[i + 1]! << 8) | (img[i + 2]! << 16) | (img[i + 3]! << 24));
  mem.writeU32(Number(VBAR) + 0x200, 0x14000000); // b . at the current-EL synchronous vector
  mem.writeU32(Number(VBAR) + 0x480, 0x14000000); // and at the lower-EL IRQ vector
  const c = new Cpu(CORTEX_A57, mem);
  c.reset(CODE);
  c.sr[SR.VBAR_EL2] = VBAR;
  return c;
}

const lo = (c: Cpu, i: number): number => c.sr32[i * 2]!;

test('GenerateDebugExceptionsFrom: every combination of EL, PSTATE.D, KDE, TDE, TGE, OS lock and double lock', () => {
  const c = cpuWith('nop');
  let enabledCount = 0;
  for (let bits = 0; bits < 128; bits++) {
    const el = bits % 3, d = (bits >> 2) & 1, kde = (bits >> 3) & 1, tde = (bits >> 4) & 1, tge = (bits >> 5) & 1, lock = (bits >> 6) & 1;
    for (const dlk of [0, 1]) {
      c.sr32[SR.OSLSR_EL1 * 2] = 0b1000 | (lock << 1);
      c.sr32[SR.OSDLR_EL1 * 2] = dlk;
      c.sr32[SR.MDSCR_EL1 * 2] = kde ? MDSCR_KDE : 0;
      c.sr32[SR.MDCR_EL2 * 2] = tde ? MDCR_TDE : 0;
      c.sr32[SR.HCR_EL2 * 2] = (1 << 31) | (tge ? HCR_TGE : 0);
      const target = tde || tge ? 2 : 1;
      assert.equal(debugTargetEl(c), target);
      // the rule written out: nothing while locked; below the target always; at it with KDE and D clear; above never
      const want = lock === 0 && dlk === 0 && (el < target || (el === target && kde === 1 && d === 0));
      const got = generateDebugExceptionsFrom(c, el, d === 1);
      assert.equal(got, want, `EL${el} D=${d} KDE=${kde} TDE=${tde} TGE=${tge} OSLK=${lock} DLK=${dlk}`);
      if (got) enabledCount++;
      if (el === 2 && target === 1) assert.equal(got, false, 'never to a lower EL');
    }
  }
  assert.ok(enabledCount > 10);
});

test('the flags stay clear (no per-instruction check, host cache for data) while nothing can fire', () => {
  const c = cpuWith('nop');
  assert.equal(c.debug.perInsn, false);
  assert.equal(c.tlb.hostData, true);
  // breakpoint 0 and watchpoint 0 enabled, MDE = 1, but the OS lock is locked (reset): nothing can fire
  c.sr32[SR.MDSCR_EL1 * 2] = MDSCR_MDE;
  c.sr32[SR.DBGBCR0_EL1 * 2] = (0xf << 5) | (3 << 1) | 1;
  c.sr32[SR.DBGWCR0_EL1 * 2] = (0xff << 5) | (3 << 3) | (3 << 1) | 1;
  debugRegistersChanged(c);
  assert.deepEqual([c.debug.perInsn, c.debug.watch, c.tlb.hostData], [false, false, true]);
  c.sr32[SR.OSLSR_EL1 * 2] = 0b1000;
  debugRegistersChanged(c);
  assert.deepEqual([c.debug.perInsn, c.debug.watch], [false, false], 'EL2 with TDE = 0: the debug target EL1 is lower');
  c.el = 0;
  c.contextSync();
  assert.deepEqual([c.debug.perInsn, c.debug.watch, c.tlb.hostData], [true, true, false], 'EL0: enabled');
  c.sr32[SR.MDSCR_EL1 * 2] = 0;
  debugRegistersChanged(c);
  assert.deepEqual([c.debug.perInsn, c.debug.watch, c.tlb.hostData], [false, false, true], 'MDE = 0');
  c.sr32[SR.MDSCR_EL1 * 2] = MDSCR_SS;
  debugRegistersChanged(c);
  assert.deepEqual([c.debug.perInsn, c.debug.watch], [true, false], 'software step alone');
});

/** EL2 self-hosted debug: TDE = 1 (debug target EL2), KDE = 1, PSTATE.D = 0, the OS lock unlocked. */
function debugAtEl2(c: Cpu, mdscr: number): void {
  c.sr32[SR.OSLSR_EL1 * 2] = 0b1000;
  c.sr32[SR.MDCR_EL2 * 2] = MDCR_TDE;
  c.sr32[SR.MDSCR_EL1 * 2] = MDSCR_KDE | mdscr;
  c.daif = 0x1c0;
  debugRegistersChanged(c);
}

const HOT_LOOP = `
  ldr x3, =${DATA}
loop:
  add x1, x1, #1
  str x1, [x3]
  add x2, x2, #2
  b loop
`;

/** HOT_LOOP run `n` instructions, far enough that the block translator runs it (the translator tests' threshold). */
function hotLoop(n: number): Cpu {
  const c = cpuWith(HOT_LOOP);
  c.translateAfter = TEST_HOT;
  c.run(n);
  assert.ok(c.stats.translated > 0, 'the loop runs translated');
  return c;
}

test('a breakpoint fires inside a loop the block translator already runs', () => {
  const c = hotLoop(2000);
  debugAtEl2(c, MDSCR_MDE);
  c.sr[SR.DBGBVR0_EL1] = CODE + 12n; // add x2
  c.sr32[SR.DBGBCR0_EL1 * 2] = (1 << 13) | (0xf << 5) | 1; // HMC = 1, PMC = 0: EL2 only
  debugRegistersChanged(c);
  c.run(10);
  assert.equal(lo(c, SR.ESR_EL2), 0xc6000022, 'EC 0x31 (same EL), IL, IFSC Debug');
  assert.equal(c.sr[SR.ELR_EL2], CODE + 12n);
  assert.equal(c.x[PC], VBAR + 0x200n);
  assert.equal(c.sr32[SR.SPSR_EL2 * 2]! & D, 0);
});

test('a watchpoint fires on a store the block translator had inlined', () => {
  const c = hotLoop(2000);
  debugAtEl2(c, MDSCR_MDE);
  c.sr[SR.DBGWVR1_EL1] = DATA;
  c.sr32[SR.DBGWCR1_EL1 * 2] = (1 << 13) | (0xff << 5) | (2 << 3) | 1; // HMC, stores
  debugRegistersChanged(c);
  const x1 = c.x[1]!;
  c.run(10);
  assert.equal(lo(c, SR.ESR_EL2), 0xd6000062, 'EC 0x35, WnR, DFSC Debug');
  assert.equal(c.sr[SR.ELR_EL2], CODE + 8n);
  assert.equal(c.sr[SR.FAR_EL2], DATA);
  assert.ok(c.x[1]! - x1 <= 1n);
});

test('software step in translated code: one instruction, then EC 0x33 with ISV = 1 at the next', () => {
  const c = hotLoop(2001);
  debugAtEl2(c, MDSCR_SS);
  c.ss = 1;
  const pc = c.x[PC]!;
  c.run(3);
  assert.equal(lo(c, SR.ESR_EL2), 0xcf000022, 'EC 0x33, ISV = 1, EX = 0, IFSC Debug');
  const next = c.sr[SR.ELR_EL2]!;
  assert.ok(next === pc + 4n || next === CODE + 4n, `ELR ${next.toString(16)} follows ${pc.toString(16)}`);
  assert.equal((c.sr32[SR.SPSR_EL2 * 2]! >>> 21) & 1, 0, 'SPSR.SS = 0: active-pending');
});

test('an IRQ after a stepped instruction saves SPSR.SS = 0 (active-pending); one before it saves SPSR.SS = 1', () => {
  for (const stepFirst of [true, false]) {
    const c = cpuWith('nop\nnop\nnop');
    c.sr[SR.VBAR_EL1] = VBAR;
    c.sr32[SR.OSLSR_EL1 * 2] = 0b1000;
    c.sr32[SR.MDSCR_EL1 * 2] = MDSCR_SS; // EL0 stepped to EL1: enabled without KDE
    c.setElSp(0, 0);
    c.daif = 0; // PSTATE.I = 0
    c.ss = 1;
    debugRegistersChanged(c);
    if (stepFirst) c.run(1); // the stepped NOP completes
    c.setIrqLine(true);
    c.run(1);
    assert.equal(c.el, 1);
    assert.equal(c.x[PC], VBAR + 0x480n, 'IRQ, lower EL, AArch64');
    assert.equal(c.sr[SR.ELR_EL1], stepFirst ? CODE + 4n : CODE);
    assert.equal((c.sr32[SR.SPSR_EL1 * 2]! >>> 21) & 1, stepFirst ? 0 : 1);
  }
});
