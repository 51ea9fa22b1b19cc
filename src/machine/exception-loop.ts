// A guest whose vector table is not set up (VBAR_ELx still 0, or pointing at nothing) takes an exception, and the
// vector's own first instruction takes the same exception again, for ever: architecturally correct, and otherwise
// silent until the instruction budget ends. This watcher stops the run once the same exception (same target EL,
// ESR, ELR and FAR) has been taken `limit` times in a row, each one at the entry of the previous one's vector, and
// says so. Every exception before the stop is still taken exactly as the architecture says.
import { ecOf } from '../arch/syndrome.ts';
import { SR } from '../arch/sysreg-table.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { PC } from '../cpu/state.ts';
import { hex64 } from '../bits/bits.ts';

/** Identical exceptions in a row, each taken at its predecessor's vector entry, that count as a loop. */
export const EXCEPTION_LOOP_LIMIT = 8;

/** Chain a loop detector onto cpu.traceException; the run halts with a message naming the exception. */
export function watchExceptionLoops(cpu: Cpu, limit = EXCEPTION_LOOP_LIMIT): void {
  const chained = cpu.traceException;
  let el = -1;
  let esr = 0n;
  let far = 0n;
  let vector = -1n; // where the previous exception entered
  let repeats = 0;
  cpu.traceException = (c, from) => {
    chained?.(c, from);
    const e = c.el;
    const s = c.sr[e === 2 ? SR.ESR_EL2 : SR.ESR_EL1]!;
    const f = c.sr[e === 2 ? SR.FAR_EL2 : SR.FAR_EL1]!;
    const elr = c.sr[e === 2 ? SR.ELR_EL2 : SR.ELR_EL1]!;
    repeats = e === el && s === esr && f === far && elr === vector ? repeats + 1 : 1;
    el = e;
    esr = s;
    far = f;
    vector = c.x[PC]!;
    if (repeats < limit) return;
    const vbar = c.sr[e === 2 ? SR.VBAR_EL2 : SR.VBAR_EL1]!;
    c.halt({
      kind: 'halt',
      why:
        `exception loop: EL${e} took the same exception ${repeats} times in a row, each at its own vector entry ` +
        `(EC 0x${ecOf(Number(s & 0xffffffffn)).toString(16).padStart(2, '0')}, ESR ${hex64(s)}, ELR ${hex64(elr)}, FAR ${hex64(f)}); ` +
        `VBAR_EL${e} = ${hex64(vbar)}: the vector table is not set up there`,
    });
  };
}
