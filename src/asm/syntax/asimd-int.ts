// Syntax of the Advanced SIMD integer rows (src/arch/a64/rows/asimd-int.ts): `op Vd.T, Vn.T, Vm.T` with T from size
// and Q, spellings only for the element sizes the row allows (threeSameRule); ORR with Rn = Rm is `mov`, as objdump
// prints it.
import { ACROSS_IDS, ASIMD_INT, MUL_SAME, PERMUTE_IDS, threeSameRule } from '../../arch/a64/rows/asimd-int.ts';
import { rowById } from '../../arch/a64/table.ts';
import type { Fields, Form } from '../forms.ts';
import { freg, imm, lslStep, num } from '../kinds.ts';
import { arrQ, arrSQ, byteMask, fpImm8, mslAmount, scalarBySize } from '../kinds-simd.ts';

const imm8 = imm(num(['abc', 'defgh']));
const s32 = (mn: string): Form[] => [{ mn, ops: [arrQ('Rd', '2s', '4s'), imm8, lslStep('sh', 8, () => 3)] }];
const s16 = (mn: string): Form[] => [{ mn, ops: [arrQ('Rd', '4h', '8h'), imm8, lslStep('sh', 8, () => 1)] }];
const msl = (mn: string): Form[] => [{ mn, ops: [arrQ('Rd', '2s', '4s'), imm8, mslAmount('sh')] }];

/** The modified-immediate rows and EXT, as objdump spells them. */
const OTHERS: Record<string, readonly Form[]> = {
  MOVI_s32: s32('movi'), ORR_s32: s32('orr'), MVNI_s32: s32('mvni'), BIC_s32: s32('bic'),
  MOVI_s16: s16('movi'), ORR_s16: s16('orr'), MVNI_s16: s16('mvni'), BIC_s16: s16('bic'),
  MOVI_msl: msl('movi'), MVNI_msl: msl('mvni'),
  MOVI_8: [{ mn: 'movi', ops: [arrQ('Rd', '8b', '16b'), imm8] }],
  MOVI_64: [
    { mn: 'movi', ops: [freg('Rd', 'd'), byteMask()], fixed: { Q: 0 } },
    { mn: 'movi', ops: [arrQ('Rd', undefined, '2d'), byteMask()] },
  ],
  FMOV_v_s: [{ mn: 'fmov', ops: [arrQ('Rd', '2s', '4s'), fpImm8(true, false)] }],
  FMOV_v_d: [{ mn: 'fmov', ops: [arrQ('Rd', undefined, '2d'), fpImm8(true, true)], when: (f) => f.Q === 1 }],
  EXT: [{ mn: 'ext', ops: [arrSQ('Rd', true), arrSQ('Rn', true), arrSQ('Rm', true), imm(num('imm4'), 'dec')], when: (f) => f.Q === 1 || f.imm4! < 8 }],
};

function formsFor(id: string, mn: string): Form[] {
  const rule = threeSameRule(id)!;
  if (rule === 'logic') {
    const ops = [arrSQ('Rd', true), arrSQ('Rn', true), arrSQ('Rm', true)];
    if (id !== 'ORR_v') return [{ mn, ops }];
    return [
      { mn: 'mov', ops: [arrSQ('Rd', true), arrSQ('Rn', true)], when: (f) => f.Rn === f.Rm, derive: (fs) => fs.set('Rm', fs.get('Rn')!) },
      { mn, ops },
    ];
  }
  const ok = rule === 'd' ? (f: Fields) => !(f.size === 3 && f.Q === 0) : (f: Fields) => f.size !== 3;
  return [{ mn, ops: [arrSQ('Rd'), arrSQ('Rn'), arrSQ('Rm')], when: ok }];
}

const mnOf = (id: string): string => rowById(id)!.mnemonic;

/** Permutes: Vd.T, Vn.T, Vm.T with 64-bit lanes only in a 128-bit vector. */
const permutes = Object.fromEntries(PERMUTE_IDS.map((id) => [id, [{ mn: mnOf(id), ops: [arrSQ('Rd'), arrSQ('Rn'), arrSQ('Rm')], when: (f: Fields) => !(f.size === 3 && f.Q === 0) }] as Form[]]));

/** Across lanes: a scalar of the element size (ADDLV: twice it) from Vn.T; 8 and 16-bit lanes, or 4s. */
const across = Object.fromEntries(ACROSS_IDS.map((id) => {
  const long = id.endsWith('ADDLV');
  return [id, [{ mn: mnOf(id), ops: [scalarBySize('Rd', long ? 1 : 0), arrSQ('Rn')], when: (f: Fields) => f.size! < 2 || (f.size === 2 && f.Q === 1) }] as Form[]];
}));

export const ASIMD_INT_SYNTAX: Record<string, readonly Form[]> = {
  ...permutes,
  ...across,
  ...Object.fromEntries(ASIMD_INT.filter((r) => threeSameRule(r.id) !== undefined).map((r) => [r.id, formsFor(r.id, r.mnemonic)])),
  ...OTHERS,
  ...Object.fromEntries(MUL_SAME.map(([id, mn, , , , scalar]): [string, Form[]] => {
    if (id === 'PMUL') return [id, [{ mn, ops: [arrSQ('Rd', true), arrSQ('Rn', true), arrSQ('Rm', true)] }]];
    const hs = (f: Fields): boolean => f.size === 1 || f.size === 2; // 16 and 32-bit elements only
    const ops = scalar ? [scalarBySize('Rd', 0), scalarBySize('Rn', 0), scalarBySize('Rm', 0)] : [arrSQ('Rd'), arrSQ('Rn'), arrSQ('Rm')];
    return [id, [{ mn, ops, when: hs }]];
  })),
};
