// Property: any 32-bit word, executed at EL0, EL1 or EL2, either executes or takes an architectural exception;
// no JavaScript exception ever escapes the run loop (issue 2, "Done when"). 34,000 words per EL, with random
// NZCV and random HCR_EL2 trap bits (and TGE at EL0). One CPU per EL, whose register file and system registers are restored from a
// snapshot before each word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SR } from '../../src/arch/sysreg-table.ts';
import type { Cpu } from '../../src/cpu/cpu.ts';
import { writeNzcv } from '../../src/cpu/pstate.ts';
import { PC, SP, SP_EL0, SP_EL1, SP_EL2 } from '../../src/cpu/state.ts';
import { CODE, makeCpu } from '../helpers/cpu.ts';

const WORDS_PER_EL = 34_000;
const VBAR1 = 0x4010_0000n;
const VBAR2 = 0x4020_0000n;
const RW = 1n << 31n;

/** HCR_EL2 bits a word may be run under (VM/DC left out: with no stage-2 tables every fetch would abort). */
const HCR_CHOICES = [13, 14, 17, 18, 19, 21, 22, 23, 24, 25, 26, 28, 29, 30].map((b) => 1n << BigInt(b)); // TWI TWE TID2 TID3 TSC TACR TSW TPC TPU TTLB TVM TDZ HCD TRVM
const TGE = 1n << 27n;

/** ECs a single A64 instruction may raise in this model (ARCH-NOTES §7e). */
const ALLOWED_EC = new Set([0x00, 0x01, 0x07, 0x15, 0x16, 0x17, 0x18, 0x24, 0x25, 0x26, 0x3c]);
/** ECs whose preferred return address is the next instruction. */
const RETURN_NEXT = new Set([0x15, 0x16]);

interface Rig {
  c: Cpu;
  el: number;
  spsel: number;
  xs: BigUint64Array; // register-file snapshot
  srs: BigUint64Array; // system-register snapshot
  words: Uint32Array; // the RAM page holding CODE
  idx: number;
  taken: number; // exceptions seen by the trace hook during one word
  from: number;
}

function rig(el: number): Rig {
  const c = makeCpu([0]);
  c.sr[SR.VBAR_EL1] = VBAR1;
  c.sr[SR.VBAR_EL2] = VBAR2;
  c.x[SP] = 0x4052_0000n; // SP_EL2 (active at reset)
  c.x[SP_EL0] = 0x4050_0000n;
  c.x[SP_EL1] = 0x4051_0000n;
  // Registers: a mix of RAM addresses (aligned and not), zero, all-ones, no-memory and large values
  const special = [0n, 1n, 63n, 0xffff_ffff_ffff_ffffn, 0x8000_0000_0000_0000n, 0x1000_0000n, 0x4040_0003n];
  for (let i = 0; i < 31; i++) c.x[i] = i % 3 === 0 ? special[(i / 3) % special.length]! : 0x4040_0000n + BigInt(i) * 0x1010n;
  const spsel = el === 0 ? 0 : 1;
  c.setElSp(el, spsel);
  const page = c.mem.page(CODE)!;
  const r: Rig = {
    c, el, spsel, xs: c.x.slice(), srs: c.sr.slice(), words: page.u32,
    idx: (CODE & 0xffff) >>> 2, taken: 0, from: el,
  };
  c.traceException = (_c, fromEl) => {
    r.taken++;
    r.from = fromEl;
  };
  return r;
}

/** Restore the snapshot, place `w` at CODE and run one instruction. Returns the EC taken, or -1. */
function runWord(r: Rig, w: number, nzcv: number, hcr: bigint): number {
  const c = r.c;
  c.x.set(r.xs);
  c.sr.set(r.srs);
  c.sr[SR.HCR_EL2] = hcr;
  c.el = r.el;
  c.spsel = r.spsel;
  c.daif = 0;
  c.il = 0;
  c.ss = 0;
  c.exclAddr = -1;
  writeNzcv(c, nzcv << 28);
  r.words[r.idx] = w;
  const ops = c.mem.page(CODE)!.ops;
  if (ops !== undefined) ops[r.idx] = 0; // forget the previous word's decode
  c.contextSync();
  r.taken = 0;
  c.run(1); // must not throw
  if (r.taken === 0) {
    // executed: the EL can only go down (ERET), never up without an exception
    assert.ok(c.el <= r.el, `EL rose to ${c.el} without an exception`);
    return -1;
  }
  assert.equal(r.taken, 1, 'one instruction took more than one exception');
  assert.equal(r.from, r.el);
  const target = c.el;
  assert.ok(target >= r.el && target >= 1, `exception to EL${target} from EL${r.el}`);
  const esr = c.sr[target === 2 ? SR.ESR_EL2 : SR.ESR_EL1]!;
  const ec = Number(esr >> 26n);
  assert.ok(ALLOWED_EC.has(ec), `unexpected EC 0x${ec.toString(16)}`);
  assert.equal((esr >> 25n) & 1n, 1n, 'ESR.IL must be 1 for A64');
  const elr = c.sr[target === 2 ? SR.ELR_EL2 : SR.ELR_EL1]!;
  assert.equal(elr, BigInt(CODE) + (RETURN_NEXT.has(ec) ? 4n : 0n), `ELR for EC 0x${ec.toString(16)}`);
  const vbar = target === 2 ? VBAR2 : VBAR1;
  const group = target === r.el ? 0x200n : 0x400n; // SP_ELx at the same EL; lower AArch64 (HCR_EL2.RW = 1)
  assert.equal(c.x[PC], vbar + group, 'vector');
  assert.equal(c.x[SP], target === 2 ? r.xs[SP_EL2] : r.xs[SP_EL1], 'SP_ELx selected');
  return ec;
}

const arbU32 = fc.integer({ min: 0, max: 0xffff_ffff });
/** Uniform words, plus a quarter drawn from the "branches, exception generating and system" group (op0 = x101x). */
const arbWord = fc.oneof(
  { weight: 3, arbitrary: arbU32 },
  { weight: 1, arbitrary: arbU32.map((w) => ((w & ~0x1c00_0000) | 0x1400_0000) >>> 0) },
);
const arbNzcv = fc.integer({ min: 0, max: 15 });
const arbHcrBits = fc.integer({ min: 0, max: (1 << HCR_CHOICES.length) - 1 });

function hcrFrom(bits: number, tge: boolean): bigint {
  let h = RW;
  for (let i = 0; i < HCR_CHOICES.length; i++) if ((bits >>> i) & 1) h |= HCR_CHOICES[i]!;
  return tge ? h | TGE : h;
}

for (const el of [0, 1, 2]) {
  test(`${WORDS_PER_EL} random words at EL${el}: each executes or raises an architectural exception`, () => {
    const r = rig(el);
    const counts = new Map<number, number>();
    fc.assert(
      fc.property(arbWord, arbNzcv, arbHcrBits, fc.boolean(), (w, nzcv, bits, tge) => {
        // TGE only for EL0 (EL1 cannot run with TGE=1); at EL2, HCR_EL2 traps do not apply anyway
        const ec = runWord(r, w, nzcv, hcrFrom(bits, el === 0 && tge));
        counts.set(ec, (counts.get(ec) ?? 0) + 1);
      }),
      { numRuns: WORDS_PER_EL },
    );
    const summary = [...counts.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([ec, n]) => (ec < 0 ? `executed ${n}` : `EC 0x${ec.toString(16).padStart(2, '0')} ${n}`))
      .join(', ');
    console.log(`EL${el}: ${summary}`);
  });
}
