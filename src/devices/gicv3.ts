// A GICv3 for one PE, as QEMU's virt board has it with -M virt,gic-version=3 (Arm GIC Architecture Specification
// IHI 0069, "GICv3 and GICv4"; QEMU 7.2 hw/intc/arm_gicv3*.c as the executable reference; reset values as read back
// on QEMU 7.2). hw/arm/virt.c maps the distributor at 0x0800_0000 (64 KiB) and the redistributor region
// at 0x080a_0000: for one PE its RD_base frame then its SGI_base frame, 64 KiB each.
//
// One Security state: GICD_CTLR.DS = 1 (RAO/WI) — no EL3 on virt — so an interrupt is Group 0 (GICD_IGROUPR /
// GICR_IGROUPR0 bit 0, signalled as FIQ) or Group 1 (bit 1, Non-secure Group 1, signalled as IRQ) and the group
// modifier registers are RAZ/WI. Affinity routing is always on (GICD_CTLR.ARE RAO/WI), so the distributor's SGI/PPI
// words are RAZ/WI (the redistributor holds them) and GICD_ITARGETSR/SGIR/CPENDSGIR/SPENDSGIR are RAZ/WI. 288 INTIDs
// (16 SGIs, 16 PPIs, 256 SPIs) as gic.ts, and LPIs from 8192 (GICD_TYPER.LPIS = 1, GICR_TYPER.PLPIS = 1: the
// redistributor's tables in src/devices/gicv3-lpi.ts; the ITS that makes them pending in src/devices/gicv3-its.ts).
// The CPU interface has Cortex-A57's 5 priority and 5 preemption bits
// (QEMU's gic_pribits = 5): one active-priority register per group (ICC_AP0R0/AP1R0). Its registers are methods here;
// the machine maps the ICC_* system registers onto them and wires setLevel and the IRQ/FIQ outputs.
//
// Accesses as QEMU allows them (gicv3_dist_read/write, gicv3_redist_read/write): 32-bit, bytes only for the priority
// registers, 64-bit only for GICD_IROUTER<n> and GICR_TYPER (whose 32-bit halves are accessible too); any other
// size or offset is RAZ/WI. The memory bus gives a 64-bit access to readDoubleword/writeDoubleword whole (Device in
// src/memory/phys.ts); read/write see 1, 2 and 4 bytes only.
import type { Device } from '../memory/phys.ts';
import { GIC_IRQS, SPURIOUS } from './gic.ts';
import { type GuestMemory, LPI_INTID_START, RedistributorLpis } from './gicv3-lpi.ts';
import { ctz, GicV3Virtual, IDLE, runningPriority } from './gicv3-virt.ts';

export const GICV3_DIST_BASE = 0x0800_0000;
export const GICV3_DIST_SIZE = 0x1_0000;
export const GICV3_REDIST_BASE = 0x080a_0000;
/** One PE's redistributor: RD_base and SGI_base, 64 KiB each (QEMU maps num_cpu * 128 KiB). */
export const GICV3_REDIST_SIZE = 0x2_0000;

/** A device with the 64-bit accesses QEMU gives the GICv3 (impl.max_access_size = 8): low word first. */
export interface DoublewordDevice extends Device {
  readDoubleword(offset: number, out: Uint32Array): void;
  writeDoubleword(offset: number, lo: number, hi: number): void;
}

/** Which group each SGI-generating register asks for (QEMU icc_sgi0r_write, icc_sgi1r_write, icc_asgi1r_write):
 *  ASGI1R from Non-secure state asks for Secure Group 1, which with GICD_CTLR.DS = 1 is Group 0 (icc_generate_sgi). */
export const SGI_REGISTER_GROUP = { SGI0R: 0, SGI1R: 1, ASGI1R: 0 } as const;

/** The virtual interface's maintenance interrupt: PPI 9, INTID 25 (QEMU virt.c ARCH_GIC_MAINT_IRQ). */
export const GICV3_MAINTENANCE_INTID = 25;
const INTERNAL = 32; // SGIs and PPIs: per PE, in the redistributor (GIC_INTERNAL)
const SGIS = 16;
const SGI_BASE = 0x1_0000; // the SGI_base frame in the redistributor region

const PRI_BITS = 5; // ICC_CTLR_EL1.PRIbits + 1 (Cortex-A57: QEMU cpu64.c gic_pribits = 5)
const PRE_BITS = 5; // preemption bits (QEMU gicv3_init_cpuif: prebits = pribits when below 8)
const PRIO_MASK = (0xff << (8 - PRI_BITS)) & 0xff; // ICC_PMR_EL1: unimplemented low bits RAZ/WI (icc_fullprio_mask)
const MIN_BPR0 = 7 - PRE_BITS; // ICC_BPR0_EL1 minimum (icc_min_bpr); writes below it set it
const MIN_BPR1 = MIN_BPR0 + 1; // ICC_BPR1_EL1 minimum (icc_min_bpr_ns)
const APR_SHIFT = 8 - PRE_BITS; // ICC_AP<g>R0 bit n: group priority n << 3 active (IHI 0069 ICC_AP0R<n>_EL1, ICC_AP1R<n>_EL1)

const GICD_CTLR_EN_GRP0 = 1 << 0;
const GICD_CTLR_EN_GRP1 = 1 << 1; // EnableGrp1NS with DS = 1
const GICD_CTLR_ARE = 1 << 4; // RAO/WI: affinity routing always on (QEMU)
const GICD_CTLR_DS = 1 << 6; // RAO/WI: one Security state
// GICD_TYPER: No1N (25) = 1, A3V (24) = 1, IDbits (23:19) = 15, LPIS (17) = 1, SecurityExtn (10) = 0, CPUNumber = 0
// with ARE, ITLinesNumber = (288 - 32) / 32 - 1 = 7 (QEMU gicd_readl's formula: QEMU 7.2 reads 0x037a0007)
const GICD_TYPER = (1 << 25) | (1 << 24) | (0xf << 19) | (1 << 17) | ((GIC_IRQS - INTERNAL) / 32 - 1);
const GICV3_IIDR = 0x43b; // GICD_IIDR, GICR_IIDR: Arm r0p0, ProductID 0, as a GIC-500 r0p0 (QEMU gicv3_iidr)
/** CoreSight ID registers at 0xffd0..0xfffc: PIDR4-7, PIDR0-3, CIDR0-3; PIDR0 per frame (QEMU gicv3_idreg). */
const ID_REGS = [0x44, 0, 0, 0, -1, 0xb4, 0x3b, 0, 0x0d, 0xf0, 0x05, 0xb1]; // PIDR2 0x3b: ArchRev = 3
const ID_REGS_OFFSET = 0xffd0;
const PIDR0_DIST = 0x92;
const PIDR0_REDIST = 0x93;
// GICR_TYPER: Affinity (63:32) 0.0.0.0, CommonLPIAff (25:24) = 1, Processor_Number (23:8) 0, Last (4) = 1,
// DirectLPI (3) = 0 (GICR_SETLPIR/CLRLPIR absent, as QEMU's direct_lpi = false), PLPIS (0) = 1
const GICR_TYPER_LO = (1 << 24) | (1 << 4) | 1;
const GICR_CTLR_ENABLE_LPIS = 1 << 0; // GICR_CTLR.EnableLPIs: the only writable bit
const GICR_CTLR_CES = 1 << 1; // GICR_CTLR.CES RAO: GICR_CTLR.EnableLPIs may be cleared (QEMU sets it with LPIs)
const GICR_PROPBASER = 0x0070;
const GICR_PENDBASER = 0x0078;
const WAKER_PROCESSOR_SLEEP = 1 << 1; // GICR_WAKER.ProcessorSleep: the only writable bit
const WAKER_CHILDREN_ASLEEP = 1 << 2; // GICR_WAKER.ChildrenAsleep: follows ProcessorSleep at once (QEMU)

const ICC_CTLR_CBPR = 1 << 0; // ICC_CTLR_EL1.CBPR: BPR0 governs Group 1 too
const ICC_CTLR_EOIMODE = 1 << 1; // ICC_CTLR_EL1.EOImode: EOIR drops priority only, DIR deactivates
// ICC_CTLR_EL1 read-only: A3V (15) = 1, IDbits (13:11) = 1 (24 bits), PRIbits (10:8) = 4; PMHE, SEIS 0 (icc_reset)
const ICC_CTLR_RO = (1 << 15) | (1 << 11) | ((PRI_BITS - 1) << 8);
export const ICC_SRE_EL1 = 0x7; // SRE, DFB, DIB RAO/WI: system-register interface only (QEMU ARM_CP_CONST 0x7)
export const ICC_SRE_EL2 = 0xf; // SRE, DFB, DIB, Enable RAO/WI (QEMU ARM_CP_CONST 0xf)

export class GicV3 {
  /** The IRQ output: the highest-priority pending interrupt can be signalled and is Group 1. */
  irq = false;
  /** The FIQ output: the same for a Group 0 interrupt (IHI 0069 "Interrupt grouping": Group 0 is FIQ, Non-secure
   *  Group 1 is IRQ in Non-secure state; QEMU gicv3_cpuif_update). */
  fiq = false;

  // per INTID; 0..31 are the redistributor's (GICR_*R0), 32.. the distributor's
  private readonly group = new Uint8Array(GIC_IRQS); // 0 Group 0, 1 Group 1
  private readonly enabled = new Uint8Array(GIC_IRQS);
  private readonly level = new Uint8Array(GIC_IRQS); // input lines
  private readonly latched = new Uint8Array(GIC_IRQS); // pending latch: ISPENDR, an edge, an SGI
  private readonly active = new Uint8Array(GIC_IRQS);
  private readonly priority = new Uint8Array(GIC_IRQS); // 8 bits kept, as QEMU's gicd_ipriority/gicr_ipriorityr
  private readonly edge = new Uint8Array(GIC_IRQS); // ICFGR Int_config[1]: 1 edge-triggered, 0 level-sensitive
  private readonly routeLo = new Uint32Array(GIC_IRQS); // GICD_IROUTER<n> bits 31:0
  private readonly routeHi = new Uint32Array(GIC_IRQS); // GICD_IROUTER<n> bits 63:32
  private dctlr = 0; // GICD_CTLR EnableGrp0/EnableGrp1
  private waker = 0;
  // CPU interface
  private cctlr = 0; // ICC_CTLR_EL1 CBPR, EOImode
  private pmr = 0;
  private bpr0 = 0;
  private bpr1 = 0;
  private readonly igrpen = new Uint8Array(2);
  private readonly apr = new Uint32Array(2); // ICC_AP0R0_EL1, ICC_AP1R0_EL1
  /** The highest-priority pending interrupt (HighestPriorityPendingInterrupt), SPURIOUS if none; an LPI's INTID
   *  is 8192 or above. Its priority and group (an LPI's are its Configuration-table entry's and Group 1). */
  private hppi = SPURIOUS;
  private hppiPrio = IDLE;
  private hppiGroup = 0;
  /** The redistributor's LPIs (GICR_CTLR.EnableLPIs, GICR_PROPBASER, GICR_PENDBASER and the cached pending LPI). */
  readonly lpis: RedistributorLpis;

  readonly distributor: DoublewordDevice = {
    name: 'GICv3 distributor',
    read: (o, s) => this.distRead(o, s),
    write: (o, s, v) => this.distWrite(o, s, v),
    readDoubleword: (o, out) => this.distReadDoubleword(o, out),
    writeDoubleword: (o, lo, hi) => this.distWriteDoubleword(o, lo, hi),
  };
  readonly redistributor: DoublewordDevice = {
    name: 'GICv3 redistributor',
    read: (o, s) => this.redistRead(o, s),
    write: (o, s, v) => this.redistWrite(o, s, v),
    readDoubleword: (o, out) => this.redistReadDoubleword(o, out),
    writeDoubleword: (o, lo, hi) => this.redistWriteDoubleword(o, lo, hi),
  };

  /** The virtual CPU interface (ICH_*_EL2, ICV_*): its maintenance interrupt is PPI 25 here, its HW = 1 list
   *  registers deactivate INTIDs here. */
  readonly virtual: GicV3Virtual;

  /** `memory`: where GICR_PROPBASER and GICR_PENDBASER point (QEMU's dma_as, the system address space). */
  constructor(
    private readonly onIrq: (level: boolean) => void,
    private readonly onFiq: (level: boolean) => void,
    virtualOutputs: { virq(level: boolean): void; vfiq(level: boolean): void },
    memory: GuestMemory,
  ) {
    this.lpis = new RedistributorLpis(memory, () => this.update());
    this.virtual = new GicV3Virtual({
      ...virtualOutputs,
      maintenance: (level) => this.setLevel(GICV3_MAINTENANCE_INTID, level),
      deactivatePhysical: (id) => this.deactivatePhysical(id),
    });
    this.reset();
  }

  reset(): void {
    for (const a of [this.group, this.enabled, this.level, this.latched, this.active, this.priority, this.edge, this.igrpen]) a.fill(0);
    this.routeLo.fill(0);
    this.routeHi.fill(0);
    this.apr.fill(0);
    this.edge.fill(1, 0, SGIS); // SGIs are edge-triggered: GICR_ICFGR0 reads 0xaaaaaaaa (QEMU edge_trigger = 0xffff)
    this.dctlr = 0;
    this.waker = WAKER_PROCESSOR_SLEEP | WAKER_CHILDREN_ASLEEP; // GICR_WAKER resets asleep (QEMU 0x6)
    this.cctlr = 0;
    this.pmr = 0;
    this.bpr0 = MIN_BPR0; // icc_reset: each BPR at its minimum
    this.bpr1 = MIN_BPR1;
    this.lpis.reset();
    this.virtual.reset();
    this.update();
  }

  /** A HW = 1 list register's physical INTID deactivated by the guest (QEMU icv_deactivate_irq -> icc_deactivate_irq). */
  deactivatePhysical(id: number): void {
    if (id >= GIC_IRQS) return;
    this.active[id] = 0;
    this.update();
  }

  /** An interrupt input (a PPI or an SPI): level-sensitive ones follow it; edge-triggered ones latch a rise. */
  setLevel(id: number, level: boolean): void {
    if (!Number.isInteger(id) || id < SGIS || id >= GIC_IRQS) throw new RangeError(`GICv3: no interrupt input ${id} (PPIs 16-31, SPIs 32-${GIC_IRQS - 1})`);
    const v = level ? 1 : 0;
    if (this.level[id] === v) return;
    this.level[id] = v;
    if (v === 1 && this.edge[id] === 1) this.latched[id] = 1; // 0 -> 1 edges latch pending (gicv3_dist_set_irq)
    this.update();
  }

  // --- CPU interface (IHI 0069 "AArch64 System register descriptions": the ICC_* registers) ---

  readPmr(): number {
    return this.pmr;
  }

  writePmr(value: number): void {
    this.pmr = value & PRIO_MASK; // ICC_PMR_EL1.Priority: 5 implemented bits
    this.update();
  }

  readBpr0(): number {
    return this.bpr0;
  }

  /** ICC_BPR0_EL1.BinaryPoint: a value below the minimum sets the minimum, then bits [2:0] are kept, so 8 reads back
   *  as 0 (QEMU icc_bpr_write clamps before it masks; QEMU 7.2 reads 0). `value` is Xt[31:0]; QEMU compares all 64
   *  bits, which differs only for a value of 2^32 or more whose low word is below the minimum. */
  writeBpr0(value: number): void {
    this.bpr0 = Math.max(value >>> 0, MIN_BPR0) & 7;
    this.update();
  }

  /** ICC_BPR1_EL1: with ICC_CTLR_EL1.CBPR = 1 it reads BPR0 + 1 (saturating at 7) and ignores writes (icc_bpr_read). */
  readBpr1(): number {
    return (this.cctlr & ICC_CTLR_CBPR) !== 0 ? Math.min(this.bpr0 + 1, 7) : this.bpr1;
  }

  writeBpr1(value: number): void {
    if ((this.cctlr & ICC_CTLR_CBPR) !== 0) return;
    this.bpr1 = Math.max(value >>> 0, MIN_BPR1) & 7; // as writeBpr0, with BPR1's minimum
    this.update();
  }

  readCtlr(): number {
    return ICC_CTLR_RO | this.cctlr;
  }

  writeCtlr(value: number): void {
    this.cctlr = value & (ICC_CTLR_CBPR | ICC_CTLR_EOIMODE); // the only writable bits with DS = 1 (icc_ctlr_el1_write)
    this.update();
  }

  readIgrpen(group: 0 | 1): number {
    return this.igrpen[group]!;
  }

  writeIgrpen(group: 0 | 1, value: number): void {
    this.igrpen[group] = value & 1; // ICC_IGRPEN<g>_EL1.Enable
    this.update();
  }

  /** ICC_AP0R0_EL1 / ICC_AP1R0_EL1 (the only ones with 5 preemption bits). */
  readApr(group: 0 | 1): number {
    return this.apr[group]!;
  }

  writeApr(group: 0 | 1, value: number): void {
    this.apr[group] = value >>> 0;
    this.update();
  }

  /** ICC_RPR_EL1: the group priority of the highest active priority, from the AP registers (icc_highest_active_prio). */
  rpr(): number {
    return runningPriority(this.apr, APR_SHIFT);
  }

  /** ICC_HPPIR0_EL1 / ICC_HPPIR1_EL1: the HPPI if it is of this group and its group is enabled by ICC_IGRPEN<g>_EL1
   *  (HighestPriorityPendingInterrupt; QEMU icc_hppir0_value since commit 44e25fbc, in 7.2 stable), else 1023;
   *  ICC_PMR_EL1 and the running priority do not matter. */
  hppir(group: 0 | 1): number {
    const id = this.hppi;
    return id !== SPURIOUS && this.hppiGroup === group && this.igrpen[group] === 1 ? id : SPURIOUS;
  }

  /**
   * ICC_IAR0_EL1 / ICC_IAR1_EL1: acknowledge the HPPI when it can be signalled and is of this group — pending to
   * active, its group priority set in ICC_AP<g>R0 (IHI 0069 "Interrupt lifecycle"; QEMU icc_iar0_read,
   * icc_activate_irq) — else 1023.
   */
  acknowledge(group: 0 | 1): number {
    const id = this.canSignal() ? this.hppir(group) : SPURIOUS;
    if (id === SPURIOUS) return id;
    this.apr[group] = this.apr[group]! | (1 << ((this.hppiPrio & this.groupMask(group)) >>> APR_SHIFT));
    if (id >= LPI_INTID_START) {
      this.lpis.setPending(id, false); // an LPI has no active state: acknowledging clears its pending bit
    } else {
      this.active[id] = 1;
      this.latched[id] = 0; // a level-sensitive input still asserted keeps it pending
    }
    this.update();
    return id;
  }

  /**
   * ICC_EOIR0_EL1 / ICC_EOIR1_EL1: priority drop of the highest active priority if it belongs to this group (else
   * ignored), and with ICC_CTLR_EL1.EOImode = 0 deactivation of the INTID written (IHI 0069 "Priority drop and
   * interrupt deactivation"; QEMU icc_eoir_write). INTIDs 1020-1023 and the others between the SPIs and the LPIs
   * are ignored; an LPI's EOI only drops the priority (it has no active state).
   */
  endOfInterrupt(group: 0 | 1, value: number): void {
    const id = value & 0xff_ffff; // INTID, 24 bits (ICC_CTLR_EL1.IDbits)
    if ((id >= GIC_IRQS && id < LPI_INTID_START) || this.highestActiveGroup() !== group) return;
    this.apr[group] = this.apr[group]! & (this.apr[group]! - 1); // the lowest set bit: the highest active priority
    if ((this.cctlr & ICC_CTLR_EOIMODE) === 0 && id < GIC_IRQS) this.active[id] = 0;
    this.update();
  }

  /** ICC_DIR_EL1: deactivate the INTID written; only with ICC_CTLR_EL1.EOImode = 1 (icc_dir_write). */
  deactivate(value: number): void {
    const id = value & 0xff_ffff;
    if (id >= GIC_IRQS || (this.cctlr & ICC_CTLR_EOIMODE) === 0) return;
    this.active[id] = 0;
    this.update();
  }

  /**
   * ICC_SGI0R_EL1 / ICC_SGI1R_EL1 / ICC_ASGI1R_EL1 (group per SGI_REGISTER_GROUP): INTID (27:24) to the PEs
   * Aff3.Aff2.Aff1.<n> (Aff3 55:48, Aff2 39:32, Aff1 23:16) for each bit n of TargetList (15:0), or with IRM (40) = 1
   * to every PE but this one — none here. This PE is 0.0.0.0. The SGI becomes pending only when configured in the
   * group asked for (QEMU gicv3_redist_send_sgi).
   */
  generateSgi(value: bigint, group: 0 | 1): void {
    const irm = Number((value >> 40n) & 1n);
    const aff = Number((value >> 48n) & 0xffn) | Number((value >> 32n) & 0xffn) | Number((value >> 16n) & 0xffn);
    const id = Number((value >> 24n) & 0xfn);
    if (irm === 1 || aff !== 0 || (value & 1n) === 0n || this.group[id] !== group) return;
    this.latched[id] = 1;
    this.update();
  }

  /** ICC_SGI0R_EL1 / ICC_SGI1R_EL1 / ICC_ASGI1R_EL1 written with `value`: generateSgi in the register's group. */
  writeSgiRegister(register: keyof typeof SGI_REGISTER_GROUP, value: bigint): void {
    this.generateSgi(value, SGI_REGISTER_GROUP[register]);
  }

  /** ICC_SRE_EL1 (el 1) / ICC_SRE_EL2 (el 2): constants, their bits RAO/WI. */
  readSre(el: 1 | 2): number {
    return el === 1 ? ICC_SRE_EL1 : ICC_SRE_EL2;
  }

  // --- priorities (IHI 0069 "Interrupt prioritization") ---

  /** Group priority mask of a group: ICC_BPR0 for Group 0, ICC_BPR1 - 1 for Group 1 or BPR0 with CBPR (GroupBits);
   *  a BPR1 of 0 (written as 8) makes every priority bit a group bit, as QEMU's icc_gprio_mask computes it. */
  private groupMask(group: number): number {
    const bpr = group === 0 || (this.cctlr & ICC_CTLR_CBPR) !== 0 ? this.bpr0 : this.bpr1 - 1;
    return (0xff << (bpr + 1)) & 0xff;
  }

  /** The group of the highest active priority: the lower set AP bit, Group 0 on a tie; -1 with none active. */
  private highestActiveGroup(): number {
    const g0 = this.apr[0]! === 0 ? 32 : ctz(this.apr[0]!);
    const g1 = this.apr[1]! === 0 ? 32 : ctz(this.apr[1]!);
    if (g1 < g0) return 1;
    return g0 < 32 ? 0 : -1;
  }

  private pending(id: number): boolean {
    return this.latched[id] === 1 || (this.edge[id] === 0 && this.level[id] === 1);
  }

  /** An SPI reaches this PE when GICD_IROUTER<n>'s Aff3.Aff2.Aff1.Aff0 is its affinity, 0.0.0.0; IRM is not honoured
   *  (GICD_TYPER.No1N = 1; QEMU gicv3_cache_target_cpustate compares the affinity fields only). */
  private routedHere(id: number): boolean {
    return (this.routeLo[id]! & 0xff_ffff) === 0 && (this.routeHi[id]! & 0xff) === 0;
  }

  /** HighestPriorityPendingInterrupt into hppi/hppiPrio/hppiGroup: pending, enabled, not active, its group enabled
   *  in GICD_CTLR, routed here, priority below 0xff; the lowest INTID among equals (QEMU irqbetter). The cached LPI
   *  competes when LPIs are enabled and GICD_CTLR.EnableGrp1 is set (LPIs are Group 1; gicv3_redist_update). */
  private findHppi(): void {
    let best = SPURIOUS;
    let bestPrio = IDLE;
    for (let id = 0; id < GIC_IRQS; id++) {
      if (this.enabled[id] === 0 || this.active[id] === 1 || this.priority[id]! >= bestPrio || !this.pending(id)) continue;
      if ((this.dctlr & (this.group[id] === 1 ? GICD_CTLR_EN_GRP1 : GICD_CTLR_EN_GRP0)) === 0) continue;
      if (id >= INTERNAL && !this.routedHere(id)) continue;
      best = id;
      bestPrio = this.priority[id]!;
    }
    const l = this.lpis;
    if (l.candidate && (this.dctlr & GICD_CTLR_EN_GRP1) !== 0 && l.hppPrio < bestPrio) {
      this.hppi = l.hppIrq;
      this.hppiPrio = l.hppPrio;
      this.hppiGroup = 1;
      return;
    }
    this.hppi = best;
    this.hppiPrio = bestPrio;
    this.hppiGroup = best === SPURIOUS ? 0 : this.group[best]!;
  }

  /** The HPPI can be signalled: its group enabled by ICC_IGRPEN<g>_EL1, priority above ICC_PMR_EL1, and its group
   *  priority above the running priority (IHI 0069 "Preemption"; QEMU icc_hppi_can_preempt). */
  private canSignal(): boolean {
    if (this.hppi === SPURIOUS) return false;
    const g = this.hppiGroup;
    const p = this.hppiPrio;
    if (this.igrpen[g] === 0 || p >= this.pmr) return false;
    const running = this.rpr();
    if (running === IDLE) return true;
    const m = this.groupMask(g);
    return (p & m) < (running & m);
  }

  private update(): void {
    this.findHppi();
    const signal = this.canSignal();
    const g1 = signal && this.hppiGroup === 1;
    const g0 = signal && this.hppiGroup === 0;
    if (g1 !== this.irq) {
      this.irq = g1;
      this.onIrq(g1);
    }
    if (g0 !== this.fiq) {
      this.fiq = g0;
      this.onFiq(g0);
    }
  }

  // --- registers shared by the distributor (SPIs) and the redistributor's SGI_base (SGIs, PPIs) ---

  /** IGROUPR (0x080), IS/ICENABLER (0x100/0x180), IS/ICPENDR (0x200/0x280), IS/ICACTIVER (0x300/0x380): the word
   *  of the 32 INTIDs from `first`. ISPENDR reads the latch OR a level-sensitive input (gicd_read_bitmap_reg). */
  private bitmapRead(reg: number, first: number): number {
    let v = 0;
    for (let b = 0; b < 32; b++) {
      const id = first + b;
      const set = reg === 0x080 ? this.group[id] === 1 : reg < 0x200 ? this.enabled[id] === 1 : reg < 0x300 ? this.pending(id) : this.active[id] === 1;
      if (set) v |= 1 << b;
    }
    return v >>> 0;
  }

  /** IGROUPR is written whole; the set/clear registers act on their 1 bits only. */
  private bitmapWrite(reg: number, first: number, value: number): void {
    for (let b = 0; b < 32; b++) {
      const id = first + b;
      const one = (value >>> b) & 1;
      if (reg === 0x080) this.group[id] = one;
      else if (one === 0) continue;
      else if (reg === 0x100) this.enabled[id] = 1;
      else if (reg === 0x180) this.enabled[id] = 0;
      else if (reg === 0x200) this.latched[id] = 1;
      else if (reg === 0x280) this.latched[id] = 0; // a level-sensitive input still asserted stays pending
      else if (reg === 0x300) this.active[id] = 1;
      else this.active[id] = 0;
    }
    this.update();
  }

  private priorityWord(first: number): number {
    return (this.priority[first]! | (this.priority[first + 1]! << 8) | (this.priority[first + 2]! << 16) | (this.priority[first + 3]! << 24)) >>> 0;
  }

  private writePriorities(first: number, count: number, value: number): void {
    for (let i = 0; i < count; i++) this.priority[first + i] = (value >>> (8 * i)) & 0xff;
    this.update();
  }

  /** ICFGR word of the 16 INTIDs from `first`: Int_config[1] (bit 2f + 1) per field, the even bits RES0. */
  private icfgrRead(first: number): number {
    let v = 0;
    for (let f = 0; f < 16; f++) if (this.edge[first + f] === 1) v |= 2 << (2 * f);
    return v >>> 0;
  }

  private icfgrWrite(first: number, value: number): void {
    for (let f = 0; f < 16; f++) this.edge[first + f] = (value >>> (2 * f + 1)) & 1;
    this.update();
  }

  // --- distributor (IHI 0069 "The GIC Distributor register map") ---

  private distRead(off: number, size: number): number {
    if (size === 1) {
      // GICD_IPRIORITYR<n> is byte-accessible; the SGI/PPI bytes are RAZ/WI with ARE (gicd_readb)
      const id = off - 0x400;
      return id >= INTERNAL && id < GIC_IRQS ? this.priority[id]! : 0;
    }
    return size === 4 ? this.distWord(off) : 0; // 16-bit: only the message-based SPI registers, absent (RAZ/WI)
  }

  /** A 32-bit distributor read (gicd_readl); RAZ where nothing is modelled. */
  private distWord(off: number): number {
    if (off === 0x000) return this.dctlr | GICD_CTLR_ARE | GICD_CTLR_DS; // RWP (31) reads 0: writes take effect at once
    if (off === 0x004) return GICD_TYPER;
    if (off === 0x008) return GICV3_IIDR;
    if (off >= 0x080 && off < 0x400) {
      const first = spiWord(off);
      return first < 0 ? 0 : this.bitmapRead(off & 0x380, first);
    }
    if (off >= 0x400 && off < 0x800) {
      const id = off - 0x400;
      return id >= INTERNAL && id + 3 < GIC_IRQS ? this.priorityWord(id) : 0;
    }
    if (off >= 0xc00 && off < 0xd00) {
      const first = (off - 0xc00) * 4; // GICD_ICFGR<n>: 16 INTIDs per word; SGI/PPI words RAZ/WI
      return first >= INTERNAL && first < GIC_IRQS ? this.icfgrRead(first) : 0;
    }
    if (off >= 0x6000 && off < 0x7fe0) {
      const id = (off - 0x6000) >>> 3; // GICD_IROUTER<n>, a 32-bit half
      if (id < INTERNAL || id >= GIC_IRQS) return 0;
      return (off & 4) === 0 ? this.routeLo[id]! : this.routeHi[id]!;
    }
    // RAZ: GICD_STATUSR (no error reporting), IGRPMODR and NSACR (DS = 1), ITARGETSR, SGIR, C/SPENDSGIR (ARE = 1)
    return idReg(off, PIDR0_DIST);
  }

  private distWrite(off: number, size: number, value: number): void {
    if (size === 1) {
      const id = off - 0x400;
      if (id >= INTERNAL && id < GIC_IRQS) this.writePriorities(id, 1, value);
      return;
    }
    if (size !== 4) return;
    if (off === 0x000) {
      this.dctlr = value & (GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1); // with DS = 1 only the group enables are writable
      return this.update();
    }
    if (off >= 0x080 && off < 0x400) {
      const first = spiWord(off);
      if (first >= 0) this.bitmapWrite(off & 0x380, first, value);
      return;
    }
    if (off >= 0x400 && off < 0x800) {
      const id = off - 0x400; // a word reaching past the last INTID is ignored whole (gicd_writel)
      if (id >= INTERNAL && id + 3 < GIC_IRQS) this.writePriorities(id, 4, value);
      return;
    }
    if (off >= 0xc00 && off < 0xd00) {
      const first = (off - 0xc00) * 4;
      if (first >= INTERNAL && first < GIC_IRQS) this.icfgrWrite(first, value);
      return;
    }
    if (off >= 0x6000 && off < 0x7fe0) {
      const id = (off - 0x6000) >>> 3;
      // a 32-bit half of GICD_IROUTER<n>, the other half kept (gicd_writel)
      if (id >= INTERNAL && id < GIC_IRQS) this.setRoute(id, (off & 4) === 0 ? value : this.routeLo[id]!, (off & 4) === 0 ? this.routeHi[id]! : value);
    }
    // everything else WI: CTLR's other bits, TYPER/IIDR/ID registers (RO), STATUSR, IGRPMODR, NSACR, ITARGETSR, SGIR
  }

  private distReadDoubleword(off: number, out: Uint32Array): void {
    // GICD_IROUTER<n> is the only 64-bit distributor register (gicd_readq); other 64-bit reads are RAZ
    const id = (off - 0x6000) / 8;
    const ok = off >= 0x6000 && off < 0x7fe0 && Number.isInteger(id) && id >= INTERNAL && id < GIC_IRQS;
    out[0] = ok ? this.routeLo[id]! : 0;
    out[1] = ok ? this.routeHi[id]! : 0;
  }

  private distWriteDoubleword(off: number, lo: number, hi: number): void {
    const id = (off - 0x6000) / 8;
    if (off >= 0x6000 && off < 0x7fe0 && Number.isInteger(id)) this.setRoute(id, lo, hi);
  }

  /** GICD_IROUTER<n> for an SPI: kept as written (QEMU gicd_write_irouter); the SGI/PPI ones are RAZ/WI. */
  private setRoute(id: number, lo: number, hi: number): void {
    if (id < INTERNAL || id >= GIC_IRQS) return;
    this.routeLo[id] = lo >>> 0;
    this.routeHi[id] = hi >>> 0;
    this.update();
  }

  // --- redistributor (IHI 0069 "The GIC Redistributor register map": RD_base, SGI_base) ---

  private redistRead(off: number, size: number): number {
    if (size === 1) {
      // GICR_IPRIORITYR<n> is byte-accessible (gicr_readb)
      const id = off - SGI_BASE - 0x400;
      return id >= 0 && id < INTERNAL ? this.priority[id]! : 0;
    }
    if (size !== 4) return 0; // no 16-bit redistributor registers
    switch (off) {
      case 0x0000: return GICR_CTLR_CES | (this.lpis.enabled ? GICR_CTLR_ENABLE_LPIS : 0); // DPG*/UWP/RWP RAZ
      case 0x0004: return GICV3_IIDR;
      case 0x0008: return GICR_TYPER_LO;
      case 0x000c: return 0; // GICR_TYPER[63:32]: Affinity 0.0.0.0
      case 0x0014: return this.waker;
      case GICR_PROPBASER: return this.lpis.propLo;
      case GICR_PROPBASER + 4: return this.lpis.propHi;
      case GICR_PENDBASER: return this.lpis.pendLo;
      case GICR_PENDBASER + 4: return this.lpis.pendHi;
      case SGI_BASE + 0x0c00: return this.icfgrRead(0); // GICR_ICFGR0: SGIs, always edge-triggered
      case SGI_BASE + 0x0c04: return this.icfgrRead(SGIS); // GICR_ICFGR1: PPIs
      default: break;
    }
    const reg = off - SGI_BASE;
    if (reg >= 0x080 && reg <= 0x380 && (reg & 0x7f) === 0) return this.bitmapRead(reg, 0); // GICR_IGROUPR0 .. ICACTIVER0
    if (reg >= 0x400 && reg < 0x420) return this.priorityWord(reg - 0x400);
    // RAZ: GICR_STATUSR, IGRPMODR0 and NSACR (DS = 1), the SGI frame's ID registers
    return off < SGI_BASE ? idReg(off, PIDR0_REDIST) : 0;
  }

  private redistWrite(off: number, size: number, value: number): void {
    if (size === 1) {
      const id = off - SGI_BASE - 0x400;
      if (id >= 0 && id < INTERNAL) this.writePriorities(id, 1, value);
      return;
    }
    if (size !== 4) return; // the 64-bit registers arrive through writeDoubleword
    if (off === 0x0000) return this.lpis.setEnabled((value & GICR_CTLR_ENABLE_LPIS) !== 0); // GICR_CTLR.EnableLPIs
    if (off >= GICR_PROPBASER && off < GICR_PENDBASER + 8) return this.writeLpiBase(off, value);
    if (off === 0x0014) {
      // GICR_WAKER: only ProcessorSleep is writable; the interface quiesces at once, so ChildrenAsleep follows it
      this.waker = (value & WAKER_PROCESSOR_SLEEP) !== 0 ? WAKER_PROCESSOR_SLEEP | WAKER_CHILDREN_ASLEEP : 0;
      return;
    }
    if (off === SGI_BASE + 0x0c04) {
      return this.icfgrWrite(SGIS, value); // GICR_ICFGR1 (PPIs) is writable; ICFGR0 (SGIs) is RAO/WI
    }
    const reg = off - SGI_BASE;
    if (reg >= 0x080 && reg <= 0x380 && (reg & 0x7f) === 0) return this.bitmapWrite(reg, 0, value);
    if (reg >= 0x400 && reg < 0x420) return this.writePriorities(reg - 0x400, 4, value);
    // everything else WI: GICR_CTLR's other bits, IIDR, TYPER, ID registers, STATUSR, ICFGR0, IGRPMODR0, NSACR,
    // GICR_SETLPIR/CLRLPIR (GICR_TYPER.DirectLPI = 0)
  }

  /** A 32-bit half of GICR_PROPBASER or GICR_PENDBASER: every bit kept, the other half too (QEMU gicr_writel). The
   *  tables are read when the redistributor next looks at them; nothing is read on the write. */
  private writeLpiBase(off: number, value: number): void {
    const v = value >>> 0;
    const l = this.lpis;
    if (off === GICR_PROPBASER) l.propLo = v;
    else if (off === GICR_PROPBASER + 4) l.propHi = v;
    else if (off === GICR_PENDBASER) l.pendLo = v;
    else l.pendHi = v;
  }

  private redistReadDoubleword(off: number, out: Uint32Array): void {
    // the 64-bit registers: GICR_TYPER, GICR_PROPBASER, GICR_PENDBASER (gicr_readll); other 64-bit reads are RAZ
    const l = this.lpis;
    out[0] = off === 0x0008 ? GICR_TYPER_LO : off === GICR_PROPBASER ? l.propLo : off === GICR_PENDBASER ? l.pendLo : 0;
    out[1] = off === GICR_PROPBASER ? l.propHi : off === GICR_PENDBASER ? l.pendHi : 0;
  }

  private redistWriteDoubleword(off: number, lo: number, hi: number): void {
    // GICR_PROPBASER, GICR_PENDBASER whole (gicr_writell); GICR_TYPER is read-only, other 64-bit writes are ignored
    if (off !== GICR_PROPBASER && off !== GICR_PENDBASER) return;
    this.writeLpiBase(off, lo);
    this.writeLpiBase(off + 4, hi);
  }
}

/** First INTID of a distributor one-bit-per-INTID register word (0x080-0x3ff), or -1 for an SGI/PPI word (RAZ/WI
 *  with ARE) or one past the last SPI. */
function spiWord(off: number): number {
  const first = (off & 0x7f) * 8;
  return first >= INTERNAL && first < GIC_IRQS ? first : -1;
}

/** The CoreSight ID register at `off` (0xffd0-0xfffc), PIDR0 naming the frame; RAZ elsewhere. */
function idReg(off: number, pidr0: number): number {
  if (off < ID_REGS_OFFSET || off > 0xfffc) return 0;
  const v = ID_REGS[(off - ID_REGS_OFFSET) >>> 2]!;
  return v < 0 ? pidr0 : v;
}
