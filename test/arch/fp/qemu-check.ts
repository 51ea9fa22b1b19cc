// Compare src/arch/fp and the BigInt reference model with QEMU's recorded results of one operation: regenerate
// the inputs, check them against the recording's hash, and count agreements.
import { FPStatus } from '../../../src/arch/fp/fp.ts';
import type { FpOp } from './ops.ts';
import { readRecording } from './recording.ts';
import { decodeFpcr, Env } from './reference.ts';
import { vectorHash, vectors } from './vectors.ts';

export interface Agreement {
  checked: number;
  agree: number;
  /** The first few disagreements, readable. */
  examples: string[];
}

const hex = (v: bigint | number): string => '0x' + v.toString(16);

/**
 * Check `op`'s recording: the library on every record (full) or on the recorded prefix (what `npm test`
 * checks), the reference model on the first `refCount` of those. Throws when there is no recording or its
 * inputs are not vectors.ts's.
 */
export function checkAgainstQemu(op: FpOp, full: boolean, refCount: number): { lib: Agreement; ref: Agreement } {
  const rec = readRecording(op.name);
  if (rec === undefined) throw new Error(`${op.name}: no recording (npm run fp:record)`);
  const n = full ? rec.results.length : rec.prefix;
  const vs = vectors(op, n, rec.seed);
  if (vectorHash(vs) !== (full ? rec.hash : rec.prefixHash)) {
    throw new Error(`${op.name}: the recorded inputs are not vectors.ts's (re-record with npm run fp:record)`);
  }
  const lib: Agreement = { checked: n, agree: 0, examples: [] };
  const ref: Agreement = { checked: Math.min(refCount, n), agree: 0, examples: [] };
  const tally = (a: Agreement, i: number, model: string, got: bigint, flags: number): void => {
    if (got === rec.results[i] && flags === rec.fpsr[i]) a.agree++;
    else if (a.examples.length < 5) {
      const v = vs[i]!;
      a.examples.push(
        `${op.name}(${v.args.map(hex).join(', ')}) fpcr=${hex(v.fpcr)}: ${model} ${hex(got)} fpsr ${hex(flags)}, ` +
          `QEMU ${hex(rec.results[i]!)} fpsr ${hex(rec.fpsr[i]!)}`,
      );
    }
  };
  for (let i = 0; i < n; i++) {
    const v = vs[i]!;
    const st = new FPStatus(v.fpcr);
    tally(lib, i, 'library', op.lib(st, v.args), st.fpsr);
    if (i < ref.checked) {
      const env = new Env(decodeFpcr(v.fpcr));
      tally(ref, i, 'reference', op.ref(env, v.args), env.fpsr);
    }
  }
  return { lib, ref };
}
