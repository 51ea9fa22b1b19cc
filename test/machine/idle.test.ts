// Idle: a WFI with no interrupt pending moves the system counter to the next timer deadline, so waiting costs no
// instructions and the time stays deterministic; the interrupt is taken right after the WFI (or, masked, the WFI just
// returns at the deadline). Without a deadline armed, the WFI completes at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assemble } from '../../src/asm/assemble.ts';
import { flatImage } from '../../src/cli/asm.ts';
import { VirtMachine } from '../../src/machine/virt.ts';

const CODE = 0x4008_0000n;

function machine(src: string): VirtMachine {
  const r = assemble('idle.S', src, { base: CODE });
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  const m = new VirtMachine();
  const data = flatImage(r);
  assert.equal(m.load({ entry: CODE, segments: [{ vaddr: CODE, paddr: CODE, data, memsz: BigInt(data.length), flags: 5 }], symbols: [] }), undefined);
  return m;
}

// EL2 physical timer 1,000,000 ticks after the TVAL write (three before the first CNTPCT read), GIC on for INTID 26, PSTATE.I masked: the WFI wakes at the deadline
const WAIT = `
  ldr x1, =0x08000000
  mov w2, #1
  str w2, [x1]              // GICD_CTLR
  mov w2, #(1 << 26)
  str w2, [x1, #0x100]      // GICD_ISENABLER0: INTID 26
  ldr x1, =0x08010000
  str w2, [x1]              // GICC_CTLR (w2 bit 0 is 0: set it)
  mov w2, #1
  str w2, [x1]
  mov w2, #0xf0
  str w2, [x1, #4]          // GICC_PMR
  ldr x0, =1000000
  msr cnthp_tval_el2, x0
  mov x0, #1
  msr cnthp_ctl_el2, x0
  mrs x10, cntpct_el0
  wfi
  mrs x11, cntpct_el0
  wfi                        // the timer's IRQ is still pending (masked): no wait
  mrs x12, cntpct_el0
  ldr x0, =0x84000008       // PSCI SYSTEM_OFF
  smc #0
`;

test('WFI with a deadline armed: the counter jumps to it, in a handful of instructions', () => {
  const m = machine(WAIT);
  const r = m.run(1000);
  assert.ok(r.instructions < 40, `${r.instructions} instructions`);
  const [t0, t1, t2] = [m.cpu.x[10]!, m.cpu.x[11]!, m.cpu.x[12]!];
  assert.ok(t1 - t0 >= 999_990n && t1 - t0 <= 1_000_000n, `waited ${t1 - t0} ticks`);
  assert.ok(t2 - t1 < 5n, 'a pending interrupt ends WFI at once');
});

test('WFI with nothing armed completes at once', () => {
  const m = machine('mrs x10, cntpct_el0\n wfi\n mrs x11, cntpct_el0\n ldr x0, =0x84000008\n smc #0\n');
  m.run(100);
  assert.ok(m.cpu.x[11]! - m.cpu.x[10]! < 5n);
});
