// System instructions (ARM C4.1 "System instructions"; C5.2, C5.3): MSR/MRS, MSR (immediate), hints, barriers,
// CLREX, SYS/SYSL (TLBI, AT, DC, IC). Legality and traps follow the register and operation tables in src/arch;
// trapped accesses raise EC 0x18 with the ISS of ARCH-NOTES §7e.
import { lowMask, lowMasks } from '../../arch/reg-fields.ts';
import { effectiveHcrLo, HCR, HCR_HI } from '../../arch/hcr.ts';
import { broadcastForm, SYSOP_BY_KEY, SYSOPS, type SysOpTrap } from '../../arch/sysops.ts';
import { sysregTrapIss } from '../../arch/syndrome.ts';
import {
  ICH_HCR, isImpdefEncoding, isRazIdEncoding, SR, SYSREG_BY_KEY, SYSREGS, sysregIndexByName, sysregMasks, type SysRegName,
} from '../../arch/sysreg-table.ts';
import type { El0Gate, HcrTrap } from '../../arch/sysregs.ts';
import { at, tlbi } from '../../mmu/maintenance.ts';
import { ACC_READ, ACC_WRITE, FAULT_PERMISSION } from '../../mmu/result.ts';
import { translate, translateZeroBlock } from '../../mmu/translate.ts';
import type { Cpu } from '../cpu.ts';
import { raiseHere, syncTarget, undefinedInsn } from '../exception.ts';
import { EC_SYSREG, EC_WFX, ISS_CM, ISS_COND_AL, ISS_WNR } from '../../arch/syndrome.ts';
import { readNzcv, writeNzcv } from '../pstate.ts';
import { INSN, SP_EL0, SP_EL1, SP_EL2, TMP0, WRITE_ZR } from '../state.ts';
import { checkWatchpoints, DEBUG_CONTROL_REGS, debugRefresh, debugRegistersChanged } from '../debug.ts';
import { gicRead, gicWrite } from '../gic-cpuif.ts';
import { pmuAfterMdcrWrite, pmuBeforeMdcrWrite, pmuRead, pmuWrite } from '../pmu.ts';
import { timerRead, timerWrite } from '../timer.ts';
import { fpAccessTrapped } from './fpsimd.ts';

// --- SCTLR_EL1 / CNTKCTL_EL1 / CPTR_EL2 bits used here ---
const SCTLR_UMA = lowMask('SCTLR_EL1', 'UMA'); // SCTLR_EL1.UMA: EL0 access to DAIF
const SCTLR_DZE = lowMask('SCTLR_EL1', 'DZE'); // SCTLR_EL1.DZE: EL0 DC ZVA
const SCTLR_NTWI = lowMask('SCTLR_EL1', 'nTWI'); // SCTLR_EL1.nTWI: 0 traps EL0 WFI
const SCTLR_NTWE = lowMask('SCTLR_EL1', 'nTWE'); // SCTLR_EL1.nTWE: 0 traps EL0 WFE
const SCTLR_UCI = lowMask('SCTLR_EL1', 'UCI'); // SCTLR_EL1.UCI: EL0 cache maintenance by VA
const CPTR_TCPAC = lowMask('CPTR_EL2', 'TCPAC'); // CPTR_EL2.TCPAC: trap EL1 CPACR_EL1 accesses
const ISR_A = lowMask('ISR_EL1', 'A'); // ISR_EL1.A: SError pending
const ISR_I = lowMask('ISR_EL1', 'I'); // ISR_EL1.I: IRQ pending
const ISR_F = lowMask('ISR_EL1', 'F'); // ISR_EL1.F: FIQ pending

// --- per-register facts flattened into typed arrays (indexed like SYSREGS) ---
const K_STORE = 0, K_PSTATE = 1, K_SP = 2, K_CONST = 3, K_COMPUTED = 4, K_TIMER = 5, K_PMU = 6, K_GIC = 7;
const KIND_CODE = { store: K_STORE, pstate: K_PSTATE, sp: K_SP, const: K_CONST, computed: K_COMPUTED, timer: K_TIMER, pmu: K_PMU, gic: K_GIC } as const;
// MDCR_EL2 trap bits (ARM §D24.2 MDCR_EL2): a trap column names its field
const MDCR = lowMasks('MDCR_EL2');
const HCR_TRAP_BIT: Record<HcrTrap, number> = { TVM: HCR.TVM, TRVM: HCR.TRVM, TID3: HCR.TID3, TACR: HCR.TACR, TID1: HCR.TID1, TID2: HCR.TID2, TIDCP: HCR.TIDCP };
/** An EL0 gate 'REG.F' or 'REG.F1|F2' (any of the fields opens it) as [register, mask of those fields]; '!REG.F' is a
 *  trap control (the field set closes it). */
function gateBits(g: El0Gate): readonly [number, number] {
  const [reg, names] = g.replace('!', '').split('.') as [SysRegName, string];
  return [SR[reg], names.split('|').reduce((m, n) => m | lowMask(reg, n as never), 0)];
}
const KIND = Uint8Array.from(SYSREGS, (r) => KIND_CODE[r.kind]);
const MIN_EL_READ = Uint8Array.from(SYSREGS, (r) => (r.access === 'wo' ? 4 : r.minEl));
const MIN_EL_WRITE = Uint8Array.from(SYSREGS, (r) => (r.access === 'ro' ? 4 : r.minElWrite));
const TRAP_READ = Int32Array.from(SYSREGS, (r) => (r.trapRead ? HCR_TRAP_BIT[r.trapRead] : 0));
const TRAP_WRITE = Int32Array.from(SYSREGS, (r) => (r.trapWrite ? HCR_TRAP_BIT[r.trapWrite] : 0));
const GATE_REG = Int16Array.from(SYSREGS, (r) => (r.el0Gate ? gateBits(r.el0Gate)[0] : -1));
const GATE_BITS = Int32Array.from(SYSREGS, (r) => (r.el0Gate ? gateBits(r.el0Gate)[1] : 0));
/** Reads' gate where it differs (same register as GATE_REG: PMUSERENR_EL0). */
const READ_GATE_BITS = Int32Array.from(SYSREGS, (r) => (r.el0ReadGate ? gateBits(r.el0ReadGate)[1] : r.el0Gate ? gateBits(r.el0Gate)[1] : 0));
/** The gate's fields when they are set: all of them for a trap control ('!'), none for an enable. */
const GATE_CLOSED = Int32Array.from(SYSREGS, (r) => (r.el0Gate?.startsWith('!') ? gateBits(r.el0Gate)[1] : 0));
const MDCR_TRAPS = Int32Array.from(SYSREGS, (r) => (r.mdcrTraps ?? []).reduce((m, t) => m | MDCR[t], 0));
const TCPAC = Uint8Array.from(SYSREGS, (r) => (r.tcpac ? 1 : 0));
/** CNTHCTL_EL2.EL1PCTEN (bit 0) / EL1PCEN (bit 1): the bit whose 0 traps EL0/EL1 accesses to EL2. */
const CNTHCTL_BIT = Uint8Array.from(SYSREGS, (r) => (r.cnthctlTrap ? lowMask('CNTHCTL_EL2', r.cnthctlTrap) : 0));
const FP = Uint8Array.from(SYSREGS, (r) => (r.fp ? 1 : 0));
const SYNC = Uint8Array.from(SYSREGS, (r) => (r.effect !== 'none' ? 1 : 0));
/** HCR_EL2 routing bits under which an EL1 access to a 'gic' register is not to the physical CPU interface. */
const GIC_VIRTUAL = Int32Array.from(SYSREGS, (r) => (r.gicVirtual === undefined ? 0 : r.gicVirtual === 'FMO' ? HCR.FMO : r.gicVirtual === 'IMO' ? HCR.IMO : HCR.IMO | HCR.FMO));
/** 1: the SGI-generating registers, which IMO/FMO trap to EL2 rather than redirect to the virtual interface. */
const GIC_SGI = Uint8Array.from(SYSREGS, (r) => (r.gicVirtual === 'SGI' ? 1 : 0));
/** ICH_HCR_EL2 bits that trap an EL1 access to a 'gic' register to EL2: TALL0 the Group 0 ones, TALL1 the Group 1
 *  ones, TC the common ones and the SGI registers, TDIR and TC ICC_DIR_EL1 (QEMU's access functions). */
const GIC_ICH_TRAP = Int32Array.from(SYSREGS, (r, i) => {
  if (r.gicVirtual === undefined) return 0;
  if (r.gicVirtual === 'FMO') return ICH_HCR.TALL0;
  if (r.gicVirtual === 'IMO') return ICH_HCR.TALL1;
  return ICH_HCR.TC | (i === SR.ICC_DIR_EL1 ? ICH_HCR.TDIR : 0);
});
const EL1_READS = Int16Array.from(SYSREGS, (r) => (r.el1ReadsFrom ? sysregIndexByName(r.el1ReadsFrom) : -1));
/** 1: a write changes which debug events can fire (src/cpu/debug.ts). */
const DEBUG_CONTROL = Uint8Array.from(SYSREGS, (_, i) => (DEBUG_CONTROL_REGS.has(i) ? 1 : 0));
const PSTATE_D = 1 << 9;

/** PSTATE.DAIF = v: an asserted interrupt line is looked at again; a change of PSTATE.D may enable or mask debug exceptions. */
function setDaif(c: Cpu, v: number): void {
  const changed = c.daif ^ v;
  c.daif = v;
  c.recheckInterrupts();
  if ((changed & PSTATE_D) !== 0) debugRefresh(c);
}

/** MDCR_EL2 as its traps act: TDE = 1 (or HCR_EL2.TGE = 1, which makes TDE behave as 1) sets TDA, TDOSA and TDRA (ARM §D24.2 MDCR_EL2.TDE). */
function mdcrEff(c: Cpu): number {
  const m = c.sr32[SR.MDCR_EL2 * 2]!;
  return (m & MDCR.TDE) !== 0 || (c.sr32[SR.HCR_EL2 * 2]! & HCR.TGE) !== 0 ? m | MDCR.TDA | MDCR.TDOSA | MDCR.TDRA : m;
}

/** Effective HCR_EL2[31:0] (ARCH-NOTES §1b). */
function hcrEff(c: Cpu): number {
  return effectiveHcrLo(c.sr32[SR.HCR_EL2 * 2]!, c.sr32[SR.HCR_EL2 * 2 + 1]!);
}

/**
 * AArch64.SystemAccessTrap with EC 0x18 (ISS layout: src/arch/syndrome.ts), from the MSR/MRS/SYS/SYSL word: its
 * bits 20:19 are op0 (1 o0 for MSR/MRS, 01 for SYS/SYSL), bit 21 is L (1 = read) (ARCH-NOTES §7e).
 */
function systemAccessTrap(c: Cpu, target: number, w: number): void {
  const iss = sysregTrapIss({
    op0: (w >>> 19) & 3, op1: (w >>> 16) & 7, crn: (w >>> 12) & 15, crm: (w >>> 8) & 15, op2: (w >>> 5) & 7, rt: w & 31, read: (w >>> 21) & 1,
  });
  raiseHere(c, target, EC_SYSREG, iss);
}

/** Monotonic physical count: the system counter (Cpu.time), advanced by at least one per read so polling loops progress. */
function physicalCount(c: Cpu): void {
  const x = c.x;
  const n = c.time(); // < 2^53: its halves, no BigInt conversion
  c.u32[TMP0 * 2] = n >>> 0;
  c.u32[TMP0 * 2 + 1] = Math.floor(n / 4294967296);
  if (x[TMP0]! > c.sr[SR.CNTPCT_EL0]!) c.sr[SR.CNTPCT_EL0] = x[TMP0]!;
  else c.sr[SR.CNTPCT_EL0] = c.sr[SR.CNTPCT_EL0]! + 1n;
}

/**
 * ISR_EL1.{A,I,F}: the interrupts pending, masked or not (ARM §D24.2 ISR_EL1). At EL1 with HCR_EL2.IMO (FMO, AMO) = 1
 * and TGE = 0 a field shows the virtual interrupt (HCR_EL2.VI or the GIC's virtual interface; VF or the GICv3's; VSE), else the
 * physical one (a physical FIQ only from a GICv3's Group 0); the board has no physical SError source
 * (src/cpu/interrupt.ts).
 */
function pendingInterrupts(c: Cpu): number {
  const hcr = c.el === 1 ? hcrEff(c) : 0;
  const route = (hcr & HCR.TGE) === 0 ? hcr : 0;
  let v = 0;
  if ((route & HCR.IMO) !== 0 ? c.virtIrq || (hcr & HCR.VI) !== 0 : c.physIrq) v |= ISR_I;
  if ((route & HCR.FMO) !== 0 ? c.virtFiq || (hcr & HCR.VF) !== 0 : c.physFiq) v |= ISR_F;
  if ((route & HCR.AMO) !== 0 && (hcr & HCR.VSE) !== 0) v |= ISR_A;
  return v;
}

/** Value of a 'computed' register into slot d. */
function readComputed(c: Cpu, i: number, d: number): void {
  if (i === SR.CNTPCT_EL0) {
    physicalCount(c);
    c.x[d] = c.sr[SR.CNTPCT_EL0]!;
  } else if (i === SR.CNTVCT_EL0) {
    physicalCount(c);
    c.x[d] = c.sr[SR.CNTPCT_EL0]! - c.sr[SR.CNTVOFF_EL2]!; // CNTVCT = CNTPCT - CNTVOFF_EL2
  } else if (i === SR.ISR_EL1) {
    c.u32[d * 2] = pendingInterrupts(c);
    c.u32[d * 2 + 1] = 0;
  } else if (i === SR.CCSIDR_EL1) {
    // CCSIDR_EL1 for the cache CSSELR_EL1.{Level,InD} selects; an unimplemented cache reads 0 (UNKNOWN; QEMU 0)
    c.x[d] = c.profile.id.ccsidr[c.sr32[SR.CSSELR_EL1 * 2]! & 15] ?? 0n;
  } else {
    // DCZID_EL0.DZP: DC ZVA prohibited at this EL by SCTLR_EL1.DZE (EL0) or HCR_EL2.TDZ (EL0/EL1)
    const dzp = (c.el === 0 && (c.sr32[SR.SCTLR_EL1 * 2]! & SCTLR_DZE) === 0) || (c.el < 2 && (hcrEff(c) & HCR.TDZ) !== 0);
    c.u32[d * 2] = c.profile.id.dczidBs | (dzp ? 16 : 0);
    c.u32[d * 2 + 1] = 0;
  }
}

/** Bank slot of SP_EL0/1/2 for a 'sp' register. */
function spBank(i: number): number {
  return i === SR.SP_EL0 ? SP_EL0 : i === SR.SP_EL1 ? SP_EL1 : SP_EL2;
}

/** MRS/MSR of an encoding with no row: RAZ ID space, TIDCP trap of the IMPLEMENTATION DEFINED space, else UNDEFINED. */
function unallocatedSysreg(c: Cpu, w: number): void {
  const op0 = (w >>> 19) & 3, crn = (w >>> 12) & 15;
  const read = (w & (1 << 21)) !== 0;
  if (read && c.el > 0 && isRazIdEncoding(op0, (w >>> 16) & 7, crn, (w >>> 8) & 15)) {
    // ARM §D23.3 Feature ID space: unused op1=0, CRm=2..7 encodings read as zero; EL1 reads trapped by HCR_EL2.TID3
    if (c.el === 1 && (hcrEff(c) & HCR.TID3) !== 0) return systemAccessTrap(c, 2, w);
    c.x[WRITE_ZR[w & 31]!] = 0n;
    return;
  }
  // HCR_EL2.TIDCP traps EL1 accesses to the IMPLEMENTATION DEFINED space (EL0: UNDEFINED, the permitted choice)
  if (c.el === 1 && isImpdefEncoding(op0, crn) && (hcrEff(c) & HCR.TIDCP) !== 0) return systemAccessTrap(c, 2, w);
  undefinedInsn(c);
}

/** MRS Xt, <reg> and MSR <reg>, Xt: 1101010100 L 1 o0 op1 CRn CRm op2 Rt. */
export function msrMrs(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const i = SYSREG_BY_KEY[(w >>> 5) & 0xffff]!;
  if (i < 0) return unallocatedSysreg(c, w);
  const read = (w & (1 << 21)) !== 0;
  const el = c.el;
  // Lowest EL for this direction; reads of write-only / writes of read-only registers are UNDEFINED too
  if (el < (read ? MIN_EL_READ[i]! : MIN_EL_WRITE[i]!)) return undefinedInsn(c);
  const kind = KIND[i]!;
  let gicVirtualAccess = false;
  if (kind === K_GIC) {
    // no GICv3 on the board: no GIC system registers (QEMU's cortex-a57 with a GICv2 defines none)
    if (c.gic === null) return undefinedInsn(c);
    if (el === 1) {
      // EL1 with HCR_EL2.IMO/FMO (effective): SGI registers trap to EL2 (QEMU gicv3_sgi_access), before the
      // ICH_HCR_EL2 traps: TDIR for DIR, then TC (common registers, SGIs), TALL0 (Group 0), TALL1 (Group 1)
      // (IHI 0069 ICH_HCR_EL2; QEMU gicv3_dir_access, gicv3_irqfiq_access, gicv3_fiq_access, gicv3_irq_access)
      const virtual = (hcrEff(c) & GIC_VIRTUAL[i]!) !== 0;
      if (virtual && GIC_SGI[i] === 1) return systemAccessTrap(c, 2, w);
      if ((c.gic.virtual.ichHcr & GIC_ICH_TRAP[i]!) !== 0) return systemAccessTrap(c, 2, w);
      // the rest are the virtual interface's ICV_* registers (IHI 0069 "Virtual interrupt handling")
      gicVirtualAccess = virtual;
    }
  }
  // EL0 gates (SCTLR_EL1.UCT/UMA, CNTKCTL_EL1.EL0PCTEN/EL0VCTEN, PMUSERENR_EL0): trap to EL1, or EL2 when HCR_EL2.TGE=1
  if (el === 0 && GATE_REG[i]! >= 0) {
    const gate = read ? READ_GATE_BITS[i]! : GATE_BITS[i]!;
    if ((c.sr32[GATE_REG[i]! * 2]! & gate) === GATE_CLOSED[i]!) return systemAccessTrap(c, syncTarget(c), w);
  }
  // CNTHCTL_EL2.EL1PCTEN/EL1PCEN = 0 trap EL0/EL1 counter and EL1 physical timer accesses to EL2 (E2H = 0 layout)
  if (el < 2 && CNTHCTL_BIT[i] !== 0 && (c.sr32[SR.CNTHCTL_EL2 * 2]! & CNTHCTL_BIT[i]!) === 0 && (c.sr32[SR.HCR_EL2 * 2 + 1]! & HCR_HI.E2H) === 0) {
    return systemAccessTrap(c, 2, w);
  }
  if (el < 2) {
    // HCR_EL2.{TVM,TRVM,TID1,TID2,TID3,TACR} (effective value) trap to EL2
    if ((hcrEff(c) & (read ? TRAP_READ[i]! : TRAP_WRITE[i]!)) !== 0) return systemAccessTrap(c, 2, w);
    // CPTR_EL2.TCPAC traps EL1 accesses to CPACR_EL1
    if (el === 1 && TCPAC[i] === 1 && (c.sr32[SR.CPTR_EL2 * 2]! & CPTR_TCPAC) !== 0) return systemAccessTrap(c, 2, w);
    // MDCR_EL2.{TPM,TPMCR,TDA,TDOSA} trap EL0/EL1 PMU and debug register accesses to EL2
    if (MDCR_TRAPS[i] !== 0 && (mdcrEff(c) & MDCR_TRAPS[i]!) !== 0) return systemAccessTrap(c, 2, w);
  }
  // FPCR/FPSR are FP accesses: CPACR_EL1.FPEN / CPTR_EL2.TFP (EC 0x07)
  if (FP[i] === 1 && fpAccessTrapped(c)) return;
  // MSR/MRS of SP_EL0 while SP_EL0 is the current stack pointer is UNDEFINED (ARM §D24.2.46 EC 0x00 list)
  if (kind === K_SP && i === SR.SP_EL0 && c.spsel === 0) return undefinedInsn(c);
  if (read) {
    const d = WRITE_ZR[w & 31]!;
    switch (kind) {
      case K_STORE:
      case K_CONST: {
        const from = EL1_READS[i]!;
        const j = el === 1 && from >= 0 ? from : i; // EL1 reads of MIDR/MPIDR return VPIDR_EL2/VMPIDR_EL2
        // --sync architectural: MRS sees the register's last write even while it is pending (ARM §D24.1.2.2)
        c.x[d] = c.sync !== null && SYNC[j] === 1 ? c.sync.read(c, j) : c.sr[j]!;
        return;
      }
      case K_PSTATE: {
        // PSTATE fields are 32-bit values: written to the halves, no BigInt conversion
        const u = c.u32;
        if (i === SR.NZCV) u[d * 2] = readNzcv(c);
        else if (i === SR.DAIF) u[d * 2] = c.daif & 0x3c0;
        else if (i === SR.CurrentEL) u[d * 2] = el << 2;
        else u[d * 2] = c.spsel; // SPSel
        u[d * 2 + 1] = 0;
        return;
      }
      case K_SP:
        c.x[d] = c.readBankedSp(spBank(i));
        return;
      case K_TIMER:
        timerRead(c, i, d);
        return;
      case K_PMU:
        if (!pmuRead(c, i, d)) undefinedInsn(c);
        return;
      case K_GIC:
        gicRead(c, c.gic!, i, d, gicVirtualAccess); // not null: checked above
        return;
      default:
        readComputed(c, i, d);
        return;
    }
  }
  const t = w & 31; // Xt; register 31 is XZR (slot 31 always reads 0)
  switch (kind) {
    case K_STORE: {
      const m = sysregMasks(c.profile);
      if (c.sync !== null && SYNC[i] === 1) {
        // --sync architectural: indirect reads see the write only after a context synchronization event
        c.sync.pendingValue[i] = (c.x[t]! & m.keep[i]!) | m.res1[i]!;
        c.sync.markPending(i);
        return;
      }
      if (i === SR.MDCR_EL2) pmuBeforeMdcrWrite(c); // HPMN/HPME move counters between enables: count up to here
      c.sr[i] = (c.x[t]! & m.keep[i]!) | m.res1[i]!; // RES0 bits cleared, RES1 bits set on write
      if (i === SR.MDCR_EL2) pmuAfterMdcrWrite(c);
      else if (i === SR.HCR_EL2) c.updateIrqLine(); // HCR_EL2.VI: a virtual IRQ pending
      break;
    }
    case K_PSTATE: {
      const v = c.u32[t * 2]!;
      if (i === SR.NZCV) writeNzcv(c, v);
      else if (i === SR.DAIF) setDaif(c, v & 0x3c0);
      else c.setElSp(el, v & 1); // SPSel: switch the banked stack pointer
      break;
    }
    case K_SP:
      c.writeBankedSp(spBank(i), c.x[t]!);
      break;
    case K_TIMER:
      timerWrite(c, i, t);
      break;
    case K_PMU:
      if (!pmuWrite(c, i, t)) return undefinedInsn(c);
      break;
    case K_GIC:
      gicWrite(c, c.gic!, i, t, gicVirtualAccess); // not null: checked above
      break;
    default:
      break; // 'const' read/write registers are RAZ/WI
  }
  if (DEBUG_CONTROL[i] === 1) debugRegistersChanged(c);
  // --sync immediate: a write that affects translation or routing synchronizes at once
  if (SYNC[i] === 1) c.registerWritten();
}

/** MSR <pstatefield>, #imm: 1101010100 0 00 op1 0100 CRm op2 11111 (v8.0: SPSel, DAIFSet, DAIFClr). */
export function msrImm(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const op1 = (w >>> 16) & 7;
  const op2 = (w >>> 5) & 7;
  const crm = (w >>> 8) & 15;
  if (op1 === 0 && op2 === 5) {
    if (c.el === 0) return undefinedInsn(c); // SPSel is not accessible at EL0
    c.setElSp(c.el, crm & 1);
    return;
  }
  if (op1 === 3 && (op2 === 6 || op2 === 7)) {
    // SCTLR_EL1.UMA=0 traps EL0 DAIFSet/DAIFClr (EC 0x18, to EL1 or by TGE to EL2)
    if (c.el === 0 && (c.sr32[SR.SCTLR_EL1 * 2]! & SCTLR_UMA) === 0) return systemAccessTrap(c, syncTarget(c), w);
    if (op2 === 6) setDaif(c, c.daif | (crm << 6)); // DAIFSet: D A I F = CRm[3:0]
    else setDaif(c, c.daif & ~(crm << 6) & 0x3c0); // DAIFClr
    return;
  }
  undefinedInsn(c); // other PSTATE fields (PAN, UAO, DIT, SSBS, ...) are not in v8.0
}

/** NOP, YIELD, SEV, SEVL and the unallocated hints (which execute as NOP, ARM C6.2 HINT). */
export function hintNop(_c: Cpu): void {}

/** WFI / WFE: CRm:op2 = 3 / 2 in the HINT space. */
export function wfx(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const wfe = (w & (1 << 5)) === 0 ? 1 : 0; // op2 = 010 WFE, 011 WFI; ISS.TI = 1 for WFE
  const el = c.el;
  // SCTLR_EL1.nTWI/nTWE = 0 traps EL0 WFI/WFE to EL1 (to EL2 when HCR_EL2.TGE=1)
  if (el === 0 && (c.sr32[SR.SCTLR_EL1 * 2]! & (wfe ? SCTLR_NTWE : SCTLR_NTWI)) === 0) return raiseHere(c, syncTarget(c), EC_WFX, ISS_COND_AL | wfe);
  // HCR_EL2.TWI/TWE trap EL0/EL1 WFI/WFE to EL2 (EC 0x01)
  if (el < 2 && (hcrEff(c) & (wfe ? HCR.TWE : HCR.TWI)) !== 0) return raiseHere(c, 2, EC_WFX, ISS_COND_AL | wfe);
  // Not trapped. WFI with no interrupt asserted (masked or not: any pending IRQ is a wake-up event) lets the machine
  // move the system counter on to the next timer deadline (Cpu.idle), so idling costs no instructions. WFE, and WFI
  // when nothing is armed, wake at once: leaving the low-power state early is always permitted (the Arm ARM's Wait
  // For Interrupt and Wait For Event mechanisms allow spurious wake-ups).
  if (!wfe && !c.irqLine && c.idle !== null) c.idle(c);
}

/** CLREX: ClearExclusiveLocal. */
export function clrex(c: Cpu): void {
  c.exclAddr = -1;
}

/** DSB / DMB: accesses complete in program order in this model. Under --sync architectural a DSB (op2 = 100, bit 5
 * clear) completes the TLBIs its domain CRm covers (ARM §D8.17.8). */
export function barrier(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (c.sync !== null && (w & 0x20) === 0) c.sync.dsb(c, (w >>> 8) & 15);
}

/** ISB: a context synchronization event. */
export function isb(c: Cpu): void {
  c.contextSync();
}

const SYSOP_TRAP_BIT: Record<SysOpTrap, number> = { TTLB: HCR.TTLB, TPC: HCR.TPC, TPU: HCR.TPU, TSW: HCR.TSW, TDZ: HCR.TDZ };

/** SYS #op1, Cn, Cm, #op2, Xt: 1101010100 0 01 op1 CRn CRm op2 Rt — TLBI, AT, DC, IC (src/arch/sysops.ts). */
export function sys(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const k = SYSOP_BY_KEY[(w >>> 5) & 0x3fff]!;
  if (k < 0) return unallocatedSysreg(c, w);
  const op = SYSOPS[k]!;
  const el = c.el;
  if (el < op.minEl) return undefinedInsn(c); // TLBI/AT at EL0, EL2-only operations at EL1
  if (el === 0) {
    // SCTLR_EL1.UCI / DZE let EL0 use the VA cache operations / DC ZVA; else trap to EL1 (EL2 by TGE)
    const gate = op.el0Gate === 'DZE' ? SCTLR_DZE : SCTLR_UCI;
    if ((c.sr32[SR.SCTLR_EL1 * 2]! & gate) === 0) return systemAccessTrap(c, syncTarget(c), w);
  }
  const hcr = el < 2 ? hcrEff(c) : 0;
  // HCR_EL2.{TTLB,TPC,TPU,TSW,TDZ} trap EL0/EL1 to EL2 (EC 0x18)
  if (op.trap !== undefined && (hcr & SYSOP_TRAP_BIT[op.trap]) !== 0) return systemAccessTrap(c, 2, w);
  const t = w & 31;
  const u = c.u32;
  switch (op.kind) {
    case 'tlbi':
      // HCR_EL2.FB: EL1 TLB maintenance is broadcast (the Inner Shareable form)
    {
      const done = el === 1 && (hcr & HCR.FB) !== 0 ? broadcastForm(op) : op;
      // --sync architectural: the invalidation waits for a DSB
      if (c.sync !== null) c.sync.tlbi(c, done, u[t * 2]!, u[t * 2 + 1]!);
      else tlbi(c, done, u[t * 2]!, u[t * 2 + 1]!);
      return;
    }
    case 'at': {
      const par = at(c, op, u[t * 2]!, u[t * 2 + 1]!, c.tr);
      // null: a stage-2 fault on the stage-1 walk of AT S1E0x/S1E1x at EL1 is taken to EL2 (ARCH-NOTES §11), and a
      // synchronous External abort on a walk is a Data Abort (PAR_EL1.FST never reports it)
      if (par === null) return c.abort(c.tr, c.x[t]!, ACC_WRITE, ISS_CM | ISS_WNR);
      c.sr[SR.PAR_EL1] = par;
      return;
    }
    default:
      if (op.cache === 'zero-va') dcZva(c, t);
      else if (op.cache === 'va') cacheMaintenanceByVa(c, t);
      // set/way and whole-cache operations: no caches are modelled, nothing to do
      return;
  }
}

/** SYSL: no SYSL operation exists in v8.0 (IMPLEMENTATION DEFINED space trapped by TIDCP, else UNDEFINED). */
export function sysl(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  unallocatedSysreg(c, w);
}

/**
 * DC ZVA: zero the naturally aligned 64-byte block (DCZID_EL0.BS = 4) holding Xt: one write translation of the block
 * (it never crosses a page), Device memory at either stage an Alignment fault (translateZeroBlock). Every fault
 * reports FAR = Xt, not the block (ARM §D24.2.48 FAR_EL1: "the address specified in the register argument of the
 * instruction" for MMU faults caused by DC ZVA; J1.1 AArch64.DataMemZero sets fault.vaddress = regval).
 */
function dcZva(c: Cpu, t: number): void {
  const u = c.u32;
  u[TMP0 * 2] = (u[t * 2]! & ~63) >>> 0;
  u[TMP0 * 2 + 1] = u[t * 2 + 1]!;
  if (!translateZeroBlock(c, u[TMP0 * 2]!, u[TMP0 * 2 + 1]!, c.el, c.tr)) return c.abort(c.tr, c.x[t]!, ACC_WRITE, 0);
  // DC ZVA is a store of the block for watchpoints (ARM §D2 "Watchpoint exceptions": CM = 0, it is not cache maintenance)
  if (c.debug.watch && !checkWatchpoints(c, 64, true, c.el)) return;
  c.zeroBlock(64, t);
}

/**
 * DC IVAC/CVAC/CVAU/CIVAC, IC IVAU: no caches are modelled, but the VA is translated and a Translation,
 * Access flag or Address size fault is reported as a data abort with CM=1, WnR=1 (ARM §D24.2.46 CM).
 * Permission faults are not reported (cache maintenance needs no access permission, except DC IVAC's
 * write-permission check, which is not modelled).
 */
function cacheMaintenanceByVa(c: Cpu, t: number): void {
  const u = c.u32;
  const tr = c.tr;
  if (!translate(c, u[t * 2]!, u[t * 2 + 1]!, ACC_READ, 1, c.el, tr) && tr.fault !== FAULT_PERMISSION) {
    c.abort(tr, c.x[t]!, ACC_READ, ISS_CM | ISS_WNR);
  }
}
