// watchExceptionLoops (src/cpu/exception-loop.ts): a run ends at an exception loop only when the loop is certain — the
// instruction at a vector raises the exception that vectored to it, at the same EL, the entry writing what it wrote the
// time before, one instruction apart, and no interrupt routed above the EL — and in every tier of the CPU.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SR } from '../../src/arch/sysreg-table.ts';
import type { Cpu, StopReason } from '../../src/cpu/cpu.ts';
import { ExceptionLoopWatch, watchExceptionLoops } from '../../src/cpu/exception-loop.ts';
import { SyncModel } from '../../src/cpu/sync.ts';
import { assemble } from '../../src/asm/assemble.ts';
import { VirtMachine } from '../../src/machine/virt.ts';
import { CODE, makeCpu } from '../helpers/cpu.ts';

const VBAR1 = 0x4010_0000;
const VBAR2 = 0x4020_0000;
const CUR_SPX = 0x200; // the current-EL, SP_ELx group's synchronous entry
const UDF = 0x0000_0000; // udf #0
const SVC = 0xd4000001; // svc #0
const ADD_X0 = 0x91000400; // add x0, x0, #1
const RW = 1n << 31n; // HCR_EL2.RW (RAO/WI here)
const ROUTES = { IMO: 1n << 4n, FMO: 1n << 3n, AMO: 1n << 5n, TGE: 1n << 27n }; // HCR_EL2 routing bits

/** A CPU at `el` (SP_ELx) running UDF at CODE, with `vector` at VBAR_ELx + 0x200 of both ELs and HCR_EL2 = `hcr`. */
function looping(el: number, vector: readonly number[], hcr = RW): Cpu {
  const c = makeCpu([UDF]);
  for (const base of [VBAR1, VBAR2]) vector.forEach((w, i) => c.mem.writeU32(base + CUR_SPX + 4 * i, w));
  c.sr[SR.VBAR_EL1] = BigInt(VBAR1);
  c.sr[SR.VBAR_EL2] = BigInt(VBAR2);
  c.sr[SR.HCR_EL2] = hcr;
  c.setElSp(el, 1);
  return c;
}

/** Run `c` for at most `budget` instructions with the watch ending the run at a loop, as `boot` and `run` do. */
function watched(c: Cpu, budget = 1000): StopReason {
  watchExceptionLoops(c);
  return c.run(budget);
}

test("an UNDEFINED word at EL2's vector: the loop ends the run at its second identical entry", () => {
  const c = looping(2, [UDF]);
  const stop = watched(c);
  assert.equal(stop.kind, 'loop');
  // the UDF at CODE, then the vector's twice: entries 2 and 3 wrote the same ELR, SPSR, ESR and FAR
  assert.equal(c.retired(), 3);
  assert.equal((stop as { why: string }).why, 'EL2 takes the same exception at its own vector entry 0x0000000040200200, again and again (EC 0x00, ' +
    'ESR 0x0000000002000000, ELR 0x0000000040200200, FAR 0x0000000000000000; VBAR_EL2 = 0x0000000040200000), every interrupt that could break the loop masked');
});

test('at EL1 with no interrupt routed to EL2 it is a loop; with IMO, FMO, AMO or TGE the slice timer could end it', () => {
  const c = looping(1, [UDF]);
  const stop = watched(c);
  assert.equal(stop.kind, 'loop');
  assert.match((stop as { why: string }).why, /^EL1 takes the same exception at its own vector entry 0x0000000040100200, .*ESR 0x0000000002000000/);
  for (const [bit, v] of Object.entries(ROUTES)) {
    // TGE at EL1 routes the UNDEFINED exception to EL2 (the vector there is the same UDF): still no loop at one EL
    const routed = looping(1, [UDF], RW | v);
    assert.deepEqual(watched(routed), { kind: 'budget' }, `HCR_EL2.${bit}`);
  }
});

test('an SVC at the vector (its preferred return the next instruction) is a loop; an ADD before an UDF is not', () => {
  const svc = looping(1, [SVC]);
  assert.equal(watched(svc).kind, 'loop');
  assert.equal(svc.sr[SR.ELR_EL1], BigInt(VBAR1 + CUR_SPX + 4));
  // the entry repeats, but X0 grows by one each time round: not a state the PE returns to
  const add = looping(1, [ADD_X0, UDF]);
  assert.deepEqual(watched(add), { kind: 'budget' });
  assert.ok(add.x[0]! > 400n);
});

test('a CPU with a SyncModel is never judged: its choices may differ from one attempt to the next', () => {
  const c = looping(2, [UDF]);
  c.sync = new SyncModel();
  assert.deepEqual(watched(c), { kind: 'budget' });
});

test('identical entries further apart than one instruction, or not raised by the vector\'s instruction, are no loop', () => {
  const c = looping(2, [UDF]);
  c.run(3); // in the loop: ELR_EL2, ESR_EL2, SPSR_EL2 as every further entry writes them
  const watch = new ExceptionLoopWatch();
  const at = (n: number): string | undefined => {
    c.icount = n;
    return watch.entered(c, 2);
  };
  assert.equal(at(10), undefined); // the first entry the watch sees
  assert.equal(at(12), undefined); // the same entry two instructions later
  assert.equal(at(14), undefined);
  assert.match(at(15) ?? '', /^EL2 takes the same exception/); // one instruction later
  c.sr[SR.FAR_EL2] = 0x1234n; // an entry that wrote another FAR
  assert.equal(at(16), undefined);
  assert.match(at(17) ?? '', /^EL2 takes the same exception/);
  // entries that repeat one instruction apart, but their preferred return is not the vector's instruction: the one
  // that ran was another (which may have changed what the watch does not see)
  c.sr[SR.ELR_EL2] = c.sr[SR.ELR_EL2]! + 8n;
  assert.equal(at(18), undefined);
  assert.equal(at(19), undefined);
  assert.equal(at(20), undefined);
});

test('a vector that holds the first faulting word itself: the loop is found at the second entry', () => {
  const c = makeCpu([UDF]);
  c.sr[SR.VBAR_EL2] = BigInt(CODE - CUR_SPX); // the vector is CODE, where the UDF is: a loop from the first entry on
  const stop = watched(c);
  assert.equal(stop.kind, 'loop');
  assert.equal(c.retired(), 2);
});

test('a loop whose faulting load sits in a block the CPU translated while it ran: found as in the interpreter', () => {
  // the block at the vector runs 2,000 times as code, then its load's address has no memory: a synchronous external
  // abort at EL2, vectored to the load itself
  const a = assemble('loop.S', `
    .text
    .globl _start
_start:
    adr     x0, vectors
    msr     vbar_el2, x0
    isb
    mov     x3, #2000
    adr     x2, data
    b       body
    .balign 2048
vectors:
    .skip   0x200
body:
    ldr     x1, [x2]
    sub     x3, x3, #1
    cbnz    x3, body
    mov     x2, #0x50000000
    b       body
    .balign 8
data:
    .quad   7
`);
  assert.deepEqual(a.diagnostics, []);
  for (const wasm of [true, false]) {
    const m = new VirtMachine({ wasm });
    assert.equal(m.load({ entry: a.entry, segments: a.sections.map((sec) => ({ vaddr: sec.addr, paddr: sec.addr, data: sec.bytes, memsz: BigInt(sec.bytes.length), flags: 7 })), symbols: [] }), undefined);
    watchExceptionLoops(m.cpu);
    const r = m.run(100_000);
    assert.equal(r.stop.kind, 'loop', `wasm ${wasm}`);
    assert.match((r.stop as { why: string }).why, /^EL2 takes the same exception at its own vector entry 0x0*\w+a00, again and again \(EC 0x25, ESR 0x0000000096000010, ELR 0x0*\w+a00, FAR 0x0000000050000000;/);
    assert.ok(m.cpu.stats.translated > 1000, `wasm ${wasm}: the block ran translated (${m.cpu.stats.translated})`);
    assert.ok(r.instructions < 8000);
  }
});
