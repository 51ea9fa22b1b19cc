// The A64 encoding table: every row of every instruction class, in one list. Row 0 is "unallocated".
import { encoding, type Encoding } from '../encoding.ts';
import { unallocated } from '../exception.ts';
import { BRANCH } from './branch.ts';
import { DP_IMM } from './dp-imm.ts';
import { DP_REG } from './dp-reg.ts';
import { EXC_GEN } from './exc-gen.ts';
import { FPSIMD } from './fpsimd.ts';
import { LDST } from './ldst.ts';
import { SYSTEM } from './system.ts';

export const TABLE: readonly Encoding[] = [
  encoding({ id: 'UNALLOCATED', mnemonic: '.inst', cls: 'system', diagram: 'x'.repeat(32), exec: unallocated }),
  ...DP_IMM,
  ...BRANCH,
  ...EXC_GEN,
  ...DP_REG,
  ...LDST,
  ...SYSTEM,
  ...FPSIMD,
].map((r) => ('mask' in r ? (r as Encoding) : encoding(r)));
