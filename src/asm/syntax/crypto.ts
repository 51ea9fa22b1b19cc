// Syntax of the Crypto rows (src/arch/a64/rows/crypto.ts): `aese Vd.16b, Vn.16b`; `sha1c Qd, Sn, Vm.4s`;
// `sha256h Qd, Qn, Vm.4s`; `sha1su0 Vd.4s, Vn.4s, Vm.4s`; `sha1su1 Vd.4s, Vn.4s`; `sha1h Sd, Sn`.
import { CRYPTO_OPS, type CryptoShape } from '../../arch/a64/rows/crypto.ts';
import type { Form, OpKind } from '../forms.ts';
import { freg } from '../kinds.ts';
import { arrFixed } from '../kinds-simd.ts';

const OPERANDS: Record<CryptoShape, readonly OpKind[]> = {
  aes: [arrFixed('Rd', '16b'), arrFixed('Rn', '16b')],
  sha1hash: [freg('Rd', 'q'), freg('Rn', 's'), arrFixed('Rm', '4s')],
  sha256hash: [freg('Rd', 'q'), freg('Rn', 'q'), arrFixed('Rm', '4s')],
  vec3: [arrFixed('Rd', '4s'), arrFixed('Rn', '4s'), arrFixed('Rm', '4s')],
  vec2: [arrFixed('Rd', '4s'), arrFixed('Rn', '4s')],
  sha1h: [freg('Rd', 's'), freg('Rn', 's')],
};

export const CRYPTO_SYNTAX: Record<string, readonly Form[]> = Object.fromEntries(CRYPTO_OPS.map(([id, mn, , shape]) => [
  id, [{ mn, ops: OPERANDS[shape] }],
]));
