// Encoding rows: integer loads and stores (ARM C4.1.88 "Loads and Stores"; bit 26 (V) = 0 throughout — the
// SIMD&FP forms live in fpsimd.ts). Rows are generated from the Arm ARM's size/opc tables so that every
// allocated combination has exactly one row; unallocated combinations (e.g. LDRSW to W, LDPSW no-allocate,
// STGP, v8.1+ LSE/LOR/RCpc encodings) have none and decode as UNDEFINED.
// Fields the Arm ARM marks "(1)" (Rs/Rt2 of the single-register exclusives and ordered accesses, Rs of the
// exclusive pair loads) are "(1)" here too (Encoding.sbo): other values are CONSTRAINED UNPREDICTABLE and execute as
// if the bits were set, as on QEMU 7.2 (binutils 2.40 disassembles some of them, not all).
// Id scheme: <MNEMONIC>[_W|_X]_<form>, form ∈ uoff (unsigned offset), pre, post, reg, lit; LDUR*/STUR*,
// LDTR*/STTR*, LDNP/STNP and the exclusives are their own mnemonics and carry no form suffix.
import type { RowSpec } from '../encoding.ts';

/**
 * The Arm ARM's encoding groups of the integer loads and stores (C4.1.88), one per kind of addressing or
 * ordering: what a reader needs besides the diagram to treat a row (the executor binds one handler per group).
 */
export type LdstForm =
  | 'uoff' | 'post' | 'pre' | 'reg' | 'unscaled' | 'unpriv' | 'lit' | 'prefetch' | 'prefetch-reg' | 'pair'
  | 'excl-store' | 'excl-load' | 'store-release' | 'load-acquire' | 'excl-store-pair' | 'excl-load-pair';

const FORM = new Map<string, LdstForm>();

function row(id: string, mnemonic: string, diagram: string, form: LdstForm): RowSpec {
  FORM.set(id, form);
  return { id, mnemonic, cls: 'ldst', diagram };
}

/** Single-register loads/stores: [id stem, mnemonic, size bits, opc bits] (ARM C4.1.88, size:opc tables). */
const SINGLE: readonly (readonly [string, string, string, string])[] = [
  ['STRB', 'strb', '00', '00'],
  ['LDRB', 'ldrb', '00', '01'],
  ['LDRSB_X', 'ldrsb', '00', '10'],
  ['LDRSB_W', 'ldrsb', '00', '11'],
  ['STRH', 'strh', '01', '00'],
  ['LDRH', 'ldrh', '01', '01'],
  ['LDRSH_X', 'ldrsh', '01', '10'],
  ['LDRSH_W', 'ldrsh', '01', '11'],
  ['STR_W', 'str', '10', '00'],
  ['LDR_W', 'ldr', '10', '01'],
  ['LDRSW', 'ldrsw', '10', '10'],
  ['STR_X', 'str', '11', '00'],
  ['LDR_X', 'ldr', '11', '01'],
];

/** LDRB → LDURB / LDTRB, STR_W → STUR_W / STTR_W: the unscaled and unprivileged mnemonics. */
function renamed(stem: string, infix: 'UR' | 'TR'): string {
  return stem.slice(0, 2) + infix + stem.slice(3);
}

function singleRegisterRows(): RowSpec[] {
  const rows: RowSpec[] = [];
  for (const [stem, mn, size, opc] of SINGLE) {
    const base = `${size} 111 0 00 ${opc}`;
    const imm9 = (idx: string) => `${base} 0 imm9:9 ${idx} Rn:5 Rt:5`;
    rows.push(
      row(`${stem}_uoff`, mn, `${size} 111 0 01 ${opc} imm12:12 Rn:5 Rt:5`, 'uoff'),
      row(`${stem}_post`, mn, imm9('01'), 'post'),
      row(`${stem}_pre`, mn, imm9('11'), 'pre'),
      row(`${stem}_reg`, mn, `${base} 1 Rm:5 option:3 S:1 10 Rn:5 Rt:5`, 'reg'),
      row(renamed(stem, 'UR'), renamed(mn.toUpperCase(), 'UR').toLowerCase(), imm9('00'), 'unscaled'),
      row(renamed(stem, 'TR'), renamed(mn.toUpperCase(), 'TR').toLowerCase(), imm9('10'), 'unpriv'),
    );
  }
  return rows;
}

/** Pairs: [id stem, mnemonic, opc, L]; forms 001 post, 010 offset, 011 pre; LDNP/STNP are form 000. */
const PAIR: readonly (readonly [string, string, string, string])[] = [
  ['STP_W', 'stp', '00', '0'],
  ['LDP_W', 'ldp', '00', '1'],
  ['LDPSW', 'ldpsw', '01', '1'],
  ['STP_X', 'stp', '10', '0'],
  ['LDP_X', 'ldp', '10', '1'],
];

function pairRows(): RowSpec[] {
  const rows: RowSpec[] = [];
  const pair = (opc: string, idx: string, l: string) => `${opc} 101 0 ${idx} ${l} imm7:7 Rt2:5 Rn:5 Rt:5`;
  for (const [stem, mn, opc, l] of PAIR) {
    rows.push(
      row(`${stem}_post`, mn, pair(opc, '001', l), 'pair'),
      row(`${stem}_off`, mn, pair(opc, '010', l), 'pair'),
      row(`${stem}_pre`, mn, pair(opc, '011', l), 'pair'),
    );
    if (stem !== 'LDPSW') {
      const nt = stem.replace('P', 'NP'); // STP_W → STNP_W
      rows.push(row(nt, mn.replace('p', 'np'), pair(opc, '000', l), 'pair'));
    }
  }
  return rows;
}

/** Exclusive and ordered single-register forms: [id stem, mnemonic stem, o2 L o1, o0, Rs field, group]. */
const EXCL: readonly (readonly [string, string, string, string, boolean, LdstForm])[] = [
  ['STXR', 'stxr', '000', '0', true, 'excl-store'],
  ['STLXR', 'stlxr', '000', '1', true, 'excl-store'],
  ['LDXR', 'ldxr', '010', '0', false, 'excl-load'],
  ['LDAXR', 'ldaxr', '010', '1', false, 'excl-load'],
  ['STLR', 'stlr', '100', '1', false, 'store-release'],
  ['LDAR', 'ldar', '110', '1', false, 'load-acquire'],
];

/** Exclusive pairs: [id stem, mnemonic, L, o0, group] (o2=0, o1=1). */
const EXCL_PAIR: readonly (readonly [string, string, string, string, LdstForm])[] = [
  ['STXP', 'stxp', '0', '0', 'excl-store-pair'],
  ['STLXP', 'stlxp', '0', '1', 'excl-store-pair'],
  ['LDXP', 'ldxp', '1', '0', 'excl-load-pair'],
  ['LDAXP', 'ldaxp', '1', '1', 'excl-load-pair'],
];

function exclusiveRows(): RowSpec[] {
  const rows: RowSpec[] = [];
  const sizes = [['B', 'b', '00'], ['H', 'h', '01'], ['_W', '', '10'], ['_X', '', '11']] as const;
  for (const [stem, mn, o2lo1, o0, hasRs, form] of EXCL) {
    for (const [idSuffix, mnSuffix, size] of sizes) {
      const rs = hasRs ? 'Rs:5' : '(1)(1)(1)(1)(1)';
      rows.push(row(stem + idSuffix, mn + mnSuffix, `${size} 001000 ${o2lo1} ${rs} ${o0} (1)(1)(1)(1)(1) Rn:5 Rt:5`, form));
    }
  }
  for (const [stem, mn, l, o0, form] of EXCL_PAIR) {
    const rs = l === '0' ? 'Rs:5' : '(1)(1)(1)(1)(1)';
    rows.push(
      row(`${stem}_W`, mn, `10 001000 0 ${l} 1 ${rs} ${o0} Rt2:5 Rn:5 Rt:5`, form),
      row(`${stem}_X`, mn, `11 001000 0 ${l} 1 ${rs} ${o0} Rt2:5 Rn:5 Rt:5`, form),
    );
  }
  return rows;
}

export const LDST: readonly RowSpec[] = [
  ...singleRegisterRows(),
  // PRFM/PRFUM: size=11 opc=10 (Rt is the prfop operand)
  row('PRFM_uoff', 'prfm', '11 111 0 01 10 imm12:12 Rn:5 Rt:5', 'prefetch'),
  row('PRFM_reg', 'prfm', '11 111 0 00 10 1 Rm:5 option:3 S:1 10 Rn:5 Rt:5', 'prefetch-reg'),
  row('PRFUM', 'prfum', '11 111 0 00 10 0 imm9:9 00 Rn:5 Rt:5', 'prefetch'),
  // Load register (literal): opc 011 0 00 imm19 Rt
  row('LDR_W_lit', 'ldr', '00 011 0 00 imm19:19 Rt:5', 'lit'),
  row('LDR_X_lit', 'ldr', '01 011 0 00 imm19:19 Rt:5', 'lit'),
  row('LDRSW_lit', 'ldrsw', '10 011 0 00 imm19:19 Rt:5', 'lit'),
  row('PRFM_lit', 'prfm', '11 011 0 00 imm19:19 Rt:5', 'prefetch'),
  ...pairRows(),
  ...exclusiveRows(),
];

/** The encoding group of an integer load/store row (undefined for an id that is not one). */
export function ldstForm(id: string): LdstForm | undefined {
  return FORM.get(id);
}
