// The A64 encoding table: every row of every instruction class, in one list. Row 0 is "unallocated".
import { encoding, type Encoding } from '../encoding.ts';
import { unallocated } from '../exception.ts';
import { DP_IMM } from './dp-imm.ts';

export const TABLE: readonly Encoding[] = [
  encoding({ id: 'UNALLOCATED', mnemonic: '.inst', cls: 'system', diagram: 'x'.repeat(32), exec: unallocated }),
  ...DP_IMM,
].map((r) => ('mask' in r ? (r as Encoding) : encoding(r)));
