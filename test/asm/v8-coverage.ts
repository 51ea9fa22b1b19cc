// Which words objdump 2.40 decodes as an ARMv8.0 instruction, and whether twostage executes them (issue 13: "ARMv8.0
// words objdump decodes that twostage does not: 0"). objdump decodes every extension it knows and has no option to
// restrict it to one architecture version, so the later extensions are told apart by its text: the mnemonics that
// only later encodings produce (POST_V80, each with its Arm ARM feature name), SVE/SME operands, and the
// half-precision forms of FP instructions (FEAT_FP16). Some ARMv8.0 words are UNDEFINED on this PE by the
// architecture itself (EXCLUDED). Used by test/asm/v8-coverage.test.ts (recorded objdump text) and
// scripts/v8-coverage.ts (live objdump, a longer campaign).
import { SR } from '../../src/arch/sysreg-table.ts';
import type { Cpu } from '../../src/cpu/cpu.ts';
import { PC, SP } from '../../src/cpu/state.ts';
import { forgetCode, PAGE_SIZE, type RamPage } from '../../src/memory/phys.ts';
import { prng } from '../../src/asm/sample.ts';
import { CODE, makeCpu } from '../helpers/cpu.ts';

/** The recorded sample (test/asm/golden/uniform.txt.gz, `npx tsx scripts/v8-coverage.ts --record`). */
export const GOLDEN_SEED = 0x13a0;
export const GOLDEN_WORDS = 50_000;

/** `n` words drawn uniformly from the whole 32-bit space (mulberry32, as the other golden files). */
export function uniformWords(seed: number, n: number): number[] {
  const rand = prng(seed);
  return Array.from({ length: n }, () => rand());
}

/** Mnemonics only post-ARMv8.0 encodings produce, by the feature that adds them (Arm ARM A2, "Architecture extensions"). */
const POST_V80: readonly (readonly [feature: string, mnemonics: string])[] = [
  ['FEAT_LSE (v8.1)', 'cas casa casl casal casb casab caslb casalb cash casah caslh casalh casp caspa caspl caspal swp swpa swpl swpal swpb swpab swplb swpalb swph swpah swplh swpalh'],
  ['FEAT_LOR (v8.1)', 'ldlar ldlarb ldlarh stllr stllrb stllrh'],
  ['FEAT_RDM (v8.1)', 'sqrdmlah sqrdmlsh'],
  ['FEAT_DotProd (v8.2)', 'sdot udot'],
  ['FEAT_FHM (v8.2)', 'fmlal fmlal2 fmlsl fmlsl2'],
  ['FEAT_SHA3 (v8.2)', 'eor3 bcax xar rax1'],
  ['FEAT_SHA512 (v8.2)', 'sha512h sha512h2 sha512su0 sha512su1'],
  ['FEAT_SM3 (v8.2)', 'sm3ss1 sm3tt1a sm3tt1b sm3tt2a sm3tt2b sm3partw1 sm3partw2'],
  ['FEAT_SM4 (v8.2)', 'sm4e sm4ekey'],
  ['FEAT_FCMA (v8.3)', 'fcmla fcadd'],
  ['FEAT_JSCVT (v8.3)', 'fjcvtzs'],
  ['FEAT_LRCPC (v8.3)', 'ldapr ldaprb ldaprh'],
  ['FEAT_PAuth (v8.3)', 'pacia pacib pacda pacdb autia autib autda autdb paciza pacizb pacdza pacdzb autiza autizb autdza autdzb xpaci xpacd pacga braa brab braaz brabz blraa blrab blraaz blrabz retaa retab eretaa eretab ldraa ldrab'],
  ['FEAT_LRCPC2 (v8.4)', 'ldapur ldapurb ldapurh ldapursb ldapursh ldapursw stlur stlurb stlurh'],
  ['FEAT_FlagM (v8.4)', 'cfinv rmif setf8 setf16'],
  ['FEAT_FlagM2 (v8.5)', 'axflag xaflag'],
  ['FEAT_FRINTTS (v8.5)', 'frint32z frint32x frint64z frint64x'],
  ['FEAT_MTE (v8.5)', 'irg gmi subp subps addg subg ldg stg stzg st2g stz2g stgp ldgm stgm stzgm'],
  ['FEAT_BF16 (v8.6)', 'bfdot bfmmla bfmlalb bfmlalt bfcvt bfcvtn bfcvtn2'],
  ['FEAT_I8MM (v8.6)', 'smmla ummla usmmla usdot sudot'],
  ['FEAT_LS64 (v8.7)', 'ld64b st64b st64bv st64bv0'],
  ['FEAT_WFxT (v8.7)', 'wfet wfit'],
  ['FEAT_HBC (v8.8)', 'bc'],
  ['FEAT_MOPS (v8.8)', 'cpyfp cpyfm cpyfe cpyp cpym cpye setp setm sete setgp setgm setge'],
  ['FEAT_TME', 'tstart tcommit tcancel ttest'],
  ['FEAT_SVE / FEAT_SME (scalar operands)', 'addpl addvl addspl addsvl rdvl rdsvl'],
];
/** Mnemonic families of later features, with the feature (LSE atomics and their ST aliases, MOPS with its option
 *  suffixes, SVE element counts, whose operands are general registers). */
const POST_V80_FAMILIES: readonly (readonly [feature: string, mnemonic: RegExp])[] = [
  ['FEAT_LSE (v8.1)', /^(ld|st)(add|clr|eor|set|smax|smin|umax|umin)(a|l|al)?[bh]?$/],
  ['FEAT_MOPS (v8.8)', /^(cpyf?[pme]|setg?[pme])(wt|rt|t)?(wn|rn|n)?$/],
  ['FEAT_SVE (element counts)', /^((sq|uq)?(inc|dec)|cnt)[bhwd]$/],
];
/** FEAT_CSSC (v8.9) reuses AdvSIMD mnemonics for general-register forms: ABS, CNT, CTZ, SMAX, SMIN, UMAX, UMIN. */
const CSSC = new Set(['abs', 'cnt', 'ctz', 'smax', 'smin', 'umax', 'umin']);
const GENERAL_FIRST = /^\s*[wx](\d+|zr)\b/;

const BY_MNEMONIC = new Map<string, string>();
for (const [feature, names] of POST_V80) for (const m of names.split(' ')) BY_MNEMONIC.set(m, feature);

/** ARMv8.0 encodings that are UNDEFINED on this PE by the architecture, so "executes" cannot be asked of them. */
const EXCLUDED: readonly (readonly [why: string, mnemonics: string])[] = [
  ['permanently UNDEFINED (C6.2 UDF)', 'udf'],
  ['EL3 not implemented: SMC is UNDEFINED (C6.2 SMC)', 'smc'],
  ['halting not allowed (EDSCR.HDE = 0): HLT is UNDEFINED (C6.2 HLT)', 'hlt'],
  ['Debug state only: UNDEFINED in Non-debug state (C6.2 DCPS1-3, DRPS)', 'dcps1 dcps2 dcps3 drps'],
  // executes or not by the register it names: held by test/arch/sysregs.test.ts, sysops.test.ts, id-features.test.ts
  ['system register and system instruction space (by register)', 'mrs msr sys sysl dc ic at tlbi cfp dvp cpp brb trcit'],
];
const EXCLUDED_BY = new Map<string, string>();
for (const [why, names] of EXCLUDED) for (const m of names.split(' ')) EXCLUDED_BY.set(m, why);

/** FP instructions whose half-precision operands are ARMv8.0 (conversions to and from half precision). */
const HALF_IN_V80 = new Set(['fcvt', 'fcvtl', 'fcvtl2', 'fcvtn', 'fcvtn2']);
const HALF_OPERAND = /\bh\d+\b|\.[48]h\b|\.h\[|\.h\b/;
const FP_MNEMONIC = /^(f|scvtf|ucvtf)/;
/** SVE and SME operands: Z and P registers, ZA tiles (FEAT_SVE, FEAT_SME). */
const SVE_OPERAND = /\b(z\d+|p\d+|za\d*[hv]?)(\.[bhsdq])?\b|\bzt0\b/;

export type Verdict =
  | { readonly kind: 'not decoded' }
  | { readonly kind: 'later'; readonly feature: string }
  | { readonly kind: 'excluded'; readonly why: string }
  | { readonly kind: 'v8.0' };

export const mnemonicOf = (text: string): string => text.trim().split(/\s+/)[0]!.replace(/\..*$/, '');

/** What objdump's text for one word says: not decoded, a later extension, excluded, or an ARMv8.0 instruction. */
export function classify(text: string): Verdict {
  if (text.startsWith('.inst') || text === '' || text.startsWith('undefined')) return { kind: 'not decoded' };
  const mnemonic = mnemonicOf(text);
  const operands = text.slice(text.indexOf(mnemonic) + mnemonic.length).replace(/\/\/.*$/, '');
  const later = BY_MNEMONIC.get(mnemonic) ?? POST_V80_FAMILIES.find(([, re]) => re.test(mnemonic))?.[0];
  if (later !== undefined) return { kind: 'later', feature: later };
  if (CSSC.has(mnemonic) && GENERAL_FIRST.test(operands)) return { kind: 'later', feature: 'FEAT_CSSC (v8.9)' };
  if (SVE_OPERAND.test(operands)) return { kind: 'later', feature: 'FEAT_SVE / FEAT_SME' };
  if (FP_MNEMONIC.test(mnemonic) && !HALF_IN_V80.has(mnemonic) && HALF_OPERAND.test(operands)) return { kind: 'later', feature: 'FEAT_FP16 (v8.2)' };
  const why = EXCLUDED_BY.get(mnemonic);
  if (why !== undefined) return { kind: 'excluded', why };
  return { kind: 'v8.0' };
}

/** A CPU at EL2h that runs one word at a time from a fixed state: FP enabled, X0–X30 and SP pointing into RAM. */
export class WordRunner {
  private readonly c: Cpu;
  private readonly xs: BigUint64Array;
  private readonly srs: BigUint64Array;
  private readonly page: RamPage;
  private readonly idx = (CODE & (PAGE_SIZE - 1)) >>> 2;
  private static readonly VBAR = 0x4010_0000n;
  private static readonly NOT_TAKEN = 0xdead_0000n;

  constructor() {
    const c = makeCpu([0]);
    c.sr[SR.VBAR_EL2] = WordRunner.VBAR;
    for (let r = 0; r < 31; r++) c.x[r] = 0x4040_0000n + BigInt(r) * 0x100n;
    c.x[SP] = 0x4050_0000n;
    this.c = c;
    this.xs = c.x.slice();
    this.srs = c.sr.slice();
    this.page = c.mem.page(CODE)!;
  }

  /** True when `word` is UNDEFINED at EL2 (EC 0x00 with ELR at the word). */
  undefinedWord(word: number): boolean {
    const c = this.c;
    c.x.set(this.xs);
    c.sr.set(this.srs);
    c.sr[SR.ESR_EL2] = WordRunner.NOT_TAKEN;
    c.el = 2;
    c.spsel = 1;
    c.il = 0;
    c.exclAddr = -1;
    this.page.u32[this.idx] = word;
    forgetCode(this.page, this.idx, this.idx); // the previous word's decode and any block translated from it
    c.contextSync();
    c.run(1);
    return c.sr[SR.ESR_EL2]! >> 26n === 0n && c.sr[SR.ELR_EL2] === BigInt(CODE) && c.x[PC] === WordRunner.VBAR + 0x200n;
  }
}

/** Words per verdict, and each word that breaks the rule: ARMv8.0 → executes, later extension → UNDEFINED. */
export function checkWords(words: readonly number[], texts: readonly string[]): { counts: Map<string, number>; failures: string[] } {
  if (texts.length !== words.length) throw new Error(`${texts.length} objdump lines for ${words.length} words`);
  const runner = new WordRunner();
  const counts = new Map<string, number>();
  const failures: string[] = [];
  words.forEach((w, i) => {
    const v = classify(texts[i]!);
    const key = v.kind === 'later' ? `later: ${v.feature}` : v.kind === 'excluded' ? `excluded: ${v.why}` : v.kind;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (v.kind !== 'v8.0' && v.kind !== 'later') return;
    const undef = runner.undefinedWord(w);
    const hex = w.toString(16).padStart(8, '0');
    if (v.kind === 'v8.0' && undef) failures.push(`${hex} ${texts[i]}: ARMv8.0 (objdump decodes it) but UNDEFINED on twostage`);
    if (v.kind === 'later' && !undef) failures.push(`${hex} ${texts[i]}: ${v.feature}, which the profile does not advertise, executes`);
  });
  return { counts, failures };
}
