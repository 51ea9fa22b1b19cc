// The PMU counts exactly (the QEMU programs pmu-*.S can only print "it counted": QEMU's cycle counter follows the host
// clock): INST_RETIRED counts the retired instructions between the enabling MSR and the reading MRS, the EL filters
// stop it at EL2 unless NSH = 1, and an overflow with its interrupt enabled raises PPI 7 (INTID 23) through the GIC
// at the instruction where the counter wraps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assemble } from '../../src/asm/assemble.ts';
import { SR } from '../../src/arch/sysreg-table.ts';
import { flatImage } from '../../src/cli/asm.ts';
import { PC } from '../../src/cpu/state.ts';
import { GICC_BASE, GICD_BASE } from '../../src/devices/gic.ts';
import { VirtMachine } from '../../src/machine/virt.ts';

const CODE = 0x4008_0000n;

function machine(src: string): VirtMachine {
  const r = assemble('pmu.S', src, { base: CODE });
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  const m = new VirtMachine();
  assert.equal(m.load({ entry: CODE, segments: [{ vaddr: CODE, paddr: CODE, data: flatImage(r), memsz: BigInt(flatImage(r).length), flags: 5 }], symbols: [] }), undefined);
  return m;
}

test('INST_RETIRED at EL2 (NSH = 1) counts the instructions from the enabling MSR to the reading MRS', () => {
  for (const loops of [1, 7, 1000]) {
    const m = machine(`
      ldr x0, =0x08000008
      msr pmevtyper0_el0, x0
      mov x0, #1
      msr pmcntenset_el0, x0
      msr pmcr_el0, x0          // counting starts here
      mov x1, #${loops}
    1: subs x1, x1, #1
      b.ne 1b
      mrs x2, pmevcntr0_el0     // 1 (msr) + 1 (mov) + 2 * loops
      ldr x0, =0x08000000       // NSH, event 0 (SW_INCR): stops counting retired instructions
      msr pmevtyper0_el0, x0
      mrs x3, pmevcntr0_el0
      mov x0, #0
      msr pmevtyper0_el0, x0    // NSH = 0: nothing counts at EL2
      hlt #0xf000
    `);

    m.run(10_000);
    assert.equal(m.cpu.x[2], BigInt(2 + 2 * loops), `loops ${loops}`);
    assert.equal(m.cpu.x[3], BigInt(2 + 2 * loops + 2), 'the ldr and the msr that changed the type still counted');
  }
});

test('an event counter overflow with PMINTENSET raises INTID 23 at the wrapping instruction; the IRQ reaches EL2', () => {
  const m = machine(`
    ldr x0, =0x40090000
    msr vbar_el2, x0
    mov x0, #(1 << 4)           // HCR_EL2.IMO: physical IRQs to EL2
    msr hcr_el2, x0
    ldr x0, =0x08000008
    msr pmevtyper0_el0, x0
    ldr x0, =0xfffffff0
    msr pmevcntr0_el0, x0
    mov x0, #1
    msr pmintenset_el1, x0
    msr pmcntenset_el0, x0
    msr daifclr, #2
    msr pmcr_el0, x0            // counting starts: 16 instructions to the wrap
  1: add x5, x5, #1
    b 1b
  `);
  const dev = (pa: number, v: number, size = 4) => m.mem.deviceAt(pa)!.device.write(pa - m.mem.deviceAt(pa)!.base, size, v);
  dev(GICD_BASE, 1);
  dev(GICD_BASE + 0x100, 1 << 23);
  dev(GICC_BASE, 1);
  dev(GICC_BASE + 4, 0xf0);
  m.mem.writeU32(0x4009_0280, 0x14000000); // b . at the IRQ vector (current EL, SP_ELx)
  m.run(200);
  assert.equal(m.cpu.el, 2);
  assert.equal(m.cpu.x[PC], 0x4009_0280n, 'in the IRQ vector');
  // the MSR PMCR (instruction 12) counted first; the counter wraps after 16 counted instructions, so 15 ran after it:
  // 7 ADD/B pairs and one ADD, and the IRQ is taken before the next B
  assert.equal(m.cpu.x[5], 8n);
  assert.equal(m.cpu.sr[SR.ELR_EL2], CODE + 4n * 13n + 4n);
  assert.equal(m.cpu.sr32[SR.PMOVSSET_EL0 * 2]! & 1, 1, 'overflow flag');
});
