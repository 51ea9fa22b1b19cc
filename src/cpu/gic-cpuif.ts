// The GICv3 CPU interface registers (ICC_*, the table's 'gic' rows): MRS/MSR reach the GIC the machine attaches to
// the CPU (Cpu.gic; src/devices/gicv3.ts implements it). With none attached — the GICv2 board — they are UNDEFINED,
// as on QEMU's virt with gic-version=2, where cortex-a57 registers no GIC system registers. Whether an EL1 access is
// redirected by HCR_EL2.IMO/FMO is decided before (src/cpu/exec/system.ts, the rows' gicVirtual): then the same
// registers are the virtual interface's ICV_* (GicCpuInterface.virtual, src/devices/gicv3-virt.ts), whose
// hypervisor-side ICH_*_EL2 rows are read and written here too.
import { ICH_REGISTERS, type IchRegister, SR } from '../arch/sysreg-table.ts';
import type { Cpu } from './cpu.ts';

/** The registers a physical (ICC_*) and a virtual (ICV_*) CPU interface share; a group is 0 (Group 0, FIQ) or 1
 *  (Group 1, IRQ). */
export interface GicCpuRegisters {
  readPmr(): number;
  writePmr(value: number): void;
  readBpr0(): number;
  writeBpr0(value: number): void;
  readBpr1(): number;
  writeBpr1(value: number): void;
  readCtlr(): number;
  writeCtlr(value: number): void;
  readIgrpen(group: 0 | 1): number;
  writeIgrpen(group: 0 | 1, value: number): void;
  readApr(group: 0 | 1): number;
  writeApr(group: 0 | 1, value: number): void;
  rpr(): number;
  hppir(group: 0 | 1): number;
  acknowledge(group: 0 | 1): number;
  endOfInterrupt(group: 0 | 1, value: number): void;
  deactivate(value: number): void;
}

/** The virtual CPU interface: the ICV_* registers and the hypervisor's ICH_*_EL2. */
export interface GicVirtualCpuInterface extends GicCpuRegisters {
  /** ICH_HCR_EL2 (its TC, TALL0, TALL1, TDIR trap EL1 accesses). */
  readonly ichHcr: number;
  readIch(r: IchRegister): bigint;
  writeIch(r: IchRegister, value: bigint): void;
}

/** What the CPU needs of a GICv3 CPU interface. */
export interface GicCpuInterface extends GicCpuRegisters {
  readonly virtual: GicVirtualCpuInterface;
  /** ICC_SGI0R_EL1, ICC_SGI1R_EL1 or ICC_ASGI1R_EL1 written with the whole Xt. */
  writeSgiRegister(register: 'SGI0R' | 'SGI1R' | 'ASGI1R', value: bigint): void;
  /** ICC_SRE_EL1 (el 1) or ICC_SRE_EL2 (el 2): RAO/WI bits. */
  readSre(el: 1 | 2): number;
}

/** The ICH_*_EL2 row of each register index, or undefined. */
const ICH_BY_INDEX: readonly (IchRegister | undefined)[] = (() => {
  const t: (IchRegister | undefined)[] = [];
  for (const r of ICH_REGISTERS) t[SR[`ICH_${r}_EL2`]] = r;
  return t;
})();

/** MRS of 'gic' register i into slot d from the CPU's GIC `g`; `virtual`: an EL1 access under HCR_EL2.IMO/FMO, to
 *  the ICV_* registers (system.ts has checked access, traps and redirection). */
export function gicRead(c: Cpu, g: GicCpuInterface, i: number, d: number, virtual: boolean): void {
  const ich = ICH_BY_INDEX[i];
  if (ich !== undefined) {
    c.x[d] = g.virtual.readIch(ich);
    return;
  }
  let v: number;
  if (i === SR.ICC_SRE_EL1 || i === SR.ICC_SRE_EL2) v = g.readSre(i === SR.ICC_SRE_EL1 ? 1 : 2);
  else v = registerRead(virtual ? g.virtual : g, i);
  c.u32[d * 2] = v >>> 0;
  c.u32[d * 2 + 1] = 0;
}

/** A register the physical and virtual interfaces share. */
function registerRead(g: GicCpuRegisters, i: number): number {
  switch (i) {
    case SR.ICC_PMR_EL1: return g.readPmr();
    case SR.ICC_IAR0_EL1: return g.acknowledge(0);
    case SR.ICC_IAR1_EL1: return g.acknowledge(1);
    case SR.ICC_HPPIR0_EL1: return g.hppir(0);
    case SR.ICC_HPPIR1_EL1: return g.hppir(1);
    case SR.ICC_BPR0_EL1: return g.readBpr0();
    case SR.ICC_BPR1_EL1: return g.readBpr1();
    case SR.ICC_AP0R0_EL1: return g.readApr(0);
    case SR.ICC_AP1R0_EL1: return g.readApr(1);
    case SR.ICC_RPR_EL1: return g.rpr();
    case SR.ICC_CTLR_EL1: return g.readCtlr();
    case SR.ICC_IGRPEN0_EL1: return g.readIgrpen(0);
    case SR.ICC_IGRPEN1_EL1: return g.readIgrpen(1);
    default: throw new Error(`gicRead: ${i} is not a readable 'gic' row`); // the table's access column refuses it first
  }
}

/** MSR from slot t to 'gic' register i of the CPU's GIC `g`; `virtual` as gicRead. */
export function gicWrite(c: Cpu, g: GicCpuInterface, i: number, t: number, virtual: boolean): void {
  const ich = ICH_BY_INDEX[i];
  if (ich !== undefined) g.virtual.writeIch(ich, c.x[t]!);
  else if (i === SR.ICC_SGI0R_EL1) g.writeSgiRegister('SGI0R', c.x[t]!);
  else if (i === SR.ICC_SGI1R_EL1) g.writeSgiRegister('SGI1R', c.x[t]!);
  else if (i === SR.ICC_ASGI1R_EL1) g.writeSgiRegister('ASGI1R', c.x[t]!);
  else if (i !== SR.ICC_SRE_EL1 && i !== SR.ICC_SRE_EL2) registerWrite(virtual ? g.virtual : g, i, c.u32[t * 2]!); // SRE: RAO/WI
}

/** A register the physical and virtual interfaces share, written with Xt[31:0] (their upper halves are RES0). */
function registerWrite(g: GicCpuRegisters, i: number, v: number): void {
  switch (i) {
    case SR.ICC_PMR_EL1: g.writePmr(v); break;
    case SR.ICC_EOIR0_EL1: g.endOfInterrupt(0, v); break;
    case SR.ICC_EOIR1_EL1: g.endOfInterrupt(1, v); break;
    case SR.ICC_DIR_EL1: g.deactivate(v); break;
    case SR.ICC_BPR0_EL1: g.writeBpr0(v); break;
    case SR.ICC_BPR1_EL1: g.writeBpr1(v); break;
    case SR.ICC_AP0R0_EL1: g.writeApr(0, v); break;
    case SR.ICC_AP1R0_EL1: g.writeApr(1, v); break;
    case SR.ICC_CTLR_EL1: g.writeCtlr(v); break;
    case SR.ICC_IGRPEN0_EL1: g.writeIgrpen(0, v); break;
    case SR.ICC_IGRPEN1_EL1: g.writeIgrpen(1, v); break;
    default: throw new Error(`gicWrite: ${i} is not a writable 'gic' row`); // the table's access column refuses it first
  }
}
