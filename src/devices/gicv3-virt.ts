// The GICv3 virtual CPU interface of one PE (IHI 0069 "Virtual interrupt handling and prioritization"; QEMU 7.2
// hw/intc/arm_gicv3_cpuif.c as the executable reference, with Cortex-A57's gic_num_lrs = 4 and vpribits = vprebits
// = 5): the hypervisor's ICH_*_EL2 registers (list registers, ICH_HCR_EL2, ICH_VMCR_EL2, the active priorities, the
// read-only status registers) and the guest's ICV_* view of them, which an EL1 access to an ICC_* register reaches
// when HCR_EL2.IMO (Group 1) / FMO (Group 0) is set (src/cpu/exec/system.ts decides). Its outputs: the virtual IRQ
// (a pending Group 1 LR that can be signalled), the virtual FIQ (Group 0), and the maintenance interrupt (PPI 25)
// while ICH_HCR_EL2.En = 1 and ICH_MISR_EL2 != 0 (QEMU gicv3_cpuif_virt_update). A HW = 1 list register deactivates
// its physical INTID when the guest deactivates the virtual one.
//
// The methods reading and writing the ICV_* registers have the names of the physical interface's (GicCpuRegisters,
// src/cpu/gic-cpuif.ts), so the CPU reaches either through the same dispatch.
import { ICH_HCR, type IchRegister } from '../arch/sysreg-table.ts';
import { SPURIOUS } from './gic.ts';

export const NUM_LRS = 4; // ICH_VTR_EL2.ListRegs + 1 (QEMU cpu64.c cortex-a57 gic_num_lrs = 4)
const VPRI_BITS = 5; // virtual priority bits (gic_vpribits)
const VPRE_BITS = 5; // virtual preemption bits (gic_vprebits)
const MIN_VBPR0 = 7 - VPRE_BITS; // ICV_BPR0_EL1 minimum (icv_min_vbpr); ICV_BPR1_EL1's is one more
const VAPR_SHIFT = 8 - VPRE_BITS; // ICH_AP<g>R0 bit n: group priority n << 3 active
const VPRIO_MASK = (0xff << (8 - VPRI_BITS)) & 0xff; // unimplemented low priority bits RAZ/WI (icv_fullprio_mask)
/** No active priority (ICC_RPR_EL1 / ICV_RPR_EL1 idle); a pending priority of 0xff is never signalled (QEMU hppi.prio). */
export const IDLE = 0xff;
const INTID_SECURE = 1020; // INTIDs 1020..1023 are special: an LR holding one goes Pending -> Invalid on IAR
/** IsSpecial (IHI 0069 pseudocode): INTIDs 1020-1023. An LR's vINTID may be an LPI's (8192 and up). */
const isSpecial = (id: number): boolean => id >= INTID_SECURE && id <= SPURIOUS;

// ICH_LR<n>_EL2 (64-bit): vINTID 31:0, pINTID 41:32 (bit 41 is EOI when HW = 0), Priority 55:48, Group 60, HW 61,
// State 63:62 (bit 62 pending, bit 63 active)
const LR_PINTID_SHIFT = 32n;
const LR_EOI = 1n << 41n;
const LR_PRIORITY_SHIFT = 48n;
const LR_GROUP = 1n << 60n;
const LR_HW = 1n << 61n;
const LR_PENDING = 1n << 62n;
const LR_ACTIVE = 1n << 63n;
const LR_STATE = LR_PENDING | LR_ACTIVE;
/** Priority bits below the 5 implemented ones are RES0 (QEMU ich_lr_write clears them). */
const LR_PRIORITY_RES0 = BigInt(~VPRIO_MASK & 0xff) << LR_PRIORITY_SHIFT;

const HCR_EOICOUNT_SHIFT = 27; // EOIcount 31:27
const HCR_EOICOUNT = 0x1f << HCR_EOICOUNT_SHIFT;
/** The writable bits (QEMU ich_hcr_write): everything above but vSGIEOICount/DVIM (GICv4.1) and the RES0 bits. */
const HCR_WRITABLE = Object.values(ICH_HCR).reduce((a, b) => a | b, 0) | HCR_EOICOUNT;

// ICH_VMCR_EL2: VENG0 0, VENG1 1, VAckCtl 2 (RES0 with a system-register interface), VFIQEn 3 (RES1), VCBPR 4,
// VEOIM 9, VBPR1 20:18, VBPR0 23:21, VPMR 31:24
const VMCR_VENG0 = 1 << 0;
const VMCR_VENG1 = 1 << 1;
const VMCR_VFIQEN = 1 << 3;
const VMCR_VCBPR = 1 << 4;
const VMCR_VEOIM = 1 << 9;
const VMCR_VBPR1_SHIFT = 18;
const VMCR_VBPR0_SHIFT = 21;
const VMCR_VPMR_SHIFT = 24;
const VMCR_WRITABLE = VMCR_VENG0 | VMCR_VENG1 | VMCR_VCBPR | VMCR_VEOIM | (7 << VMCR_VBPR1_SHIFT) | (7 << VMCR_VBPR0_SHIFT) | (0xff << VMCR_VPMR_SHIFT);

// ICH_MISR_EL2
export const ICH_MISR = { EOI: 1 << 0, U: 1 << 1, LRENP: 1 << 2, NP: 1 << 3, VGrp0E: 1 << 4, VGrp0D: 1 << 5, VGrp1E: 1 << 6, VGrp1D: 1 << 7 } as const;

/** ICH_VTR_EL2: ListRegs (4:0) = 3, TDS (19), nV4 (20), A3V (21), IDbits (25:23) = 1 (24 bits), PREbits (28:26) and
 *  PRIbits (31:29) = 4 (QEMU ich_vtr_read): 0x90b80003. */
export const ICH_VTR = ((NUM_LRS - 1) | (1 << 19) | (1 << 20) | (1 << 21) | (1 << 23) | ((VPRE_BITS - 1) << 26) | ((VPRI_BITS - 1) << 29)) >>> 0;
/** ICV_CTLR_EL1's read-only bits: A3V (15), IDbits (13:11) = 1, PRIbits (10:8) = vpribits - 1 (QEMU icv_ctlr_read). */
const ICV_CTLR_RO = (1 << 15) | (1 << 11) | ((VPRI_BITS - 1) << 8);
const CTLR_CBPR = 1 << 0;
const CTLR_EOIMODE = 1 << 1;

export interface GicV3VirtualOutputs {
  virq(level: boolean): void;
  vfiq(level: boolean): void;
  maintenance(level: boolean): void;
  /** A HW = 1 list register's pINTID deactivated by the guest. */
  deactivatePhysical(id: number): void;
}

/** Count of trailing zeros of a non-zero 32-bit value (the lowest set AP bit: the highest active priority). */
export const ctz = (v: number): number => 31 - Math.clz32(v & -v);

/** ICC_RPR_EL1 / ICV_RPR_EL1 of a CPU interface whose AP0R0/AP1R0 pair is `apr`: the group priority of the lowest set
 *  bit of either (bit n is priority n << `shift`), IDLE when none is (QEMU icc_highest_active_prio,
 *  ich_highest_active_virt_prio). */
export function runningPriority(apr: Uint32Array, shift: number): number {
  const a = apr[0]! | apr[1]!;
  return a === 0 ? IDLE : ctz(a) << shift;
}
const lrPriority = (lr: bigint): number => Number((lr >> LR_PRIORITY_SHIFT) & 0xffn);
const lrGroup = (lr: bigint): 0 | 1 => ((lr & LR_GROUP) !== 0n ? 1 : 0);
const lrVintid = (lr: bigint): number => Number(lr & 0xffff_ffffn);

export class GicV3Virtual {
  readonly lr = new BigUint64Array(NUM_LRS);
  private hcr = 0;
  private vmcr = 0;
  private readonly apr = new Uint32Array(2); // ICH_AP0R0_EL2, ICH_AP1R0_EL2
  private virqLevel = false;
  private vfiqLevel = false;
  private maintenanceLevel = false;

  constructor(private readonly out: GicV3VirtualOutputs) {
    this.reset();
  }

  reset(): void {
    this.lr.fill(0n);
    this.apr.fill(0);
    this.hcr = 0;
    // VFIQEn RES1, each VBPR at its minimum (QEMU icc_reset)
    this.vmcr = VMCR_VFIQEN | ((MIN_VBPR0 + 1) << VMCR_VBPR1_SHIFT) | (MIN_VBPR0 << VMCR_VBPR0_SHIFT);
    this.update();
  }

  /** ICH_HCR_EL2 (the CPU's trap checks read TC, TALL0, TALL1, TDIR from it). */
  get ichHcr(): number {
    return this.hcr;
  }

  // --- ICH_*_EL2 (EL2 only) ---

  readIch(r: IchRegister): bigint {
    switch (r) {
      case 'AP0R0': return BigInt(this.apr[0]!);
      case 'AP1R0': return BigInt(this.apr[1]!);
      case 'HCR': return BigInt(this.hcr >>> 0);
      case 'VTR': return BigInt(ICH_VTR);
      case 'MISR': return BigInt(this.misr());
      case 'EISR': return BigInt(this.eisr());
      case 'ELRSR': return BigInt(this.elrsr());
      case 'VMCR': return BigInt(this.vmcr >>> 0);
      default: return this.lr[Number(r.slice(2))]!;
    }
  }

  /** A write to a read-only ICH register never arrives (the table's access column makes it UNDEFINED). */
  writeIch(r: IchRegister, value: bigint): void {
    const lo = Number(value & 0xffff_ffffn);
    switch (r) {
      case 'AP0R0': this.apr[0] = lo; break; // 32 bits kept (ich_ap_write)
      case 'AP1R0': this.apr[1] = lo; break;
      case 'HCR': this.hcr = lo & HCR_WRITABLE; break;
      case 'VMCR':
        this.vmcr = (lo & VMCR_WRITABLE) | VMCR_VFIQEN;
        // a VBPR written below its minimum reads as the minimum (ich_vmcr_write writes both back)
        this.setVbpr(0, this.vbpr(0));
        this.setVbpr(1, this.vbpr(1));
        break;
      case 'LR0': case 'LR1': case 'LR2': case 'LR3':
        this.lr[Number(r.slice(2))] = value & ~LR_PRIORITY_RES0; // Priority's unimplemented low bits RES0
        break;
      default: throw new Error(`GICv3 virtual interface: ICH_${r}_EL2 is read-only`);
    }
    this.update();
  }

  /** ICH_EISR_EL2: bit n for an LR that is Invalid with HW = 0 and EOI = 1 (eoi_maintenance_interrupt_state). */
  private eisr(): number {
    let v = 0;
    for (let i = 0; i < NUM_LRS; i++) if ((this.lr[i]! & (LR_STATE | LR_HW | LR_EOI)) === LR_EOI) v |= 1 << i;
    return v;
  }

  /** ICH_ELRSR_EL2: bit n for an Invalid LR that will not signal an EOI maintenance interrupt (HW = 1 or EOI = 0). */
  private elrsr(): number {
    let v = 0;
    for (let i = 0; i < NUM_LRS; i++) {
      const lr = this.lr[i]!;
      if ((lr & LR_STATE) === 0n && ((lr & LR_HW) !== 0n || (lr & LR_EOI) === 0n)) v |= 1 << i;
    }
    return v;
  }

  /** ICH_MISR_EL2 (IHI 0069; QEMU maintenance_interrupt_state): EOI (EISR != 0), U (fewer than 2 valid LRs, UIE),
   *  NP (no pending LR, NPIE), LRENP (LRENPIE and EOIcount != 0), VGrp<g>E/D (VGrp<g>EIE/DIE and VENG<g> 1/0;
   *  QEMU 7.2 tests VENG1 for VGrp0D: test/qemu/DEVIATIONS.md D25). */
  private misr(): number {
    let valid = 0;
    let pending = false;
    for (const lr of this.lr) {
      if ((lr & LR_STATE) !== 0n) valid++;
      if ((lr & LR_STATE) === LR_PENDING) pending = true;
    }
    const h = this.hcr;
    let v = this.eisr() !== 0 ? ICH_MISR.EOI : 0;
    if (valid < 2 && (h & ICH_HCR.UIE) !== 0) v |= ICH_MISR.U;
    if (!pending && (h & ICH_HCR.NPIE) !== 0) v |= ICH_MISR.NP;
    if ((h & ICH_HCR.LRENPIE) !== 0 && (h & HCR_EOICOUNT) !== 0) v |= ICH_MISR.LRENP;
    const eng0 = (this.vmcr & VMCR_VENG0) !== 0;
    const eng1 = (this.vmcr & VMCR_VENG1) !== 0;
    if ((h & ICH_HCR.VGrp0EIE) !== 0 && eng0) v |= ICH_MISR.VGrp0E;
    if ((h & ICH_HCR.VGrp0DIE) !== 0 && !eng0) v |= ICH_MISR.VGrp0D;
    if ((h & ICH_HCR.VGrp1EIE) !== 0 && eng1) v |= ICH_MISR.VGrp1E;
    if ((h & ICH_HCR.VGrp1DIE) !== 0 && !eng1) v |= ICH_MISR.VGrp1D;
    return v;
  }

  // --- ICV_*_EL1 (the guest's view; named as GicCpuRegisters) ---

  readPmr(): number {
    return this.vmcr >>> VMCR_VPMR_SHIFT;
  }

  writePmr(value: number): void {
    this.vmcr = this.deposit(VMCR_VPMR_SHIFT, 0xff, value & VPRIO_MASK); // ICV_PMR_EL1: 5 implemented bits
    this.update();
  }

  readBpr0(): number {
    return this.vbpr(0);
  }

  writeBpr0(value: number): void {
    this.setVbpr(0, value);
    this.update();
  }

  /** ICV_BPR1_EL1: with VCBPR = 1 it reads VBPR0 + 1 (saturating at 7) and ignores writes (icv_bpr_read/write). */
  readBpr1(): number {
    return (this.vmcr & VMCR_VCBPR) !== 0 ? Math.min(this.vbpr(0) + 1, 7) : this.vbpr(1);
  }

  writeBpr1(value: number): void {
    if ((this.vmcr & VMCR_VCBPR) !== 0) return;
    this.setVbpr(1, value);
    this.update();
  }

  /** ICV_CTLR_EL1: CBPR and EOImode are ICH_VMCR_EL2.VCBPR and VEOIM. */
  readCtlr(): number {
    return ICV_CTLR_RO | ((this.vmcr & VMCR_VEOIM) !== 0 ? CTLR_EOIMODE : 0) | ((this.vmcr & VMCR_VCBPR) !== 0 ? CTLR_CBPR : 0);
  }

  writeCtlr(value: number): void {
    this.vmcr = this.deposit(4, 1, value & CTLR_CBPR); // VCBPR
    this.vmcr = this.deposit(9, 1, (value & CTLR_EOIMODE) >>> 1); // VEOIM
    this.update();
  }

  /** ICV_IGRPEN<g>_EL1: ICH_VMCR_EL2.VENG<g>. */
  readIgrpen(group: 0 | 1): number {
    return (this.vmcr >>> group) & 1;
  }

  writeIgrpen(group: 0 | 1, value: number): void {
    this.vmcr = this.deposit(group, 1, value & 1);
    this.update();
  }

  /** ICV_AP<g>R0_EL1: ICH_AP<g>R0_EL2. */
  readApr(group: 0 | 1): number {
    return this.apr[group]!;
  }

  writeApr(group: 0 | 1, value: number): void {
    this.apr[group] = value >>> 0;
    this.update();
  }

  /** ICV_RPR_EL1: the highest active virtual priority (ich_highest_active_virt_prio). */
  rpr(): number {
    return runningPriority(this.apr, VAPR_SHIFT);
  }

  /** ICV_HPPIR<g>_EL1: the vINTID of the highest-priority pending LR if it is of this group, else 1023. */
  hppir(group: 0 | 1): number {
    const idx = this.hppviIndex();
    return idx >= 0 && lrGroup(this.lr[idx]!) === group ? lrVintid(this.lr[idx]!) : SPURIOUS;
  }

  /** ICV_IAR<g>_EL1: the highest-priority pending LR of this group that can be signalled goes Pending -> Active and
   *  its group priority is set in ICH_AP<g>R0_EL2; an LR holding INTID 1020-1023 goes Pending -> Invalid and that
   *  INTID is returned (icv_iar_read); else 1023. */
  acknowledge(group: 0 | 1): number {
    const idx = this.hppviIndex();
    if (idx < 0) return SPURIOUS;
    const lr = this.lr[idx]!;
    if (lrGroup(lr) !== group || !this.canSignal(lr)) return SPURIOUS;
    const id = lrVintid(lr);
    if (!isSpecial(id)) {
      this.lr[idx] = (lr & ~LR_PENDING) | LR_ACTIVE;
      this.apr[group] = this.apr[group]! | (1 << ((lrPriority(lr) & this.groupMask(group)) >>> VAPR_SHIFT));
    } else {
      this.lr[idx] = lr & ~LR_PENDING;
    }
    this.update();
    return id;
  }

  /**
   * ICV_EOIR<g>_EL1 (icv_eoir_write): INTIDs 1020-1023 are ignored, LPIs are not (VirtualWriteEOIR calls
   * VirtualIdentifierValid with LPIs allowed; QEMU since 6.2 tests IsSpecial only); the highest active priority is
   * dropped first (Group 0 on a tie; nothing active: ignored); then the active LR with this vINTID is deactivated
   * when it is of this group, its group priority is the one dropped and VEOIM = 0; no such LR: EOIcount + 1.
   */
  endOfInterrupt(group: 0 | 1, value: number): void {
    const id = value & 0xff_ffff;
    if (isSpecial(id)) return;
    const dropped = this.dropPriority();
    if (dropped === IDLE) return;
    const idx = this.findActive(id);
    if (idx < 0) this.incrementEoiCount();
    else {
      const lr = this.lr[idx]!;
      // QEMU masks the LR's priority with the EOIR's group's mask (icv_eoir_write)
      if (lrGroup(lr) === group && (lrPriority(lr) & this.groupMask(group)) === dropped && (this.vmcr & VMCR_VEOIM) === 0) this.deactivateLr(idx);
    }
    this.update();
  }

  /** ICV_DIR_EL1 (icv_dir_write): with VEOIM = 1, deactivate the active LR with this vINTID, or EOIcount + 1;
   *  INTIDs from 1020 (the special ones and LPIs: VirtualWriteDIR allows no LPI) are ignored. */
  deactivate(value: number): void {
    const id = value & 0xff_ffff;
    if (id >= INTID_SECURE || (this.vmcr & VMCR_VEOIM) === 0) return;
    const idx = this.findActive(id);
    if (idx < 0) this.incrementEoiCount();
    else this.deactivateLr(idx);
    this.update();
  }

  // --- internals ---

  private deposit(shift: number, mask: number, value: number): number {
    return ((this.vmcr & ~(mask << shift)) | ((value & mask) << shift)) >>> 0;
  }

  private vbpr(group: 0 | 1): number {
    return (this.vmcr >>> (group === 0 ? VMCR_VBPR0_SHIFT : VMCR_VBPR1_SHIFT)) & 7;
  }

  /** A VBPR below its minimum (2 for VBPR0, 3 for VBPR1) is set to the minimum (write_vbpr), then 3 bits are kept. */
  private setVbpr(group: 0 | 1, value: number): void {
    const v = Math.max(value >>> 0, MIN_VBPR0 + group);
    this.vmcr = this.deposit(group === 0 ? VMCR_VBPR0_SHIFT : VMCR_VBPR1_SHIFT, 7, v);
  }

  /** VGroupBits: the group priority mask from VBPR0, or VBPR1 - 1 (VBPR0 with VCBPR) for Group 1 (icv_gprio_mask). */
  private groupMask(group: 0 | 1): number {
    const bpr = group === 0 || (this.vmcr & VMCR_VCBPR) !== 0 ? this.vbpr(0) : this.vbpr(1) - 1;
    return (0xff << (bpr + 1)) & 0xff;
  }

  /** HighestPriorityVirtualInterrupt: the pending LR of an enabled group with the lowest priority value below 0xff,
   *  the lowest index among equals; -1 if none (hppvi_index). */
  private hppviIndex(): number {
    if ((this.vmcr & (VMCR_VENG0 | VMCR_VENG1)) === 0) return -1;
    let idx = -1;
    let best = IDLE;
    for (let i = 0; i < NUM_LRS; i++) {
      const lr = this.lr[i]!;
      if ((lr & LR_STATE) !== LR_PENDING) continue;
      if ((this.vmcr & (lrGroup(lr) === 1 ? VMCR_VENG1 : VMCR_VENG0)) === 0) continue;
      const p = lrPriority(lr);
      if (p < best) {
        best = p;
        idx = i;
      }
    }
    return idx;
  }

  /** CanSignalVirtualInterrupt: ICH_HCR_EL2.En, priority above VPMR, group priority above the running priority. */
  private canSignal(lr: bigint): boolean {
    if ((this.hcr & ICH_HCR.En) === 0) return false;
    const p = lrPriority(lr);
    if (p >= this.readPmr()) return false;
    const running = this.rpr();
    if (running === IDLE) return true;
    const m = this.groupMask(lrGroup(lr));
    return (p & m) < (running & m);
  }

  /** Clear the highest active priority bit (Group 0 on a tie) and return its priority, or 0xff (icv_drop_prio). */
  private dropPriority(): number {
    const a0 = this.apr[0]!;
    const a1 = this.apr[1]!;
    if (a0 === 0 && a1 === 0) return IDLE;
    const c0 = a0 === 0 ? 32 : ctz(a0);
    const c1 = a1 === 0 ? 32 : ctz(a1);
    const g = c0 <= c1 ? 0 : 1;
    this.apr[g] = this.apr[g]! & (this.apr[g]! - 1);
    return Math.min(c0, c1) << VAPR_SHIFT;
  }

  /** FindActiveVirtualInterrupt: the LR with the active bit and this vINTID, or -1. */
  private findActive(id: number): number {
    for (let i = 0; i < NUM_LRS; i++) if ((this.lr[i]! & LR_ACTIVE) !== 0n && lrVintid(this.lr[i]!) === id) return i;
    return -1;
  }

  /** Active -> Invalid, Active+Pending -> Pending; with HW = 1 the pINTID (below 1020) is deactivated too. */
  private deactivateLr(idx: number): void {
    const lr = this.lr[idx]!;
    if ((lr & LR_HW) !== 0n) {
      const p = Number((lr >> LR_PINTID_SHIFT) & 0x3ffn);
      if (p < INTID_SECURE) this.out.deactivatePhysical(p);
    }
    this.lr[idx] = lr & ~LR_ACTIVE;
  }

  /** ICH_HCR_EL2.EOIcount + 1, wrapping in its 5 bits (icv_increment_eoicount's deposit). */
  private incrementEoiCount(): void {
    const n = ((this.hcr >>> HCR_EOICOUNT_SHIFT) + 1) & 0x1f;
    this.hcr = ((this.hcr & ~HCR_EOICOUNT) | (n << HCR_EOICOUNT_SHIFT)) >>> 0;
  }

  /** gicv3_cpuif_virt_update: virtual IRQ / FIQ for the signallable highest-priority pending LR (Group 1 / Group 0),
   *  the maintenance interrupt while En = 1 and ICH_MISR_EL2 != 0. */
  private update(): void {
    const idx = this.hppviIndex();
    let irq = false;
    let fiq = false;
    if (idx >= 0 && this.canSignal(this.lr[idx]!)) {
      if (lrGroup(this.lr[idx]!) === 1) irq = true;
      else fiq = true;
    }
    const maint = (this.hcr & ICH_HCR.En) !== 0 && this.misr() !== 0;
    if (fiq !== this.vfiqLevel) {
      this.vfiqLevel = fiq;
      this.out.vfiq(fiq);
    }
    if (irq !== this.virqLevel) {
      this.virqLevel = irq;
      this.out.virq(irq);
    }
    if (maint !== this.maintenanceLevel) {
      this.maintenanceLevel = maint;
      this.out.maintenance(maint);
    }
  }
}
