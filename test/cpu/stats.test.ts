// `--stats` counts exactly (src/cpu/stats.ts). A program that loads and stores every way the CPU has (inline in a
// block, through a handler, bytes, pairs, register offsets, MMIO), takes SVCs, HVCs and timer IRQs and
// writes over its own running loop runs three times for random sizes: translated, interpreted, and interpreted under
// trace hooks that count by themselves what happened. The counts agree with those independent counts: instructions,
// the translated share (summed from the blocks' own return values), blocks run, invalidations (counted at the drop),
// loads and stores (one per access the instruction makes, from the executed words), exceptions by class (from the
// exception hook), and the host-cache misses are the same translated and interpreted.
import { TEST_HOT } from '../helpers/translate.ts';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { assemble } from '../../src/asm/assemble.ts';
import { decodeRow } from '../../src/arch/a64/decode.ts';
import { enteredIrq } from '../../src/cpu/interrupt.ts';
import { MAX_BLOCK, PageBlocks } from '../../src/cpu/jit/block.ts';
import { STATS_IRQ, type CpuStats } from '../../src/cpu/stats.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { warmBlocks } from '../../src/cpu/warm-blocks.ts';
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { SR } from '../../src/arch/sysreg-table.ts';
import { GICC_BASE, GICD_BASE } from '../../src/devices/gic.ts';
import type { ElfImage } from '../../src/elf/read.ts';
import { VirtMachine } from '../../src/machine/virt.ts';

interface Shape {
  iterations: number;
  /** Instructions between timer interrupts. */
  period: number;
  /** The loop writes its own `patch` word when (iteration & mask) === 0. */
  patchMask: number;
  /** Register-offset loads index (iteration & indexMask) doublewords. */
  indexMask: number;
}

const program = (s: Shape): string => `
        .equ    DATA, 0x40100000
        .equ    UART, 0x09000000
        .equ    GICC, ${GICC_BASE}
_start: movz    x20, #(DATA >> 16), lsl #16
        movz    x19, #(UART >> 16), lsl #16
        movz    x18, #(GICC >> 16), lsl #16
        movz    x21, #${s.iterations}
        add     x17, x20, #0xff8
        adr     x22, patch
        ldr     w23, [x22]                 // the patch word's own encoding: writing it back changes nothing but the blocks
        movz    x24, #${s.period}
        adr     x0, vectors
        msr     vbar_el2, x0
        movz    x0, #0x10                  // HCR_EL2.IMO: physical IRQs to EL2
        msr     hcr_el2, x0
        isb
        msr     cnthp_tval_el2, x24
        movz    x0, #1
        msr     cnthp_ctl_el2, x0          // ENABLE
        msr     daifclr, #2
loop:   ldr     x1, [x20]                  // inline
        add     x1, x1, #3
        str     x1, [x20]                  // inline
        ldp     x2, x3, [x20, #16]         // inline pair
        stp     x3, x2, [x20, #16]
        and     x5, x21, #${s.indexMask}
        ldr     x4, [x20, x5, lsl #3]      // handler
        ldrb    w6, [x20, #1]              // a byte: through Cpu.load
${'        ldr     x10, [x20, #8]\n'.repeat(MAX_BLOCK + 2)}        // (a straight run: a block ends at MAX_BLOCK on a load)
        ldp     x7, x8, [x17]              // a pair that ends in the next 4 KiB page: two loads by the handler
        add     w6, w6, #0x2e
        and     w6, w6, #0x7f
        strb    w6, [x19]                  // MMIO
        svc     #1
        hvc     #2
        tst     x21, #${s.patchMask}
        b.ne    patch
        str     w23, [x22]                 // over the loop's own code: its blocks are dropped
patch:  add     x9, x9, #1
        subs    x21, x21, #1
        b.ne    loop
        msr     daifset, #2
        movz    x0, #0x18                  // SYS_EXIT
        adr     x1, exit_block
        hlt     #0xf000
        .balign 8
exit_block:
        .quad   0x20026, 0
        .balign 2048
vectors:
        .skip   0x200
        eret                               // current EL, SPx, synchronous: SVC and HVC return to the next instruction
        .balign 128
        ldr     w25, [x18, #0x0c]          // IRQ: GICC_IAR
        msr     cnthp_tval_el2, x24        // the next deadline (drops the timer's line)
        str     w25, [x18, #0x10]          // GICC_EOIR
        eret
`;

function machine(s: Shape): VirtMachine {
  const a = assemble('stats.S', program(s));
  assert.deepEqual(a.diagnostics, []);
  const m = new VirtMachine();
  const image: ElfImage = {
    entry: a.entry,
    segments: a.sections.map((sec) => ({ vaddr: sec.addr, paddr: sec.addr, data: sec.bytes, memsz: BigInt(sec.bytes.length), flags: 7 })),
    symbols: [],
  };
  assert.equal(m.load(image), undefined);
  const mmio = (pa: number, v: number, size = 4): void => m.mem.deviceAt(pa)!.device.write(pa - m.mem.deviceAt(pa)!.base, size, v);
  mmio(GICD_BASE + 0x000, 1); // GICD_CTLR.EnableGrp0
  mmio(GICD_BASE + 0x100, 1 << 26); // GICD_ISENABLER0: INTID 26, CNTHP
  mmio(GICD_BASE + 0x400 + 26, 0x80, 1); // its priority
  mmio(GICC_BASE + 0x04, 0xf0); // GICC_PMR
  mmio(GICC_BASE + 0x00, 1); // GICC_CTLR.EnableGrp0
  return m;
}

/** Accesses an executed instruction makes: one per register a load/store moves (a pair two), none for the others. */
function accessesOf(w: number): number {
  const row = decodeRow(w);
  if (row === undefined || row.cls !== 'ldst') return 0;
  return 'Rt2' in row.fields ? 2 : 1;
}

interface Independent {
  instructions: number;
  accesses: number;
  exceptions: Map<number, number>;
  output: string;
}

/** Interpreted, every instruction and exception seen by the trace hooks. */
function traced(s: Shape): Independent {
  const m = machine(s);
  const seen: Independent = { instructions: 0, accesses: 0, exceptions: new Map(), output: '' };
  m.cpu.traceExec = (_c, _pc, w) => {
    seen.instructions++;
    seen.accesses += accessesOf(w);
  };
  m.cpu.traceException = (c) => {
    const key = enteredIrq(c) ? STATS_IRQ : Number(c.sr[SR.ESR_EL2]! >> 26n);
    seen.exceptions.set(key, (seen.exceptions.get(key) ?? 0) + 1);
  };
  const r = m.run(1_000_000);
  assert.equal(r.exitCode, 0, JSON.stringify(r.stop));
  seen.output = new TextDecoder().decode(r.stdout);
  return seen;
}

// the process's block-path warm-up (warm-blocks.ts) runs before the wrappers go in: its scratch CPU's blocks are no
// part of the counts below
warmBlocks(true, (m) => new Cpu(CORTEX_A57, m));

/** Blocks' own return values and the drops, counted by wrapping PageBlocks (not by the counters under test). */
const wrapped = { translated: 0, blocksRun: 0, drops: 0, dropped: 0 };
const translate = PageBlocks.prototype.translate;
PageBlocks.prototype.translate = function (this: PageBlocks, words: Uint32Array, start: number): void {
  const before = [...this.fns];
  translate.call(this, words, start);
  // the block at `start` and those a wasm block brought with it (block.ts withSuccessors)
  this.fns.forEach((fn, i) => {
    if (fn === null || fn === before[i]) return;
    this.fns[i] = (c, n0, lim) => {
      const k = fn(c, n0, lim);
      wrapped.translated += k < 0 ? ~k : k; // ~k: k retired, the next left to the interpreter (jit/exits.ts)
      wrapped.blocksRun++;
      return k;
    };
  });
};
const drop = PageBlocks.prototype.drop;
PageBlocks.prototype.drop = function (this: PageBlocks): void {
  wrapped.drops++;
  wrapped.dropped += this.fns.filter((f) => f !== null).length;
  drop.call(this);
};

function counted(s: Shape, translateBlocks: boolean): { stats: CpuStats; instructions: number; output: string } {
  const m = machine(s);
  m.cpu.translateBlocks = translateBlocks;
  m.cpu.translateAfter = TEST_HOT;
  const r = m.run(1_000_000);
  assert.equal(r.exitCode, 0, JSON.stringify(r.stop));
  return { stats: m.cpu.stats, instructions: r.instructions, output: new TextDecoder().decode(r.stdout) };
}

const exceptionsOf = (s: CpuStats): Map<number, number> =>
  new Map([...s.exceptions].map((n, ec) => [ec, n] as [number, number]).filter(([, n]) => n > 0));

test('the counters equal independent counts, translated and interpreted', () => {
  fc.assert(
    fc.property(
      fc.record({
        iterations: fc.integer({ min: 160, max: 400 }), // at least one write over blocks made after HOT iterations
        period: fc.integer({ min: 1000, max: 3000 }), // a block runs only when it fits before the next timer deadline
        patchMask: fc.constantFrom(63, 127), // blocks get HOT between writes
        indexMask: fc.constantFrom(1, 7, 63),
      }),
      (s: Shape) => {
        const ref = traced(s);
        Object.assign(wrapped, { translated: 0, blocksRun: 0, drops: 0, dropped: 0 });
        const jit = counted(s, true);
        const jitWrapped = { ...wrapped };
        const interp = counted(s, false);
        for (const r of [jit, interp]) {
          assert.equal(r.instructions, ref.instructions);
          assert.equal(r.output, ref.output);
          assert.equal(r.stats.hostHits + r.stats.inlineHits + r.stats.hostMisses, ref.accesses, 'loads and stores');
          assert.deepEqual(exceptionsOf(r.stats), ref.exceptions);
        }
        assert.ok(ref.exceptions.get(STATS_IRQ)! > 0 && ref.exceptions.get(0x15) === s.iterations && ref.exceptions.get(0x16) === s.iterations);
        // translated: what the blocks returned, in as many blocks as ran — those the run loop entered and those the
        // wasm dispatcher went on to from the block before (wasm/chain.ts: no wrapper sees them); the rest interpreted
        assert.equal(jit.stats.translated, jitWrapped.translated);
        assert.equal(jit.stats.blocksRun - jit.stats.chained, jitWrapped.blocksRun);
        assert.ok(jit.stats.translated > ref.instructions / 2, 'most instructions ran translated');
        assert.ok(jit.stats.inlineHits > 0);
        assert.equal(jit.stats.invalidations, jitWrapped.drops);
        assert.equal(jit.stats.blocksDropped, jitWrapped.dropped);
        assert.ok(jit.stats.invalidations > 0, 'the loop wrote over its blocks');
        // the same translations miss the host cache either way
        assert.equal(jit.stats.hostMisses, interp.stats.hostMisses);
        assert.ok(jit.stats.hostMisses >= s.iterations, 'MMIO (the UART, the GIC) goes through translation');
        // interpreted: nothing translated, nothing inline, no blocks to drop
        assert.deepEqual([interp.stats.translated, interp.stats.blocksRun, interp.stats.blocksMade, interp.stats.inlineHits, interp.stats.invalidations], [0, 0, 0, 0, 0]);
      },
    ),
    { numRuns: 8 },
  );
});
