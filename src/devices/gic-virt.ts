// The GICv2 virtualization extensions for one PE, as QEMU 7.2's virt board has them with virtualization=on
// (ARCH-NOTES §17; QEMU hw/intc/arm_gic.c gic_hyp_read/gic_hyp_write, gic_compute_misr, gic_get_best_virq,
// gic_activate_virq, gic_virq_eoi; Linux arch/arm64/kvm/vgic/vgic-v2.c as the user):
// - GICH, the virtual interface control at 0x0803_0000: GICH_HCR, VTR (4 list registers, 5 priority and preemption
//   bits), VMCR, MISR, EISR, ELRSR, APR and LR0–LR3;
// - GICV, the virtual CPU interface at 0x0804_0000 that a hypervisor maps as its guest's GICC: CTLR, PMR, BPR, IAR,
//   EOIR, RPR, HPPIR, ABPR, APR0, IIDR and DIR (+0x1000), all working on the list registers;
// - the virtual IRQ it signals to the PE (taken at EL1/EL0 when HCR_EL2.IMO = 1, TGE = 0) and the maintenance
//   interrupt (PPI 9, INTID 25) = GICH_HCR.En && GICH_MISR != 0.
// Not modelled: virtual FIQs (a Group 0 LR with GICV_CTLR.FIQEn = 1 is signalled as IRQ), the alias regions for other
// CPUs, and QEMU's LR4 quirk (ARCH-NOTES §17c: LR4 is storage on QEMU although VTR says four; here it is RAZ/WI).
import type { Device } from '../memory/phys.ts';

export const GICH_BASE = 0x0803_0000;
export const GICH_SIZE = 0x1000; // QEMU's region (the device tree says 0x1_0000)
export const GICV_BASE = 0x0804_0000;
export const GICV_SIZE = 0x2000; // QEMU's region: GICV_DIR at +0x1000 (the device tree says 0x1_0000)
/** The maintenance interrupt: PPI 9 (QEMU virt.h ARCH_GIC_MAINT_IRQ). */
export const GIC_MAINTENANCE_INTID = 25;

export const NUM_LRS = 4;
/** GICH_VTR: ListRegs = 3, PREbits = 4, PRIbits = 4 (QEMU arm_gic_common.c; ARCH-NOTES §17c). */
const VTR = 0x9000_0003;
const SPURIOUS = 1023;
const SPURIOUS_GROUP1 = 1022; // a Group 1 interrupt is pending but GICV_CTLR.AckCtl = 0
const IIDR = 0x2043b; // as GICC_IIDR: architecture version 2, implementer Arm
const MIN_BPR = 2; // GIC_VIRT_MIN_BPR
const MIN_ABPR = 3; // GIC_VIRT_MIN_ABPR
const IDLE = 0x100; // running priority with no active virtual interrupt (GICV_RPR reads 0xff)

// GICH_LR<n> fields (ARCH-NOTES §17b)
const LR_ID = 0x3ff; // VirtualID [9:0]
export const LR_PHYS_SHIFT = 10; // PhysicalID [19:10] when HW = 1, else CPUID [12:10] and EOI [19]
export const LR_EOI = 1 << 19;
export const LR_PRIO_SHIFT = 23; // Priority [27:23], the top five bits of an 8-bit priority
export const LR_PENDING = 1 << 28;
export const LR_ACTIVE = 1 << 29;
const LR_GRP1 = 1 << 30;
export const LR_HW = 1 << 31;
const LR_MASK = 0xff8f_ffff; // bits 22:20 reserved (QEMU GICH_LR_MASK)

// GICH_HCR bits
export const HCR_EN = 1 << 0;
export const HCR_UIE = 1 << 1;
const HCR_LRENPIE = 1 << 2;
const HCR_NPIE = 1 << 3;
const HCR_VGRP0EIE = 1 << 4;
const HCR_VGRP0DIE = 1 << 5;
const HCR_VGRP1EIE = 1 << 6;
const HCR_VGRP1DIE = 1 << 7;
const HCR_EOICOUNT_SHIFT = 27;
const HCR_MASK = 0xf800_00ff;

// GICV_CTLR (VMCR.VMCCtlr) bits
const CTLR_GRP0 = 1 << 0;
const CTLR_GRP1 = 1 << 1;
const CTLR_ACKCTL = 1 << 2;
const CTLR_CBPR = 1 << 4;
const CTLR_EOIMODE = 1 << 9;
const CTLR_MASK = 0x21f; // EnableGrp0, EnableGrp1, AckCtl, FIQEn, CBPR, EOImode

const lrState = (lr: number): number => (lr >>> 28) & 3;
const lrPriority = (lr: number): number => ((lr >>> LR_PRIO_SHIFT) & 0x1f) << 3;

/** The virtual interface's outputs: the virtual IRQ to the PE, the maintenance PPI, and HW deactivation in the distributor. */
export interface GicVirtWiring {
  virq(level: boolean): void;
  maintenance(level: boolean): void;
  deactivatePhysical(intid: number): void;
}

export class GicVirtInterface {
  private hcr = 0;
  private readonly lr = new Uint32Array(NUM_LRS);
  private apr = 0;
  private ctlr = 0;
  private pmr = 0; // 8-bit view: VMPriMask << 3
  private bpr = MIN_BPR;
  private abpr = MIN_ABPR;
  private virqOut = false;
  private maintOut = false;

  readonly control: Device = { name: 'GICH', read: (o, s) => this.hypRead(o, s), write: (o, s, v) => this.hypWrite(o, s, v) };
  readonly cpu: Device = { name: 'GICV', read: (o, s) => this.vcpuRead(o, s), write: (o, s, v) => this.vcpuWrite(o, s, v) };

  constructor(private readonly wiring: GicVirtWiring) {}

  reset(): void {
    this.hcr = this.apr = this.ctlr = this.pmr = 0;
    this.lr.fill(0);
    this.bpr = MIN_BPR;
    this.abpr = MIN_ABPR;
    this.update();
  }

  // --- GICH ---

  private vmcr(): number {
    // VMCCtlr [9:0], VMABP [20:18], VMBP [23:21], VMPriMask [31:27]
    return (this.ctlr | ((this.abpr & 7) << 18) | ((this.bpr & 7) << 21) | ((this.pmr >>> 3) << 27)) >>> 0;
  }

  /** GICH_EISR0: LR n is invalid, software-injected (HW = 0) and asked for an EOI maintenance interrupt. */
  private eisr(): number {
    let v = 0;
    for (let n = 0; n < NUM_LRS; n++) {
      const l = this.lr[n]!;
      if (lrState(l) === 0 && (l & LR_HW) === 0 && (l & LR_EOI) !== 0) v |= 1 << n;
    }
    return v;
  }

  /** GICH_ELRSR0: LR n is free — invalid, and not still waiting to report an EOI (QEMU gic_lr_entry_is_free). */
  private elrsr(): number {
    let v = 0;
    for (let n = 0; n < NUM_LRS; n++) {
      const l = this.lr[n]!;
      if (lrState(l) === 0 && ((l & LR_HW) !== 0 || (l & LR_EOI) === 0)) v |= 1 << n;
    }
    return v;
  }

  /** GICH_MISR (QEMU gic_compute_misr; ARCH-NOTES §17b). */
  private misr(): number {
    let valid = 0;
    let pending = false;
    for (let n = 0; n < NUM_LRS; n++) {
      const st = lrState(this.lr[n]!);
      if (st !== 0) valid++;
      if (st === 1) pending = true;
    }
    const h = this.hcr;
    let m = 0;
    if (this.eisr() !== 0) m |= 1 << 0; // EOI
    if ((h & HCR_UIE) !== 0 && valid < 2) m |= 1 << 1; // U: underflow
    if ((h & HCR_LRENPIE) !== 0 && h >>> HCR_EOICOUNT_SHIFT !== 0) m |= 1 << 2; // LRENP
    if ((h & HCR_NPIE) !== 0 && !pending) m |= 1 << 3; // NP
    const g0 = (this.ctlr & CTLR_GRP0) !== 0;
    const g1 = (this.ctlr & CTLR_GRP1) !== 0;
    if ((h & HCR_VGRP0EIE) !== 0 && g0) m |= 1 << 4;
    if ((h & HCR_VGRP0DIE) !== 0 && !g0) m |= 1 << 5;
    if ((h & HCR_VGRP1EIE) !== 0 && g1) m |= 1 << 6;
    if ((h & HCR_VGRP1DIE) !== 0 && !g1) m |= 1 << 7;
    return m;
  }

  private hypRead(off: number, size: number): number {
    if (size < 4) return 0; // word-accessible only
    if (off >= 0x100 && off < 0x100 + 4 * 64) {
      const n = (off - 0x100) >>> 2;
      return n < NUM_LRS ? this.lr[n]! : 0; // LRs beyond VTR.ListRegs: RAZ/WI
    }
    switch (off) {
      case 0x000: return this.hcr;
      case 0x004: return VTR;
      case 0x008: return this.vmcr();
      case 0x010: return this.misr();
      case 0x020: return this.eisr();
      case 0x030: return this.elrsr();
      case 0x0f0: return this.apr;
      default: return 0; // EISR1, ELRSR1 (no LR 32..63) and reserved offsets
    }
  }

  private hypWrite(off: number, size: number, value: number): void {
    if (size < 4) return;
    if (off >= 0x100 && off < 0x100 + 4 * 64) {
      const n = (off - 0x100) >>> 2;
      if (n < NUM_LRS) this.lr[n] = value & LR_MASK;
    } else if (off === 0x000) {
      this.hcr = value & HCR_MASK;
    } else if (off === 0x008) {
      this.ctlr = value & CTLR_MASK;
      this.abpr = Math.max((value >>> 18) & 7, MIN_ABPR); // VMABP, clamped up (QEMU)
      this.bpr = Math.max((value >>> 21) & 7, MIN_BPR); // VMBP
      this.pmr = ((value >>> 27) & 0x1f) << 3;
    } else if (off === 0x0f0) {
      this.apr = value >>> 0;
    } else {
      return; // VTR, MISR, EISR, ELRSR are read-only
    }
    this.update();
  }

  // --- GICV ---

  /** Running priority: the lowest set APR bit names the active group priority (GIC_VIRT_MIN_BPR: bit = priority >> 3). */
  private running(): number {
    if (this.apr === 0) return IDLE;
    return (31 - Math.clz32(this.apr & -this.apr)) << 3;
  }

  /** The highest-priority pending LR, whatever its group, or -1 (QEMU gic_get_best_virq; what GICV_HPPIR reports). */
  private best(): number {
    let best = -1;
    let bestPrio = 0x100;
    for (let n = 0; n < NUM_LRS; n++) {
      const l = this.lr[n]!;
      if (lrState(l) !== 1) continue;
      const p = lrPriority(l);
      if (p < bestPrio) {
        best = n;
        bestPrio = p;
      }
    }
    return best;
  }

  /**
   * The group priority of LR `l` (QEMU gic_get_group_priority): its priority with the bits below the binary point
   * cleared, GICV_BPR's, or for a Group 1 LR with GICV_CTLR.CBPR = 0 GICV_ABPR's minus one.
   */
  private groupPriority(l: number): number {
    const bp = (l & LR_GRP1) !== 0 && (this.ctlr & CTLR_CBPR) === 0 ? this.abpr - 1 : this.bpr;
    return lrPriority(l) & (0xff << (bp + 1)) & 0xff;
  }

  /**
   * A virtual interrupt is signalled (QEMU gic_update_virt): the interface enabled, the best LR's group enabled in
   * GICV_CTLR, its priority above GICV_PMR and above the running priority (the full priority: gic_update_internal).
   */
  private signalled(): boolean {
    if ((this.hcr & HCR_EN) === 0) return false;
    const n = this.best();
    if (n < 0) return false;
    const l = this.lr[n]!;
    const p = lrPriority(l);
    if ((this.ctlr & ((l & LR_GRP1) !== 0 ? CTLR_GRP1 : CTLR_GRP0)) === 0 || p >= this.pmr) return false;
    return p < this.running();
  }

  /**
   * GICV_HPPIR (QEMU gic_get_current_pending_irq): the best LR's ID; a Group 1 one reads 1022 unless GICV_CTLR.AckCtl
   * (the virtual interface has interrupt groups and no Security Extensions: its reads act as Secure ones).
   */
  private highestPending(): number {
    const n = this.best();
    if (n < 0) return SPURIOUS;
    const l = this.lr[n]!;
    return (l & LR_GRP1) !== 0 && (this.ctlr & CTLR_ACKCTL) === 0 ? SPURIOUS_GROUP1 : l & LR_ID;
  }

  private update(): void {
    const v = this.signalled();
    if (v !== this.virqOut) {
      this.virqOut = v;
      this.wiring.virq(v);
    }
    const m = (this.hcr & HCR_EN) !== 0 && this.misr() !== 0;
    if (m !== this.maintOut) {
      this.maintOut = m;
      this.wiring.maintenance(m);
    }
  }

  /** GICV_IAR (QEMU gic_acknowledge_irq): the best LR becomes active and its priority is marked in APR; returns its ID. */
  private acknowledge(): number {
    const id = this.highestPending();
    if (id >= SPURIOUS_GROUP1) return id;
    const n = this.best();
    const l = this.lr[n]!;
    if (lrPriority(l) >= this.running()) return SPURIOUS;
    this.lr[n] = (l & ~LR_PENDING) | LR_ACTIVE;
    this.apr = (this.apr | (1 << (this.groupPriority(l) >>> 3))) >>> 0; // QEMU gic_activate_irq: level = group priority >> (MIN_BPR + 1)
    this.update();
    return (l & LR_HW) === 0 && id < 16 ? id | (l & (7 << LR_PHYS_SHIFT)) : id; // SGIs carry the source CPU
  }

  /** The first LR holding `id` that is active (or pending and active), or -1 (QEMU gic_virq_is_valid). */
  private activeLr(id: number): number {
    for (let n = 0; n < NUM_LRS; n++) {
      const l = this.lr[n]!;
      if ((l & LR_ID) === id && (l & LR_ACTIVE) !== 0) return n;
    }
    return -1;
  }

  /** Clear the active state of LR n; a hardware interrupt is deactivated in the distributor too. */
  private deactivate(n: number): void {
    const l = this.lr[n]!;
    this.lr[n] = l & ~LR_ACTIVE;
    const phys = (l >>> LR_PHYS_SHIFT) & 0x3ff;
    // a PhysicalID naming an SGI is UNPREDICTABLE: ignored, as QEMU gic_clear_active (test/qemu/progs/gic-hw-lr.S)
    if ((l & LR_HW) !== 0 && phys >= 16) this.wiring.deactivatePhysical(phys);
  }

  private countEoi(): void {
    this.hcr = (this.hcr + (1 << HCR_EOICOUNT_SHIFT)) >>> 0; // GICH_HCR.EOICount (5 bits, wraps)
  }

  /** GICV_EOIR (QEMU gic_complete_irq for a vCPU): priority drop; without EOImode also deactivation, or EOICount + 1. */
  private endOfInterrupt(id: number): void {
    if (id >= 1020) return; // special IDs are ignored
    const dropped = this.apr !== 0;
    this.apr &= this.apr - 1; // the highest-priority active bit
    if ((this.ctlr & CTLR_EOIMODE) !== 0) return;
    const n = this.activeLr(id);
    if (n >= 0) this.deactivate(n);
    else if (dropped) this.countEoi(); // a dropped priority with no LR to deactivate
  }

  /** GICV_DIR (QEMU gic_deactivate_irq for a vCPU): deactivation, or EOICount + 1 when no LR holds the ID. */
  private deactivateById(id: number): void {
    if (id >= 1020) return; // special IDs are ignored, as at GICV_EOIR (QEMU gic_deactivate_irq: irq >= GIC_MAXIRQ)
    if ((this.ctlr & CTLR_EOIMODE) === 0) return; // EOImode 0: UNPREDICTABLE, ignored as QEMU does (and GICC_DIR here)
    const n = this.activeLr(id);
    if (n >= 0) this.deactivate(n);
    else this.countEoi();
  }

  private vcpuRead(off: number, size: number): number {
    if (size < 4) return 0;
    switch (off) {
      case 0x00: return this.ctlr;
      case 0x04: return this.pmr;
      case 0x08: return this.bpr;
      case 0x0c: return this.acknowledge();
      case 0x14: { const r = this.running(); return r === IDLE ? 0xff : r; }
      case 0x18: return this.highestPending();
      case 0x1c: return this.abpr;
      case 0xd0: return this.apr;
      case 0xfc: return IIDR;
      default: return 0;
    }
  }

  private vcpuWrite(off: number, size: number, value: number): void {
    if (size < 4) return;
    switch (off) {
      case 0x00: this.ctlr = value & CTLR_MASK; break;
      case 0x04: this.pmr = value & 0xf8; break; // five priority bits
      case 0x08: this.bpr = Math.max(value & 7, MIN_BPR); break;
      case 0x1c: this.abpr = Math.max(value & 7, MIN_ABPR); break;
      case 0x10: this.endOfInterrupt(value & 0x3ff); break; // GICV_EOIR
      case 0xd0: this.apr = value >>> 0; break;
      case 0x1000: this.deactivateById(value & 0x3ff); break; // GICV_DIR
      default: return;
    }
    this.update();
  }
}
