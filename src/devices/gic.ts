// A GICv2 for one PE, as QEMU's virt board has by default (-M virt,virtualization=on: hw/arm/virt.c maps the
// distributor at 0x0800_0000 and the CPU interface at 0x0801_0000, 64 KiB each), enough for a hypervisor that takes
// timer interrupts (Arm GICv2 Architecture Specification IHI 0048B, §4.3 distributor and §4.4 CPU interface
// registers; reset values as read back on QEMU 7.2). No Security Extensions (no EL3 on virt), so every interrupt is
// Group 0, signalled as IRQ, or as FIQ while GICC_CTLR.FIQEn is set (§3.2.1; QEMU gic_update_internal); 288 interrupt IDs (GICD_TYPER.ITLinesNumber = 8, as QEMU); 8 priority bits.
// GICC_CTLR.EOImode (bit 9) chooses whether an EOIR write drops the priority and deactivates (0) or only drops it,
// GICC_DIR then deactivating (1: what Linux uses when it boots at EL2; §4.4.1, §4.4.5, §4.4.15; QEMU gic_eoi_split,
// gic_complete_irq, gic_deactivate_irq). GICC_ABPR is the Group 1 binary point (no Security Extensions): storage
// that no interrupt here uses (every one is Group 0), minimum 1 as on QEMU. The running priority follows the active priorities
// (GICC_APRn/NSAPRn: set by GICC_IAR, dropped by GICC_EOIR), not the active state: an interrupt made active through
// GICD_ISACTIVER does not raise it (§3.3, §4.4.6 GICC_RPR, §4.4.12-13 GICC_APRn/NSAPRn; QEMU gic_activate_irq,
// gic_drop_prio). Not modelled, each RAZ/WI: GICD_IGROUPR (all Group 0; writable on QEMU), GICD_ITARGETSR (RAZ/WI
// on a uniprocessor GIC, as the specification allows and QEMU shows), GICC_AIAR/AEOIR/AHPPIR, the identification
// registers other than GICD_PIDR2. SGIs (§4.3.15 GICD_SGIR, §4.3.16-17 GICD_CPENDSGIR/SPENDSGIR) are pending per source CPU, as on QEMU: the one PE sends with
// source 0, SPENDSGIR can set any of the 8 source bits, and GICC_IAR returns the lowest pending source in CPUID. The virtualization extensions (GICH/GICV) are gic-virt.ts. The machine drives the PPI inputs (setLevel) and receives the IRQ and FIQ outputs (onOutput, onFiq).
import type { Device } from '../memory/phys.ts';

export const GICD_BASE = 0x0800_0000;
export const GICC_BASE = 0x0801_0000;
export const GIC_REGION_SIZE = 0x1_0000;

/** Interrupt IDs 0..287: 16 SGIs, 16 PPIs, 256 SPIs (GICD_TYPER.ITLinesNumber = 8). */
export const GIC_IRQS = 288;
/** The spurious interrupt ID (GICC_IAR, GICC_HPPIR with nothing to signal). */
export const SPURIOUS = 1023;
const IDLE = 0x100; // running priority with no active priority (GICC_RPR reads 0xff)
const NR_APRS = 4; // GICC_APR0-3, NSAPR0-3: 128 preemption levels (QEMU GIC_NR_APRS, GIC_MIN_BPR = 0)

const GICD_TYPER = 0x8; // ITLinesNumber = 8, CPUNumber = 0 (one PE), SecurityExtn = 0
export const GICD_IIDR = 0x43b; // implementer Arm (QEMU's value)
export const GICD_PIDR2 = 0x2b; // ArchRev = 2: GICv2
const GICC_IIDR = 0x2043b; // architecture version 2, implementer Arm (QEMU's value)
const GICC_CTLR_MASK = 0x21f; // EnableGrp0, EnableGrp1, AckCtl, FIQEn, CBPR, EOImode (QEMU GICC_CTLR_V2_MASK)
const GICC_CTLR_FIQEN = 1 << 3; // GICC_CTLR.FIQEn: Group 0 interrupts are signalled on FIQ
const GICC_CTLR_EOIMODE = 1 << 9; // GICC_CTLR.EOImode without Security Extensions: split priority drop and deactivate
const MIN_ABPR = 1; // GICC_ABPR's smallest value (QEMU GIC_MIN_ABPR = GIC_MIN_BPR + 1)
const GICC_DIR = 0x1000; // in the CPU interface's second 4 KiB page (virt maps 64 KiB)

export class GicV2 {
  /** The IRQ output to the PE: the CPU interface signals an interrupt. */
  output = false;
  private readonly enabled = new Uint8Array(GIC_IRQS);
  private readonly level = new Uint8Array(GIC_IRQS); // input lines (level-sensitive sources)
  private readonly latched = new Uint8Array(GIC_IRQS); // pending set by GICD_ISPENDR or by an edge
  private readonly active = new Uint8Array(GIC_IRQS);
  private readonly priority = new Uint8Array(GIC_IRQS);
  private readonly edge = new Uint8Array(GIC_IRQS); // GICD_ICFGR int_config[1]: 1 edge-triggered, 0 level-sensitive
  private readonly sgiSources = new Uint8Array(16); // GICD_SPENDSGIR: per SGI, one pending bit per source CPU
  private readonly apr = new Uint32Array(NR_APRS); // GICC_APRn: one bit per active preemption level (Group 0)
  private readonly nsapr = new Uint32Array(NR_APRS); // GICC_NSAPRn: Group 1's; only a write sets a bit (no Group 1 here)
  private dctlr = 0;
  private cctlr = 0;
  private pmr = 0;
  private bpr = 0;
  private abpr = MIN_ABPR;

  readonly distributor: Device = { name: 'GICv2 distributor', read: (o, s) => this.distRead(o, s), write: (o, s, v) => this.distWrite(o, s, v) };
  readonly cpuInterface: Device = { name: 'GICv2 CPU interface', read: (o, s) => this.cpuRead(o, s), write: (o, s, v) => this.cpuWrite(o, s, v) };

  /** The FIQ output to the PE (GICC_CTLR.FIQEn). */
  fiqOutput = false;

  constructor(
    private readonly onOutput: (level: boolean) => void = () => {},
    private readonly onFiq: (level: boolean) => void = () => {},
  ) {
    this.reset();
  }

  reset(): void {
    for (const a of [this.enabled, this.level, this.latched, this.active, this.priority, this.edge, this.sgiSources]) a.fill(0);
    this.apr.fill(0);
    this.nsapr.fill(0);
    this.enabled.fill(1, 0, 16); // SGIs are always enabled (GICD_ISENABLER0[15:0] RAO/WI, as QEMU)
    this.edge.fill(1, 0, 16); // SGIs are edge-triggered (GICD_ICFGR0 reads 0xaaaaaaaa)
    this.dctlr = this.cctlr = this.pmr = this.bpr = 0;
    this.abpr = MIN_ABPR;
    this.update();
  }

  /** Deactivate a physical interrupt from the virtual interface (a GICV EOI/DIR of a list register with HW = 1). */
  deactivatePhysical(id: number): void {
    if (id >= GIC_IRQS) return;
    this.active[id] = 0;
    this.update();
  }

  /** An interrupt input (a PPI from a timer): level-sensitive sources follow it; edge-triggered ones latch a rise. */
  setLevel(id: number, level: boolean): void {
    const v = level ? 1 : 0;
    if (this.level[id] === v) return;
    this.level[id] = v;
    if (v === 1 && this.edge[id] === 1) this.latched[id] = 1;
    this.update();
  }

  private pending(id: number): boolean {
    if (id < 16) return this.sgiSources[id] !== 0;
    return this.latched[id] === 1 || (this.edge[id] === 0 && this.level[id] === 1);
  }

  /** Priority with the subpriority bits below GICC_BPR's binary point cleared: what preemption compares. */
  private group(p: number): number {
    return p & (0xff << (this.bpr + 1)) & 0xff;
  }

  /**
   * Running priority: the lowest set bit of the active priorities names the highest active group priority (bit n =
   * priority n << 1); IDLE when none (§4.4.12 GICC_APRn; QEMU gic_get_prio_from_apr_bits). The active state alone
   * (GICD_ISACTIVER) does not count.
   */
  private running(): number {
    for (let i = 0; i < NR_APRS; i++) {
      const bits = this.apr[i]! | this.nsapr[i]!;
      if (bits !== 0) return (i * 32 + 31 - Math.clz32(bits & -bits)) << 1;
    }
    return IDLE;
  }

  /** Acknowledge: mark the interrupt's group priority in GICC_APRn, preemption level = group priority >> 1 (QEMU gic_activate_irq). */
  private activatePriority(id: number): void {
    const level = this.group(this.priority[id]!) >>> 1;
    this.apr[level >>> 5] = (this.apr[level >>> 5]! | (1 << (level & 31))) >>> 0;
  }

  /** Priority drop (GICC_EOIR): clear the lowest set bit of the Group 0 active priorities (QEMU gic_drop_prio). */
  private dropPriority(): void {
    const i = this.apr.findIndex((bits) => bits !== 0);
    if (i >= 0) this.apr[i] = this.apr[i]! & (this.apr[i]! - 1);
  }

  /**
   * The highest-priority pending, enabled, inactive interrupt that passes GICC_PMR, with both the distributor and
   * the CPU interface enabled (lowest ID first among equal priorities); SPURIOUS if none — what GICC_HPPIR reads.
   */
  private highest(): number {
    if ((this.dctlr & 1) === 0 || (this.cctlr & 1) === 0) return SPURIOUS; // EnableGrp0: everything is Group 0
    let best = SPURIOUS;
    let bestPrio = this.pmr; // only priorities strictly higher (lower value) than the mask are signalled
    for (let id = 0; id < GIC_IRQS; id++) {
      if (this.enabled[id] === 1 && this.active[id] === 0 && this.priority[id]! < bestPrio && this.pending(id)) {
        best = id;
        bestPrio = this.priority[id]!;
      }
    }
    return best;
  }

  /** Recompute the IRQ output: a candidate whose priority is higher than the running priority preempts (QEMU gic_update_internal compares the full priority). */
  private update(): void {
    const id = this.highest();
    const signal = id !== SPURIOUS && this.priority[id]! < this.running();
    // GICC_CTLR.FIQEn: a Group 0 interrupt (every one here) on FIQ rather than IRQ
    const fiq = signal && (this.cctlr & GICC_CTLR_FIQEN) !== 0;
    const irq = signal && !fiq;
    if (irq !== this.output) {
      this.output = irq;
      this.onOutput(irq);
    }
    if (fiq !== this.fiqOutput) {
      this.fiqOutput = fiq;
      this.onFiq(fiq);
    }
  }

  /** GICC_IAR read: acknowledge the signalled interrupt (pending → active, or active and pending), or SPURIOUS. */
  private acknowledge(): number {
    const id = this.highest();
    if (id === SPURIOUS || this.priority[id]! >= this.running()) return SPURIOUS; // QEMU gic_acknowledge_irq: full priority
    this.activatePriority(id);
    this.active[id] = 1;
    this.latched[id] = 0; // a level-sensitive source still asserted keeps it pending
    let cpuid = 0;
    if (id < 16) {
      // GICC_IAR.CPUID: an SGI is acknowledged one source at a time, the others stay pending (GICv2 §3.2.4)
      const sources = this.sgiSources[id]!;
      cpuid = 31 - Math.clz32(sources & -sources);
      this.sgiSources[id] = sources & (sources - 1);
    }
    this.update();
    return id | (cpuid << 10);
  }

  // --- distributor ---

  private distRead(off: number, size: number): number {
    if (off >= 0x400 && off < 0x400 + GIC_IRQS) return bytes(this.priority, off - 0x400, size); // GICD_IPRIORITYR
    const w = this.distWord(off & ~3);
    return size >= 4 ? w : (w >>> (8 * (off & 3))) & (size === 1 ? 0xff : 0xffff);
  }

  private distWord(off: number): number {
    if (off === 0x000) return this.dctlr;
    if (off === 0x004) return GICD_TYPER;
    if (off === 0x008) return GICD_IIDR;
    if (off === 0xfe8) return GICD_PIDR2;
    if (off >= 0xc00 && off < 0xc00 + GIC_IRQS / 4) return icfgr(this.edge, (off - 0xc00) >>> 2); // GICD_ICFGR
    if (off >= 0xf10 && off < 0xf30) return bytes(this.sgiSources, (off - 0xf10) & 0xf, 4); // GICD_CPENDSGIR, SPENDSGIR
    const n = bank(off);
    if (n < 0) return 0; // RAZ: not modelled (see the header)
    switch (off & 0xf80) {
      case 0x100: // GICD_ISENABLER
      case 0x180: // GICD_ICENABLER
        return bits(this.enabled, n);
      case 0x200: // GICD_ISPENDR
      case 0x280: // GICD_ICPENDR
        return this.pendingBits(n);
      case 0x300: // GICD_ISACTIVER
      case 0x380: // GICD_ICACTIVER
        return bits(this.active, n);
      default:
        return 0;
    }
  }

  private pendingBits(n: number): number {
    let v = 0;
    for (let b = 0; b < 32; b++) if (this.pending(n * 32 + b)) v |= 1 << b;
    return v >>> 0;
  }

  private distWrite(off: number, size: number, value: number): void {
    if (off >= 0x400 && off < 0x400 + GIC_IRQS) {
      // GICD_IPRIORITYR: byte-accessible, 8 priority bits
      for (let i = 0; i < size && off - 0x400 + i < GIC_IRQS; i++) this.priority[off - 0x400 + i] = (value >>> (8 * i)) & 0xff;
      return this.update();
    }
    if (off >= 0xf10 && off < 0xf30) {
      // GICD_CPENDSGIR (0xf10) clears, GICD_SPENDSGIR (0xf20) sets source bits: byte-accessible, one byte per SGI
      for (let i = 0; i < size; i++) {
        const id = (off & 0xf) + i;
        const v = (value >>> (8 * i)) & 0xff;
        if (id < 16) this.sgiSources[id] = off < 0xf20 ? this.sgiSources[id]! & ~v : this.sgiSources[id]! | v;
      }
      return this.update();
    }
    if (size < 4) return; // the other registers are word-accessible only
    if (off === 0x000) {
      this.dctlr = value & 3; // EnableGrp0, EnableGrp1
      return this.update();
    }
    if (off === 0xf00) {
      // GICD_SGIR: TargetListFilter 0 = the CPUTargetList (bit 0: this PE), 1 = every other PE (none here), 2 = this
      // PE; 3 is reserved (QEMU targets every PE); the source is this PE, CPU 0
      const filter = (value >>> 24) & 3;
      const id = value & 0xf; // SGIINTID
      if (filter === 2 || filter === 3 || (filter === 0 && ((value >>> 16) & 1) === 1)) this.sgiSources[id] = this.sgiSources[id]! | 1;
      return this.update();
    }
    const n = bank(off);
    if (n >= 0) {
      for (let b = 0; b < 32; b++) {
        if (((value >>> b) & 1) === 0) continue;
        const id = n * 32 + b;
        // SGI bits: enables RAO/WI, pending only through GICD_SGIR/SPENDSGIR/CPENDSGIR; their active bits are writable
        if (id < 16 && (off & 0xf80) < 0x300) continue;
        switch (off & 0xf80) {
          case 0x100: this.enabled[id] = 1; break;
          case 0x180: this.enabled[id] = 0; break;
          case 0x200: this.latched[id] = 1; break;
          case 0x280: this.latched[id] = 0; break; // a level-sensitive source still asserted stays pending
          case 0x300: this.active[id] = 1; break;
          case 0x380: this.active[id] = 0; break;
          default: break;
        }
      }
      return this.update();
    }
    if (off >= 0xc08 && off < 0xc00 + GIC_IRQS / 4) {
      // GICD_ICFGR2..: SPIs, int_config[1] per field; ICFGR0 (SGIs, edge) and ICFGR1 (PPIs, level) are read-only
      const first = ((off - 0xc00) >>> 2) * 16;
      for (let f = 0; f < 16; f++) this.edge[first + f] = (value >>> (2 * f + 1)) & 1;
      return this.update();
    }
    // everything else (GICD_TYPER/IIDR read-only, IGROUPR, ITARGETSR …): WI, see the header
  }

  // --- CPU interface ---

  private cpuRead(off: number, size: number): number {
    if (size < 4) return 0; // word-accessible only
    switch (off) {
      case 0x00: return this.cctlr;
      case 0x04: return this.pmr;
      case 0x08: return this.bpr;
      case 0x0c: return this.acknowledge(); // GICC_IAR
      case 0x1c: return this.abpr; // GICC_ABPR
      case 0x14: { const r = this.running(); return r === IDLE ? 0xff : r; } // GICC_RPR
      case 0x18: return this.highest(); // GICC_HPPIR
      case 0xfc: return GICC_IIDR;
      default:
        if (off >= 0xd0 && off < 0xd0 + 4 * NR_APRS) return this.apr[(off - 0xd0) >>> 2]!; // GICC_APRn
        if (off >= 0xe0 && off < 0xe0 + 4 * NR_APRS) return this.nsapr[(off - 0xe0) >>> 2]!; // GICC_NSAPRn
        return 0; // GICC_AIAR, AHPPIR, DIR (write-only): RAZ (see the header)
    }
  }

  private cpuWrite(off: number, size: number, value: number): void {
    if (size < 4) return;
    switch (off) {
      case 0x00: this.cctlr = value & GICC_CTLR_MASK; break;
      case 0x04: this.pmr = value & 0xff; break;
      case 0x08: this.bpr = value & 7; break;
      case 0x1c: this.abpr = Math.max(value & 7, MIN_ABPR); break; // GICC_ABPR (QEMU gic_cpu_write)
      case 0x10: { // GICC_EOIR: priority drop, then (EOImode 0) deactivation of the interrupt ID written
        const id = value & 0x3ff;
        // QEMU gic_complete_irq: an unknown ID, or no active priority, is ignored (nothing deactivated); the drop
        // clears the highest active priority whatever ID is written (an out-of-order EOI is UNPREDICTABLE, §3.3)
        if (id >= GIC_IRQS || this.running() === IDLE) return;
        this.dropPriority();
        if ((this.cctlr & GICC_CTLR_EOIMODE) === 0) this.active[id] = 0;
        break;
      }
      case GICC_DIR: { // deactivation alone (§4.4.15); with EOImode 0 UNPREDICTABLE, ignored as QEMU does
        const id = value & 0x3ff;
        if (id >= GIC_IRQS || (this.cctlr & GICC_CTLR_EOIMODE) === 0) return; // 1023 and unknown IDs: ignored
        this.active[id] = 0;
        break;
      }
      default:
        // GICC_APRn/NSAPRn: storage; the running priority follows them at once (QEMU gic_cpu_write)
        if (off >= 0xd0 && off < 0xd0 + 4 * NR_APRS) this.apr[(off - 0xd0) >>> 2] = value >>> 0;
        else if (off >= 0xe0 && off < 0xe0 + 4 * NR_APRS) this.nsapr[(off - 0xe0) >>> 2] = value >>> 0;
        else return; // GICC_AEOIR …: WI (see the header)
    }
    this.update();
  }
}

/** Register bank n (32 interrupts per word) of the one-bit-per-interrupt registers at 0x100..0x3ff, else -1. */
function bank(off: number): number {
  if (off < 0x100 || off >= 0x400) return -1;
  const n = (off & 0x7f) >>> 2;
  return n * 32 < GIC_IRQS ? n : -1;
}

function bits(a: Uint8Array, n: number): number {
  let v = 0;
  for (let b = 0; b < 32; b++) if (a[n * 32 + b] === 1) v |= 1 << b;
  return v >>> 0;
}

/** Little-endian bytes of a byte-per-interrupt array (GICD_IPRIORITYR). */
function bytes(a: Uint8Array, first: number, size: number): number {
  let v = 0;
  for (let i = 0; i < Math.min(size, 4); i++) v |= (a[first + i] ?? 0) << (8 * i);
  return v >>> 0;
}

/** GICD_ICFGR word k: int_config[1] (bit 2f + 1) of its 16 interrupts. */
function icfgr(edge: Uint8Array, k: number): number {
  let v = 0;
  for (let f = 0; f < 16; f++) if (edge[k * 16 + f] === 1) v |= 2 << (2 * f);
  return v >>> 0;
}
