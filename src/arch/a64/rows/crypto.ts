// Encoding rows: the Crypto extension (ARM C4.1 "Cryptographic AES", "Cryptographic three-register SHA",
// "Cryptographic two-register SHA"; C7.2 AESE … SHA256SU1): one row per instruction, size = 00 (other sizes and
// opcodes are unallocated and stay with the CRYPTO_* class rows of rows/fpsimd.ts).
import type { Feature, RowSpec } from '../encoding.ts';

/** Operand shape of a Crypto row: the assembler syntax and what the handler reads. */
export type CryptoShape = 'aes' | 'sha1hash' | 'sha256hash' | 'vec3' | 'vec2' | 'sha1h';

/** [id, mnemonic, feature, shape, diagram]. */
export const CRYPTO_OPS: readonly (readonly [string, string, Feature, CryptoShape, string])[] = [
  ...(['aese', 'aesd', 'aesmc', 'aesimc'] as const).map((mn, i) => [
    mn.toUpperCase(), mn, 'AES', 'aes', `01001110 00 10100 001${(i >> 1) & 1}${i & 1} 10 Rn:5 Rd:5`,
  ] as const),
  ...([['sha1c', 'SHA1', 'sha1hash'], ['sha1p', 'SHA1', 'sha1hash'], ['sha1m', 'SHA1', 'sha1hash'], ['sha1su0', 'SHA1', 'vec3'],
    ['sha256h', 'SHA2', 'sha256hash'], ['sha256h2', 'SHA2', 'sha256hash'], ['sha256su1', 'SHA2', 'vec3']] as const).map(([mn, feature, shape], op) => [
    mn.toUpperCase(), mn, feature, shape, `01011110 00 0 Rm:5 0 ${op.toString(2).padStart(3, '0')} 00 Rn:5 Rd:5`,
  ] as const),
  ...([['sha1h', 'SHA1', 'sha1h'], ['sha1su1', 'SHA1', 'vec2'], ['sha256su0', 'SHA2', 'vec2']] as const).map(([mn, feature, shape], op) => [
    mn.toUpperCase(), mn, feature, shape, `01011110 00 10100 ${op.toString(2).padStart(5, '0')} 10 Rn:5 Rd:5`,
  ] as const),
];

export const CRYPTO: readonly RowSpec[] = CRYPTO_OPS.map(([id, mnemonic, feature, , diagram]) => ({ id, mnemonic, cls: 'fpsimd', feature, diagram }));
