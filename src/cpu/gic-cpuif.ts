// The GICv3 CPU interface registers (ICC_*, the table's 'gic' rows): MRS/MSR reach the GIC the machine attaches to
// the CPU (Cpu.gic; src/devices/gicv3.ts implements it). With none attached — the GICv2 board — they are UNDEFINED,
// as on QEMU's virt with gic-version=2, where cortex-a57 registers no GIC system registers. Whether an EL1 access is
// redirected by HCR_EL2.IMO/FMO is decided before (src/cpu/exec/system.ts, the rows' gicVirtual).
import { SR } from '../arch/sysreg-table.ts';
import type { Cpu } from './cpu.ts';

/** What the CPU needs of a GICv3 CPU interface; a group is 0 (Group 0, FIQ) or 1 (Group 1, IRQ). */
export interface GicCpuInterface {
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
  /** ICC_SGI0R_EL1, ICC_SGI1R_EL1 or ICC_ASGI1R_EL1 written with the whole Xt. */
  writeSgiRegister(register: 'SGI0R' | 'SGI1R' | 'ASGI1R', value: bigint): void;
  /** ICC_SRE_EL1 (el 1) or ICC_SRE_EL2 (el 2): RAO/WI bits. */
  readSre(el: 1 | 2): number;
}

/** MRS of 'gic' register i into slot d from the CPU's GIC `g` (system.ts has checked access and redirection). */
export function gicRead(c: Cpu, g: GicCpuInterface, i: number, d: number): void {
  let v: number;
  switch (i) {
    case SR.ICC_PMR_EL1: v = g.readPmr(); break;
    case SR.ICC_IAR0_EL1: v = g.acknowledge(0); break;
    case SR.ICC_IAR1_EL1: v = g.acknowledge(1); break;
    case SR.ICC_HPPIR0_EL1: v = g.hppir(0); break;
    case SR.ICC_HPPIR1_EL1: v = g.hppir(1); break;
    case SR.ICC_BPR0_EL1: v = g.readBpr0(); break;
    case SR.ICC_BPR1_EL1: v = g.readBpr1(); break;
    case SR.ICC_AP0R0_EL1: v = g.readApr(0); break;
    case SR.ICC_AP1R0_EL1: v = g.readApr(1); break;
    case SR.ICC_RPR_EL1: v = g.rpr(); break;
    case SR.ICC_CTLR_EL1: v = g.readCtlr(); break;
    case SR.ICC_IGRPEN0_EL1: v = g.readIgrpen(0); break;
    case SR.ICC_IGRPEN1_EL1: v = g.readIgrpen(1); break;
    case SR.ICC_SRE_EL1: v = g.readSre(1); break;
    case SR.ICC_SRE_EL2: v = g.readSre(2); break;
    default: throw new Error(`gicRead: ${i} is not a readable 'gic' row`); // the table's access column refuses it first
  }
  c.u32[d * 2] = v >>> 0;
  c.u32[d * 2 + 1] = 0;
}

/** MSR from slot t to 'gic' register i of the CPU's GIC `g` (system.ts has checked access and redirection). */
export function gicWrite(c: Cpu, g: GicCpuInterface, i: number, t: number): void {
  const v = c.u32[t * 2]!; // the registers written here are 32 bits wide (their upper half RES0)
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
    case SR.ICC_SGI0R_EL1: g.writeSgiRegister('SGI0R', c.x[t]!); break;
    case SR.ICC_SGI1R_EL1: g.writeSgiRegister('SGI1R', c.x[t]!); break;
    case SR.ICC_ASGI1R_EL1: g.writeSgiRegister('ASGI1R', c.x[t]!); break;
    case SR.ICC_SRE_EL1:
    case SR.ICC_SRE_EL2:
      break; // RAO/WI
    default: throw new Error(`gicWrite: ${i} is not a writable 'gic' row`); // the table's access column refuses it first
  }
}
