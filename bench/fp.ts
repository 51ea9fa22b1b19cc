// FP library benchmark (`npm run bench:fp`): throughput of src/arch/fp per operation, as ratios to a reference
// measured in the same process on the same operands, so that a loaded machine changes the figures little:
// - "× host": the library on normal operands (round to nearest, the host fast path) against the host's own
//   arithmetic (test/arch/fp/workloads.ts HOST: no flags, no rounding modes, no NaN rules; FMADD unfused), i.e. the
//   cost of bit-exactness over what a JavaScript interpreter gets for free (1.0 = as fast as the host);
// - "RP/RN": the same under round toward +∞ (the fast path's correction step) against round to nearest;
// - "exact/fast": denormal operands with FZ = 0 (the exact integer-significand path, never the fast path) against
//   normal operands.
// Absolute rates (millions of operations per CPU second, best of 3) are printed too. Allocation-freedom is a test
// (test/arch/fp/alloc.test.ts), not a figure here. Operands cycle through 1,024 preset bit patterns.
import * as fp from '../src/arch/fp/fp.ts';
import { HOST, WORKLOADS } from '../test/arch/fp/workloads.ts';
import { rate } from './rate.ts';

const SECONDS = 0.3; // per measured run
const m = (v: number): string => (v / 1e6).toFixed(1).padStart(7);
const x = (v: number | undefined): string => (v === undefined ? '—' : v.toFixed(2)).padStart(8);

console.log('operation      RN M/s  × host   RP/RN  exact/fast   (host M/s)');
for (const [name, body] of Object.entries(WORKLOADS)) {
  const rn = rate((n) => body(n, 'normal', new fp.FPStatus(0)), SECONDS).perSecond;
  const rp = rate((n) => body(n, 'normal', new fp.FPStatus(fp.RP << 22)), SECONDS).perSecond;
  const exact = rate((n) => body(n, 'denormal', new fp.FPStatus(0)), SECONDS).perSecond;
  const host = HOST[name];
  const h = host === undefined ? undefined : rate((n) => host(n, 'normal'), SECONDS).perSecond;
  console.log(
    `${name.padEnd(12)}${m(rn)}${x(h === undefined ? undefined : rn / h)}${x(rp / rn)}${x(exact / rn)}` +
      (h === undefined ? '   (no host equivalent: exact path only)' : `   (${m(h).trim()})`),
  );
}
console.log('ratios > 1 mean faster than the reference; per CPU second of this process, best of 3 runs each');
