// The interpreter's inner loop, generated from the table's handlers: fetch through the cached page, the decode
// cache, then a `switch` whose cases call the common handlers (DIRECT) directly. The switch sits inside the loop (not
// in a separate dispatch function) so V8 can inline hot handlers into the loop, as far as its inlining budget allows
// (measured on a loaded 2-core machine, MIPS per CPU-second: bench/loop.S 48 → 70, a NOP stream 118 → 186). A call
// through an array of functions is one megamorphic call site V8 can neither predict nor inline (bench/dispatch.ts):
// the switch's default makes that call for every other handler, so that a rare instruction costs a generic call
// rather than a recompilation of the loop (DIRECT).
// The generated source holds only the loop; every slow path is an ordinary Cpu method.
import type { Cpu } from './cpu.ts';
import { decode } from '../arch/a64/decode.ts';
import { HANDLER_OF, HANDLERS } from './dispatch.ts';
import { stepCompleted } from './debug.ts';
import { FETCH_TAG, INSN, PC, PC_AHEAD, RUN_COUNT } from './state.ts';
import { HEAT_MAX, HEAT_ONE, OP_MASK } from './decode-cache.ts';
import { translationThreshold } from './jit/block.ts';
import type { Handler } from './handler.ts';
import { addSubImm, adr, bitfield, extract, logicalImm, moveWide } from './exec/dp-imm.ts';
import { addSubCarry, addSubExtended, addSubShifted, condCompare, condSelect, dataProc1, dataProc2, logicalShifted, mulAdd } from './exec/dp-reg.ts';
import { b, bCond, bl, blr, br, cbz, tbz } from './exec/branch.ts';
import { ldrLiteral, ldstPostIndex, ldstPreIndex, ldstRegisterOffset, ldstUnscaled, ldstUnsignedOffset } from './exec/ldst.ts';
import { ldstPair } from './exec/ldst-pair.ts';
import { msrMrs } from './exec/system.ts';

/**
 * The handlers the switch calls directly, each from its own case (V8 may inline them into the loop): the integer
 * instructions compiled code runs most. Every other handler is called from the switch's default through the table,
 * one call site that soon sees many targets: V8 compiles it as a generic call once, where a case of its own that had
 * not run yet when V8 compiled the loop (most of the table's ~200) deoptimized the whole loop the first time it ran
 * (CoreMark: 7 compilations of the loop, ≈ 46 ms each).
 */
const DIRECT: ReadonlySet<Handler> = new Set([
  addSubImm, adr, bitfield, extract, logicalImm, moveWide, addSubCarry, addSubExtended, addSubShifted, condCompare,
  condSelect, dataProc1, dataProc2, logicalShifted, mulAdd, b, bCond, bl, blr, br, cbz, tbz, ldrLiteral, ldstPostIndex,
  ldstPreIndex, ldstRegisterOffset, ldstUnscaled, ldstUnsignedOffset, ldstPair, msrMrs,
]);

// a decode-cache entry holds a handler index + 1 in its low bits (decode-cache.ts)
if (HANDLERS.length > OP_MASK) throw new Error(`${HANDLERS.length} handlers: a decode-cache entry holds at most ${OP_MASK}`);
for (const f of DIRECT) if (!HANDLERS.includes(f)) throw new Error(`run loop: ${f.name} is no handler of the table`);

/**
 * The heat (decode-cache.ts) at which an entry is translated at its next run: the translation threshold - 1
 * (jit/block.ts translationThreshold, which rises with the blocks made). A function of the module, not a closure made
 * by each run: a new closure at every run was a new call target for the loop's compiled code, which V8 then threw away.
 */
function heatBefore(c: Cpu): number {
  return Math.min(Math.max(translationThreshold(c.translateAfter, c.stats.blocksMade) - 1, 0), HEAT_MAX) * HEAT_ONE;
}

/**
 * Execute up to `budget` instructions on `c`; returns how many ran (a fetch that took an exception counts, so a
 * run always ends). Stops early, after the current instruction, once c.stop is set (halt invalidates the fetch tag).
 */
export const runLoop: (c: Cpu, budget: number) => number = new Function(
  'decode',
  'HANDLER_OF',
  'stepCompleted',
  'heatBefore',
  'H',
  ...HANDLERS.flatMap((f, i) => (DIRECT.has(f) ? [`h${i}`] : [])),
  `return function runLoop(c, budget) {
  const x = c.x;
  const u = c.u32;
  const traceHook = c.traceExec;
  const traceEls = c.traceExecEls;
  const traceWhen = c.traceExecWhen;
  // the trace hook of the current EL (Cpu.traceExecEls) and fetch page (Cpu.traceExecWhen), chosen again on each slow
  // path (every EL change and every change of fetch page takes it)
  let trace = ((traceEls >>> c.el) & 1) !== 0 && (traceWhen === null || traceWhen(c)) ? traceHook : null;
  const sync = c.sync;
  // the fetch cache in locals; its tag sits in the register file (slot FETCH_TAG), which the loop reads anyway:
  // measured NOP stream 188 → 225 MIPS per CPU-second against a per-instruction check of a field of c. Anything
  // that may change translation or stop the run invalidates the tag.
  let words = c.fetchWords, ops = c.fetchOps, base = c.fetchBase;
  // translated blocks (jit/block.ts) of the fetch page; none while a trace hook watches the current EL, nor while
  // debug checks every instruction (src/cpu/debug.ts: then every instruction comes through the slow path)
  const mayTranslate = c.translateBlocks && sync === null;
  let translating = mayTranslate && trace === null;
  // an entry whose heat reached the threshold - 1 translates at its next entry (the threshold-th); the threshold rises
  // with the blocks made (jit/block.ts translationThreshold): computed again after each translation
  let hot = heatBefore(c);
  const debug = c.debug;
  let blocks = c.fetchBlocks;
  let n = 0;
  // --stats (stats.ts): instructions retired in blocks, blocks entered, their inline host-cache hits; per block
  let translated = 0, blocksRun = 0, inlineHits = 0;
  // the PC[31:0] of the instruction a block left to the interpreter (jit/exits.ts interpretAt), run here once even
  // where a block starts (a block that left at its own first instruction would otherwise be entered again)
  let interpretPc = -1;
  const stats = c.stats;
  for (;;) {
    const lo = u[${PC * 2}];
    // the end of the budget, a different 4 KiB page, a misaligned PC (bits 1:0, zero in the tag) or an invalid tag
    // takes the slow path (lo << 30: PC bits 1:0 land in the compared bits 31:30, so a misaligned PC never matches any
    // tag, the invalid one included — it matched FETCH_INVALID's bits 1:0 = 01 and ran a stale page's words at PC 0x…1
    // unchecked)
    if (n >= budget || (((lo ^ u[${FETCH_TAG * 2}]) | (lo << 30)) & 0xfffff003) !== 0 || u[${PC * 2 + 1}] !== u[${FETCH_TAG * 2 + 1}]) {
      // the run's block statistics so far, on this path rather than after the loop, and the run's one way out: V8
      // compiles the loop on the stack (OSR) before the code after it ever ran, so that code had no type feedback
      // and every return deoptimized the loop (131 times in a CoreMark run, each rebuilding its large frame)
      stats.translated += translated;
      stats.blocksRun += blocksRun;
      stats.inlineHits += inlineHits;
      translated = 0; blocksRun = 0; inlineHits = 0;
      if (n >= budget || c.stop !== null) return n;
      u[${RUN_COUNT * 2}] = n; // Cpu.retired() for whatever the slow path runs (interrupt entry, a fetch abort)
      if (debug.stepping) stepCompleted(c); // the stepped instruction completed: PSTATE.SS = 0 (active-pending)
      if (c.irqLine && c.takeInterrupt()) continue; // an unmasked interrupt is taken before the next instruction
      if (!c.refillFetch()) { n++; continue; } // the fetch took an exception: fetch again from the vector
      words = c.fetchWords; ops = c.fetchOps; base = c.fetchBase; blocks = c.fetchBlocks;
      trace = ((traceEls >>> c.el) & 1) !== 0 && (traceWhen === null || traceWhen(c)) ? traceHook : null;
      translating = mayTranslate && trace === null && !debug.perInsn;
    }
    const idx = base + ((lo & 0xfff) >>> 2);
    // the decode cache (decode-cache.ts): the handler index + 1 (0 = not decoded yet) and the word's heat; a block
    // starts only at a word whose heat reached the threshold, so no other word looks one up
    let e = ops[idx];
    if (translating && lo < 0xfffff000) {
      if (e < hot) ops[idx] = e += ${HEAT_ONE};
      else if (lo === interpretPc) interpretPc = -1;
      else {
        const len = blocks.lens[idx];
        if (len === 0) {
          blocks.translate(words, idx);
          c.warmBlocks(); // the paths below get feedback, if no run has warmed them yet (warm-blocks.ts)
          hot = heatBefore(c);
          continue;
        }
        if (budget - n >= len) {
          const inline = blocks.inline[idx]; // read first: the block may drop its page's blocks (code written)
          let k = blocks.fns[idx](c, n, budget); // a loop block may run several passes, within budget
          if (k < 0) {
            // ~k retired and the next is the interpreter's: PC = the entry + 4 × its index in the pass
            k = ~k;
            interpretPc = u[${PC * 2}] = lo + 4 * (k % len);
          }
          n += k;
          translated += k;
          blocksRun++;
          if (inline !== null) inlineHits += inline[k];
          continue;
        }
      }
    }
    const w = words[idx];
    let h = e & ${OP_MASK};
    if (h === 0) { h = HANDLER_OF[decode(w)] + 1; ops[idx] = e | h; }
    if (trace !== null) { u[${RUN_COUNT * 2}] = n; trace(c, x[${PC}], w); } // Cpu.retired(): this instruction's index
    if (sync !== null) sync.step(c); // --sync architectural: the choice points between instructions
    // PC += PC_AHEAD before the handler (state.ts: the PC convention), on the 32-bit view (a BigInt add here
    // allocated); the carry into PC[63:32] is the rare case
    if (lo < ${0x1_0000_0000 - PC_AHEAD}) u[${PC * 2}] = lo + ${PC_AHEAD};
    else x[${PC}] = x[${PC}] + ${PC_AHEAD}n;
    u[${RUN_COUNT * 2}] = n++; // Cpu.retired() for the counter registers
    u[${INSN * 2}] = w; // the handler reads its word here (Handler in handler.ts)
    switch (h) {
${HANDLERS.map((f, i) => (DIRECT.has(f) ? `      case ${i + 1}: h${i}(c); break; // ${f.name}\n` : '')).join('')}      default: H[h - 1](c);
    }
  }
};`,
)(decode, HANDLER_OF, stepCompleted, heatBefore, HANDLERS, ...HANDLERS.filter((f) => DIRECT.has(f)));
