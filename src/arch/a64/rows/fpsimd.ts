// Encoding rows: the ARMv8.0 FP/SIMD encoding space (ARM C4.1 "Data Processing -- Scalar Floating-Point and
// Advanced SIMD", op0 = x111, and the SIMD&FP loads/stores, V = bit 26 = 1). The SIMD&FP register loads and stores
// (FP_LDST) are instructions; the other rows are still encoding *classes* — one per Arm ARM encoding group — not
// instructions: the disassembler prints their words as `.inst` and the assembler does not accept them
// (src/asm/syntax/index.ts, NO_SYNTAX); an instruction row that replaces part of a class is more specific (more
// fixed bits) and wins the decode. Every row requires bit 26 = 1. The SHA groups are split by opcode into their SHA1
// and SHA256 instructions, so that each row names the one feature that gates it (ARM C4.1 "Cryptographic
// three-register SHA", "Cryptographic two-register SHA"); their other opcodes are unallocated.
// Groups added after v8.0 (FP16, RDM, dot product, SHA512/SHA3/SM3/SM4, complex, BF16, SVE) are left out, so
// those words stay UNDEFINED. Unallocated sub-encodings inside a v8.0 group are not carved out: when FP is
// trapped they report the FP trap instead of EC 0x00 (a documented approximation; untrapped both are UNDEFINED).
import type { Feature, RowSpec } from '../encoding.ts';

const row = (id: string, feature: Feature, diagram: string): RowSpec => ({ id, mnemonic: '.inst', cls: 'fpsimd', feature, diagram });

/** The SIMD&FP register loads and stores (ARM C4.1.88, V = 1), one row per size, direction and addressing form. */
export type FpLdstForm = 'uoff' | 'post' | 'pre' | 'unscaled' | 'reg' | 'lit' | 'pair';

const FP_FORM = new Map<string, FpLdstForm>();

function ldst(id: string, mnemonic: string, diagram: string, form: FpLdstForm): RowSpec {
  FP_FORM.set(id, form);
  return { id, mnemonic, cls: 'fpsimd', feature: 'FP', diagram };
}

/** The register sizes: [letter, size bits, opc<1>] — Q is size 00 with opc<1> = 1 (ARM C4.1.88 size:opc tables). */
const FP_SIZES: readonly (readonly [string, string, string])[] = [['B', '00', '0'], ['H', '01', '0'], ['S', '10', '0'], ['D', '11', '0'], ['Q', '00', '1']];

/** LDR/STR/LDUR/STUR (SIMD&FP), every size and form; ids STR_Q_V_uoff, LDUR_S_V… */
function fpSingleRows(): RowSpec[] {
  const rows: RowSpec[] = [];
  for (const [r, size, opc1] of FP_SIZES) {
    for (const [l, mn] of [['0', 'str'], ['1', 'ldr']] as const) {
      const stem = `${mn.toUpperCase()}_${r}_V`;
      const base = `${size} 111 1 00 ${opc1}${l}`;
      const imm9 = (idx: string) => `${base} 0 imm9:9 ${idx} Rn:5 Rt:5`;
      rows.push(
        ldst(`${stem}_uoff`, mn, `${size} 111 1 01 ${opc1}${l} imm12:12 Rn:5 Rt:5`, 'uoff'),
        ldst(`${stem}_post`, mn, imm9('01'), 'post'),
        ldst(`${stem}_pre`, mn, imm9('11'), 'pre'),
        ldst(`${stem}_reg`, mn, `${base} 1 Rm:5 option:3 S:1 10 Rn:5 Rt:5`, 'reg'),
        ldst(`${mn === 'str' ? 'STUR' : 'LDUR'}_${r}_V`, `${mn[0]}${mn[1]}ur`, imm9('00'), 'unscaled'),
      );
    }
  }
  // LDR (literal, SIMD&FP): opc 00 S, 01 D, 10 Q
  for (const [r, opc] of [['S', '00'], ['D', '01'], ['Q', '10']] as const) rows.push(ldst(`LDR_${r}_V_lit`, 'ldr', `${opc} 011 1 00 imm19:19 Rt:5`, 'lit'));
  // LDP/STP/LDNP/STNP (SIMD&FP): opc 00 S, 01 D, 10 Q; index 000 no-allocate, 001 post, 010 offset, 011 pre
  for (const [r, opc] of [['S', '00'], ['D', '01'], ['Q', '10']] as const) {
    for (const [l, mn] of [['0', 'stp'], ['1', 'ldp']] as const) {
      const pair = (idx: string) => `${opc} 101 1 ${idx} ${l} imm7:7 Rt2:5 Rn:5 Rt:5`;
      const stem = `${mn.toUpperCase()}_${r}_V`;
      rows.push(
        ldst(`${stem}_post`, mn, pair('001'), 'pair'),
        ldst(`${stem}_off`, mn, pair('010'), 'pair'),
        ldst(`${stem}_pre`, mn, pair('011'), 'pair'),
        ldst(`${mn === 'stp' ? 'STNP' : 'LDNP'}_${r}_V`, mn.replace('p', 'np'), pair('000'), 'pair'),
      );
    }
  }
  return rows;
}

/** The addressing form of a SIMD&FP load/store row, or undefined for any other row. */
export function fpLdstForm(id: string): FpLdstForm | undefined {
  return FP_FORM.get(id);
}

export const FP_LDST: readonly RowSpec[] = fpSingleRows();

const insn = (id: string, mnemonic: string, feature: Feature, diagram: string): RowSpec => ({ id, mnemonic, cls: 'fpsimd', feature, diagram });

/**
 * Moves between and into SIMD&FP registers (ARM C4.1 "Advanced SIMD copy", "Conversion between floating-point and
 * integer" FMOV opcodes, "Floating-point data-processing (1 source)" opcode 000000, "Floating-point immediate").
 * Each is more specific than its group's class row; the group's other encodings stay with the class. Half-precision
 * forms (ftype 11) are FP16, v8.2: unallocated here.
 */
export const FP_MOVES: readonly RowSpec[] = [
  insn('DUP_elem', 'dup', 'AdvSIMD', '0 Q:1 0 01110000 imm5:5 0 0000 1 Rn:5 Rd:5'),
  insn('DUP_gen', 'dup', 'AdvSIMD', '0 Q:1 0 01110000 imm5:5 0 0001 1 Rn:5 Rd:5'),
  insn('SMOV', 'smov', 'AdvSIMD', '0 Q:1 0 01110000 imm5:5 0 0101 1 Rn:5 Rd:5'),
  insn('UMOV', 'umov', 'AdvSIMD', '0 Q:1 0 01110000 imm5:5 0 0111 1 Rn:5 Rd:5'),
  insn('INS_gen', 'ins', 'AdvSIMD', '0 1 0 01110000 imm5:5 0 0011 1 Rn:5 Rd:5'),
  insn('INS_elem', 'ins', 'AdvSIMD', '0 1 1 01110000 imm5:5 0 imm4:4 1 Rn:5 Rd:5'),
  insn('FMOV_W_S', 'fmov', 'FP', '0 0 0 11110 00 1 00 110 000000 Rn:5 Rd:5'),
  insn('FMOV_S_W', 'fmov', 'FP', '0 0 0 11110 00 1 00 111 000000 Rn:5 Rd:5'),
  insn('FMOV_X_D', 'fmov', 'FP', '1 0 0 11110 01 1 00 110 000000 Rn:5 Rd:5'),
  insn('FMOV_D_X', 'fmov', 'FP', '1 0 0 11110 01 1 00 111 000000 Rn:5 Rd:5'),
  insn('FMOV_X_V1', 'fmov', 'FP', '1 0 0 11110 10 1 01 110 000000 Rn:5 Rd:5'),
  insn('FMOV_V1_X', 'fmov', 'FP', '1 0 0 11110 10 1 01 111 000000 Rn:5 Rd:5'),
  insn('FMOV_reg', 'fmov', 'FP', '0 0 0 11110 0 ftype:1 1 0000 00 10000 Rn:5 Rd:5'),
  insn('FMOV_imm', 'fmov', 'FP', '0 0 0 11110 0 ftype:1 1 imm8:8 100 00000 Rd:5'),
];

export const FPSIMD: readonly RowSpec[] = [
  // --- cryptographic extension (A57: AES, SHA1, SHA256) ---
  row('CRYPTO_AES', 'AES', '01001110 size:2 10100 opcode:5 10 Rn:5 Rd:5'),
  row('CRYPTO_SHA1_3REG', 'SHA1', '01011110 size:2 0 Rm:5 0 0 opcode:2 00 Rn:5 Rd:5'), // SHA1C/P/M, SHA1SU0
  row('CRYPTO_SHA256_3REG', 'SHA2', '01011110 size:2 0 Rm:5 0 10 o:1 00 Rn:5 Rd:5'), // SHA256H, SHA256H2
  row('CRYPTO_SHA256SU1', 'SHA2', '01011110 size:2 0 Rm:5 0 110 00 Rn:5 Rd:5'),
  row('CRYPTO_SHA1_2REG', 'SHA1', '01011110 size:2 10100 0000 o:1 10 Rn:5 Rd:5'), // SHA1H, SHA1SU1
  row('CRYPTO_SHA256SU0', 'SHA2', '01011110 size:2 10100 00010 10 Rn:5 Rd:5'),
  // --- Advanced SIMD scalar ---
  row('ASIMD_SCALAR_COPY', 'AdvSIMD', '01 op:1 11110000 imm5:5 0 imm4:4 1 Rn:5 Rd:5'),
  row('ASIMD_SCALAR_2REG_MISC', 'AdvSIMD', '01 U:1 11110 size:2 10000 opcode:5 10 Rn:5 Rd:5'),
  row('ASIMD_SCALAR_PAIRWISE', 'AdvSIMD', '01 U:1 11110 size:2 11000 opcode:5 10 Rn:5 Rd:5'),
  row('ASIMD_SCALAR_3DIFF', 'AdvSIMD', '01 U:1 11110 size:2 1 Rm:5 opcode:4 00 Rn:5 Rd:5'),
  row('ASIMD_SCALAR_3SAME', 'AdvSIMD', '01 U:1 11110 size:2 1 Rm:5 opcode:5 1 Rn:5 Rd:5'),
  row('ASIMD_SCALAR_SHIFT_IMM', 'AdvSIMD', '01 U:1 111110 immh:4 immb:3 opcode:5 1 Rn:5 Rd:5'),
  row('ASIMD_SCALAR_INDEXED', 'AdvSIMD', '01 U:1 11111 size:2 L:1 M:1 Rm:4 opcode:4 H:1 0 Rn:5 Rd:5'),
  // --- Advanced SIMD vector ---
  row('ASIMD_TBL', 'AdvSIMD', '0 Q:1 001110 op2:2 0 Rm:5 0 len:2 op:1 00 Rn:5 Rd:5'),
  row('ASIMD_PERMUTE', 'AdvSIMD', '0 Q:1 001110 size:2 0 Rm:5 0 opcode:3 10 Rn:5 Rd:5'),
  row('ASIMD_EXTRACT', 'AdvSIMD', '0 Q:1 101110 op2:2 0 Rm:5 0 imm4:4 0 Rn:5 Rd:5'),
  row('ASIMD_COPY', 'AdvSIMD', '0 Q:1 op:1 01110000 imm5:5 0 imm4:4 1 Rn:5 Rd:5'),
  row('ASIMD_2REG_MISC', 'AdvSIMD', '0 Q:1 U:1 01110 size:2 10000 opcode:5 10 Rn:5 Rd:5'),
  row('ASIMD_ACROSS_LANES', 'AdvSIMD', '0 Q:1 U:1 01110 size:2 11000 opcode:5 10 Rn:5 Rd:5'),
  row('ASIMD_3DIFF', 'AdvSIMD', '0 Q:1 U:1 01110 size:2 1 Rm:5 opcode:4 00 Rn:5 Rd:5'),
  row('ASIMD_3SAME', 'AdvSIMD', '0 Q:1 U:1 01110 size:2 1 Rm:5 opcode:5 1 Rn:5 Rd:5'),
  row('ASIMD_MODIFIED_IMM', 'AdvSIMD', '0 Q:1 op:1 0111100000 a:1 b:1 c:1 cmode:4 o2:1 1 d:1 e:1 f:1 g:1 h:1 Rd:5'),
  row('ASIMD_SHIFT_IMM', 'AdvSIMD', '0 Q:1 U:1 011110 immh:4 immb:3 opcode:5 1 Rn:5 Rd:5'), // immh=0000 is MODIFIED_IMM (more fixed bits)
  row('ASIMD_INDEXED', 'AdvSIMD', '0 Q:1 U:1 01111 size:2 L:1 M:1 Rm:4 opcode:4 H:1 0 Rn:5 Rd:5'),
  // --- scalar floating point (M = S = 0) ---
  row('FP_FIXED_CONV', 'FP', 'sf:1 0 0 11110 ftype:2 0 rmode:2 opcode:3 scale:6 Rn:5 Rd:5'),
  row('FP_INT_CONV', 'FP', 'sf:1 0 0 11110 ftype:2 1 rmode:2 opcode:3 000000 Rn:5 Rd:5'),
  row('FP_DP1', 'FP', '0 0 0 11110 ftype:2 1 opcode:6 10000 Rn:5 Rd:5'),
  row('FP_COMPARE', 'FP', '0 0 0 11110 ftype:2 1 Rm:5 op:2 1000 Rn:5 opcode2:5'),
  row('FP_IMM', 'FP', '0 0 0 11110 ftype:2 1 imm8:8 100 imm5:5 Rd:5'),
  row('FP_CCMP', 'FP', '0 0 0 11110 ftype:2 1 Rm:5 cond:4 01 Rn:5 op:1 nzcv:4'),
  row('FP_DP2', 'FP', '0 0 0 11110 ftype:2 1 Rm:5 opcode:4 10 Rn:5 Rd:5'),
  row('FP_CSEL', 'FP', '0 0 0 11110 ftype:2 1 Rm:5 cond:4 11 Rn:5 Rd:5'),
  row('FP_DP3', 'FP', '0 0 0 11111 ftype:2 o1:1 Rm:5 o0:1 Ra:5 Rn:5 Rd:5'),
  ...FP_LDST,
  ...FP_MOVES,
  // --- SIMD&FP loads and stores of structures (LD1–LD4, ST1–ST4, LDnR): not executed yet ---
  row('ASIMD_LDST_MULT', 'AdvSIMD', '0 Q:1 0011000 L:1 000000 opcode:4 size:2 Rn:5 Rt:5'),
  row('ASIMD_LDST_MULT_POST', 'AdvSIMD', '0 Q:1 0011001 L:1 0 Rm:5 opcode:4 size:2 Rn:5 Rt:5'),
  row('ASIMD_LDST_SINGLE', 'AdvSIMD', '0 Q:1 0011010 L:1 R:1 00000 opcode:3 S:1 size:2 Rn:5 Rt:5'),
  row('ASIMD_LDST_SINGLE_POST', 'AdvSIMD', '0 Q:1 0011011 L:1 R:1 Rm:5 opcode:3 S:1 size:2 Rn:5 Rt:5'),
];
