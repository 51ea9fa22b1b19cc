// The context table: one entry per context with the values the switch loads (HCR_EL2, VTTBR_EL2 with the stage-2
// root, VTCR_EL2), the hypervisor's bookkeeping, the GPRs, and the registers the switch saves and restores
// (context-state.ts SWITCHED) or emulates (EMULATED). Its layout is computed here, once, and emitted twice as
// assembly: `context.S` (the entry's offsets, the switch's save/restore macros and the boot's trap setup, all
// generated from context-state.ts) and `config.S` (the scenario's contexts as table data).
import { CORTEX_A57 } from '../arch/profiles.ts';
import { field, masks64, type FieldBits, type FieldName } from '../arch/reg-fields.ts';
import { SR, SYSREGS, type SysRegName } from '../arch/sysreg-table.ts';
import {
  EC_DABT_LOWER, EC_DABT_SAME, EC_FP, EC_HVC, EC_IABT_LOWER, EC_IABT_SAME, EC_ILLEGAL, EC_SVC, EC_SYSREG, ESR_EC_SHIFT, ISS_FSC,
  ISS_FSC_KIND, ISS_FSC_LEVEL, ISS_ISV, ISS_S1PTW, ISS_SAS_SHIFT, ISS_SF, ISS_SRT_SHIFT, ISS_SSE, ISS_WNR, SYSREG_TRAP_ENCODING, sysregTrapIss,
} from '../arch/syndrome.ts';
import { fieldBit } from '../arch/sysreg-traps.ts';
import { hex64 } from '../bits/bits.ts';
import { EMULATED, HYP_TRAPS, STORED, SWITCHED, type SwitchedReg } from './context-state.ts';
import { vpsciEqus, vpsciTableSource } from './vpsci.ts';
import { VGIC_BYTES, vgicEqus, vgicReset } from './vgic.ts';
import { VGICD_BYTES, vgicdEqus, vgicdReset, vgicdTableSource } from './vgicd.ts';
import { VUART_BYTES, vuartEqus, vuartIdBytes, vuartReset } from './vuart.ts';

/** HCR_EL2 field masks (ARM §D24.2.62; ARCH-NOTES §1a), from the system-register table. */
export const HCR = masks64('HCR_EL2');

/** What boot sets (src/hyp/asm/boot.S): EL1 AArch64, physical interrupts to EL2, SMC trapped. */
export const HCR_HYP = HCR.RW | HCR.FMO | HCR.IMO | HCR.AMO | HCR.TSC;

/** CPACR_EL1.FPEN = 0b11: FP/SIMD untrapped at EL0 and EL1 (ARM §D24.2.30). */
export const CPACR_FP_ON = masks64('CPACR_EL1').FPEN;

/** SPSR values: EL1h with DAIF masked (a VM's first entry), EL0t (a native app). */
export const SPSR_EL1H = 0x3c5n;
export const SPSR_EL0T = 0n;
/** SCTLR_EL1 as a context starts: the cortex-a57 reset value (QEMU: 0x00C50838, MMU off) with its RES1 bits set, as
 *  software must write them (ARM §D24.2 SCTLR_EL1; on v8.0 bits 29:28, 23, 22, 20 and 11) — so that the value a
 *  context reads back is the same on twostage, which sets RES1 bits on write, and on QEMU, which keeps what is written. */
export const SCTLR_EL1_INIT = SYSREGS[SR.SCTLR_EL1]!.reset(CORTEX_A57) | SYSREGS[SR.SCTLR_EL1]!.res1(CORTEX_A57);

export interface ContextRegs {
  readonly name: string;
  readonly kind: 'vm' | 'native';
  readonly hcr: bigint;
  readonly vttbr: bigint;
  readonly vtcr: bigint;
  readonly ttbr0: bigint;
  readonly tcr: bigint;
  readonly mair: bigint;
  readonly sctlr: bigint;
  /** CPACR_EL1 as the context starts: a VM's own kernel sets it (0, its reset value); a native app gets FP/SIMD at EL0
   *  (FPEN = 0b11), as an OS gives its processes — the hypervisor is the app's EL1. */
  readonly cpacr: bigint;
  readonly vbar: bigint;
  readonly elr: bigint;
  readonly spsr: bigint;
  /** VA of the EL1 shim page in this context's stage 1 (native apps under el1-shim, el1-shim-s2), 0 for none. */
  readonly shim: bigint;
  /** A vGIC: its GICC is GICV (a Linux VM; vgic.ts). */
  readonly vgic?: boolean;
}

/** VTCR_EL2 for an IPA size and granule (ARM §D24.2.224; ARCH-NOTES §5): walks WB inner shareable, PS = 44 bits. */
export function vtcrFor(ipaBits: number, granule: 4 | 64, sl0: number): bigint {
  return (
    BigInt(64 - ipaBits) | // T0SZ
    (BigInt(sl0) << 6n) | // SL0
    (1n << 8n) | // IRGN0: write-back
    (1n << 10n) | // ORGN0: write-back
    (3n << 12n) | // SH0: inner shareable
    ((granule === 64 ? 1n : 0n) << 14n) | // TG0
    (4n << 16n) | // PS: 44 bits
    (1n << 31n) // RES1
  );
}

/** TCR_EL1 for a hypervisor-owned stage 1 over TTBR0 only (ARM §D24.2.194; ARCH-NOTES §6). */
export function tcrFor(vaBits: number, granule: 4 | 64): bigint {
  return (
    BigInt(64 - vaBits) | // T0SZ
    (1n << 8n) | // IRGN0
    (1n << 10n) | // ORGN0
    (3n << 12n) | // SH0
    ((granule === 64 ? 1n : 0n) << 14n) | // TG0: 00 4K, 01 64K
    (1n << 23n) | // EPD1: no TTBR1 walks
    (4n << 32n) // IPS: 44 bits
  );
}

const q = (v: bigint): string => hex64(v);

/** The hypervisor's own fields of an entry, in order (offsets 0, 8, …). */
const FIXED: readonly (readonly [string, string])[] = [
  ['C_HCR', 'HCR_EL2 while this context runs'],
  ['C_VTTBR', 'VTTBR_EL2: BADDR; the VMID (bits 55:48) is filled in when one is allocated'],
  ['C_VTCR', 'VTCR_EL2'],
  ['C_STATE', '0 runnable, 1 finished, 2 stopped by the hypervisor'],
  ['C_VMIDGEN', 'generation << 8 | VMID (0: none allocated yet)'],
  ['C_NAME', 'address of the context\'s name (NUL-terminated)'],
  ['C_SLICES', 'slices used so far'],
  ['C_KIND', '0 VM, 1 native app'],
  ['C_SPENT', 'its instructions in the current slice so far (irq.S; 0 = a fresh slice)'],
];
const GPRS = 31;
/** LDP/STP of X registers reach offsets up to 504 from their base register (imm7 × 8). */
const PAIR_REACH = 504;
const align16 = (n: number): number => (n + 15) & ~15;
/** V0–V31, 16 bytes each. */
const V_BYTES = 32 * 16;

export interface ContextLayout {
  /** Offset of every named field: C_HCR … C_SPENT, C_GPR, C_SYS, C_<register> for each switched or emulated one, and
   *  the FP/SIMD state C_V, C_FPCR, C_FPSR. */
  readonly offsets: ReadonlyMap<string, number>;
  /** Entry size (a power of two) and its log2. */
  readonly size: number;
  readonly shift: number;
}

/** The entry layout: the fixed fields, X0–X30 (LDP/STP-reachable from the entry), then the registers block at C_SYS. */
export function contextLayout(): ContextLayout {
  const offsets = new Map<string, number>();
  FIXED.forEach(([name], i) => offsets.set(name, i * 8));
  const gpr = align16(FIXED.length * 8);
  offsets.set('C_GPR', gpr);
  const sys = align16(gpr + GPRS * 8);
  offsets.set('C_SYS', sys);
  [...SWITCHED.map((r) => r.reg), ...EMULATED].forEach((reg, i) => offsets.set(`C_${reg}`, sys + i * 8));
  // the lazily switched FP/SIMD state (context-state.ts LAZY): V0–V31, then FPCR and FPSR right after them, where
  // fp_trap's post-indexed Q pairs leave their pointer
  // the emulated PL011's registers (vuart.ts), the emulated GIC distributor's state (vgicd.ts), the virtual interface's
  // (vgic.ts), then the FP/SIMD state
  const uart = align16(sys + (SWITCHED.length + EMULATED.length) * 8);
  offsets.set('C_UART', uart);
  const gicd = align16(uart + VUART_BYTES);
  offsets.set('C_GICD', gicd);
  const vgic = align16(gicd + VGICD_BYTES);
  offsets.set('C_VGIC', vgic);
  const v = align16(vgic + VGIC_BYTES);
  offsets.set('C_V', v);
  offsets.set('C_FPCR', v + V_BYTES);
  offsets.set('C_FPSR', v + V_BYTES + 8);
  const end = v + V_BYTES + 16;
  if (gpr + (GPRS - 3) * 8 > PAIR_REACH || SWITCHED.length * 8 - 16 > PAIR_REACH) throw new Error('context layout: a pair is beyond LDP/STP reach');
  const shift = Math.ceil(Math.log2(end));
  return { offsets, size: 1 << shift, shift };
}

export const LAYOUT = contextLayout();
const off = (name: string): number => LAYOUT.offsets.get(name)!;

/** The value a switched register starts from in a context's entry. */
export function initial(r: SwitchedReg, c: ContextRegs): bigint {
  return r.init === undefined ? 0n : c[r.init];
}

/** The register fields the hypervisor's assembly names, and the symbol each gets in context.S. */
const asmField = <R extends SysRegName>(reg: R, name: FieldName<R>, sym: string): { readonly sym: string; readonly f: FieldBits } => ({ sym, f: field(reg, name) });
const ASM_FIELDS = [
  asmField('HCR_EL2', 'VM', 'HCR_VM'), asmField('HCR_EL2', 'DC', 'HCR_DC'), asmField('HCR_EL2', 'FMO', 'HCR_FMO'), asmField('HCR_EL2', 'IMO', 'HCR_IMO'),
  asmField('HCR_EL2', 'AMO', 'HCR_AMO'), asmField('HCR_EL2', 'TSC', 'HCR_TSC'), asmField('HCR_EL2', 'RW', 'HCR_RW'),
  asmField('CPTR_EL2', 'TFP', 'CPTR_TFP'), asmField('TCR_EL1', 'EPD0', 'TCR_EPD0'), asmField('TCR_EL1', 'EPD1', 'TCR_EPD1'), asmField('SCTLR_EL1', 'M', 'SCTLR_M'),
];

/** Single-bit fields the code tests with TBZ/TBNZ: their bit numbers. */
const ASM_BITS = [asmField('CNTKCTL_EL1', 'EL0PTEN', 'CNTKCTL_EL0PTEN_BIT')];

/** The position of the one set bit of `mask` (a layout fact the generated code relies on; throws otherwise). */
function bitOf(mask: number, what: string): number {
  if (mask <= 0 || (mask & (mask - 1)) !== 0) throw new Error(`${what}: 0x${mask.toString(16)} is not one bit`);
  return 31 - Math.clz32(mask);
}

/**
 * The syndrome layouts the hypervisor's code decodes (src/arch/syndrome.ts): ESR_ELx.EC, the exception classes it
 * dispatches on, the abort ISS fields it prints, and the EC 0x18 ISS fields lazy.S reads.
 */
function syndromeEqus(): [string, number, string][] {
  const trap = (f: Partial<Parameters<typeof sysregTrapIss>[0]>): number => sysregTrapIss({ op0: 0, op1: 0, crn: 0, crm: 0, op2: 0, rt: 0, read: 0, ...f });
  // EC 0x20/0x21 and 0x24/0x25 differ in one bit: instruction or data abort
  const dataBit = bitOf(EC_DABT_LOWER - EC_IABT_LOWER, 'EC data-abort bit');
  if (EC_DABT_SAME - EC_IABT_SAME !== 1 << dataBit || EC_IABT_SAME - EC_IABT_LOWER !== 1) throw new Error('abort EC layout');
  return [
    ['ESR_EC_SHIFT', ESR_EC_SHIFT, 'ESR_ELx.EC is bits 31:26'],
    ['EC_FP', EC_FP, 'FP/SIMD access trapped (CPTR_EL2.TFP)'],
    ['EC_ILLEGAL', EC_ILLEGAL, 'illegal execution state (an illegal exception return)'],
    ['EC_SVC64', EC_SVC, 'SVC from AArch64'],
    ['EC_HVC64', EC_HVC, 'HVC from AArch64'],
    ['EC_SYSREG', EC_SYSREG, 'MSR, MRS or System instruction trapped'],
    ['EC_IABT_LOWER', EC_IABT_LOWER, 'instruction abort from a lower EL; +1 from the same EL'],
    ['EC_DABT_LOWER', EC_DABT_LOWER, 'data abort from a lower EL; +1 from the same EL'],
    ['EC_DABT_SAME', EC_DABT_SAME, 'data abort from the same EL: the last EC that reports FAR'],
    ['EC_ABORT_DATA_BIT', dataBit, 'the EC bit that tells a data abort from an instruction abort'],
    ['ISS_FSC', ISS_FSC, 'DFSC/IFSC'],
    ['ISS_FSC_KIND', ISS_FSC_KIND, 'FSC[5:2]: 0 address size, 1 translation, 2 access flag, 3 permission'],
    ['ISS_FSC_LEVEL', ISS_FSC_LEVEL, 'FSC[1:0]: the level of those four kinds'],
    ['ISS_WNR_BIT', bitOf(ISS_WNR, 'ISS.WnR'), 'ISS.WnR: a write'],
    ['ISS_S1PTW_BIT', bitOf(ISS_S1PTW, 'ISS.S1PTW'), 'ISS.S1PTW: a stage-2 fault on a stage-1 table walk'],
    ['ISS_ISV_BIT', bitOf(ISS_ISV, 'ISS.ISV'), 'ISS.ISV: SAS, SSE, SRT, SF hold the instruction syndrome'],
    ['ISS_SAS_SHIFT', ISS_SAS_SHIFT, 'ISS.SAS[23:22]: the access is 1 << SAS bytes'],
    ['ISS_SSE_BIT', bitOf(ISS_SSE, 'ISS.SSE'), 'ISS.SSE: the load sign-extends'],
    ['ISS_SRT_SHIFT', ISS_SRT_SHIFT, 'ISS.SRT[20:16]: the transfer register'],
    ['ISS_SF_BIT', bitOf(ISS_SF, 'ISS.SF'), 'ISS.SF: Rt is an X register'],
    ['ISS_SYS_OP2_SHIFT', bitOf(trap({ op2: 1 }), 'ISS.Op2'), 'EC 0x18 ISS.Op2 (3 bits)'],
    ['ISS_SYS_RT_SHIFT', bitOf(trap({ rt: 1 }), 'ISS.Rt'), 'EC 0x18 ISS.Rt (5 bits)'],
    ['ISS_SYS_DIR_BIT', bitOf(trap({ read: 1 }), 'ISS.Dir'), 'EC 0x18 ISS.Dir: 1 a read (MRS)'],
    // SPSR_ELx.M[3:2] is the Exception level the exception came from (M[0] the stack pointer; ARM §D1.2.3)
    ['SPSR_M_EL', Number(field('SPSR_EL2', 'M').mask64) & ~3, 'SPSR_ELx.M[3:2]: the EL taken from'],
  ];
}

/** The MSR/MRS name of a register as the assembler takes it. */
const asmName = (reg: SysRegName): string => reg.toLowerCase();
const hexOff = (n: number): string => `0x${n.toString(16)}`;

/**
 * The ISS of a trapped MSR/MRS of the EL1 physical timer without Op2, Rt and Dir (EC 0x18, src/arch/syndrome.ts), and
 * the mask that keeps the compared fields: lazy.S recognises CNTP_TVAL/CTL/CVAL_EL0 (Op2 0/1/2) with them. From the
 * rows' encodings.
 */
function cntpIss(): { iss: number; mask: number } {
  const [op0, op1, crn, crm] = SYSREGS[SR.CNTP_CTL_EL0]!.enc;
  const iss = sysregTrapIss({ op0, op1, crn, crm, op2: 0, rt: 0, read: 0 });
  return { iss, mask: SYSREG_TRAP_ENCODING & ~sysregTrapIss({ op0: 0, op1: 0, crn: 0, crm: 0, op2: 7, rt: 0, read: 0 }) };
}

/**
 * `context.S`: the entry layout as `.equ`s, and three macros generated from context-state.ts —
 * `save_switched` (x19 = the outgoing entry) and `restore_switched` (x20 = the incoming one), which move every
 * SWITCHED register through its slot with x0–x2, restoring in the list's order; and `hyp_traps_init`, the boot's
 * read-modify-write of CPTR_EL2, MDCR_EL2 and CNTHCTL_EL2 with HYP_TRAPS. `switched` replaces the list the code is
 * generated from (the layout stays): the test of the run-time check builds mutants with it.
 */
export function contextSource(switched: readonly SwitchedReg[] = SWITCHED): string {
  const doc = new Map(FIXED);
  const out: string[] = [
    '// Generated by src/hyp/context-table.ts from src/hyp/context-state.ts: the context-table entry, the switch\'s',
    '// save and restore of every switched register, and the EL2 traps the boot sets for every context.',
    ...[...LAYOUT.offsets].map(([name, o]) => `    .equ ${name}, ${hexOff(o)}${doc.has(name) ? `    // ${doc.get(name)}` : name === 'C_GPR' ? '    // X0–X30' : name === 'C_SYS' ? '    // the switched registers, then the emulated ones' : name === 'C_V' ? '    // V0–V31, saved and loaded by lazy.S fp_trap' : ''}`),
    `    .equ CTX_SIZE, ${hexOff(LAYOUT.size)}`,
    `    .equ CTX_SHIFT, ${LAYOUT.shift}`,
  ];
  out.push('// Register fields the hypervisor\'s code sets or tests, from the system-register table.');
  for (const { sym, f } of ASM_FIELDS) out.push(`    .equ ${sym}, ${hexOff(Number(f.mask64))}    // ${f.reg}.${f.name}`);
  for (const { sym, f } of ASM_BITS) out.push(`    .equ ${sym}, ${bitOf(Number(f.mask64), sym)}    // ${f.reg}.${f.name}`);
  out.push('// Syndrome layouts the hypervisor decodes, from src/arch/syndrome.ts.');
  for (const [sym, v, doc] of syndromeEqus()) out.push(`    .equ ${sym}, ${hexOff(v)}    // ${doc}`);
  out.push('// What the VM\'s emulated PL011, GIC distributor and PSCI answer with (vuart.ts, vgicd.ts, vpsci.ts).');
  for (const [sym, v, doc] of [...vuartEqus(), ...vgicdEqus(), ...vgicEqus(), ...vpsciEqus()]) out.push(`    .equ ${sym}, ${hexOff(v)}    // ${doc}`);
  const { iss, mask } = cntpIss();
  out.push(`    .equ CNTP_ISS, ${hexOff(iss)}          // a trapped CNTP_*_EL0 access: ISS without Op2, Rt, Dir (lazy.S)`, `    .equ CNTP_ISS_MASK, ${hexOff(mask)}`);
  // pairs of registers through x0/x1, addressed from x2 = the entry's C_SYS
  const pairs: SwitchedReg[][] = [];
  for (let i = 0; i < switched.length; i += 2) pairs.push(switched.slice(i, i + 2));
  const slot = (r: SwitchedReg): number => off(`C_${r.reg}`) - off('C_SYS');
  const adjacent = (p: SwitchedReg[]): boolean => p.length === 2 && slot(p[1]!) === slot(p[0]!) + 8;
  out.push('', '// The outgoing context\'s switched registers into its entry (x19); clobbers x0–x2.', '    .macro save_switched', '    add x2, x19, #C_SYS');
  for (const p of pairs) {
    p.forEach((r, k) => out.push(`    mrs x${k}, ${asmName(r.reg)}`));
    if (adjacent(p)) out.push(`    stp x0, x1, [x2, #${slot(p[0]!)}]`);
    else p.forEach((r, k) => out.push(`    str x${k}, [x2, #${slot(r)}]`));
  }
  out.push('    .endm', '', '// The incoming context\'s switched registers from its entry (x20), in SWITCHED order; clobbers x0–x2.', '    .macro restore_switched', '    add x2, x20, #C_SYS');
  for (const p of pairs) {
    if (adjacent(p)) out.push(`    ldp x0, x1, [x2, #${slot(p[0]!)}]`);
    else p.forEach((r, k) => out.push(`    ldr x${k}, [x2, #${slot(r)}]`));
    p.forEach((r, k) => {
      if (r.hookBefore !== undefined) out.push(`    ${r.hookBefore}`);
      out.push(`    msr ${asmName(r.reg)}, x${k}`);
    });
  }
  out.push(
    '    .endm', '',
    '// A trapped MSR/MRS of a STORED register (context-state.ts) branches to stored_access with x2 = its slot\'s offset',
    '// in the entry (lazy.S); any other falls through. Clobbers x0–x2.',
    '    .macro stored_dispatch',
    `    mov x0, #${hexOff(SYSREG_TRAP_ENCODING & 0xffff)}`,
    `    movk x0, #${hexOff(SYSREG_TRAP_ENCODING >>> 16)}, lsl #16`,
    '    and x0, x21, x0               // the ISS without Rt and Dir: the register\'s encoding',
  );
  for (const reg of STORED) {
    const [op0, op1, crn, crm, op2] = SYSREGS[SR[reg]]!.enc;
    const iss = sysregTrapIss({ op0, op1, crn, crm, op2, rt: 0, read: 0 });
    out.push(`    mov x1, #${hexOff(iss & 0xffff)}`, `    movk x1, #${hexOff(iss >>> 16)}, lsl #16    // ${reg}`, `    mov x2, #C_${reg}`, '    cmp x0, x1', '    b.eq stored_access');
  }
  out.push('    .endm', '', '// The EL2 traps every context runs under (context-state.ts HYP_TRAPS), set bit by bit on their reset values.', '    .macro hyp_traps_init');
  for (const reg of [...new Set(HYP_TRAPS.map((t) => t.reg))]) {
    out.push(`    mrs x0, ${asmName(reg)}`);
    for (const t of HYP_TRAPS.filter((x) => x.reg === reg)) {
      out.push(`    ${t.value === 1 ? 'orr' : 'bic'} x0, x0, #(1 << ${fieldBit(reg, t.field)})    // ${reg}.${t.field} = ${t.value}: ${t.why}`);
    }
    out.push(`    msr ${asmName(reg)}, x0`);
  }
  out.push('    .endm');
  return out.join('\n') + '\n';
}

/** The generated `config.S`: scalar settings, context names and the table itself, entry by entry as LAYOUT says. */
export function configSource(ctxs: readonly ContextRegs[], slices: number, skipDenied: boolean, sliceInsns = 0, input?: number): string {
  const out: string[] = [
    '// Generated by src/hyp/context-table.ts — the scenario\'s contexts and settings.',
    '    .balign 8',
    `ctx_count:      .quad ${ctxs.length}`,
    `slice_limit:    .quad ${slices}`,
    `slice_insns:    .quad ${sliceInsns}          // a slice ends after this many of the context's instructions (irq.S)`,
    `on_denied_skip: .quad ${skipDenied ? 1 : 0}`,
    `input_ctx:      .quad ${input === undefined ? '0' : `ctx_table + ${input} * CTX_SIZE`}          // the context the machine's UART input goes to (vuart.S), 0: none`,
  ];
  ctxs.forEach((c, i) => out.push(`name_${i}: .asciz "${c.name}"`));
  out.push(`    .balign ${LAYOUT.size}`, 'ctx_table:');
  ctxs.forEach((c, i) => {
    const fixed: Record<string, string> = { C_HCR: q(c.hcr), C_VTTBR: q(c.vttbr), C_VTCR: q(c.vtcr), C_NAME: `name_${i}`, C_KIND: c.kind === 'vm' ? '0' : '1' };
    out.push(
      `    // ${i}: ${c.name} (${c.kind})`,
      `    .quad ${FIXED.map(([n]) => fixed[n] ?? '0').join(', ')}   // ${FIXED.map(([n]) => n.slice(2)).join(', ')}`,
      `    .space ${off('C_SYS') - FIXED.length * 8}, 0          // X0–X30 at C_GPR`,
      ...SWITCHED.map((r) => `    .quad ${q(initial(r, c))}          // ${r.reg}`),
      `    .space ${off('C_UART') - off('C_SYS') - SWITCHED.length * 8}, 0          // ${EMULATED.join(', ')} (0)`,
      `    .word ${vuartReset().map(hexOff).join(', ')}   // C_UART: the emulated PL011 at reset (vuart.ts)`,
      '    .balign 16',
      `    .word ${vgicdReset().map(hexOff).join(', ')}   // C_GICD: the emulated distributor at reset (vgicd.ts)`,
      '    .balign 16',
      `    .word ${vgicReset(c.vgic === true).map(hexOff).join(', ')}   // C_VGIC: GICH state (vgic.ts)`,
      `    .balign ${LAYOUT.size}, 0                  // the rest of the entry`,
    );
  });
  out.push(
    '    .balign 8',
    'ctx_shim:                                     // per context: its EL1 shim page\'s VA, 0 for none (hvc.S)',
    ...ctxs.map((c, i) => `    .quad ${q(c.shim)}   // ${i}: ${c.name}`),
    `vuart_id:   .byte ${vuartIdBytes().map(hexOff).join(', ')}   // the emulated PL011's PeriphID0–3, PCellID0–3 (vuart.S)`,
    '    .balign 8',
    vpsciTableSource(),
    vgicdTableSource(),
    `deny_seen:  .space ${ctxs.length} * 8                 // per context: denied accesses it caused (abort.S)`,
    '    .balign 32',
    `deny_log:   .space ${ctxs.length} * LOG_PER_CTX * LOG_ENTRY   // per context: its first LOG_PER_CTX records`,
  );
  return out.join('\n') + '\n';
}
