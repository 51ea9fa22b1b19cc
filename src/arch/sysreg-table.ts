// The rows of the system-register table (see sysregs.ts for the row type). One row per register.
// Sources: ARM §D24.2 register pages (ARCH-NOTES source key), ARM §D23.3 (Feature ID space), QEMU helper.c
// reginfo, ARCH-NOTES §1, §4–§6, §12, §14. RES0/RES1 masks are the ARMv8.0 layouts (no v8.1+ features) unless
// the profile says otherwise; reset values are what QEMU's virt board shows (read back on QEMU 7.2).
import { aarch32At, type Profile } from './profiles.ts';
import {
  encKey, genericSysregName, type CnthctlTrap, type El0Gate, type GicVirtualAccess, type HcrTrap, type MdcrTrap, type SysRegDef, type SysRegEffect, type SysRegField, type SysRegKind,
} from './sysregs.ts';

type Mask = bigint | ((p: Profile) => bigint);

interface RowOpts<F extends readonly SysRegField[] = readonly SysRegField[]> {
  minEl?: 0 | 1 | 2 | 3;
  minElWrite?: 0 | 1 | 2 | 3;
  access?: 'rw' | 'ro' | 'wo';
  kind?: SysRegKind;
  reset?: Mask;
  res0?: Mask;
  res1?: Mask;
  fields?: F;
  trapRead?: HcrTrap;
  trapWrite?: HcrTrap;
  el0Gate?: El0Gate;
  cnthctlTrap?: CnthctlTrap;
  el0ReadGate?: El0Gate;
  mdcrTraps?: readonly MdcrTrap[];
  tcpac?: boolean;
  fp?: boolean;
  el1ReadsFrom?: string;
  gicVirtual?: GicVirtualAccess;
  effect?: SysRegEffect;
  doc: string;
}

const fn = (m: Mask): ((p: Profile) => bigint) => (typeof m === 'bigint' ? () => m : m);

function reg<N extends string, const F extends readonly SysRegField[] = readonly []>(
  name: N, op0: number, op1: number, crn: number, crm: number, op2: number, o: RowOpts<F>,
): SysRegDef & { readonly name: N; readonly fields: F } {
  // Default lowest EL from op1 (ARM §D23.3: op1=3 EL0-accessible, op1=4 EL2, 6 EL3, else EL1)
  const minEl = o.minEl ?? (op1 === 4 ? 2 : op1 === 6 ? 3 : op1 === 3 ? 0 : 1);
  return {
    name,
    enc: [op0, op1, crn, crm, op2],
    minEl,
    minElWrite: o.minElWrite ?? minEl,
    access: o.access ?? 'rw',
    kind: o.kind ?? 'store',
    reset: fn(o.reset ?? 0n),
    res0: fn(o.res0 ?? 0n),
    res1: fn(o.res1 ?? 0n),
    fields: o.fields ?? ([] as readonly SysRegField[] as F),
    trapRead: o.trapRead,
    trapWrite: o.trapWrite,
    el0Gate: o.el0Gate,
    cnthctlTrap: o.cnthctlTrap,
    el0ReadGate: o.el0ReadGate,
    mdcrTraps: o.mdcrTraps,
    tcpac: o.tcpac,
    fp: o.fp,
    el1ReadsFrom: o.el1ReadsFrom,
    gicVirtual: o.gicVirtual,
    effect: o.effect ?? 'none',
    doc: o.doc,
  };
}

/** A field; its name and bit positions keep their literal types, so that reg-fields.ts can check names and halves. */
const f = <N extends string, H extends number, L extends number>(name: N, hi: H, lo: L, doc?: string): SysRegField & { readonly name: N; readonly hi: H; readonly lo: L } => ({
  name, hi, lo, doc,
});

const ALL = (1n << 64n) - 1n;
/** Bits hi..lo set. */
const bits = (hi: number, lo: number): bigint => ((1n << BigInt(hi - lo + 1)) - 1n) << BigInt(lo);
const bit = (n: number): bigint => 1n << BigInt(n);
/** RES0 = everything that is neither writable nor RES1. */
const res0Except = (...keep: bigint[]): bigint => ALL & ~keep.reduce((a, b) => a | b, 0n);

/** ICH_LR<n>_EL2 (IHI 0069; QEMU ich_lr_write clears Priority's unimplemented bits 50:48). */
const ichLr = <N extends 0 | 1 | 2 | 3>(n: N) => reg(`ICH_LR${n}_EL2` as `ICH_LR${N}_EL2`, 3, 4, 12, 12, n, {
  kind: 'gic',
  fields: [f('vINTID', 31, 0), f('pINTID', 41, 32, 'with HW = 0: bit 41 is EOI'), f('Priority', 55, 48, 'bits 50:48 RES0'), f('Group', 60, 60), f('HW', 61, 61), f('State', 63, 62, '01 pending, 10 active, 11 both')],
  doc: `GIC list register ${n}`,
});

/** An ID register: read-only, value from the profile, EL1 reads trapped by HCR_EL2.TID3 unless stated. */
const id = <N extends string, const F extends readonly SysRegField[] = readonly []>(name: N, crm: number, op2: number, value: (p: Profile) => bigint, doc: string, fields?: F) =>
  reg(name, 3, 0, 0, crm, op2, { access: 'ro', kind: 'const', reset: value, trapRead: 'TID3', doc, ...(fields === undefined ? {} : { fields }) });

/** An IMPLEMENTATION DEFINED register that the model (like QEMU) implements as RAZ/WI. */
const razwi = <N extends string>(name: N, op0: number, op1: number, crn: number, crm: number, op2: number, doc: string, trap?: HcrTrap) =>
  reg(name, op0, op1, crn, crm, op2, { kind: 'const', trapRead: trap === 'TVM' ? 'TRVM' : trap, trapWrite: trap, doc });

/** The three registers of one generic timer (ARM §D24.11): <pfx>_TVAL/CTL/CVAL_<el>, op1 = 3 (EL0) or 4 (EL2), CRn = 14. */
function timerRows<P extends string, E extends 'EL0' | 'EL2'>(pfx: P, el: E, crm: number, gate: Pick<RowOpts, 'el0Gate' | 'cnthctlTrap'>, what: string) {
  const op1 = el === 'EL0' ? 3 : 4;
  return [
    reg(`${pfx}_TVAL_${el}`, 3, op1, 14, crm, 0, { kind: 'timer', res0: bits(63, 32), ...gate, fields: [f('TimerValue', 31, 0, 'CVAL - count, signed; a write sets CVAL = count + TimerValue')], doc: `${what}: timer value` }),
    reg(`${pfx}_CTL_${el}`, 3, op1, 14, crm, 1, {
      kind: 'timer', res0: res0Except(bits(1, 0)), ...gate,
      fields: [f('ENABLE', 0, 0, 'timer enabled'), f('IMASK', 1, 1, 'interrupt masked'), f('ISTATUS', 2, 2, 'condition met (read-only; 0 while disabled, as QEMU)')],
      doc: `${what}: control`,
    }),
    reg(`${pfx}_CVAL_${el}`, 3, op1, 14, crm, 2, { kind: 'timer', ...gate, doc: `${what}: compare value (condition met when count - CVAL >= 0, unsigned)` }),
  ] as const;
}

/** Implemented event counters (PMCR_EL0.N = 6 on Cortex-A57, QEMU cortex-a57 reset_pmcr_el0 = 0x41013000). */
export const PMU_COUNTERS = 6;
/** Breakpoint and watchpoint register pairs (ID_AA64DFR0_EL1.BRPs = 5, WRPs = 3 on Cortex-A57). */
export const DEBUG_BREAKPOINTS = 6;
export const DEBUG_WATCHPOINTS = 4;
const COUNTER_NUMBERS = [0, 1, 2, 3, 4, 5] as const;
const WATCHPOINT_NUMBERS = [0, 1, 2, 3] as const;

// PMU access rules (ARM §D24.5 "Performance Monitors registers" accessibility; QEMU helper.c pmreg_access*): EL0 needs
// PMUSERENR_EL0.EN (or the bit for its kind); MDCR_EL2.TPM traps EL0/EL1 to EL2 (TPMCR too for PMCR_EL0)
const PMU = { kind: 'pmu', el0Gate: 'PMUSERENR_EL0.EN', mdcrTraps: ['TPM'] } as const;
/** PMEVTYPER<n>_EL0 / PMCCFILTR_EL0 filter bits: P (EL1), U (EL0), NSK, NSU, NSH (EL2), M (ARM §D24.5; no EL3 here). */
const FILTER_FIELDS = [f('P', 31, 31, '1: do not count at EL1'), f('U', 30, 30, '1: do not count at EL0'), f('NSK', 29, 29), f('NSU', 28, 28), f('NSH', 27, 27, '1: count at EL2'), f('M', 26, 26)];
// Debug registers (ARM §D24.3 debug registers; QEMU debug_helper.c): EL1 only, MDCR_EL2.TDA traps all but the OS lock
// and power-down registers, which MDCR_EL2.TDOSA traps
const DBG = { minEl: 1, mdcrTraps: ['TDA'] } as const;
/** The bits of a register's fields: where they are all its writable bits (debug registers, SCTLR_ELx, TCR_EL2, CPTR_EL2), the rest is RES0. */
const fieldBits = (fields: readonly SysRegField[]): bigint => fields.reduce((m, x) => m | bits(x.hi, x.lo), 0n);
const DBGBCR_FIELDS = [f('E', 0, 0, 'enable'), f('PMC', 2, 1, 'privilege mode control'), f('BAS', 8, 5, 'byte address select'), f('HMC', 13, 13), f('SSC', 15, 14), f('LBN', 19, 16, 'linked breakpoint'), f('BT', 23, 20, 'breakpoint type')] as const;
const DBGWCR_FIELDS = [f('E', 0, 0, 'enable'), f('PAC', 2, 1), f('LSC', 4, 3, 'load/store control'), f('BAS', 12, 5, 'byte address select'), f('HMC', 13, 13), f('SSC', 15, 14), f('LBN', 19, 16), f('WT', 20, 20), f('MASK', 28, 24, 'address mask')] as const;
// MDSCR_EL1: SS, ERR, TDCC, KDE, HDE, MDE, TDA, INTdis, TXU, RXO, TXfull, RXfull (the last ones save/restore only)
const MDSCR_FIELDS = [f('SS', 0, 0, 'software step'), f('ERR', 6, 6), f('TDCC', 12, 12, 'trap EL0 DCC accesses'), f('KDE', 13, 13, 'debug exceptions at the debug target EL'), f('HDE', 14, 14), f('MDE', 15, 15, 'breakpoint and watchpoint exceptions'), f('TDA', 21, 21), f('INTdis', 23, 22), f('TXU', 26, 26), f('RXO', 27, 27), f('TXfull', 29, 29), f('RXfull', 30, 30)] as const;

const breakpointRows = <N extends number>(n: N) => [
  reg(`DBGBVR${n}_EL1`, 2, 0, 0, n, 4, { ...DBG, doc: `breakpoint ${n} value (address, or context ID for the context-aware ones)` }),
  reg(`DBGBCR${n}_EL1`, 2, 0, 0, n, 5, {
    ...DBG, res0: res0Except(fieldBits(DBGBCR_FIELDS)), fields: DBGBCR_FIELDS,
    doc: `breakpoint ${n} control`,
  }),
];
const watchpointRows = <N extends number>(n: N) => [
  reg(`DBGWVR${n}_EL1`, 2, 0, 0, n, 6, { ...DBG, res0: bits(1, 0), doc: `watchpoint ${n} value (data address)` }),
  reg(`DBGWCR${n}_EL1`, 2, 0, 0, n, 7, {
    ...DBG, res0: res0Except(fieldBits(DBGWCR_FIELDS)), fields: DBGWCR_FIELDS,
    doc: `watchpoint ${n} control`,
  }),
];
const counterRows = <N extends number>(n: N) => [
  reg(`PMEVCNTR${n}_EL0`, 3, 3, 14, 8, n, { ...PMU, el0ReadGate: 'PMUSERENR_EL0.EN|ER', res0: bits(63, 32), doc: `event counter ${n} (32 bits)` }),
  reg(`PMEVTYPER${n}_EL0`, 3, 3, 14, 12, n, { ...PMU, res0: res0Except(bits(31, 26), bits(9, 0)), fields: [...FILTER_FIELDS, f('evtCount', 9, 0, 'event number')], doc: `event type of counter ${n}` }),
];

// Field layouts shared by several registers
const TTBR_FIELDS = [f('ASID', 63, 48, 'address space ID of this table (TCR_EL1.A1 picks TTBR0 or TTBR1)'), f('BADDR', 47, 1, 'table base address'), f('CnP', 0, 0, 'common not private (v8.2; RES0 here)')];
const ESR_FIELDS = [f('EC', 31, 26, 'exception class'), f('IL', 25, 25, 'instruction length: 1 = 32-bit'), f('ISS', 24, 0, 'instruction-specific syndrome')];
const SPSR_FIELDS = [
  f('N', 31, 31), f('Z', 30, 30), f('C', 29, 29), f('V', 28, 28), f('SS', 21, 21, 'software step'), f('IL', 20, 20, 'illegal execution state'),
  f('D', 9, 9, 'debug mask'), f('A', 8, 8, 'SError mask'), f('I', 7, 7, 'IRQ mask'), f('F', 6, 6, 'FIQ mask'),
  f('nRW', 4, 4, '1: AArch32 state'), f('M', 3, 0, 'EL and SP: 0 EL0t, 4 EL1t, 5 EL1h, 8 EL2t, 9 EL2h'),
];
const MAIR_FIELDS = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => f(`Attr${i}`, 8 * i + 7, 8 * i, `memory attributes for AttrIndx ${i}`));
const VBAR_FIELDS = [f('VBA', 63, 11, 'vector base address (2 KiB aligned)')];

// --- masks (ARMv8.0 layouts) ---
// SCTLR_EL1: RES1 bits 29:28 (LSMAOE/nTLSMD), 23 (SPAN), 22 (EIS), 20 (TSCXT), 11 (EOS) without the v8.1+ features
const SCTLR_EL1_RES1 = bits(29, 28) | bit(23) | bit(22) | bit(20) | bit(11);
const SCTLR_EL1_FIELDS = [
  f('M', 0, 0, 'EL1&0 stage-1 MMU enable'), f('A', 1, 1, 'alignment check'), f('C', 2, 2, 'data cacheability'), f('SA', 3, 3, 'SP alignment check at EL1'),
  f('SA0', 4, 4, 'SP alignment check at EL0'), f('CP15BEN', 5, 5, 'AArch32 CP15 barriers'), f('ITD', 7, 7, 'AArch32 IT disable'), f('SED', 8, 8, 'AArch32 SETEND disable'),
  f('UMA', 9, 9, 'EL0 access to DAIF'), f('I', 12, 12, 'instruction cacheability'), f('DZE', 14, 14, 'EL0 DC ZVA'), f('UCT', 15, 15, 'EL0 access to CTR_EL0'),
  f('nTWI', 16, 16, '0: EL0 WFI traps to EL1'), f('nTWE', 18, 18, '0: EL0 WFE traps to EL1'), f('WXN', 19, 19, 'writable implies XN'), f('E0E', 24, 24, 'EL0 big-endian'),
  f('EE', 25, 25, 'EL1 big-endian and walks'), f('UCI', 26, 26, 'EL0 cache maintenance by VA'),
];
/** Its writable bits are its fields. */
const SCTLR_EL1_RW = fieldBits(SCTLR_EL1_FIELDS);
// SCTLR_EL2 (E2H=0): RES1 bits 29:28, 23:22, 18, 16, 11, 5:4 (Linux SCTLR_EL2_RES1 = 0x30C50830)
const SCTLR_EL2_RES1 = bits(29, 28) | bits(23, 22) | bit(18) | bit(16) | bit(11) | bits(5, 4);
const SCTLR_EL2_FIELDS = [f('M', 0, 0, 'EL2 stage-1 MMU enable'), f('A', 1, 1, 'alignment check'), f('C', 2, 2, 'data cacheability'), f('SA', 3, 3, 'SP alignment check'), f('I', 12, 12, 'instruction cacheability'), f('WXN', 19, 19, 'writable implies XN'), f('EE', 25, 25, 'big-endian')];
const SCTLR_EL2_RW = fieldBits(SCTLR_EL2_FIELDS);
// Mixed-endian support: without it SCTLR_ELx.EE and SCTLR_EL1.E0E are RES0 on a little-endian-only PE (ARM §D24.2.118
// SCTLR_EL1.EE/E0E, from ID_AA64MMFR0_EL1.BigEnd (bits 11:8) and BigEndEL0 (bits 19:16), the fields of its row below)
const bigEnd = (p: Profile): boolean => ((p.id.aa64mmfr0 >> 8n) & 0xfn) !== 0n;
const bigEndEl0 = (p: Profile): boolean => bigEnd(p) || ((p.id.aa64mmfr0 >> 16n) & 0xfn) !== 0n;
const SCTLR_EL1_RES0 = (p: Profile): bigint => res0Except(SCTLR_EL1_RW, SCTLR_EL1_RES1) | (bigEnd(p) ? 0n : bit(25)) | (bigEndEl0(p) ? 0n : bit(24));
const SCTLR_EL2_RES0 = (p: Profile): bigint => res0Except(SCTLR_EL2_RW, SCTLR_EL2_RES1) | (bigEnd(p) ? 0n : bit(25));
// HCR_EL2: bits 33:0 writable on v8.0 (ARCH-NOTES §1a; no EL3 on virt, so HCD is implemented; TSC kept because
// SMC reaches the firmware's PSCI); E2H (34) with FEAT_VHE; RW RAO/WI when EL1 cannot be AArch32 (ARCH-NOTES §3)
const HCR_RES0 = (p: Profile): bigint => res0Except(bits(33, 0), p.vhe ? bit(34) : 0n);
const HCR_RES1 = (p: Profile): bigint => (aarch32At(p, 1) ? 0n : bit(31));
// TCR_EL1: bit 6, 35 and 63:39 (HA/HD/HPDn are v8.1+) RES0
const TCR_EL1_RES0 = bit(6) | bit(35) | bits(63, 39);
// TCR_EL2 (E2H=0): RES1 bits 31 and 23 (Linux TCR_EL2_RES1); HA/HD/HPD v8.1+ RES0
const TCR_EL2_RES1 = bit(31) | bit(23);
const TCR_EL2_FIELDS = [f('T0SZ', 5, 0, 'region size 2^(64-T0SZ)'), f('IRGN0', 9, 8), f('ORGN0', 11, 10), f('SH0', 13, 12), f('TG0', 15, 14, '00 4K, 01 64K, 10 16K'), f('PS', 18, 16, 'physical address size'), f('TBI', 20, 20, 'top byte ignored')];
const TCR_EL2_RW = fieldBits(TCR_EL2_FIELDS);
// VTCR_EL2: bit 31 RES1; VS (19) only with 16-bit VMIDs; HA/HD v8.1+
const VTCR_RES1 = bit(31);
const VTCR_RES0 = (p: Profile): bigint => res0Except(VTCR_RES1, bits(18, 0), p.vmidBits === 16 ? bit(19) : 0n);
// VTTBR_EL2: CnP (0) is v8.2; VMID[15:8] (63:56) RES0 with 8-bit VMIDs (ARCH-NOTES §4)
const VTTBR_RES0 = (p: Profile): bigint => bit(0) | (p.vmidBits === 8 ? bits(63, 56) : 0n);
// CPTR_EL2 (E2H=0): RES1 13:12 (bit 12 TSM without SME), 9:0 (bit 8 TZ without SVE); TFP 10, TTA 20, TCPAC 31
const CPTR_RES1 = bits(13, 12) | bits(9, 0);
const CPTR_FIELDS = [f('TFP', 10, 10, 'trap FP/SIMD to EL2'), f('TTA', 20, 20, 'trap trace registers'), f('TCPAC', 31, 31, 'trap EL1 CPACR_EL1 accesses')];
const CPTR_RW = fieldBits(CPTR_FIELDS);

/** ICC_SGI0R/SGI1R/ASGI1R_EL1 (IHI 0069): TargetList, Aff1, INTID, Aff2, IRM, RS, Aff3. */
const SGIR_FIELDS = [f('TargetList', 15, 0), f('Aff1', 23, 16), f('INTID', 27, 24), f('Aff2', 39, 32), f('IRM', 40, 40, 'every PE but this one'), f('RS', 47, 44), f('Aff3', 55, 48)];

export const SYSREGS = [
  // --- PSTATE views and banked stack pointers (held by the CPU) ---
  reg('NZCV', 3, 3, 4, 2, 0, { kind: 'pstate', res0: res0Except(bits(31, 28)), fields: [f('N', 31, 31), f('Z', 30, 30), f('C', 29, 29), f('V', 28, 28)], doc: 'condition flags' }),
  reg('DAIF', 3, 3, 4, 2, 1, { kind: 'pstate', res0: res0Except(bits(9, 6)), el0Gate: 'SCTLR_EL1.UMA', fields: [f('D', 9, 9), f('A', 8, 8), f('I', 7, 7), f('F', 6, 6)], doc: 'interrupt masks D A I F (bits 9:6)' }),
  reg('CurrentEL', 3, 0, 4, 2, 2, { kind: 'pstate', access: 'ro', fields: [f('EL', 3, 2)], doc: 'current exception level in bits 3:2' }),
  reg('SPSel', 3, 0, 4, 2, 0, { kind: 'pstate', res0: res0Except(bit(0)), fields: [f('SP', 0, 0, '0: SP_EL0, 1: SP_ELx')], doc: 'stack pointer select' }),
  reg('SP_EL0', 3, 0, 4, 1, 0, { kind: 'sp', doc: 'EL0 stack pointer (UNDEFINED while it is the current SP)' }),
  reg('SP_EL1', 3, 4, 4, 1, 0, { kind: 'sp', doc: 'EL1 stack pointer' }),
  reg('SP_EL2', 3, 6, 4, 1, 0, { kind: 'sp', doc: 'EL2 stack pointer: MSR/MRS only at EL3 (not implemented), so only reachable through SPSel' }),
  // FPCR.{IDE,IXE,UFE,OFE,DZE,IOE}: RAZ/WI where FP exceptions are not trapped, as on Cortex-A57 and QEMU 7.2
  // (vfp_set_fpscr); Stride and Len are kept (QEMU stores them for AArch32's short vectors)
  reg('FPCR', 3, 3, 4, 4, 0, { fp: true, res0: res0Except(bits(26, 20), bits(18, 16)), fields: [f('AHP', 26, 26), f('DN', 25, 25), f('FZ', 24, 24), f('RMode', 23, 22)], doc: 'floating-point control' }),
  reg('FPSR', 3, 3, 4, 4, 1, { fp: true, res0: res0Except(bits(31, 27), bit(7), bits(4, 0)), fields: [f('QC', 27, 27), f('IDC', 7, 7), f('IXC', 4, 4), f('UFC', 3, 3), f('OFC', 2, 2), f('DZC', 1, 1), f('IOC', 0, 0)], doc: 'floating-point status' }),

  // --- exception state ---
  reg('ELR_EL1', 3, 0, 4, 0, 1, { doc: 'exception link register, EL1' }),
  reg('SPSR_EL1', 3, 0, 4, 0, 0, { res0: bits(63, 32), fields: SPSR_FIELDS, doc: 'saved program status, EL1' }),
  reg('ESR_EL1', 3, 0, 5, 2, 0, { res0: bits(63, 32), trapRead: 'TRVM', trapWrite: 'TVM', fields: ESR_FIELDS, doc: 'exception syndrome, EL1' }),
  reg('FAR_EL1', 3, 0, 6, 0, 0, { trapRead: 'TRVM', trapWrite: 'TVM', doc: 'fault address, EL1' }),
  razwi('AFSR0_EL1', 3, 0, 5, 1, 0, 'auxiliary fault status 0, EL1 (IMPLEMENTATION DEFINED: RAZ/WI)', 'TVM'),
  razwi('AFSR1_EL1', 3, 0, 5, 1, 1, 'auxiliary fault status 1, EL1 (IMPLEMENTATION DEFINED: RAZ/WI)', 'TVM'),
  reg('VBAR_EL1', 3, 0, 12, 0, 0, { res0: bits(10, 0), fields: VBAR_FIELDS, effect: 'routing', doc: 'vector base, EL1' }),
  reg('ELR_EL2', 3, 4, 4, 0, 1, { doc: 'exception link register, EL2' }),
  reg('SPSR_EL2', 3, 4, 4, 0, 0, { res0: bits(63, 32), fields: SPSR_FIELDS, doc: 'saved program status, EL2' }),
  reg('ESR_EL2', 3, 4, 5, 2, 0, { res0: bits(63, 32), fields: ESR_FIELDS, doc: 'exception syndrome, EL2' }),
  reg('FAR_EL2', 3, 4, 6, 0, 0, { doc: 'fault address, EL2' }),
  razwi('AFSR0_EL2', 3, 4, 5, 1, 0, 'auxiliary fault status 0, EL2 (IMPLEMENTATION DEFINED: RAZ/WI)'),
  razwi('AFSR1_EL2', 3, 4, 5, 1, 1, 'auxiliary fault status 1, EL2 (IMPLEMENTATION DEFINED: RAZ/WI)'),
  reg('HPFAR_EL2', 3, 4, 6, 0, 4, { res0: res0Except(bits(39, 4)), fields: [f('FIPA', 39, 4, 'faulting IPA[47:12]')], doc: 'faulting IPA[47:12] in bits 39:4 on stage-2 faults' }),
  reg('VBAR_EL2', 3, 4, 12, 0, 0, { res0: bits(10, 0), fields: VBAR_FIELDS, effect: 'routing', doc: 'vector base, EL2' }),
  // present when EL2 is the highest EL; QEMU's rvbar is 0, where the virt board's flash (and boot stub) starts
  reg('RVBAR_EL2', 3, 4, 12, 0, 1, { access: 'ro', kind: 'const', doc: 'reset vector base address (0)' }),
  reg('ISR_EL1', 3, 0, 12, 1, 0, {
    access: 'ro', kind: 'computed', fields: [f('F', 6, 6, 'FIQ pending'), f('I', 7, 7, 'IRQ pending'), f('A', 8, 8, 'SError pending')],
    doc: 'interrupt status: pending IRQ/FIQ/SError, virtual ones at EL1 under HCR_EL2.IMO/FMO/AMO',
  }),
  // PAR_EL1: field layout depends on F, so no write masks (bit 11 is RES1 in both layouts once AT writes it)
  reg('PAR_EL1', 3, 0, 7, 4, 0, {
    fields: [
      f('F', 0, 0, '1: the AT failed'), f('FST', 6, 1, 'F=1: fault status code'), f('SH', 8, 7, 'F=0: shareability'), f('PTW', 8, 8, 'F=1: stage-2 fault on a stage-1 walk'),
      f('NS', 9, 9, 'F=0: non-secure'), f('S', 9, 9, 'F=1: the fault was stage 2'), f('PA', 47, 12, 'F=0: output address'), f('ATTR', 63, 56, 'F=0: memory attributes (MAIR format)'),
    ],
    doc: 'physical address register (AT result)',
  }),

  // --- system control ---
  reg('SCTLR_EL1', 3, 0, 1, 0, 0, {
    reset: 0x00c50838n, res1: SCTLR_EL1_RES1, res0: SCTLR_EL1_RES0, trapRead: 'TRVM', trapWrite: 'TVM', effect: 'translation',
    fields: SCTLR_EL1_FIELDS,
    doc: 'system control, EL1&0',
  }),
  razwi('ACTLR_EL1', 3, 0, 1, 0, 1, 'auxiliary control, EL1 (IMPLEMENTATION DEFINED: RAZ/WI)', 'TACR'),
  reg('CPACR_EL1', 3, 0, 1, 0, 2, {
    res0: res0Except(bits(21, 20), bit(28)), tcpac: true, effect: 'routing',
    fields: [f('FPEN', 21, 20, 'FP/SIMD: x0 trap EL0+EL1, 01 trap EL0, 11 no trap'), f('TTA', 28, 28, 'trap trace register access')],
    doc: 'architectural feature access control (FP/SIMD traps to EL1)',
  }),
  reg('SCTLR_EL2', 3, 4, 1, 0, 0, {
    res1: SCTLR_EL2_RES1, res0: SCTLR_EL2_RES0, effect: 'translation',
    fields: SCTLR_EL2_FIELDS,
    doc: 'system control, EL2',
  }),
  razwi('ACTLR_EL2', 3, 4, 1, 0, 1, 'auxiliary control, EL2 (IMPLEMENTATION DEFINED: RAZ/WI)'),
  reg('HCR_EL2', 3, 4, 1, 1, 0, {
    reset: HCR_RES1, res0: HCR_RES0, res1: HCR_RES1, effect: 'routing', // QEMU's A57 resets to 0; RW is RAO here (A1)
    fields: [
      f('VM', 0, 0, 'EL1&0 stage 2 enable'), f('SWIO', 1, 1, 'set/way invalidate override'), f('PTW', 2, 2, 'protected table walk'),
      f('FMO', 3, 3, 'physical FIQ to EL2, virtual FIQ enable'), f('IMO', 4, 4, 'physical IRQ to EL2, virtual IRQ enable'), f('AMO', 5, 5, 'physical SError to EL2, virtual SError enable'),
      f('VF', 6, 6, 'virtual FIQ pending'), f('VI', 7, 7, 'virtual IRQ pending'), f('VSE', 8, 8, 'virtual SError pending'), f('FB', 9, 9, 'force broadcast of EL1 TLBI/IC IALLU'),
      f('BSU', 11, 10, 'barrier shareability upgrade'), f('DC', 12, 12, 'default cacheable: stage 1 off, stage 2 on'), f('TWI', 13, 13, 'trap EL0/EL1 WFI'), f('TWE', 14, 14, 'trap EL0/EL1 WFE'),
      f('TID0', 15, 15, 'trap ID group 0 (AArch32)'), f('TID1', 16, 16, 'trap REVIDR_EL1/AIDR_EL1 reads'), f('TID2', 17, 17, 'trap CTR/CCSIDR/CLIDR/CSSELR'), f('TID3', 18, 18, 'trap ID group 3 reads'),
      f('TSC', 19, 19, 'trap EL1 SMC'), f('TIDCP', 20, 20, 'trap IMPLEMENTATION DEFINED registers'), f('TACR', 21, 21, 'trap ACTLR_EL1'), f('TSW', 22, 22, 'trap DC set/way'),
      f('TPC', 23, 23, 'trap DC to PoC'), f('TPU', 24, 24, 'trap IC / DC to PoU'), f('TTLB', 25, 25, 'trap EL1 TLBI'), f('TVM', 26, 26, 'trap EL1 writes of VM controls'),
      f('TGE', 27, 27, 'trap general exceptions: EL0 runs directly under EL2'), f('TDZ', 28, 28, 'trap DC ZVA'), f('HCD', 29, 29, 'HVC disable'), f('TRVM', 30, 30, 'trap EL1 reads of VM controls'),
      f('RW', 31, 31, '1: EL1 is AArch64'), f('CD', 32, 32, 'stage-2 data access non-cacheable'), f('ID', 33, 33, 'stage-2 instruction access non-cacheable'), f('E2H', 34, 34, 'EL2 host (FEAT_VHE; RES0 on v8.0)'), f('TLOR', 35, 35, 'trap LORegion registers (FEAT_LOR; RES0 on v8.0)'),
    ],
    doc: 'hypervisor configuration',
  }),
  reg('MDCR_EL2', 3, 4, 1, 1, 1, {
    reset: BigInt(PMU_COUNTERS), res0: res0Except(bits(11, 0)), effect: 'routing',
    fields: [
      f('HPMN', 4, 0, 'event counters 0..HPMN-1 belong to EL0/EL1 (reset: PMCR_EL0.N = 6)'), f('TPMCR', 5, 5, 'trap EL0/EL1 PMCR_EL0 accesses'),
      f('TPM', 6, 6, 'trap EL0/EL1 PMU register accesses'), f('HPME', 7, 7, 'enable the counters HPMN..N-1'), f('TDE', 8, 8, 'route debug exceptions to EL2; TDA, TDOSA, TDRA behave as 1'),
      f('TDA', 9, 9, 'trap EL0/EL1 debug register accesses'), f('TDOSA', 10, 10, 'trap EL1 OS lock and power-down register accesses'), f('TDRA', 11, 11, 'trap EL0/EL1 debug ROM address accesses'),
    ],
    doc: 'monitor debug configuration, EL2',
  }),
  reg('CPTR_EL2', 3, 4, 1, 1, 2, {
    res1: CPTR_RES1, res0: res0Except(CPTR_RW, CPTR_RES1), effect: 'routing',
    fields: CPTR_FIELDS,
    doc: 'architectural feature trap, EL2',
  }),
  reg('HSTR_EL2', 3, 4, 1, 1, 3, { res0: res0Except(bits(15, 0)) | bit(14) | bit(4), effect: 'routing', doc: 'hypervisor system trap (AArch32 CP15 only)' }),
  razwi('HACR_EL2', 3, 4, 1, 1, 7, 'hypervisor auxiliary control (IMPLEMENTATION DEFINED: RAZ/WI)'),
  // Cortex-A57's IMPLEMENTATION DEFINED registers (Cortex-A57 TRM §4.3), as QEMU's cortex-a57 has them: RAZ/WI but
  // CBAR_EL1; EL1 accesses trapped by HCR_EL2.TIDCP. L2CTLR_EL1.NumCPUs (bits 25:24) = cores − 1 = 0.
  razwi('L2CTLR_EL1', 3, 1, 11, 0, 2, 'L2 control (IMPLEMENTATION DEFINED: one core, RAZ/WI)', 'TIDCP'),
  razwi('L2ECTLR_EL1', 3, 1, 11, 0, 3, 'L2 extended control (IMPLEMENTATION DEFINED: RAZ/WI)', 'TIDCP'),
  razwi('L2ACTLR_EL1', 3, 1, 15, 0, 0, 'L2 auxiliary control (IMPLEMENTATION DEFINED: RAZ/WI)', 'TIDCP'),
  razwi('CPUACTLR_EL1', 3, 1, 15, 2, 0, 'CPU auxiliary control (IMPLEMENTATION DEFINED: RAZ/WI)', 'TIDCP'),
  razwi('CPUECTLR_EL1', 3, 1, 15, 2, 1, 'CPU extended control (IMPLEMENTATION DEFINED: RAZ/WI)', 'TIDCP'),
  razwi('CPUMERRSR_EL1', 3, 1, 15, 2, 2, 'CPU memory error syndrome (IMPLEMENTATION DEFINED: no error, RAZ/WI)', 'TIDCP'),
  razwi('L2MERRSR_EL1', 3, 1, 15, 2, 3, 'L2 memory error syndrome (IMPLEMENTATION DEFINED: no error, RAZ/WI)', 'TIDCP'),
  reg('CBAR_EL1', 3, 1, 15, 3, 0, {
    access: 'ro', kind: 'const', reset: (p) => p.id.cbar, trapRead: 'TIDCP', fields: [f('PERIPHBASE', 43, 18, 'the GIC\'s base')],
    doc: 'configuration base address (IMPLEMENTATION DEFINED): where the GIC is',
  }),

  // --- translation controls ---
  reg('TTBR0_EL1', 3, 0, 2, 0, 0, { res0: bit(0), trapRead: 'TRVM', trapWrite: 'TVM', effect: 'translation', fields: TTBR_FIELDS, doc: 'translation table base 0, EL1&0' }),
  reg('TTBR1_EL1', 3, 0, 2, 0, 1, { res0: bit(0), trapRead: 'TRVM', trapWrite: 'TVM', effect: 'translation', fields: TTBR_FIELDS, doc: 'translation table base 1, EL1&0' }),
  reg('TCR_EL1', 3, 0, 2, 0, 2, {
    res0: TCR_EL1_RES0, trapRead: 'TRVM', trapWrite: 'TVM', effect: 'translation',
    fields: [
      f('T0SZ', 5, 0, 'TTBR0 region size 2^(64-T0SZ)'), f('EPD0', 7, 7, 'no walks via TTBR0'), f('IRGN0', 9, 8), f('ORGN0', 11, 10), f('SH0', 13, 12), f('TG0', 15, 14, '00 4K, 01 64K, 10 16K'),
      f('T1SZ', 21, 16, 'TTBR1 region size'), f('A1', 22, 22, 'ASID from TTBR1 (else TTBR0)'), f('EPD1', 23, 23, 'no walks via TTBR1'), f('IRGN1', 25, 24), f('ORGN1', 27, 26), f('SH1', 29, 28),
      f('TG1', 31, 30, '01 16K, 10 4K, 11 64K'), f('IPS', 34, 32, 'intermediate physical address size'), f('AS', 36, 36, '16-bit ASIDs'), f('TBI0', 37, 37, 'top byte ignored, TTBR0'), f('TBI1', 38, 38, 'top byte ignored, TTBR1'),
    ],
    doc: 'translation control, EL1&0',
  }),
  reg('TTBR0_EL2', 3, 4, 2, 0, 0, { res0: bit(0) | bits(63, 48), effect: 'translation', fields: [f('BADDR', 47, 1, 'table base address')], doc: 'translation table base, EL2' }),
  reg('TCR_EL2', 3, 4, 2, 0, 2, {
    res1: TCR_EL2_RES1, res0: res0Except(TCR_EL2_RW, TCR_EL2_RES1), effect: 'translation',
    fields: TCR_EL2_FIELDS,
    doc: 'translation control, EL2',
  }),
  reg('VTTBR_EL2', 3, 4, 2, 1, 0, { res0: VTTBR_RES0, effect: 'translation', fields: [f('VMID', 63, 48, 'virtual machine ID: bits 55:48; 63:56 too with 16-bit VMIDs (VTCR_EL2.VS = 1), else RES0'), f('BADDR', 47, 1, 'stage-2 root table address')], doc: 'stage-2 table base and VMID' }),
  reg('VTCR_EL2', 3, 4, 2, 1, 2, {
    res1: VTCR_RES1, res0: VTCR_RES0, effect: 'translation',
    fields: [f('T0SZ', 5, 0, 'IPA size 2^(64-T0SZ)'), f('SL0', 7, 6, 'stage-2 start level'), f('IRGN0', 9, 8), f('ORGN0', 11, 10), f('SH0', 13, 12), f('TG0', 15, 14, '00 4K, 01 64K, 10 16K'), f('PS', 18, 16, 'physical address size'), f('VS', 19, 19, '16-bit VMID (v8.1)')],
    doc: 'stage-2 translation control',
  }),
  reg('MAIR_EL1', 3, 0, 10, 2, 0, { trapRead: 'TRVM', trapWrite: 'TVM', effect: 'translation', fields: MAIR_FIELDS, doc: 'memory attribute indirection, EL1&0' }),
  razwi('AMAIR_EL1', 3, 0, 10, 3, 0, 'auxiliary memory attribute indirection, EL1 (IMPLEMENTATION DEFINED: RAZ/WI)', 'TVM'),
  reg('MAIR_EL2', 3, 4, 10, 2, 0, { effect: 'translation', fields: MAIR_FIELDS, doc: 'memory attribute indirection, EL2' }),
  razwi('AMAIR_EL2', 3, 4, 10, 3, 0, 'auxiliary memory attribute indirection, EL2 (IMPLEMENTATION DEFINED: RAZ/WI)'),
  reg('CONTEXTIDR_EL1', 3, 0, 13, 0, 1, { res0: bits(63, 32), trapRead: 'TRVM', trapWrite: 'TVM', fields: [f('PROCID', 31, 0)], doc: 'context ID, EL1' }),

  // --- thread IDs ---
  reg('TPIDR_EL0', 3, 3, 13, 0, 2, { doc: 'EL0 read/write software thread ID' }),
  reg('TPIDRRO_EL0', 3, 3, 13, 0, 3, { minElWrite: 1, doc: 'EL0 read-only software thread ID (written at EL1)' }),
  reg('TPIDR_EL1', 3, 0, 13, 0, 4, { doc: 'EL1 software thread ID' }),
  reg('TPIDR_EL2', 3, 4, 13, 0, 2, { doc: 'EL2 software thread ID' }),

  // --- generic timer: counters, and the EL1 physical, EL1 virtual and EL2 physical timers (src/cpu/timer.ts) ---
  reg('CNTFRQ_EL0', 3, 3, 14, 0, 0, { minElWrite: 2, reset: 0x3b9aca0n, res0: bits(63, 32), el0Gate: 'CNTKCTL_EL1.EL0PCTEN|EL0VCTEN', doc: 'counter frequency: 62.5 MHz as QEMU (writable at the highest EL only)' }),
  reg('CNTPCT_EL0', 3, 3, 14, 0, 1, { access: 'ro', kind: 'computed', el0Gate: 'CNTKCTL_EL1.EL0PCTEN', cnthctlTrap: 'EL1PCTEN', doc: 'physical count: the retired-instruction count, never the same twice' }),
  reg('CNTVCT_EL0', 3, 3, 14, 0, 2, { access: 'ro', kind: 'computed', el0Gate: 'CNTKCTL_EL1.EL0VCTEN', doc: 'virtual count = CNTPCT_EL0 - CNTVOFF_EL2' }),
  reg('CNTKCTL_EL1', 3, 0, 14, 1, 0, {
    res0: res0Except(bits(9, 0)), effect: 'routing',
    fields: [f('EL0PCTEN', 0, 0, 'EL0 reads of CNTPCT_EL0'), f('EL0VCTEN', 1, 1, 'EL0 reads of CNTVCT_EL0'), f('EVNTEN', 2, 2), f('EVNTDIR', 3, 3), f('EVNTI', 7, 4), f('EL0VTEN', 8, 8), f('EL0PTEN', 9, 9)],
    doc: 'counter-timer kernel control',
  }),
  // EL1PCTEN/EL1PCEN reset UNKNOWN (ARM §D24.11 CNTHCTL_EL2); QEMU's virt board shows 1 and 1 (read back on QEMU 7.2)
  reg('CNTHCTL_EL2', 3, 4, 14, 1, 0, { reset: 3n, res0: res0Except(bits(7, 0)), effect: 'routing', fields: [f('EL1PCTEN', 0, 0, '0: EL0/EL1 reads of CNTPCT_EL0 trap to EL2'), f('EL1PCEN', 1, 1, '0: EL0/EL1 accesses to CNTP_* trap to EL2'), f('EVNTEN', 2, 2), f('EVNTDIR', 3, 3), f('EVNTI', 7, 4)], doc: 'counter-timer hypervisor control' }),
  reg('CNTVOFF_EL2', 3, 4, 14, 0, 3, { kind: 'timer', doc: 'virtual counter offset (CNTVCT = CNTPCT - CNTVOFF; moves the virtual timer\'s deadline)' }),
  // CTL: ENABLE, IMASK writable; ISTATUS (bit 2) read-only, computed on read. TVAL: the signed 32-bit view of
  // CVAL - count (bits 63:32 RES0). ENABLE/IMASK/CVAL reset UNKNOWN; 0 as on QEMU.
  ...timerRows('CNTP', 'EL0', 2, { el0Gate: 'CNTKCTL_EL1.EL0PTEN', cnthctlTrap: 'EL1PCEN' }, 'EL1 physical timer (PPI 14, INTID 30)'),
  ...timerRows('CNTV', 'EL0', 3, { el0Gate: 'CNTKCTL_EL1.EL0VTEN' }, 'EL1 virtual timer, against CNTVCT_EL0 (PPI 11, INTID 27)'),
  ...timerRows('CNTHP', 'EL2', 2, {}, 'EL2 physical timer (PPI 10, INTID 26)'),

  // --- Performance Monitors (PMUv3 as Cortex-A57: 6 event counters and the cycle counter; src/cpu/pmu.ts) ---
  reg('PMCR_EL0', 3, 3, 9, 12, 0, {
    ...PMU, mdcrTraps: ['TPM', 'TPMCR'], reset: 0x41013000n, res0: res0Except(bits(31, 11), bits(6, 0)),
    fields: [
      f('E', 0, 0, 'enable the counters (those below MDCR_EL2.HPMN, and the cycle counter)'), f('P', 1, 1, 'write 1: zero every event counter'), f('C', 2, 2, 'write 1: zero the cycle counter'),
      f('D', 3, 3, 'cycle counter counts every 64th cycle'), f('X', 4, 4, 'export events'), f('DP', 5, 5, 'disable the cycle counter when event counting is prohibited'), f('LC', 6, 6, 'cycle counter overflows at 2^64 (else 2^32)'),
      f('N', 15, 11, 'event counters: 6 (read from EL0/EL1: MDCR_EL2.HPMN)'), f('IDCODE', 23, 16), f('IMP', 31, 24, '0x41: Arm'),
    ],
    doc: 'performance monitors control',
  }),
  reg('PMCNTENSET_EL0', 3, 3, 9, 12, 1, { ...PMU, doc: 'counter enables: read, or write 1s to set (bit 31: the cycle counter)' }),
  reg('PMCNTENCLR_EL0', 3, 3, 9, 12, 2, { ...PMU, doc: 'counter enables: read, or write 1s to clear' }),
  reg('PMOVSCLR_EL0', 3, 3, 9, 12, 3, { ...PMU, doc: 'overflow flags: read, or write 1s to clear' }),
  reg('PMSWINC_EL0', 3, 3, 9, 12, 4, { ...PMU, access: 'wo', el0Gate: 'PMUSERENR_EL0.EN|SW', doc: 'software increment: write 1s to count event 0x00 on those counters' }),
  reg('PMSELR_EL0', 3, 3, 9, 12, 5, { ...PMU, el0Gate: 'PMUSERENR_EL0.EN|ER', res0: res0Except(bits(4, 0)), fields: [f('SEL', 4, 0, 'counter PMXEV* select (31: the cycle counter\'s filter)')], doc: 'event counter selection' }),
  reg('PMCEID0_EL0', 3, 3, 9, 12, 6, { ...PMU, access: 'ro', doc: 'common events implemented 0x00-0x1f: SW_INCR, INST_RETIRED, CPU_CYCLES' }),
  reg('PMCEID1_EL0', 3, 3, 9, 12, 7, { ...PMU, access: 'ro', doc: 'common events implemented 0x20-0x3f: none' }),
  reg('PMCCNTR_EL0', 3, 3, 9, 13, 0, { ...PMU, el0ReadGate: 'PMUSERENR_EL0.EN|CR', doc: 'cycle counter (64 bits; one cycle per instruction, as the generic counter)' }),
  reg('PMXEVTYPER_EL0', 3, 3, 9, 13, 1, { ...PMU, doc: 'PMEVTYPER<PMSELR_EL0.SEL>_EL0 (SEL 31: PMCCFILTR_EL0)' }),
  reg('PMXEVCNTR_EL0', 3, 3, 9, 13, 2, { ...PMU, el0ReadGate: 'PMUSERENR_EL0.EN|ER', doc: 'PMEVCNTR<PMSELR_EL0.SEL>_EL0' }),
  reg('PMUSERENR_EL0', 3, 3, 9, 14, 0, {
    minElWrite: 1, mdcrTraps: ['TPM'], res0: res0Except(bits(3, 0)),
    fields: [f('EN', 0, 0, 'EL0 access to every PMU register'), f('SW', 1, 1, 'EL0 writes of PMSWINC_EL0'), f('CR', 2, 2, 'EL0 reads of PMCCNTR_EL0'), f('ER', 3, 3, 'EL0 reads of event counters, PMSELR_EL0')],
    doc: 'PMU user enable (read-only at EL0)',
  }),
  reg('PMINTENSET_EL1', 3, 0, 9, 14, 1, { kind: 'pmu', mdcrTraps: ['TPM'], doc: 'overflow interrupt enables: read, or write 1s to set' }),
  reg('PMINTENCLR_EL1', 3, 0, 9, 14, 2, { kind: 'pmu', mdcrTraps: ['TPM'], doc: 'overflow interrupt enables: read, or write 1s to clear' }),
  reg('PMOVSSET_EL0', 3, 3, 9, 14, 3, { ...PMU, doc: 'overflow flags: read, or write 1s to set' }),
  ...COUNTER_NUMBERS.flatMap(counterRows),
  reg('PMCCFILTR_EL0', 3, 3, 14, 15, 7, { ...PMU, res0: res0Except(bits(31, 26)), fields: FILTER_FIELDS, doc: 'cycle counter filter' }),

  // --- debug registers (self-hosted debug; their exceptions: src/cpu/debug.ts) ---
  reg('MDSCR_EL1', 2, 0, 0, 2, 2, {
    ...DBG, res0: res0Except(fieldBits(MDSCR_FIELDS)), fields: MDSCR_FIELDS,
    doc: 'monitor debug system control',
  }),
  reg('OSLAR_EL1', 2, 0, 1, 0, 4, { kind: 'pmu', minEl: 1, access: 'wo', mdcrTraps: ['TDOSA'], fields: [f('OSLK', 0, 0, '1 locks, 0 unlocks the OS lock')], doc: 'OS lock access (sets OSLSR_EL1.OSLK)' }),
  reg('OSLSR_EL1', 2, 0, 1, 1, 4, {
    kind: 'pmu', minEl: 1, access: 'ro', mdcrTraps: ['TDOSA'], reset: 0b1010n,
    fields: [f('OSLM0', 0, 0), f('OSLK', 1, 1, 'the OS lock is locked (1 at reset)'), f('nTT', 2, 2), f('OSLM1', 3, 3, 'OSLM = 0b10: OS lock implemented')],
    doc: 'OS lock status',
  }),
  reg('OSDLR_EL1', 2, 0, 1, 3, 4, { minEl: 1, mdcrTraps: ['TDOSA'], res0: res0Except(bit(0)), fields: [f('DLK', 0, 0, 'OS double lock')], doc: 'OS double lock (ID_AA64DFR0_EL1.DoubleLock = 0: implemented)' }),
  ...COUNTER_NUMBERS.flatMap(breakpointRows),
  ...WATCHPOINT_NUMBERS.flatMap(watchpointRows),
  // the debug communications channel and the debug ROM: no external debugger is attached, so the channel never
  // holds data and there is no ROM table (MDRAR_EL1.Valid = 0b00)
  reg('MDCCSR_EL0', 2, 3, 0, 1, 0, {
    access: 'ro', kind: 'const', mdcrTraps: ['TDA'], el0Gate: '!MDSCR_EL1.TDCC',
    fields: [f('TXfull', 29, 29, 'DTRTX full'), f('RXfull', 30, 30, 'DTRRX full')], doc: 'DCC status (no debugger: both empty)',
  }),
  reg('MDCCINT_EL1', 2, 0, 0, 2, 0, {
    ...DBG, res0: res0Except(bit(29), bit(30)), fields: [f('TX', 29, 29, 'DCC transmit interrupt enable'), f('RX', 30, 30, 'DCC receive interrupt enable')],
    doc: 'DCC interrupt enables (the board wires no DCC interrupt)',
  }),
  reg('MDRAR_EL1', 2, 0, 1, 0, 0, {
    access: 'ro', kind: 'const', mdcrTraps: ['TDRA'], fields: [f('Valid', 1, 0, '0b00: no ROM table'), f('ROMADDR', 47, 12)],
    doc: 'debug ROM address (none)',
  }),

  // --- GICv3 CPU interface (IHI 0069 "AArch64 System register descriptions"; encodings and access functions as QEMU
  // hw/intc/arm_gicv3_cpuif.c gicv3_cpuif_reginfo; values: src/devices/gicv3.ts through src/cpu/gic-cpuif.ts) ---
  reg('ICC_PMR_EL1', 3, 0, 4, 6, 0, { kind: 'gic', gicVirtual: 'IMO|FMO', fields: [f('Priority', 7, 0, 'priority mask: only higher priorities are signalled')], doc: 'GIC priority mask' }),
  reg('ICC_IAR0_EL1', 3, 0, 12, 8, 0, { kind: 'gic', access: 'ro', gicVirtual: 'FMO', fields: [f('INTID', 23, 0)], doc: 'GIC Group 0 interrupt acknowledge' }),
  reg('ICC_EOIR0_EL1', 3, 0, 12, 8, 1, { kind: 'gic', access: 'wo', gicVirtual: 'FMO', fields: [f('INTID', 23, 0)], doc: 'GIC Group 0 end of interrupt' }),
  reg('ICC_HPPIR0_EL1', 3, 0, 12, 8, 2, { kind: 'gic', access: 'ro', gicVirtual: 'FMO', fields: [f('INTID', 23, 0)], doc: 'GIC Group 0 highest priority pending interrupt' }),
  reg('ICC_BPR0_EL1', 3, 0, 12, 8, 3, { kind: 'gic', gicVirtual: 'FMO', fields: [f('BinaryPoint', 2, 0)], doc: 'GIC Group 0 binary point' }),
  reg('ICC_AP0R0_EL1', 3, 0, 12, 8, 4, { kind: 'gic', gicVirtual: 'FMO', doc: 'GIC Group 0 active priorities' }),
  reg('ICC_AP1R0_EL1', 3, 0, 12, 9, 0, { kind: 'gic', gicVirtual: 'IMO', doc: 'GIC Group 1 active priorities' }),
  reg('ICC_DIR_EL1', 3, 0, 12, 11, 1, { kind: 'gic', access: 'wo', gicVirtual: 'IMO|FMO', fields: [f('INTID', 23, 0)], doc: 'GIC deactivate interrupt (EOImode 1)' }),
  reg('ICC_RPR_EL1', 3, 0, 12, 11, 3, { kind: 'gic', access: 'ro', gicVirtual: 'IMO|FMO', fields: [f('Priority', 7, 0)], doc: 'GIC running priority' }),
  reg('ICC_SGI1R_EL1', 3, 0, 12, 11, 5, { kind: 'gic', access: 'wo', gicVirtual: 'SGI', fields: SGIR_FIELDS, doc: 'GIC generate Group 1 SGI' }),
  reg('ICC_ASGI1R_EL1', 3, 0, 12, 11, 6, { kind: 'gic', access: 'wo', gicVirtual: 'SGI', fields: SGIR_FIELDS, doc: 'GIC generate SGI for the other Security state\'s Group 1 (Group 0 with one Security state)' }),
  reg('ICC_SGI0R_EL1', 3, 0, 12, 11, 7, { kind: 'gic', access: 'wo', gicVirtual: 'SGI', fields: SGIR_FIELDS, doc: 'GIC generate Group 0 SGI' }),
  reg('ICC_IAR1_EL1', 3, 0, 12, 12, 0, { kind: 'gic', access: 'ro', gicVirtual: 'IMO', fields: [f('INTID', 23, 0)], doc: 'GIC Group 1 interrupt acknowledge' }),
  reg('ICC_EOIR1_EL1', 3, 0, 12, 12, 1, { kind: 'gic', access: 'wo', gicVirtual: 'IMO', fields: [f('INTID', 23, 0)], doc: 'GIC Group 1 end of interrupt' }),
  reg('ICC_HPPIR1_EL1', 3, 0, 12, 12, 2, { kind: 'gic', access: 'ro', gicVirtual: 'IMO', fields: [f('INTID', 23, 0)], doc: 'GIC Group 1 highest priority pending interrupt' }),
  reg('ICC_BPR1_EL1', 3, 0, 12, 12, 3, { kind: 'gic', gicVirtual: 'IMO', fields: [f('BinaryPoint', 2, 0)], doc: 'GIC Group 1 binary point' }),
  reg('ICC_CTLR_EL1', 3, 0, 12, 12, 4, {
    kind: 'gic', gicVirtual: 'IMO|FMO',
    fields: [f('CBPR', 0, 0, 'BPR0 governs Group 1 too'), f('EOImode', 1, 1, '1: EOIR drops priority only, DIR deactivates'), f('PRIbits', 10, 8), f('IDbits', 13, 11), f('A3V', 15, 15)],
    doc: 'GIC CPU interface control',
  }),
  // ICC_SRE_EL1/EL2: constants (system-register interface only, no bypass); QEMU gives them no HCR_EL2 redirection
  reg('ICC_SRE_EL1', 3, 0, 12, 12, 5, { kind: 'gic', fields: [f('SRE', 0, 0), f('DFB', 1, 1), f('DIB', 2, 2)], doc: 'GIC system register enable, EL1 (0x7, RAO/WI)' }),
  reg('ICC_IGRPEN0_EL1', 3, 0, 12, 12, 6, { kind: 'gic', gicVirtual: 'FMO', fields: [f('Enable', 0, 0)], doc: 'GIC Group 0 enable' }),
  reg('ICC_IGRPEN1_EL1', 3, 0, 12, 12, 7, { kind: 'gic', gicVirtual: 'IMO', fields: [f('Enable', 0, 0)], doc: 'GIC Group 1 enable' }),
  reg('ICC_SRE_EL2', 3, 4, 12, 9, 5, { kind: 'gic', fields: [f('SRE', 0, 0), f('DFB', 1, 1), f('DIB', 2, 2), f('Enable', 3, 3, 'EL1 may access ICC_SRE_EL1')], doc: 'GIC system register enable, EL2 (0xf, RAO/WI)' }),
  // --- GICv3 virtual interface control (IHI 0069 ICH_*_EL2; QEMU gicv3_cpuif_hcr_reginfo, cortex-a57's 4 list
  // registers and 5 virtual priority bits; values: src/devices/gicv3-virt.ts through src/cpu/gic-cpuif.ts) ---
  reg('ICH_AP0R0_EL2', 3, 4, 12, 8, 0, { kind: 'gic', doc: 'GIC virtual Group 0 active priorities (ICV_AP0R0_EL1)' }),
  reg('ICH_AP1R0_EL2', 3, 4, 12, 9, 0, { kind: 'gic', doc: 'GIC virtual Group 1 active priorities (ICV_AP1R0_EL1)' }),
  reg('ICH_HCR_EL2', 3, 4, 12, 11, 0, {
    kind: 'gic',
    fields: [f('En', 0, 0, 'virtual CPU interface enable'), f('UIE', 1, 1), f('LRENPIE', 2, 2), f('NPIE', 3, 3), f('VGrp0EIE', 4, 4), f('VGrp0DIE', 5, 5), f('VGrp1EIE', 6, 6), f('VGrp1DIE', 7, 7), f('TC', 10, 10, 'trap EL1 CTLR/DIR/PMR/RPR/SGI accesses to EL2'), f('TALL0', 11, 11, 'trap EL1 Group 0 accesses to EL2'), f('TALL1', 12, 12, 'trap EL1 Group 1 accesses to EL2'), f('TSEI', 13, 13), f('TDIR', 14, 14, 'trap EL1 DIR accesses to EL2'), f('EOIcount', 31, 27)],
    doc: 'GIC virtual interface hypervisor control',
  }),
  reg('ICH_VTR_EL2', 3, 4, 12, 11, 1, { kind: 'gic', access: 'ro', fields: [f('ListRegs', 4, 0), f('TDS', 19, 19), f('nV4', 20, 20), f('A3V', 21, 21), f('IDbits', 25, 23), f('PREbits', 28, 26), f('PRIbits', 31, 29)], doc: 'GIC virtual interface type (0x90b80003)' }),
  reg('ICH_MISR_EL2', 3, 4, 12, 11, 2, { kind: 'gic', access: 'ro', fields: [f('EOI', 0, 0), f('U', 1, 1), f('LRENP', 2, 2), f('NP', 3, 3), f('VGrp0E', 4, 4), f('VGrp0D', 5, 5), f('VGrp1E', 6, 6), f('VGrp1D', 7, 7)], doc: 'GIC maintenance interrupt status' }),
  reg('ICH_EISR_EL2', 3, 4, 12, 11, 3, { kind: 'gic', access: 'ro', doc: 'GIC end-of-interrupt status: LRs awaiting an EOI maintenance interrupt' }),
  reg('ICH_ELRSR_EL2', 3, 4, 12, 11, 5, { kind: 'gic', access: 'ro', doc: 'GIC empty list register status' }),
  reg('ICH_VMCR_EL2', 3, 4, 12, 11, 7, {
    kind: 'gic',
    fields: [f('VENG0', 0, 0), f('VENG1', 1, 1), f('VFIQEn', 3, 3, 'RES1'), f('VCBPR', 4, 4), f('VEOIM', 9, 9), f('VBPR1', 20, 18), f('VBPR0', 23, 21), f('VPMR', 31, 24)],
    doc: 'GIC virtual machine control (the guest\'s ICV_* state)',
  }),
  ichLr(0), ichLr(1), ichLr(2), ichLr(3),

  // --- identification ---
  reg('MIDR_EL1', 3, 0, 0, 0, 0, {
    access: 'ro', kind: 'const', reset: (p) => p.id.midr, el1ReadsFrom: 'VPIDR_EL2',
    fields: [f('Revision', 3, 0), f('PartNum', 15, 4), f('Architecture', 19, 16), f('Variant', 23, 20), f('Implementer', 31, 24)],
    doc: 'main ID (EL1 reads VPIDR_EL2)',
  }),
  reg('MPIDR_EL1', 3, 0, 0, 0, 5, {
    access: 'ro', kind: 'const', reset: (p) => p.id.mpidr, el1ReadsFrom: 'VMPIDR_EL2',
    fields: [f('Aff0', 7, 0), f('Aff1', 15, 8), f('Aff2', 23, 16), f('MT', 24, 24), f('U', 30, 30, 'uniprocessor'), f('Aff3', 39, 32)],
    doc: 'multiprocessor affinity (EL1 reads VMPIDR_EL2)',
  }),
  reg('REVIDR_EL1', 3, 0, 0, 0, 6, { access: 'ro', kind: 'const', reset: (p) => p.id.revidr, trapRead: 'TID1', doc: 'revision ID' }),
  reg('VPIDR_EL2', 3, 4, 0, 0, 0, { reset: (p) => p.id.midr, doc: 'virtualization processor ID: what EL1 reads as MIDR_EL1' }),
  reg('VMPIDR_EL2', 3, 4, 0, 0, 5, { reset: (p) => p.id.mpidr, doc: 'virtualization multiprocessor ID: what EL1 reads as MPIDR_EL1' }),
  id('ID_PFR0_EL1', 1, 0, (p) => p.id.aa32.pfr0, 'AArch32 processor feature 0'),
  id('ID_PFR1_EL1', 1, 1, (p) => p.id.aa32.pfr1, 'AArch32 processor feature 1'),
  id('ID_DFR0_EL1', 1, 2, (p) => p.id.aa32.dfr0, 'AArch32 debug feature 0'),
  id('ID_AFR0_EL1', 1, 3, (p) => p.id.aa32.afr0, 'AArch32 auxiliary feature 0'),
  id('ID_MMFR0_EL1', 1, 4, (p) => p.id.aa32.mmfr0, 'AArch32 memory model feature 0'),
  id('ID_MMFR1_EL1', 1, 5, (p) => p.id.aa32.mmfr1, 'AArch32 memory model feature 1'),
  id('ID_MMFR2_EL1', 1, 6, (p) => p.id.aa32.mmfr2, 'AArch32 memory model feature 2'),
  id('ID_MMFR3_EL1', 1, 7, (p) => p.id.aa32.mmfr3, 'AArch32 memory model feature 3'),
  id('ID_ISAR0_EL1', 2, 0, (p) => p.id.aa32.isar0, 'AArch32 instruction set attribute 0'),
  id('ID_ISAR1_EL1', 2, 1, (p) => p.id.aa32.isar1, 'AArch32 instruction set attribute 1'),
  id('ID_ISAR2_EL1', 2, 2, (p) => p.id.aa32.isar2, 'AArch32 instruction set attribute 2'),
  id('ID_ISAR3_EL1', 2, 3, (p) => p.id.aa32.isar3, 'AArch32 instruction set attribute 3'),
  id('ID_ISAR4_EL1', 2, 4, (p) => p.id.aa32.isar4, 'AArch32 instruction set attribute 4'),
  id('ID_ISAR5_EL1', 2, 5, (p) => p.id.aa32.isar5, 'AArch32 instruction set attribute 5'),
  id('MVFR0_EL1', 3, 0, (p) => p.id.aa32.mvfr0, 'AArch32 media and VFP feature 0'),
  id('MVFR1_EL1', 3, 1, (p) => p.id.aa32.mvfr1, 'AArch32 media and VFP feature 1'),
  id('MVFR2_EL1', 3, 2, (p) => p.id.aa32.mvfr2, 'AArch32 media and VFP feature 2'),
  id('ID_AA64PFR0_EL1', 4, 0, (p) => p.id.aa64pfr0, 'AArch64 processor feature 0', [
    f('EL0', 3, 0), f('EL1', 7, 4), f('EL2', 11, 8), f('EL3', 15, 12), f('FP', 19, 16, '0: FP, 1: with half precision, 0b1111: none'),
    f('AdvSIMD', 23, 20, 'as FP'), f('GIC', 27, 24, 'GIC system registers'), f('RAS', 31, 28), f('SVE', 35, 32), f('SEL2', 39, 36, 'Secure EL2'),
    f('MPAM', 43, 40), f('AMU', 47, 44, 'activity monitors'), f('DIT', 51, 48, 'data-independent timing'), f('CSV2', 59, 56), f('CSV3', 63, 60),
  ]),
  id('ID_AA64PFR1_EL1', 4, 1, (p) => p.id.aa64pfr1, 'AArch64 processor feature 1 (v8.5; zero here)', [
    f('BT', 3, 0, 'branch target identification'), f('SSBS', 7, 4), f('MTE', 11, 8, 'memory tagging'), f('RAS_frac', 15, 12), f('MPAM_frac', 19, 16),
  ]),
  // ID_AA64ZFR0_EL1 (ARM §D24.2.98): its fields describe SVE, absent here (ID_AA64PFR0_EL1.SVE = 0), so it reads zero
  id('ID_AA64ZFR0_EL1', 4, 4, () => 0n, 'SVE feature 0 (no SVE: zero)', [
    f('SVEver', 3, 0), f('AES', 7, 4), f('BitPerm', 19, 16), f('BF16', 23, 20), f('SHA3', 35, 32), f('SM4', 43, 40), f('I8MM', 47, 44),
    f('F32MM', 55, 52), f('F64MM', 59, 56),
  ]),
  id('ID_AA64DFR0_EL1', 5, 0, (p) => p.id.aa64dfr0, 'AArch64 debug feature 0', [
    f('DebugVer', 3, 0, '6: ARMv8 debug'), f('TraceVer', 7, 4), f('PMUVer', 11, 8, '1: PMUv3'), f('BRPs', 15, 12, 'breakpoints - 1'),
    f('WRPs', 23, 20, 'watchpoints - 1'), f('CTX_CMPs', 31, 28, 'context-aware breakpoints - 1'), f('PMSVer', 35, 32, 'statistical profiling'),
    f('DoubleLock', 39, 36, '0: OS double lock implemented'), f('TraceFilt', 43, 40),
  ]),
  id('ID_AA64DFR1_EL1', 5, 1, (p) => p.id.aa64dfr1, 'AArch64 debug feature 1'),
  id('ID_AA64AFR0_EL1', 5, 4, () => 0n, 'AArch64 auxiliary feature 0'),
  id('ID_AA64AFR1_EL1', 5, 5, () => 0n, 'AArch64 auxiliary feature 1'),
  id('ID_AA64ISAR0_EL1', 6, 0, (p) => p.id.aa64isar0, 'AArch64 instruction set attribute 0', [
    f('AES', 7, 4, '1: AES, 2: and PMULL 64-bit'), f('SHA1', 11, 8), f('SHA2', 15, 12, '1: SHA256, 2: and SHA512'), f('CRC32', 19, 16),
    f('Atomic', 23, 20, 'LSE atomics'), f('TME', 27, 24), f('RDM', 31, 28, 'SQRDMLAH/SQRDMLSH'), f('SHA3', 35, 32), f('SM3', 39, 36), f('SM4', 43, 40),
    f('DP', 47, 44, 'dot product'), f('FHM', 51, 48, 'FMLAL/FMLSL'), f('TS', 55, 52, 'flag manipulation'), f('TLB', 59, 56, 'TLBI outer shareable and range'),
    f('RNDR', 63, 60),
  ]),
  id('ID_AA64ISAR1_EL1', 6, 1, (p) => p.id.aa64isar1, 'AArch64 instruction set attribute 1 (v8.2+; zero here)', [
    f('DPB', 3, 0, 'DC CVAP'), f('APA', 7, 4, 'pointer authentication (QARMA)'), f('API', 11, 8, 'pointer authentication (IMP DEF)'),
    f('JSCVT', 15, 12, 'FJCVTZS'), f('FCMA', 19, 16, 'FCMLA/FCADD'), f('LRCPC', 23, 20, 'LDAPR'), f('GPA', 27, 24, 'PACGA (QARMA)'),
    f('GPI', 31, 28, 'PACGA (IMP DEF)'), f('FRINTTS', 35, 32, 'FRINT32/64'), f('SB', 39, 36), f('SPECRES', 43, 40, 'CFP/DVP/CPP RCTX'),
    f('BF16', 47, 44), f('DGH', 51, 48), f('I8MM', 55, 52), f('XS', 59, 56, 'TLBI and DSB nXS'), f('LS64', 63, 60),
  ]),
  id('ID_AA64MMFR0_EL1', 7, 0, (p) => p.id.aa64mmfr0, 'AArch64 memory model feature 0', [
    f('PARange', 3, 0, '4: 44-bit PA'), f('ASIDBits', 7, 4, '2: 16-bit'), f('BigEnd', 11, 8), f('SNSMem', 15, 12), f('BigEndEL0', 19, 16), f('TGran16', 23, 20, '0: 16K absent'), f('TGran64', 27, 24, '0: 64K present'), f('TGran4', 31, 28, '0: 4K present'),
    f('TGran16_2', 35, 32, '0: stage 2 as TGran16'), f('TGran64_2', 39, 36), f('TGran4_2', 43, 40), f('ExS', 47, 44, 'non-context-synchronising exception entry/exit'),
  ]),
  id('ID_AA64MMFR1_EL1', 7, 1, (p) => p.id.aa64mmfr1, 'AArch64 memory model feature 1', [f('HAFDBS', 3, 0), f('VMIDBits', 7, 4, '0: 8-bit, 2: 16-bit'), f('VH', 11, 8, 'VHE'), f('HPDS', 15, 12), f('LO', 19, 16), f('PAN', 23, 20), f('SpecSEI', 27, 24), f('XNX', 31, 28)]),
  id('ID_AA64MMFR2_EL1', 7, 2, (p) => p.id.aa64mmfr2, 'AArch64 memory model feature 2 (v8.2; zero here)', [
    f('CnP', 3, 0, 'common not private'), f('UAO', 7, 4), f('LSM', 11, 8), f('IESB', 15, 12), f('VARange', 19, 16, '52-bit VA'), f('CCIDX', 23, 20),
    f('NV', 27, 24, 'nested virtualization'), f('ST', 31, 28, 'small translation tables'), f('AT', 35, 32, 'unaligned single-copy atomicity'), f('IDS', 39, 36),
    f('FWB', 43, 40), f('TTL', 51, 48), f('BBM', 55, 52), f('EVT', 59, 56), f('E0PD', 63, 60),
  ]),
  reg('CTR_EL0', 3, 3, 0, 0, 1, {
    access: 'ro', kind: 'const', reset: (p) => p.id.ctr, el0Gate: 'SCTLR_EL1.UCT', trapRead: 'TID2',
    fields: [f('IminLine', 3, 0), f('L1Ip', 15, 14), f('DminLine', 19, 16), f('ERG', 23, 20), f('CWG', 27, 24)],
    doc: 'cache type',
  }),
  reg('DCZID_EL0', 3, 3, 0, 0, 7, { access: 'ro', kind: 'computed', reset: (p) => BigInt(p.id.dczidBs), fields: [f('BS', 3, 0, 'log2(block size in words)'), f('DZP', 4, 4, 'DC ZVA prohibited')], doc: 'data cache zero ID' }),
  reg('CCSIDR_EL1', 3, 1, 0, 0, 0, { access: 'ro', kind: 'computed', trapRead: 'TID2', doc: 'current cache size ID (selected by CSSELR_EL1)' }),
  reg('CLIDR_EL1', 3, 1, 0, 0, 1, { access: 'ro', kind: 'const', reset: (p) => p.id.clidr, trapRead: 'TID2', doc: 'cache level ID' }),
  reg('AIDR_EL1', 3, 1, 0, 0, 7, { access: 'ro', kind: 'const', reset: (p) => p.id.aidr, trapRead: 'TID1', doc: 'auxiliary ID' }),
  reg('CSSELR_EL1', 3, 2, 0, 0, 0, { res0: res0Except(bits(3, 0)), trapRead: 'TID2', trapWrite: 'TID2', fields: [f('InD', 0, 0, 'instruction cache'), f('Level', 3, 1, 'cache level - 1')], doc: 'cache size selection' }),
];

export type SysRegName = (typeof SYSREGS)[number]['name'];

/** The ICH_<r>_EL2 rows by their middle name (src/cpu/gic-cpuif.ts, src/devices/gicv3-virt.ts). */
export const ICH_REGISTERS = ['AP0R0', 'AP1R0', 'HCR', 'VTR', 'MISR', 'EISR', 'ELRSR', 'VMCR', 'LR0', 'LR1', 'LR2', 'LR3'] as const;
export type IchRegister = (typeof ICH_REGISTERS)[number];
/** ICH_HCR_EL2's single-bit fields (IHI 0069; EOIcount is 31:27). */
export const ICH_HCR = {
  En: 1 << 0, UIE: 1 << 1, LRENPIE: 1 << 2, NPIE: 1 << 3, VGrp0EIE: 1 << 4, VGrp0DIE: 1 << 5, VGrp1EIE: 1 << 6,
  VGrp1DIE: 1 << 7, TC: 1 << 10, TALL0: 1 << 11, TALL1: 1 << 12, TSEI: 1 << 13, TDIR: 1 << 14,
} as const;

/** Register index by name: `SR.HCR_EL2` is the slot of HCR_EL2 in a SysRegFile. */
export const SR = Object.fromEntries(SYSREGS.map((r, i) => [r.name, i])) as Readonly<Record<SysRegName, number>>;

/** Register index by encoding key (encKey = instruction bits 20:5 of MRS/MSR), -1 when unallocated. */
export const SYSREG_BY_KEY: Int16Array = (() => {
  const t = new Int16Array(1 << 16).fill(-1);
  SYSREGS.forEach((r, i) => {
    const k = encKey(...r.enc);
    if (t[k] !== -1) throw new Error(`system-register table: ${r.name} and ${SYSREGS[t[k]!]!.name} share an encoding`);
    t[k] = i;
  });
  return t;
})();

export function sysregIndexByEncoding(op0: number, op1: number, crn: number, crm: number, op2: number): number {
  return SYSREG_BY_KEY[encKey(op0, op1, crn, crm, op2) & 0xffff]!;
}

/** The name tools print for an encoding: the register's, or the generic S<op0>_<op1>_C<n>_C<m>_<op2> when it is
 *  unallocated or IMPLEMENTATION DEFINED (CRn 11/15: such registers have no architected name — L2CTLR_EL1 is
 *  Cortex-A57's; objdump prints s3_1_c11_c0_2). The assembler accepts both. */
export function sysregText(op0: number, op1: number, crn: number, crm: number, op2: number): string {
  const index = sysregIndexByEncoding(op0, op1, crn, crm, op2);
  return index >= 0 && !isImpdefEncoding(op0, crn) ? SYSREGS[index]!.name : genericSysregName(op0, op1, crn, crm, op2);
}

/** The register named by the fields of an MSR (register) or MRS word (op0 = 2 + o0: ARM C5.3 "op0 is 2 + o0"):
 *  its index, -1 when unallocated, and its name as tools print it (sysregText). */
export function sysregOfFields(f: Readonly<Record<string, number>>): { readonly index: number; readonly name: string } {
  const enc = [2 + f.o0!, f.op1!, f.CRn!, f.CRm!, f.op2!] as const;
  return { index: sysregIndexByEncoding(...enc), name: sysregText(...enc) };
}

const byUpperName = new Map<string, number>(SYSREGS.map((r, i) => [r.name.toUpperCase(), i]));
/** Case-insensitive lookup (assembly accepts `hcr_el2` and `HCR_EL2`), -1 when unknown. */
export function sysregIndexByName(name: string): number {
  return byUpperName.get(name.toUpperCase()) ?? -1;
}

/**
 * Unused encodings of the Feature ID space that read as zero (ARM §D23.3): op0=3, op1=0, CRn=0, CRm=2..7 only.
 * (Unused encodings with CRm=0, or op1=1/3, are UNDEFINED without FEAT_IDST.) EL1 reads are trapped by
 * HCR_EL2.TID3 as QEMU does (IMPLEMENTATION DEFINED without FEAT_FGT).
 */
export function isRazIdEncoding(op0: number, op1: number, crn: number, crm: number): boolean {
  return op0 === 3 && op1 === 0 && crn === 0 && crm >= 2 && crm <= 7; // CRm 8..15 lie outside the ID space: UNDEFINED
}

/**
 * IMPLEMENTATION DEFINED space of registers (op0=3) and SYS instructions (op0=1), CRn=11 or 15: EL1 accesses are
 * trapped by HCR_EL2.TIDCP (ARM §D24.2.62); the model implements nothing there.
 */
export function isImpdefEncoding(op0: number, crn: number): boolean {
  return (op0 === 1 || op0 === 3) && (crn === 11 || crn === 15);
}

/** Per-profile write masks as typed arrays (MSR: value & keep[i] | res1[i]). */
export interface SysRegMasks {
  readonly keep: BigUint64Array;
  readonly res1: BigUint64Array;
}
const maskCache = new Map<Profile, SysRegMasks>();
export function sysregMasks(p: Profile): SysRegMasks {
  let m = maskCache.get(p);
  if (m === undefined) {
    m = {
      keep: BigUint64Array.from(SYSREGS.map((r) => ALL & ~r.res0(p))),
      res1: BigUint64Array.from(SYSREGS.map((r) => r.res1(p))),
    };
    maskCache.set(p, m);
  }
  return m;
}
