// The ICC_* system registers (src/cpu/gic-cpuif.ts, the table's 'gic' rows) against the GICv3 model: with no GIC
// attached (the GICv2 board) every one is UNDEFINED; with one they reach its CPU interface at EL1 and EL2; at EL1
// HCR_EL2.IMO (Group 1 registers) / FMO (Group 0) / either (CTLR, PMR, RPR, DIR) select the virtual interface ICV_*,
// which is not modelled (UNDEFINED, test/qemu/DEVIATIONS.md), and trap the SGI registers to EL2 with EC 0x18 (QEMU
// gicv3_sgi_access). Expectations from IHI 0069 and QEMU 7.2 hw/intc/arm_gicv3_cpuif.c.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assemble } from '../../src/asm/assemble.ts';
import { SR } from '../../src/arch/sysreg-table.ts';
import { flatImage } from '../../src/cli/asm.ts';
import type { Cpu } from '../../src/cpu/cpu.ts';
import { PC } from '../../src/cpu/state.ts';
import { GicV3 } from '../../src/devices/gicv3.ts';
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
  const g = new GicV3((l) => c.setIrqLine(l));
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

test('at EL1 with HCR_EL2.IMO: Group 1 and common registers are UNDEFINED (ICV_* not modelled), Group 0 ones reach the GIC', () => {
  for (const [insn, want] of [
    ['mrs x0, icc_iar1_el1', [1, EC_UNKNOWN]], ['msr icc_igrpen1_el1, x0', [1, EC_UNKNOWN]], ['mrs x0, icc_pmr_el1', [1, EC_UNKNOWN]],
    ['mrs x0, icc_ctlr_el1', [1, EC_UNKNOWN]], ['msr icc_dir_el1, x0', [1, EC_UNKNOWN]], ['mrs x0, icc_rpr_el1', [1, EC_UNKNOWN]],
    ['mrs x0, icc_iar0_el1', undefined], ['mrs x0, icc_igrpen0_el1', undefined], ['mrs x0, icc_sre_el1', undefined],
  ] as const) {
    const { c } = cpu(insn, 1, IMO);
    step(c);
    assert.deepEqual(taken(c), want, insn);
  }
});

test('at EL1 with HCR_EL2.FMO: Group 0 registers are UNDEFINED, Group 1 ones reach the GIC; ICC_SRE_EL2 is UNDEFINED at EL1', () => {
  for (const [insn, want] of [
    ['mrs x0, icc_iar0_el1', [1, EC_UNKNOWN]], ['msr icc_bpr0_el1, x0', [1, EC_UNKNOWN]], ['mrs x0, icc_ap0r0_el1', [1, EC_UNKNOWN]],
    ['mrs x0, icc_pmr_el1', [1, EC_UNKNOWN]], ['mrs x0, icc_iar1_el1', undefined], ['mrs x0, icc_bpr1_el1', undefined],
  ] as const) {
    const { c } = cpu(insn, 1, FMO);
    step(c);
    assert.deepEqual(taken(c), want, insn);
  }
  const { c } = cpu('mrs x0, icc_sre_el2', 1);
  step(c);
  assert.deepEqual(taken(c), [1, EC_UNKNOWN]);
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
