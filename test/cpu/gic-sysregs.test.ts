// The ICC_* system registers (src/cpu/gic-cpuif.ts, the table's 'gic' rows) against the GICv3 model: with no GIC
// attached (the GICv2 board) every one is UNDEFINED; with one they reach its CPU interface at EL1 and EL2; at EL1
// HCR_EL2.IMO (Group 1 registers) / FMO (Group 0) / either (CTLR, PMR, RPR, DIR) select the virtual interface ICV_*
// (src/devices/gicv3-virt.ts) and trap the SGI registers to EL2 with EC 0x18 (QEMU gicv3_sgi_access); ICH_HCR_EL2's
// trap bits; the ICH_*_EL2 rows at EL2. Expectations from IHI 0069 and QEMU 7.2 hw/intc/arm_gicv3_cpuif.c.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assemble } from '../../src/asm/assemble.ts';
import { SR } from '../../src/arch/sysreg-table.ts';
import { flatImage } from '../../src/cli/asm.ts';
import type { Cpu } from '../../src/cpu/cpu.ts';
import { PC } from '../../src/cpu/state.ts';
import { GicV3 } from '../../src/devices/gicv3.ts';
import { PhysMemory } from '../../src/memory/phys.ts';
import { CODE, makeCpu, step } from '../helpers/cpu.ts';

const VBAR1 = 0x4010_0000n;
const VBAR2 = 0x4020_0000n;
const RW = 1n << 31n;
const IMO = 1n << 4n;
const FMO = 1n << 3n;
const EC_UNKNOWN = 0;
const EC_SYSREG = 0x18;

/** A CPU at `el` running `src`, with a GICv3 attached unless `gic` is false. */
function cpu(src: string, el: 1 | 2 = 2, hcr = 0n, gic = true): { c: Cpu; g: GicV3 } {
  const r = assemble('gic.S', src, { base: BigInt(CODE) });
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  const bytes = flatImage(r);
  const words = Array.from({ length: bytes.length / 4 }, (_, i) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(4 * i, true));
  const c = makeCpu(words);
  const g = new GicV3((l) => c.setIrqLine(l), (l) => c.setFiqLine(l), { virq: (l) => c.setVirqLine(l), vfiq: (l) => c.setVfiqLine(l) }, new PhysMemory(0x4000_0000, 0x1_0000));
  if (gic) c.gic = g;
  c.sr[SR.HCR_EL2] = RW | hcr;
  c.sr[SR.VBAR_EL1] = VBAR1;
  c.sr[SR.VBAR_EL2] = VBAR2;
  c.setElSp(el, 1);
  return { c, g };
}

/** The exception the CPU took: [EL, EC], or undefined when the PC is still in the code. */
function taken(c: Cpu): [number, number] | undefined {
  const pc = c.x[PC]!;
  if (pc < VBAR1) return undefined;
  const esr = c.sr[c.el === 2 ? SR.ESR_EL2 : SR.ESR_EL1]!;
  return [c.el, Number(esr >> 26n)];
}

test('without a GICv3 (the GICv2 board) every ICC register is UNDEFINED, at EL2 too', () => {
  for (const insn of ['mrs x0, icc_iar1_el1', 'msr icc_pmr_el1, x0', 'mrs x0, icc_sre_el1', 'mrs x0, icc_sre_el2', 'msr icc_sgi1r_el1, x0', 'mrs x0, icc_ctlr_el1']) {
    const { c } = cpu(insn, 2, 0n, false);
    step(c);
    assert.deepEqual(taken(c), [2, EC_UNKNOWN], insn);
  }
});

test('at EL2: PMR keeps its 5 implemented bits, SRE_EL1/EL2 read 0x7/0xf, CTLR A3V, IDbits 1, PRIbits 4 (QEMU icc_reset)', () => {
  const { c } = cpu(`
    mov x0, #0xff
    msr icc_pmr_el1, x0
    mrs x1, icc_pmr_el1
    mrs x2, icc_sre_el1
    mrs x3, icc_sre_el2
    msr icc_sre_el2, xzr
    mrs x4, icc_sre_el2
    mrs x5, icc_ctlr_el1
  `);
  step(c, 8);
  assert.equal(taken(c), undefined);
  assert.deepEqual([c.x[1], c.x[2], c.x[3], c.x[4], c.x[5]], [0xf8n, 0x7n, 0xfn, 0xfn, 0x8c00n]);
});

test('an SGI through ICC_SGI1R_EL1 is signalled as IRQ, acknowledged through IAR1 and ended through EOIR1', () => {
  const { c, g } = cpu(`
    mov x0, #0xff
    msr icc_pmr_el1, x0
    mov x0, #1
    msr icc_igrpen1_el1, x0
    ldr x0, =0x05000001
    msr icc_sgi1r_el1, x0
    mrs x1, icc_hppir1_el1
    mrs x2, icc_iar1_el1
    mrs x3, icc_rpr_el1
    mrs x4, icc_ap1r0_el1
    msr icc_eoir1_el1, x2
    mrs x5, icc_rpr_el1
    mrs x6, icc_iar1_el1
  `);
  c.daif = 0x3c0; // IRQs masked at EL2: the line is observed, not taken
  g.distributor.write(0x000, 4, 0x2); // GICD_CTLR.EnableGrp1
  g.redistributor.write(0x1_0080, 4, 0xffff_ffff); // GICR_IGROUPR0: Group 1
  g.redistributor.write(0x1_0100, 4, 1 << 5); // GICR_ISENABLER0: SGI 5
  step(c, 6);
  assert.equal(c.physIrq, true, 'SGI 5 pending: IRQ asserted');
  step(c, 7);
  assert.equal(taken(c), undefined);
  assert.deepEqual([c.x[1], c.x[2], c.x[3], c.x[4], c.x[5], c.x[6]], [5n, 5n, 0n, 1n, 0xffn, 1023n]);
  assert.equal(c.physIrq, false);
});

test('at EL1 with HCR_EL2.IMO: Group 1 and common registers are the ICV_* ones (ICH_VMCR_EL2), Group 0 ones the ICC_*', () => {
  const { c, g } = cpu(`
    mrs x1, icc_pmr_el1
    mrs x2, icc_igrpen1_el1
    mrs x3, icc_ctlr_el1
    mrs x4, icc_bpr1_el1
    mrs x5, icc_rpr_el1
    mrs x6, icc_iar1_el1
    mrs x7, icc_igrpen0_el1
    mrs x8, icc_sre_el1
    mov x0, #1
    msr icc_igrpen1_el1, x0
    msr icc_pmr_el1, x0
  `, 1, IMO);
  // VPMR 0xf0, VBPR1 5, VEOIM, VENG1; the physical Group 0 enable set
  g.virtual.writeIch('VMCR', (0xf0n << 24n) | (5n << 18n) | (1n << 9n) | 2n);
  g.writeIgrpen(0, 1);
  step(c, 11);
  assert.equal(taken(c), undefined);
  // ICV_CTLR_EL1: A3V, IDbits 1, PRIbits 4, EOImode from VEOIM (QEMU 7.2 icv_ctlr_read)
  assert.deepEqual([c.x[1], c.x[2], c.x[3], c.x[4], c.x[5], c.x[6], c.x[7], c.x[8]], [0xf0n, 1n, 0x8c02n, 5n, 0xffn, 1023n, 1n, 7n]);
  assert.equal(g.virtual.readIch('VMCR') & 3n, 2n, 'ICV_IGRPEN1_EL1 written 1: VENG1 stays 1');
  assert.equal(g.virtual.readIch('VMCR') >> 24n, 0n, 'ICV_PMR_EL1 written 1: the 5 implemented bits keep 0');
  assert.equal(g.readPmr(), 0, 'the physical PMR is untouched');
});

test('at EL1 with HCR_EL2.FMO: Group 0 registers are the ICV_* ones, Group 1 ones the ICC_*; ICC_SRE_EL2 is UNDEFINED at EL1', () => {
  const { c, g } = cpu(`
    mov x0, #1
    msr icc_bpr0_el1, x0
    mrs x1, icc_bpr0_el1
    msr icc_igrpen0_el1, x0
    msr icc_ap0r0_el1, x0
    mrs x2, icc_rpr_el1
    mrs x3, icc_bpr1_el1
  `, 1, FMO);
  step(c, 7);
  assert.equal(taken(c), undefined);
  // ICV_BPR0_EL1 below its minimum 2 reads 2; ICV_AP0R0 bit 0 makes the virtual running priority 0; BPR1 is ICC's (3)
  assert.deepEqual([c.x[1], c.x[2], c.x[3]], [2n, 0n, 3n]);
  assert.equal(g.virtual.readIch('VMCR') & 1n, 1n, 'VENG0');
  assert.equal(g.virtual.readIch('AP0R0'), 1n);
  assert.equal(g.readApr(0), 0, 'the physical AP0R0 is untouched');
  assert.equal(g.readIgrpen(0), 0);
  const s = cpu('mrs x0, icc_sre_el2', 1);
  step(s.c);
  assert.deepEqual(taken(s.c), [1, EC_UNKNOWN]);
});

test('ICH_HCR_EL2.TALL0/TALL1/TC/TDIR trap EL1 accesses to EL2 (EC 0x18), with or without IMO/FMO; EL2 accesses never', () => {
  const TC = 1n << 10n;
  const TALL0 = 1n << 11n;
  const TALL1 = 1n << 12n;
  const TDIR = 1n << 14n;
  for (const [ich, insn, hcr, want] of [
    [TALL0, 'mrs x0, icc_iar0_el1', 0n, [2, EC_SYSREG]], [TALL0, 'mrs x0, icc_iar1_el1', 0n, undefined],
    [TALL1, 'msr icc_eoir1_el1, x0', IMO, [2, EC_SYSREG]], [TALL1, 'mrs x0, icc_pmr_el1', IMO, undefined],
    [TC, 'mrs x0, icc_pmr_el1', 0n, [2, EC_SYSREG]], [TC, 'msr icc_sgi1r_el1, x0', 0n, [2, EC_SYSREG]], [TC, 'mrs x0, icc_bpr1_el1', IMO, undefined],
    [TDIR, 'msr icc_dir_el1, x0', IMO, [2, EC_SYSREG]], [TDIR, 'mrs x0, icc_ctlr_el1', IMO, undefined], [TC, 'mrs x0, icc_sre_el1', 0n, undefined],
  ] as const) {
    const { c, g } = cpu(insn, 1, hcr);
    g.virtual.writeIch('HCR', ich);
    step(c);
    assert.deepEqual(taken(c), want, `${insn} with ICH_HCR_EL2 ${ich.toString(16)}`);
  }
  const { c, g } = cpu('mrs x0, icc_iar0_el1', 2);
  g.virtual.writeIch('HCR', TALL0 | TALL1 | TC | TDIR);
  step(c);
  assert.equal(taken(c), undefined);
});

test('ICH_*_EL2: VTR 0x90b80003, the write masks of HCR, VMCR, LR (Priority 50:48 RES0), read-only status registers; UNDEFINED at EL1 and without a GICv3', () => {
  const { c } = cpu(`
    mrs x1, ich_vtr_el2
    mov x0, #-1
    msr ich_hcr_el2, x0
    mrs x2, ich_hcr_el2
    msr ich_vmcr_el2, xzr
    mrs x3, ich_vmcr_el2
    msr ich_lr3_el2, x0
    mrs x4, ich_lr3_el2
    msr ich_ap1r0_el2, x0
    mrs x5, ich_ap1r0_el2
    mrs x6, ich_elrsr_el2
  `);
  step(c, 11);
  assert.equal(taken(c), undefined);
  // HCR: En..VGrp1DIE, TC, TALL0, TALL1, TSEI, TDIR, EOIcount; VMCR written 0: VFIQEn RES1, VBPR1 3, VBPR0 2 (minimums)
  assert.deepEqual([c.x[1], c.x[2], c.x[3], c.x[4], c.x[5], c.x[6]], [0x90b8_0003n, 0xf800_7cffn, 0x004c_0008n, 0xfff8_ffff_ffff_ffffn, 0xffff_ffffn, 0x7n]);
  for (const [insn, el, gic] of [['msr ich_vtr_el2, x0', 2, true], ['mrs x0, ich_hcr_el2', 1, true], ['mrs x0, ich_lr0_el2', 2, false], ['msr ich_misr_el2, x0', 2, true]] as const) {
    const s = cpu(insn, el, 0n, gic);
    step(s.c);
    assert.deepEqual(taken(s.c), [el, EC_UNKNOWN], insn);
  }
});

test('at EL1 with HCR_EL2.IMO or FMO the SGI registers trap to EL2 (EC 0x18, ISS naming the register); without, they generate', () => {
  for (const [hcr, reg] of [[IMO, 'icc_sgi1r_el1'], [FMO, 'icc_sgi0r_el1'], [IMO, 'icc_asgi1r_el1']] as const) {
    const { c, g } = cpu(`msr ${reg}, x3`, 1, hcr);
    c.x[3] = (3n << 24n) | 1n;
    step(c);
    assert.deepEqual(taken(c), [2, EC_SYSREG], reg);
    const iss = Number(c.sr[SR.ESR_EL2]! & 0x1ff_ffffn);
    assert.equal((iss >> 5) & 31, 3, 'Rt');
    assert.equal(iss & 1, 0, 'a write');
    assert.equal(g.hppir(1), 1023);
  }
  const { c, g } = cpu('msr icc_sgi1r_el1, x3', 1);
  c.x[3] = (3n << 24n) | 1n;
  g.distributor.write(0x000, 4, 0x2);
  g.redistributor.write(0x1_0080, 4, 0xffff_ffff);
  g.redistributor.write(0x1_0100, 4, 1 << 3);
  g.writeIgrpen(1, 1);
  step(c);
  assert.equal(taken(c), undefined);
  assert.equal(g.hppir(1), 3);
});

test('the virtual interface\'s outputs: a Group 1 LR is taken at EL1 as an IRQ under IMO, a Group 0 one as an FIQ under FMO, masked by PSTATE.I/F', () => {
  for (const [hcr, group, vector] of [[IMO, 1n << 60n, 0x280n], [FMO, 0n, 0x300n]] as const) {
    const { c, g } = cpu('nop\nnop', 1, hcr);
    c.daif = 0x3c0;
    g.virtual.writeIch('HCR', 1n);
    g.virtual.writeIch('VMCR', (0xffn << 24n) | 3n);
    g.virtual.writeIch('LR0', (1n << 62n) | group | (0x80n << 48n) | 42n);
    assert.equal(c.takeInterrupt(), false, 'PSTATE.I/F masks it');
    c.daif = 0;
    assert.equal(c.takeInterrupt(), true);
    assert.equal(c.el, 1);
    assert.equal(c.x[PC], VBAR1 + vector, 'current EL with SP_ELx');
  }
  const { c, g } = cpu('nop', 1, 0n);
  g.virtual.writeIch('HCR', 1n);
  g.virtual.writeIch('VMCR', (0xffn << 24n) | 3n);
  g.virtual.writeIch('LR0', (1n << 62n) | (1n << 60n) | (0x80n << 48n) | 42n);
  c.daif = 0;
  assert.equal(c.takeInterrupt(), false, 'IMO = 0: no virtual IRQ');
});
