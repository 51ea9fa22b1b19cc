// What each feature field of the AArch64 ID registers claims, as something a CPU can be made to do: for every field
// the system-register table lists (src/arch/sysreg-table.ts, the one source of field positions and of the profile's
// values), the instructions, system registers or control bits that exist exactly when the field says so. The words
// are objdump 2.40's encodings of the `asm` text (aarch64-linux-gnu-as -march=armv8.7-a with the feature's +ext).
// id-features.test.ts reads each field through MRS on the model and runs its probes. Field meanings: ARM §D24.2.84
// ID_AA64DFR0_EL1, §D24.2.87–88 ID_AA64ISAR0/1_EL1, §D24.2.89–91 ID_AA64MMFR0/1/2_EL1, §D24.2.93–94 ID_AA64PFR0/1_EL1,
// §D24.2.98 ID_AA64ZFR0_EL1.
import type { Profile } from '../../src/arch/profiles.ts';
import type { SysRegName } from '../../src/arch/sysreg-table.ts';
import type { Cpu } from '../../src/cpu/cpu.ts';
import type { SysEnc } from '../isolation/encode.ts';

/** The registers this check covers (issue 13: "every feature field of ID_AA64*"). */
export const ID_REGISTERS = [
  'ID_AA64PFR0_EL1', 'ID_AA64PFR1_EL1', 'ID_AA64ISAR0_EL1', 'ID_AA64ISAR1_EL1', 'ID_AA64MMFR0_EL1', 'ID_AA64MMFR1_EL1',
  'ID_AA64MMFR2_EL1', 'ID_AA64DFR0_EL1', 'ID_AA64ZFR0_EL1',
] as const satisfies readonly SysRegName[];

/**
 * One probe of a field. Each holds when the field's value `v` passes `has` (default: v >= 1), and must then work;
 * when it fails it must not:
 * - insn: the word executes at EL2 (any outcome but UNDEFINED) / is UNDEFINED;
 * - sysreg: MRS of the register executes / is UNDEFINED;
 * - ctrl: the control bit follows a write / reads `res` (its RES0 or RES1 value) whatever is written;
 * - eret: an ERET from EL2 to SPSR.M = `m` is legal and lands at `el` / is an illegal exception return;
 * - count: the numbered registers enc(0)..enc(v) exist and enc(v + 1) is UNDEFINED (BRPs, WRPs);
 * - hint: the word is in the hint space and executes as a NOP whatever the field says (claims nothing);
 * - profile: the value equals what the model's profile says it implements (profile facts read by the MMU);
 * - run: after `setup`, the words run without an exception and `holds` says the feature took effect / did not.
 */
export type Probe =
  | { readonly kind: 'insn'; readonly asm: string; readonly word: number; readonly has?: (v: number) => boolean }
  | { readonly kind: 'sysreg'; readonly name: string; readonly enc: SysEnc; readonly has?: (v: number) => boolean }
  | { readonly kind: 'ctrl'; readonly reg: SysRegName; readonly bit: number; readonly name: string; readonly res?: 0 | 1; readonly has?: (v: number) => boolean }
  | { readonly kind: 'eret'; readonly m: number; readonly el: number; readonly has?: (v: number) => boolean }
  | { readonly kind: 'count'; readonly name: string; readonly enc: (n: number) => SysEnc }
  | { readonly kind: 'hint'; readonly asm: string; readonly word: number }
  | { readonly kind: 'profile'; readonly what: string; readonly fits: (v: number, p: Profile) => boolean }
  | { readonly kind: 'run'; readonly what: string; readonly words: readonly number[]; readonly setup: (c: Cpu) => void; readonly holds: (c: Cpu) => boolean };

export interface FieldClaim {
  /** The Arm ARM feature name(s) the field reports. */
  readonly feature: string;
  readonly probes: readonly Probe[];
  /** Why a field has no probe: it describes a property no instruction or register exposes. */
  readonly why?: string;
}

const insn = (asm: string, word: number, has?: (v: number) => boolean): Probe => ({ kind: 'insn', asm, word, has });
const sysreg = (name: string, enc: SysEnc, has?: (v: number) => boolean): Probe => ({ kind: 'sysreg', name, enc, has });
const ctrl = (reg: SysRegName, bit: number, name: string, res?: 0 | 1, has?: (v: number) => boolean): Probe => ({ kind: 'ctrl', reg, bit, name, res, has });
const hint = (asm: string, word: number): Probe => ({ kind: 'hint', asm, word });
const atLeast = (n: number) => (v: number): boolean => v >= n;
/** ID_AA64PFR0_EL1.FP / AdvSIMD: 0b0000 implemented, 0b0001 with half precision, 0b1111 not implemented. */
const fpPresent = (v: number): boolean => v !== 0xf;
const fpHalf = (v: number): boolean => v !== 0xf && v >= 1;
/** ID_AA64MMFR0_EL1.TGran4/TGran64: 0b0000 supported, 0b1111 not (TGran16 counts up: 0b0001 supported). */
const granule = (v: number): boolean => v !== 0xf;
const PA_BITS = [32, 36, 40, 42, 44, 48, 52];
const none = (feature: string, why: string): FieldClaim => ({ feature, probes: [], why });

/** `REGISTER.Field` → what it claims. */
export const CLAIMS: Readonly<Record<string, FieldClaim>> = {
  // --- ID_AA64PFR0_EL1 ---
  'ID_AA64PFR0_EL1.EL0': { feature: 'EL0 (AArch64; 2: and AArch32)', probes: [{ kind: 'eret', m: 0b0000, el: 0 }, { kind: 'eret', m: 0b10000, el: 0, has: atLeast(2) }] },
  'ID_AA64PFR0_EL1.EL1': { feature: 'EL1 (AArch64; 2: and AArch32)', probes: [{ kind: 'eret', m: 0b0101, el: 1 }, { kind: 'eret', m: 0b10011, el: 1, has: atLeast(2) }] },
  'ID_AA64PFR0_EL1.EL2': { feature: 'EL2', probes: [insn('hvc #0', 0xd4000002)] },
  'ID_AA64PFR0_EL1.EL3': { feature: 'EL3', probes: [insn('smc #0', 0xd4000003)] },
  'ID_AA64PFR0_EL1.FP': {
    feature: 'FEAT_FP (1: FEAT_FP16)',
    probes: [insn('fadd d0, d1, d2', 0x1e622820, fpPresent), insn('fmov s0, w1', 0x1e270020, fpPresent), insn('fadd h0, h1, h2', 0x1ee22820, fpHalf)],
  },
  'ID_AA64PFR0_EL1.AdvSIMD': {
    feature: 'FEAT_AdvSIMD (1: FEAT_FP16)',
    probes: [insn('add v0.4s, v1.4s, v2.4s', 0x4ea28420, fpPresent), insn('fadd v0.2d, v1.2d, v2.2d', 0x4e62d420, fpPresent), insn('fadd v0.8h, v1.8h, v2.8h', 0x4e421420, fpHalf)],
  },
  'ID_AA64PFR0_EL1.GIC': { feature: 'GIC system registers (GICv3)', probes: [sysreg('ICC_SRE_EL1', [3, 0, 12, 12, 5]), sysreg('ICC_SRE_EL2', [3, 4, 12, 9, 5])] },
  'ID_AA64PFR0_EL1.RAS': { feature: 'FEAT_RAS', probes: [sysreg('ERRIDR_EL1', [3, 0, 5, 3, 0]), hint('esb', 0xd503221f)] },
  'ID_AA64PFR0_EL1.SVE': { feature: 'FEAT_SVE', probes: [insn('add z0.d, z0.d, z0.d', 0x04e00000), sysreg('ZCR_EL1', [3, 0, 1, 2, 0])] },
  'ID_AA64PFR0_EL1.SEL2': { feature: 'FEAT_SEL2', probes: [sysreg('VSTTBR_EL2', [3, 4, 2, 6, 0])] },
  'ID_AA64PFR0_EL1.MPAM': { feature: 'FEAT_MPAM', probes: [sysreg('MPAMIDR_EL1', [3, 0, 10, 4, 4]), sysreg('MPAM1_EL1', [3, 0, 10, 5, 0])] },
  'ID_AA64PFR0_EL1.AMU': { feature: 'FEAT_AMUv1', probes: [sysreg('AMCR_EL0', [3, 3, 13, 2, 0])] },
  'ID_AA64PFR0_EL1.DIT': { feature: 'FEAT_DIT', probes: [insn('msr dit, #1', 0xd503415f), sysreg('DIT', [3, 3, 4, 2, 5])] },
  'ID_AA64PFR0_EL1.CSV2': { feature: 'FEAT_CSV2 (2: FEAT_CSV2_2, SCXTNUM)', probes: [sysreg('SCXTNUM_EL1', [3, 0, 13, 0, 7], atLeast(2))] },
  'ID_AA64PFR0_EL1.CSV3': none('FEAT_CSV3', 'a speculation guarantee: no instruction or register'),
  // --- ID_AA64PFR1_EL1 ---
  'ID_AA64PFR1_EL1.BT': { feature: 'FEAT_BTI', probes: [hint('bti c', 0xd503245f), ctrl('SCTLR_EL1', 35, 'SCTLR_EL1.BT0')] },
  'ID_AA64PFR1_EL1.SSBS': { feature: 'FEAT_SSBS (2: MSR/MRS SSBS)', probes: [insn('msr ssbs, #1', 0xd503413f, atLeast(2)), sysreg('SSBS', [3, 3, 4, 2, 6], atLeast(2))] },
  'ID_AA64PFR1_EL1.MTE': { feature: 'FEAT_MTE (2: FEAT_MTE2)', probes: [insn('irg x0, x1', 0x9adf1020), sysreg('GCR_EL1', [3, 0, 1, 0, 6], atLeast(2))] },
  'ID_AA64PFR1_EL1.RAS_frac': none('FEAT_RASv1p1 (with RAS = 1)', 'refines RAS, which has no registers here (ERRIDR_EL1 probe)'),
  'ID_AA64PFR1_EL1.MPAM_frac': none('FEAT_MPAMv0p1 (with MPAM = 0)', 'refines MPAM, which has no registers here (MPAMIDR_EL1 probe)'),
  // --- ID_AA64ZFR0_EL1: SVE's own features, meaningful only with ID_AA64PFR0_EL1.SVE ---
  'ID_AA64ZFR0_EL1.SVEver': { feature: 'FEAT_SVE2', probes: [insn('sqrdmlah z0.s, z1.s, z2.s', 0x44827020)] },
  'ID_AA64ZFR0_EL1.AES': { feature: 'FEAT_SVE_AES', probes: [insn('aese z0.b, z0.b, z1.b', 0x4522e020)] },
  'ID_AA64ZFR0_EL1.BitPerm': { feature: 'FEAT_SVE_BitPerm', probes: [insn('bext z0.s, z1.s, z2.s', 0x4582b020)] },
  'ID_AA64ZFR0_EL1.BF16': { feature: 'FEAT_BF16 (SVE)', probes: [insn('bfdot z0.s, z1.h, z2.h', 0x64628020)] },
  'ID_AA64ZFR0_EL1.SHA3': { feature: 'FEAT_SVE_SHA3', probes: [insn('rax1 z0.d, z1.d, z2.d', 0x4522f420)] },
  'ID_AA64ZFR0_EL1.SM4': { feature: 'FEAT_SVE_SM4', probes: [insn('sm4e z0.s, z0.s, z1.s', 0x4523e020)] },
  'ID_AA64ZFR0_EL1.I8MM': { feature: 'FEAT_I8MM (SVE)', probes: [insn('smmla z0.s, z1.b, z2.b', 0x45029820)] },
  'ID_AA64ZFR0_EL1.F32MM': { feature: 'FEAT_F32MM', probes: [insn('fmmla z0.s, z1.s, z2.s', 0x64a2e420)] },
  'ID_AA64ZFR0_EL1.F64MM': { feature: 'FEAT_F64MM', probes: [insn('fmmla z0.d, z1.d, z2.d', 0x64e2e420)] },
  // --- ID_AA64DFR0_EL1 ---
  'ID_AA64DFR0_EL1.DebugVer': { feature: 'FEAT_Debugv8p0 (6)', probes: [sysreg('MDSCR_EL1', [2, 0, 0, 2, 2], atLeast(6)), sysreg('OSLSR_EL1', [2, 0, 1, 1, 4], atLeast(6))] },
  'ID_AA64DFR0_EL1.TraceVer': { feature: 'trace unit system registers', probes: [sysreg('TRCPRGCTLR', [2, 1, 0, 1, 0])] },
  'ID_AA64DFR0_EL1.PMUVer': { feature: 'FEAT_PMUv3', probes: [sysreg('PMCR_EL0', [3, 3, 9, 12, 0]), sysreg('PMCCNTR_EL0', [3, 3, 9, 13, 0])] },
  'ID_AA64DFR0_EL1.BRPs': { feature: 'breakpoints (BRPs + 1)', probes: [{ kind: 'count', name: 'DBGBVR<n>_EL1', enc: (n) => [2, 0, 0, n, 4] }] },
  'ID_AA64DFR0_EL1.WRPs': { feature: 'watchpoints (WRPs + 1)', probes: [{ kind: 'count', name: 'DBGWVR<n>_EL1', enc: (n) => [2, 0, 0, n, 6] }] },
  'ID_AA64DFR0_EL1.CTX_CMPs': none('context-aware breakpoints (CTX_CMPs + 1, the highest-numbered)', 'which breakpoints match context IDs: test/qemu/progs/debug-lock-ctx.S (D16)'),
  'ID_AA64DFR0_EL1.PMSVer': { feature: 'FEAT_SPE', probes: [sysreg('PMSIDR_EL1', [3, 0, 9, 9, 7]), sysreg('PMSCR_EL1', [3, 0, 9, 9, 0])] },
  // 0b0000: the OS double lock is implemented; 0b1111: it is not
  'ID_AA64DFR0_EL1.DoubleLock': { feature: 'FEAT_DoubleLock', probes: [sysreg('OSDLR_EL1', [2, 0, 1, 3, 4], (v) => v !== 0xf)] },
  'ID_AA64DFR0_EL1.TraceFilt': { feature: 'FEAT_TRF', probes: [sysreg('TRFCR_EL1', [3, 0, 1, 2, 1])] },
  // --- ID_AA64ISAR0_EL1 ---
  'ID_AA64ISAR0_EL1.AES': { feature: 'FEAT_AES (2: FEAT_PMULL)', probes: [insn('aese v0.16b, v1.16b', 0x4e284820), insn('aesimc v0.16b, v1.16b', 0x4e287820), insn('pmull v0.1q, v1.1d, v2.1d', 0x0ee2e020, atLeast(2))] },
  'ID_AA64ISAR0_EL1.SHA1': { feature: 'FEAT_SHA1', probes: [insn('sha1c q0, s1, v2.4s', 0x5e020020), insn('sha1h s0, s1', 0x5e280820)] },
  'ID_AA64ISAR0_EL1.SHA2': { feature: 'FEAT_SHA256 (2: FEAT_SHA512)', probes: [insn('sha256h q0, q1, v2.4s', 0x5e024020), insn('sha512h q0, q1, v2.2d', 0xce628020, atLeast(2))] },
  'ID_AA64ISAR0_EL1.CRC32': { feature: 'FEAT_CRC32', probes: [insn('crc32b w0, w1, w2', 0x1ac24020), insn('crc32cx w0, w1, x2', 0x9ac25c20)] },
  'ID_AA64ISAR0_EL1.Atomic': { feature: 'FEAT_LSE', probes: [insn('ldadd x0, x1, [x2]', 0xf8200041), insn('cas x0, x1, [x2]', 0xc8a07c41)] },
  'ID_AA64ISAR0_EL1.TME': { feature: 'FEAT_TME', probes: [insn('tstart x0', 0xd5233060)] },
  'ID_AA64ISAR0_EL1.RDM': { feature: 'FEAT_RDM', probes: [insn('sqrdmlah v0.4s, v1.4s, v2.4s', 0x6e828420)] },
  'ID_AA64ISAR0_EL1.SHA3': { feature: 'FEAT_SHA3', probes: [insn('eor3 v0.16b, v1.16b, v2.16b, v3.16b', 0xce020c20)] },
  'ID_AA64ISAR0_EL1.SM3': { feature: 'FEAT_SM3', probes: [insn('sm3ss1 v0.4s, v1.4s, v2.4s, v3.4s', 0xce420c20)] },
  'ID_AA64ISAR0_EL1.SM4': { feature: 'FEAT_SM4', probes: [insn('sm4e v0.4s, v1.4s', 0xcec08420)] },
  'ID_AA64ISAR0_EL1.DP': { feature: 'FEAT_DotProd', probes: [insn('sdot v0.4s, v1.16b, v2.16b', 0x4e829420)] },
  'ID_AA64ISAR0_EL1.FHM': { feature: 'FEAT_FHM', probes: [insn('fmlal v0.2s, v1.2h, v2.2h', 0x0e22ec20)] },
  'ID_AA64ISAR0_EL1.TS': { feature: 'FEAT_FlagM (2: FEAT_FlagM2)', probes: [insn('cfinv', 0xd500401f), insn('xaflag', 0xd500403f, atLeast(2))] },
  'ID_AA64ISAR0_EL1.TLB': { feature: 'FEAT_TLBIOS (2: FEAT_TLBIRANGE)', probes: [insn('tlbi vmalle1os', 0xd508811f)] },
  'ID_AA64ISAR0_EL1.RNDR': { feature: 'FEAT_RNG', probes: [sysreg('RNDR', [3, 3, 2, 4, 0])] },
  // --- ID_AA64ISAR1_EL1 (APA/API and GPA/GPI share their instructions: each probe expects the other field 0) ---
  'ID_AA64ISAR1_EL1.DPB': { feature: 'FEAT_DPB (2: FEAT_DPB2)', probes: [insn('dc cvap, x0', 0xd50b7c20), insn('dc cvadp, x0', 0xd50b7d20, atLeast(2))] },
  'ID_AA64ISAR1_EL1.APA': { feature: 'FEAT_PAuth (QARMA)', probes: [insn('pacia x0, x1', 0xdac10020), hint('paciasp', 0xd503233f)] },
  'ID_AA64ISAR1_EL1.API': { feature: 'FEAT_PAuth (IMPLEMENTATION DEFINED algorithm)', probes: [insn('autia x0, x1', 0xdac11020), hint('autiasp', 0xd50323bf)] },
  'ID_AA64ISAR1_EL1.JSCVT': { feature: 'FEAT_JSCVT', probes: [insn('fjcvtzs w0, d1', 0x1e7e0020)] },
  'ID_AA64ISAR1_EL1.FCMA': { feature: 'FEAT_FCMA', probes: [insn('fcmla v0.4s, v1.4s, v2.4s, #0', 0x6e82c420)] },
  'ID_AA64ISAR1_EL1.LRCPC': { feature: 'FEAT_LRCPC (2: FEAT_LRCPC2)', probes: [insn('ldapr x0, [x1]', 0xf8bfc020), insn('ldapur x0, [x1]', 0xd9400020, atLeast(2))] },
  'ID_AA64ISAR1_EL1.GPA': { feature: 'FEAT_PACQARMA5 generic (PACGA)', probes: [insn('pacga x0, x1, x2', 0x9ac23020)] },
  'ID_AA64ISAR1_EL1.GPI': { feature: 'FEAT_PACIMP generic (PACGA)', probes: [insn('pacga x3, x4, x5', 0x9ac53083)] },
  'ID_AA64ISAR1_EL1.FRINTTS': { feature: 'FEAT_FRINTTS', probes: [insn('frint32z s0, s1', 0x1e284020)] },
  'ID_AA64ISAR1_EL1.SB': { feature: 'FEAT_SB', probes: [insn('sb', 0xd50330ff)] },
  'ID_AA64ISAR1_EL1.SPECRES': { feature: 'FEAT_SPECRES', probes: [insn('cfp rctx, x0', 0xd50b7380)] },
  'ID_AA64ISAR1_EL1.BF16': { feature: 'FEAT_BF16', probes: [insn('bfdot v0.2s, v1.4h, v2.4h', 0x2e42fc20)] },
  'ID_AA64ISAR1_EL1.DGH': { feature: 'FEAT_DGH', probes: [hint('dgh (objdump 2.40: hint #0x6)', 0xd50320df)] },
  'ID_AA64ISAR1_EL1.I8MM': { feature: 'FEAT_I8MM', probes: [insn('smmla v0.4s, v1.16b, v2.16b', 0x4e82a420)] },
  'ID_AA64ISAR1_EL1.XS': { feature: 'FEAT_XS', probes: [insn('dsb oshnxs', 0xd503323f)] },
  'ID_AA64ISAR1_EL1.LS64': { feature: 'FEAT_LS64', probes: [insn('ld64b x0, [x1]', 0xf83fd020)] },
  // --- ID_AA64MMFR0_EL1 ---
  'ID_AA64MMFR0_EL1.PARange': { feature: 'physical address size', probes: [{ kind: 'profile', what: 'paBits, paRange', fits: (v, p) => p.paRange === v && p.paBits === PA_BITS[v] }] },
  'ID_AA64MMFR0_EL1.ASIDBits': { feature: '16-bit ASIDs (2)', probes: [{ kind: 'profile', what: 'asidBits', fits: (v, p) => p.asidBits === (v === 2 ? 16 : 8) }] },
  'ID_AA64MMFR0_EL1.BigEnd': {
    feature: 'mixed-endian support (SCTLR_ELx.EE)',
    probes: [
      ctrl('SCTLR_EL1', 25, 'SCTLR_EL1.EE'), ctrl('SCTLR_EL2', 25, 'SCTLR_EL2.EE'),
      // SCTLR_EL2.EE = 1 (with its RES1 bits): EL2's data accesses are big-endian (J1.2 AArch64.MemSingle,
      // BigEndian), so STR X1 puts X1's most significant byte first
      {
        kind: 'run', what: 'STR X1, [X0] with SCTLR_EL2.EE = 1 stores big-endian',
        words: [0xd51c1002 /* msr sctlr_el2, x2 */, 0xf9000001 /* str x1, [x0] */],
        setup: (c) => { c.x[1] = 0x0102_0304_0506_0708n; c.x[2] = 0x30c5_0830n | (1n << 25n); },
        holds: (c) => c.mem.readU8(Number(c.x[0])) === 0x01,
      },
    ],
  },
  'ID_AA64MMFR0_EL1.SNSMem': none('Secure/Non-secure memory distinction', 'needs EL3 to be visible (ID_AA64PFR0_EL1.EL3 = 0 here)'),
  // (with BigEnd = 0; BigEnd = 1 makes SCTLR_EL1.E0E writable whatever this field says)
  'ID_AA64MMFR0_EL1.BigEndEL0': { feature: 'mixed-endian at EL0 only', probes: [ctrl('SCTLR_EL1', 24, 'SCTLR_EL1.E0E')] },
  'ID_AA64MMFR0_EL1.TGran16': { feature: '16 KiB granule', probes: [{ kind: 'profile', what: 'granules.k16', fits: (v, p) => p.granules.k16 === (v >= 1) }] },
  'ID_AA64MMFR0_EL1.TGran64': { feature: '64 KiB granule', probes: [{ kind: 'profile', what: 'granules.k64', fits: (v, p) => p.granules.k64 === granule(v) }] },
  'ID_AA64MMFR0_EL1.TGran4': { feature: '4 KiB granule', probes: [{ kind: 'profile', what: 'granules.k4', fits: (v, p) => p.granules.k4 === granule(v) }] },
  'ID_AA64MMFR0_EL1.TGran16_2': none('16 KiB granule at stage 2', '0: as TGran16 (its probe)'),
  'ID_AA64MMFR0_EL1.TGran64_2': none('64 KiB granule at stage 2', '0: as TGran64 (its probe)'),
  'ID_AA64MMFR0_EL1.TGran4_2': none('4 KiB granule at stage 2', '0: as TGran4 (its probe)'),
  'ID_AA64MMFR0_EL1.ExS': { feature: 'FEAT_ExS', probes: [ctrl('SCTLR_EL1', 22, 'SCTLR_EL1.EIS', 1)] },
  // --- ID_AA64MMFR1_EL1 ---
  'ID_AA64MMFR1_EL1.HAFDBS': { feature: 'FEAT_HAFDBS', probes: [ctrl('TCR_EL1', 39, 'TCR_EL1.HA')] },
  'ID_AA64MMFR1_EL1.VMIDBits': {
    feature: '16-bit VMIDs (2)',
    probes: [{ kind: 'profile', what: 'vmidBits', fits: (v, p) => p.vmidBits === (v === 2 ? 16 : 8) }, ctrl('VTCR_EL2', 19, 'VTCR_EL2.VS', 0, atLeast(2))],
  },
  'ID_AA64MMFR1_EL1.VH': { feature: 'FEAT_VHE', probes: [{ kind: 'profile', what: 'vhe', fits: (v, p) => p.vhe === (v >= 1) }, ctrl('HCR_EL2', 34, 'HCR_EL2.E2H')] },
  'ID_AA64MMFR1_EL1.HPDS': { feature: 'FEAT_HPDS', probes: [ctrl('TCR_EL1', 41, 'TCR_EL1.HPD0')] },
  'ID_AA64MMFR1_EL1.LO': { feature: 'FEAT_LOR', probes: [sysreg('LORC_EL1', [3, 0, 10, 4, 3]), sysreg('LORID_EL1', [3, 0, 10, 4, 7])] },
  'ID_AA64MMFR1_EL1.PAN': { feature: 'FEAT_PAN', probes: [insn('msr pan, #1', 0xd500419f), sysreg('PAN', [3, 0, 4, 2, 3])] },
  'ID_AA64MMFR1_EL1.SpecSEI': none('SError on speculative reads', 'a property of speculation: no instruction or register'),
  'ID_AA64MMFR1_EL1.XNX': none('FEAT_XNX (stage-2 XN[0])', 'a stage-2 descriptor bit read by the MMU (test/mmu)'),
  // --- ID_AA64MMFR2_EL1 ---
  'ID_AA64MMFR2_EL1.CnP': { feature: 'FEAT_TTCNP', probes: [ctrl('TTBR0_EL1', 0, 'TTBR0_EL1.CnP')] },
  'ID_AA64MMFR2_EL1.UAO': { feature: 'FEAT_UAO', probes: [insn('msr uao, #1', 0xd500417f), sysreg('UAO', [3, 0, 4, 2, 4])] },
  'ID_AA64MMFR2_EL1.LSM': { feature: 'FEAT_LSMAOC', probes: [ctrl('SCTLR_EL1', 28, 'SCTLR_EL1.nTLSMD', 1)] },
  'ID_AA64MMFR2_EL1.IESB': { feature: 'FEAT_IESB', probes: [ctrl('SCTLR_EL1', 21, 'SCTLR_EL1.IESB')] },
  'ID_AA64MMFR2_EL1.VARange': none('FEAT_LVA (52-bit VA)', 'the largest TnSZ accepted by the MMU (test/mmu)'),
  'ID_AA64MMFR2_EL1.CCIDX': none('FEAT_CCIDX', 'the CCSIDR_EL1 format (test/cpu/system.test.ts reads it)'),
  'ID_AA64MMFR2_EL1.NV': { feature: 'FEAT_NV', probes: [ctrl('HCR_EL2', 42, 'HCR_EL2.NV')] },
  'ID_AA64MMFR2_EL1.ST': none('FEAT_TTST', 'the smallest TnSZ accepted by the MMU (test/mmu)'),
  'ID_AA64MMFR2_EL1.AT': none('FEAT_LSE2', 'single-copy atomicity of unaligned accesses: no instruction or register'),
  'ID_AA64MMFR2_EL1.IDS': none('FEAT_IDST', 'how an unallocated ID register read is reported (RAZ here; test/arch/sysregs.test.ts)'),
  'ID_AA64MMFR2_EL1.FWB': { feature: 'FEAT_S2FWB', probes: [ctrl('HCR_EL2', 46, 'HCR_EL2.FWB')] },
  'ID_AA64MMFR2_EL1.TTL': none('FEAT_TTL', 'a hint in TLBI operands the model may ignore'),
  'ID_AA64MMFR2_EL1.BBM': none('FEAT_BBM', 'break-before-make levels: no instruction or register'),
  'ID_AA64MMFR2_EL1.EVT': { feature: 'FEAT_EVT', probes: [ctrl('HCR_EL2', 49, 'HCR_EL2.TID4')] },
  'ID_AA64MMFR2_EL1.E0PD': { feature: 'FEAT_E0PD', probes: [ctrl('TCR_EL1', 55, 'TCR_EL1.E0PD0')] },
};
