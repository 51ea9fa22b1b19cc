// The board with gicVersion 3 (QEMU -M virt,gic-version=3): a guest sets up the GICv3 through its
// distributor, redistributor and ICC_* registers and takes CNTHP_EL2 (PPI 10, INTID 26) as an IRQ and a Group 0 SGI
// as an FIQ, acknowledging and ending each through ICC_IAR<g>/EOIR<g>; an MSI through the ITS (tables and command
// queue in its RAM) is taken as an IRQ with the LPI's INTID; the GICv2 board's layout and ID registers are unchanged,
// and there the ICC_* registers are UNDEFINED.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assemble } from '../../src/asm/assemble.ts';
import { SR } from '../../src/arch/sysreg-table.ts';
import { flatImage } from '../../src/cli/asm.ts';
import { VirtMachine } from '../../src/machine/virt.ts';

const CODE = 0x4008_0000n;

function machine(src: string, gicVersion: 2 | 3): VirtMachine {
  const r = assemble('gicv3.S', src, { base: CODE });
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  const m = new VirtMachine({ gicVersion });
  const data = flatImage(r);
  assert.equal(m.load({ entry: CODE, segments: [{ vaddr: CODE, paddr: CODE, data, memsz: BigInt(data.length), flags: 5 }], symbols: [] }), undefined);
  return m;
}

/** Vectors at CODE + 0x800 (VBAR_EL2): IRQ and FIQ from the current EL with SP_ELx record the INTID in x20/x21 and
 *  count in x22/x23; the IRQ handler stops the timer. */
const SETUP = `
    b start
    .balign 0x800
vectors:
    .balign 0x80
    b .                        // 0x000 sync, SP_EL0
    .balign 0x200
    b .                        // 0x200 sync, SP_ELx
    .balign 0x80
    mrs x20, icc_iar1_el1      // 0x280 IRQ, SP_ELx
    msr cnthp_ctl_el2, xzr     // the timer's level-sensitive output drops
    msr icc_eoir1_el1, x20
    add x22, x22, #1
    eret
    .balign 0x80
    mrs x21, icc_iar0_el1      // 0x300 FIQ, SP_ELx
    msr icc_eoir0_el1, x21
    add x23, x23, #1
    eret
    .balign 0x80
    b .
    .balign 0x800
start:
    adr x0, vectors
    msr vbar_el2, x0
    ldr x0, =0x80000018        // HCR_EL2: RW, IMO, FMO (physical IRQs and FIQs to EL2)
    msr hcr_el2, x0
    ldr x0, =0x08000000        // GICD
    mov w1, #3                 // GICD_CTLR: EnableGrp0, EnableGrp1
    str w1, [x0]
    ldr x0, =0x080a0000        // GICR RD_base
    str wzr, [x0, #0x14]       // GICR_WAKER: awake
    ldr x1, [x0, #8]           // GICR_TYPER, 64-bit
    mov x24, x1
    ldr x0, =0x080b0000        // GICR SGI_base
    ldr w1, =0xfffffffe        // GICR_IGROUPR0: SGI 0 Group 0, the rest Group 1
    str w1, [x0, #0x80]
    ldr w1, =0x04000001        // GICR_ISENABLER0: SGI 0, PPI 10 (INTID 26)
    str w1, [x0, #0x100]
    mov x1, #0xff
    msr icc_pmr_el1, x1
    mov x1, #1
    msr icc_igrpen0_el1, x1
    msr icc_igrpen1_el1, x1
    isb
`;

test('GICv3 board: CNTHP_EL2 is taken as an IRQ (Group 1) and an ICC_SGI0R SGI as an FIQ (Group 0) at EL2', () => {
  const m = machine(`${SETUP}
    msr daifclr, #3            // unmask IRQ and FIQ
    mov x0, #1                 // SGI 0 (INTID 0) to TargetList bit 0: this PE
    msr icc_sgi0r_el1, x0
    isb
    mov x0, #50
    msr cnthp_tval_el2, x0
    mov x0, #1
    msr cnthp_ctl_el2, x0
1:  cbz x22, 1b                // until the timer's IRQ
    mrs x25, id_aa64pfr0_el1
    mov x26, #1                // done
2:  b 2b
  `, 3);
  m.run(20_000);
  assert.equal(m.cpu.x[26], 1n, 'the program ran to its end');
  const x = m.cpu.x;
  assert.deepEqual([x[21], x[23], x[20], x[22]], [0n, 1n, 26n, 1n], 'one FIQ for SGI 0 (INTID 0), then one IRQ for INTID 26');
  assert.equal(x[24], 0x0100_0011n, 'GICR_TYPER through a 64-bit load: CommonLPIAff 1, Last, PLPIS');
  assert.equal(x[25]! >> 24n & 0xfn, 1n, 'ID_AA64PFR0_EL1.GIC = 1');
  assert.equal(m.gicv3?.rpr(), 0xff, 'nothing active');
  assert.equal(m.cpu.sr[SR.ESR_EL2], 0n, 'no synchronous exception');
});

test('GICv3 board: a guest enables LPIs and the ITS, maps DeviceID 0 EventID 7 to LPI 8200, and takes its MSI as an IRQ', () => {
  const m = machine(`${SETUP}
    ldr x0, =0x080a0000        // GICR RD_base
    ldr x1, =0x44000000        // the LPI Configuration table: LPI 8200 priority 0x40, enabled
    mov w2, #0x41
    strb w2, [x1, #8]
    mov x2, #15
    orr x2, x1, x2             // GICR_PROPBASER: the table, IDbits 15
    str x2, [x0, #0x70]
    ldr x2, =0x44010000        // GICR_PENDBASER
    str x2, [x0, #0x78]
    mov w2, #1
    str w2, [x0]               // GICR_CTLR.EnableLPIs
    ldr x0, =0x08080000        // the ITS
    ldr x2, =0x8000000044020200 // GITS_BASER0: Device table, Valid, 64 KiB pages
    str x2, [x0, #0x100]
    ldr x2, =0x8000000044030200 // GITS_BASER1: Collection table
    str x2, [x0, #0x108]
    ldr x2, =0x8000000044040000 // GITS_CBASER: the queue, 4 KiB
    str x2, [x0, #0x80]
    mov w2, #1
    str w2, [x0]               // GITS_CTLR.Enabled
    ldr x1, =0x44040000        // MAPD (0, Size 3, ITT 0x44050000), MAPC (ICID 0 -> PE 0), MAPTI (0, 7) -> 8200
    mov x2, #8
    ldr x3, =3
    ldr x4, =0x8000000044050000
    stp x2, x3, [x1]
    stp x4, xzr, [x1, #16]
    mov x2, #9
    ldr x4, =0x8000000000000000
    stp x2, xzr, [x1, #32]
    stp x4, xzr, [x1, #48]
    mov x2, #10
    ldr x3, =0x0000200800000007
    stp x2, x3, [x1, #64]
    stp xzr, xzr, [x1, #80]
    mov x2, #96
    str x2, [x0, #0x88]        // GITS_CWRITER: three commands
    ldr x26, [x0, #0x90]       // GITS_CREADR
    msr daifclr, #2
    mov w2, #7
    ldr x1, =0x08090040        // GITS_TRANSLATER: EventID 7 from DeviceID 0
    str w2, [x1]
1:  cbz x22, 1b
    mov x27, #1
2:  b 2b
  `, 3);
  m.run(20_000);
  assert.equal(m.cpu.x[27], 1n, 'the program ran to its end');
  assert.deepEqual([m.cpu.x[26], m.cpu.x[20], m.cpu.x[22]], [96n, 8200n, 1n], 'the queue ran to CWRITER; one IRQ, INTID 8200');
  assert.equal(m.mem.readU8(0x4401_0000 + (8200 >> 3)) >> (8200 & 7) & 1, 0, 'its Pending-table bit cleared by the acknowledge');
  assert.deepEqual(m.its?.errors, []);
});

test('GICv3 board: no GICC, GICH, GICV or GICv2m on the bus; the GICv2 board keeps its layout and has no ICC registers', () => {
  const v3 = new VirtMachine({ gicVersion: 3 });
  const names = (m: VirtMachine) => m.bus.filter((r) => r.base < 0x0900_0000 && r.base >= 0x0800_0000).map((r) => `${r.base.toString(16)} ${r.name}`);
  assert.deepEqual(names(v3), ['8000000 GICv3 distributor', '80a0000 GICv3 redistributor', '8080000 GICv3 ITS']);
  assert.equal(v3.gic, undefined);
  assert.equal(v3.gicVirt, undefined);
  const v2 = new VirtMachine();
  assert.deepEqual(names(v2).map((n) => n.split(' ')[0]), ['8000000', '8010000', '8030000', '8040000', '8020000']);
  assert.equal(v2.gicv3, undefined);
  assert.equal(v2.cpu.gic, null);
  assert.equal(v2.cpu.profile.id.aa64pfr0 >> 24n & 0xfn, 0n);
  const m = machine('mrs x0, icc_iar1_el1\nhlt #0xf000', 2);
  m.cpu.sr[SR.VBAR_EL2] = 0x4010_0000n;
  m.run(1);
  assert.equal(m.cpu.sr[SR.ESR_EL2]! >> 26n, 0n, 'UNDEFINED (EC 0)');
  assert.equal(m.cpu.sr[SR.ELR_EL2], CODE);
});
