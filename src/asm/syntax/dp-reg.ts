// Syntax of data processing — register rows: logical and add/sub (shifted, extended), add/sub with carry,
// conditional compare/select, multiply-add, divide, variable shifts, CRC32 and one-source operations.
import type { Fields, Form } from '../forms.ts';
import { cond, condComment, extendedRm, imm, num, reg, SF, shifted } from '../kinds.ts';

const Rd = reg('Rd');
const Rn = reg('Rn');
const Rm = reg('Rm');
const Rd_SP = reg('Rd', SF, true);
const Rn_SP = reg('Rn', SF, true);
const Xd = reg('Rd', 'x');
const Xn = reg('Rn', 'x');
const Xm = reg('Rm', 'x');
const Xa = reg('Ra', 'x');
const Wd = reg('Rd', 'w');
const Wn = reg('Rn', 'w');
const Wm = reg('Rm', 'w');
const Ra = reg('Ra');
const size = (f: Fields) => (f.sf === 1 ? 64 : 32);
const logSh = shifted('shift', 'imm6', true);
const addSh = shifted('shift', 'imm6', false);
/** Shifted-register amounts must be below the register size; ADD/SUB reserve shift type ROR. */
const shOk = (f: Fields) => f.imm6! < size(f);
const addShOk = (f: Fields) => shOk(f) && f.shift !== 3;
const extOk = (f: Fields) => f.imm3! <= 4;

function logical(mn: string, aliases: Form[] = []): readonly Form[] {
  return [...aliases, { mn, ops: [Rd, Rn, Rm, logSh], when: shOk }];
}
function addsub(mn: string, aliases: Form[]): readonly Form[] {
  return [...aliases, { mn, ops: [Rd, Rn, Rm, addSh], when: addShOk }];
}
function addsubExt(mn: string, s: boolean, aliases: Form[]): readonly Form[] {
  return [...aliases, { mn, ops: [s ? Rd : Rd_SP, Rn_SP, ...extendedRm(!s)], when: extOk }];
}
const ccmp = (mn: string, immediate: boolean): readonly Form[] => [
  { mn, ops: [Rn, immediate ? imm(num('imm5')) : Rm, imm(num('nzcv')), cond('cond')], comment: condComment('cond') },
];
/** CSINC/CSINV/CSNEG and their aliases (CSET/CSETM need Rn = Rm = ZR; CINC/CINV/CNEG need Rn = Rm ≠ ZR). */
function condSel(mn: string, set: string | undefined, inc: string): readonly Form[] {
  const inv = (f: Fields) => f.cond! < 14;
  const forms: Form[] = [];
  if (set) forms.push({ mn: set, ops: [Rd, cond('cond', true)], fixed: { Rn: 31, Rm: 31 }, when: inv, comment: condComment('cond', true) });
  forms.push(
    { mn: inc, ops: [Rd, Rn, cond('cond', true)], when: (f) => inv(f) && f.Rn === f.Rm && (set === undefined || f.Rn !== 31), derive: (fs) => fs.set('Rm', fs.get('Rn')!), comment: condComment('cond', true) },
    { mn, ops: [Rd, Rn, Rm, cond('cond')], comment: condComment('cond') },
  );
  return forms;
}
const mul3 = (mn: string, alias: string, d = Rd, n = Rn, m = Rm, a = Ra): readonly Form[] => [
  { mn: alias, ops: [d, n, m], fixed: { Ra: 31 } },
  { mn, ops: [d, n, m, a] },
];
const rrr = (mn: string, d = Rd, n = Rn, m = Rm): readonly Form[] => [{ mn, ops: [d, n, m] }];
const rr = (mn: string, d = Rd, n = Rn): readonly Form[] => [{ mn, ops: [d, n] }];

export const DP_REG_SYNTAX: Record<string, readonly Form[]> = {
  AND_shift: logical('and'),
  BIC_shift: logical('bic'),
  ORR_shift: logical('orr', [{ mn: 'mov', ops: [Rd, Rm], fixed: { Rn: 31, shift: 0, imm6: 0 } }]),
  ORN_shift: logical('orn', [{ mn: 'mvn', ops: [Rd, Rm, logSh], fixed: { Rn: 31 }, when: shOk }]),
  EOR_shift: logical('eor'),
  EON_shift: logical('eon'),
  ANDS_shift: logical('ands', [{ mn: 'tst', ops: [Rn, Rm, logSh], fixed: { Rd: 31 }, when: shOk }]),
  BICS_shift: logical('bics'),
  ADD_shift: addsub('add', []),
  ADDS_shift: addsub('adds', [{ mn: 'cmn', ops: [Rn, Rm, addSh], fixed: { Rd: 31 }, when: addShOk }]),
  SUB_shift: addsub('sub', [{ mn: 'neg', ops: [Rd, Rm, addSh], fixed: { Rn: 31 }, when: addShOk }]),
  SUBS_shift: addsub('subs', [
    { mn: 'cmp', ops: [Rn, Rm, addSh], fixed: { Rd: 31 }, when: addShOk },
    { mn: 'negs', ops: [Rd, Rm, addSh], fixed: { Rn: 31 }, when: addShOk },
  ]),
  ADD_ext: addsubExt('add', false, []),
  ADDS_ext: addsubExt('adds', true, [{ mn: 'cmn', ops: [Rn_SP, ...extendedRm(false)], fixed: { Rd: 31 }, when: extOk }]),
  SUB_ext: addsubExt('sub', false, []),
  SUBS_ext: addsubExt('subs', true, [{ mn: 'cmp', ops: [Rn_SP, ...extendedRm(false)], fixed: { Rd: 31 }, when: extOk }]),
  ADC: rrr('adc'),
  ADCS: rrr('adcs'),
  SBC: [{ mn: 'ngc', ops: [Rd, Rm], fixed: { Rn: 31 } }, ...rrr('sbc')],
  SBCS: [{ mn: 'ngcs', ops: [Rd, Rm], fixed: { Rn: 31 } }, ...rrr('sbcs')],
  CCMN_reg: ccmp('ccmn', false),
  CCMP_reg: ccmp('ccmp', false),
  CCMN_imm: ccmp('ccmn', true),
  CCMP_imm: ccmp('ccmp', true),
  CSEL: [{ mn: 'csel', ops: [Rd, Rn, Rm, cond('cond')], comment: condComment('cond') }],
  CSINC: condSel('csinc', 'cset', 'cinc'),
  CSINV: condSel('csinv', 'csetm', 'cinv'),
  CSNEG: condSel('csneg', undefined, 'cneg'),
  MADD: mul3('madd', 'mul'),
  MSUB: mul3('msub', 'mneg'),
  SMADDL: mul3('smaddl', 'smull', Xd, Wn, Wm, Xa),
  SMSUBL: mul3('smsubl', 'smnegl', Xd, Wn, Wm, Xa),
  UMADDL: mul3('umaddl', 'umull', Xd, Wn, Wm, Xa),
  UMSUBL: mul3('umsubl', 'umnegl', Xd, Wn, Wm, Xa),
  SMULH: rrr('smulh', Xd, Xn, Xm),
  UMULH: rrr('umulh', Xd, Xn, Xm),
  UDIV: rrr('udiv'),
  SDIV: rrr('sdiv'),
  LSLV: [{ mn: 'lsl', ops: [Rd, Rn, Rm] }, ...rrr('lslv')],
  LSRV: [{ mn: 'lsr', ops: [Rd, Rn, Rm] }, ...rrr('lsrv')],
  ASRV: [{ mn: 'asr', ops: [Rd, Rn, Rm] }, ...rrr('asrv')],
  RORV: [{ mn: 'ror', ops: [Rd, Rn, Rm] }, ...rrr('rorv')],
  CRC32B: rrr('crc32b', Wd, Wn, Wm),
  CRC32H: rrr('crc32h', Wd, Wn, Wm),
  CRC32W: rrr('crc32w', Wd, Wn, Wm),
  CRC32X: rrr('crc32x', Wd, Wn, Xm),
  CRC32CB: rrr('crc32cb', Wd, Wn, Wm),
  CRC32CH: rrr('crc32ch', Wd, Wn, Wm),
  CRC32CW: rrr('crc32cw', Wd, Wn, Wm),
  CRC32CX: rrr('crc32cx', Wd, Wn, Xm),
  RBIT: rr('rbit'),
  REV16: rr('rev16'),
  REV32: rr('rev32', Xd, Xn),
  REV_32: rr('rev', Wd, Wn),
  REV_64: rr('rev', Xd, Xn),
  CLZ: rr('clz'),
  CLS: rr('cls'),
};
