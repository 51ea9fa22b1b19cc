// Chaining in the wasm tier (issue 15, docs/DESIGN-NOTES.md "The WebAssembly tier, step by step", step 4): the
// dispatcher the run loop enters a wasm block through goes on to the next block itself while the run loop would have
// entered it next — the fetch tag still valid for the new PC, a wasm block made at that word and a whole block left
// within the run's limit — so a chain of wasm blocks costs one call from JavaScript, not one per block. The blocks are
// found in a chain cache in the arena: a direct-mapped table keyed by the wasm address of a block's first word (a RAM
// word has one, whatever VA maps it: a block is made of a RAM page's words, block.ts), filled when a block is made and
// emptied when it is dropped. The fetch page's wasm address (the run loop's fetch cache, Cpu.refillFetch) sits in
// the arena too. What the dispatcher decides here is what the run loop decides (run-loop.ts) for the same PC:
//   - the fetch tag (FETCH_TAG) matches PC's 4 KiB page, PC is 4-byte aligned and PC[63:32] matches: anything that may
//     change translation, stop the run or make an interrupt pending clears the tag (Cpu: FETCH_INVALID), so an
//     interrupt, a halt or a write to translated code always ends a chain at the next block boundary;
//   - PC[31:0] below 0xfffff000 (a block never runs where PC[31:0] + 4 would carry: block.ts);
//   - the budget left holds the block's whole length;
//   - a block that left an instruction to the interpreter (~k) ends the chain with PC at that instruction.
// The run loop's other conditions (no trace hook, no per-instruction debug, --sync off) hold for the whole chain:
// they change only through the slow path, which a valid fetch tag excludes. The heat counting of the run loop is
// skipped for chained entries: it only decides when a word without a block gets one.
import type { Arena } from '../../memory/arena.ts';
import { ACC_EXEC } from '../../mmu/result.ts';
import { HC_BITS, HC_MASK } from '../../mmu/tlb.ts';
import { FETCH_INVALID, FETCH_TAG, PC } from '../state.ts';
import { cat, i32Const, I32, type Locals, memarg, OP, VOID } from './encode.ts';
import type { WasmLayout } from './emit.ts';

/** Entries of the chain cache (a power of two); each is two i32: the key (a block's first word's wasm address, 0 = none)
 *  and slot << 8 | length (MAX_BLOCK ≤ 255). */
const ENTRIES = 2048;
const MASK = ENTRIES - 1;
/** A fetch page address that matches no key (keys are multiples of 4): the fetch page is not in the arena. */
const NOT_ARENA = 1;

// the dispatcher's parameters, then its locals
const SLOT = 0, N = 1, LIM = 2, EL = 3;
const K = 4, LO = 5, LEN = 6, AT = 7, CHAINED = 8, RES = 9, ENTRY = 10, CROSSED = 11, NPC = 12;
const LOCALS: Locals = [[9, I32]];

export class ChainCache {
  /** Keys and values, interleaved (entry i: [2i] key, [2i + 1] slot << 8 | length). */
  private readonly entries: Int32Array;
  /** One i32: the wasm address of the fetch page's offset 0 (the run loop's fetch cache), or NOT_ARENA. */
  private readonly page: Int32Array;
  /** The last RAM page fetchPage was given and its wasm address (or -1: not in the arena) — a typed array's
   *  `buffer` is a slow getter, and the run loop changes fetch page millions of times a second. */
  private words: Uint32Array | null = null;
  private wordsAt = -1;
  /** The key each table slot's block was filed under (0: none), to empty its entry when the block is dropped. */
  private readonly keyOf: number[] = [];

  /** One i32: whether a chain may go on to another fetch page (crossPages). */
  private readonly cross: Int32Array;

  constructor(
    private readonly arena: Arena,
    /** Where the register file, the host cache and the tier's i64 counters are (the third counts chained entries). */
    private readonly layout: WasmLayout,
  ) {
    this.entries = new Int32Array(arena.buffer, arena.take(8 * ENTRIES), 2 * ENTRIES);
    const words = new Int32Array(arena.buffer, arena.take(8), 2);
    this.page = words.subarray(0, 1);
    this.cross = words.subarray(1, 2);
  }

  /**
   * Whether a chain may go on into another 4 KiB page for this run (Cpu.run): not while a trace hook is set (the run
   * loop decides at each new fetch page whether it traces there: Cpu.traceExecWhen).
   */
  crossPages(may: boolean): void {
    this.cross[0] = may ? 1 : 0;
  }

  /** The fetch cache now holds `words` (a RAM page) with the VA page's offset 0 at word `base` (Cpu.refillFetch). */
  fetchPage(words: Uint32Array, base: number): void {
    if (words !== this.words) {
      this.words = words;
      this.wordsAt = words.buffer === this.arena.buffer ? words.byteOffset : -1;
    }
    this.page[0] = this.wordsAt < 0 ? NOT_ARENA : this.wordsAt + 4 * base;
  }

  /** The block at word `start` of `words` is in table slot `slot` and `len` instructions long: chain to it. */
  add(words: Uint32Array, start: number, slot: number, len: number): void {
    if (words.buffer !== this.arena.buffer) return; // not RAM in the arena: the dispatcher never looks it up
    const key = words.byteOffset + 4 * start;
    const at = 2 * ((key >>> 2) & MASK);
    const old = this.entries[at]!;
    // a block filed here before gives its entry up (direct-mapped: the run loop still enters it)
    if (old !== 0) this.keyOf[this.entries[at + 1]! >>> 8] = 0;
    this.entries[at] = key;
    this.entries[at + 1] = (slot << 8) | len;
    this.keyOf[slot] = key;
  }

  /** The block in `slot` was dropped: no chain reaches it any more. */
  remove(slot: number): void {
    const key = this.keyOf[slot] ?? 0;
    if (key === 0) return;
    const at = 2 * ((key >>> 2) & MASK);
    this.entries[at] = 0;
    this.entries[at + 1] = 0;
    this.keyOf[slot] = 0;
  }

  /**
   * The dispatcher's body: run(slot, n0, lim, el) calls the block at `slot` with (n0, lim, el, PC[31:0] from the
   * arena), then each next block the chain cache holds while the run loop would enter it (see the head of this file),
   * passing it the next PC[31:0] the block before returned, and returns what one block
   * would: the instructions retired by them all, or — when the first block left one to the interpreter — its ~k
   * (the run loop sets PC from the entry and k). A chained block that left one to the interpreter ends the chain
   * with PC at that instruction and its count retired (the run loop then enters the block there again, or
   * interprets the word, as for any PC). The blocks entered after the first add to the third counter.
   */
  dispatcher(): { body: number[]; locals: Locals } {
    const L = this.layout;
    const r = L.regs;
    const ld = (off: number): number[] => cat(i32Const(0), [OP.i32Load], memarg(2, off));
    const st = (off: number, value: number[]): number[] => cat(i32Const(0), value, [OP.i32Store], memarg(2, off));
    const get = (l: number): number[] => [OP.localGet, l];
    const set = (l: number): number[] => [OP.localSet, l];
    const tee = (l: number): number[] => [OP.localTee, l];
    const entries = this.entries.byteOffset;
    const PC_LO = r + 8 * PC, PC_HI = PC_LO + 4, TAG_LO = r + 8 * FETCH_TAG, TAG_HI = TAG_LO + 4;
    const out = 1; // `br` depth from the loop's own level to the block around it
    // the slot of the host cache for an instruction fetch at PC at this EL (Tlb.hostSlot), as a byte offset
    const fetchSlot = cat(
      get(EL), i32Const(3), [OP.i32Mul], i32Const(ACC_EXEC), [OP.i32Add], i32Const(HC_BITS), [OP.i32Shl],
      get(LO), i32Const(12), [OP.i32ShrU], i32Const(HC_MASK), [OP.i32And, OP.i32Or], i32Const(2), [OP.i32Shl]
    );
    const body = cat(
      ld(PC_LO), set(LO), // PC[31:0] at each block's entry: from the arena for the first, then the block before's result
      [OP.block, VOID,
      OP.loop, VOID],
      get(N), get(LIM), get(EL), get(LO), get(SLOT), [OP.callIndirect, 0, 0], set(NPC), tee(K),
      i32Const(0), [OP.i32LtS,
      OP.if, VOID],
      // the first block: its ~k goes back as it is (the run loop knows its entry and length)
      get(K), set(RES), get(CHAINED), [OP.i32Eqz, OP.brIf, out + 1],
      // a chained block: PC[31:0] = its entry + 4 × (k mod its length) (k counts its passes in place), k retired
      st(PC_LO, cat(get(LO), get(K), i32Const(-1), [OP.i32Xor], get(LEN), [OP.i32RemU], i32Const(2), [OP.i32Shl, OP.i32Add])),
      get(N), get(K), i32Const(-1), [OP.i32Xor, OP.i32Add], set(RES), [OP.br, out + 1,
      OP.end],
      get(N), get(K), [OP.i32Add], tee(N), set(RES),
      // the run loop's fetch check (run-loop.ts): PC[31:12] and PC[1:0] against the tag's low word, PC[63:32] its high
      get(NPC), tee(LO), ld(TAG_LO), [OP.i32Xor], get(LO), i32Const(30), [OP.i32Shl, OP.i32Or],
      i32Const(0xfffff003), [OP.i32And,
      OP.if, VOID],
      // another 4 KiB page: from a valid tag (an invalid one has bit 0 set) to an aligned PC, when this run allows it
      ld(TAG_LO), i32Const(0xfff), [OP.i32And], get(LO), i32Const(3), [OP.i32And, OP.i32Or],
      ld(this.cross.byteOffset), [OP.i32Eqz, OP.i32Or, OP.brIf, out + 1],
      // the host cache's fetch slot for PC holds its page in this generation, in RAM (Tlb.hit, as Cpu.refillFetch's
      // fast path; Tlb.hostFill checked the fetch's permissions when it filled the slot)
      fetchSlot, tee(AT), [OP.i32Load], memarg(2, L.hcTag), get(LO), i32Const(0xfffff000), [OP.i32And], ld(L.hcGen), [OP.i32Or, OP.i32Ne],
      get(AT), [OP.i32Load], memarg(2, L.hcHi), ld(PC_HI), [OP.i32Ne, OP.i32Or],
      get(AT), [OP.i32Load], memarg(2, L.hcOff), tee(ENTRY), [OP.i32Eqz, OP.i32Or, OP.brIf, out + 1],
      // the fetch cache now holds that page: the tag, and the page's wasm address for the chain cache
      st(TAG_LO, cat(get(LO), i32Const(0xfffff000), [OP.i32And])), st(TAG_HI, ld(PC_HI)), st(this.page.byteOffset, get(ENTRY)),
      i32Const(1), set(CROSSED),
      [OP.end],
      ld(PC_HI), ld(TAG_HI), [OP.i32Ne, OP.brIf, out],
      get(LO), i32Const(0xfffff000), [OP.i32GeU, OP.brIf, out],
      // the chain cache's entry for the word at PC: its key must be that word's wasm address
      ld(this.page.byteOffset), get(LO), i32Const(0xfff), [OP.i32And, OP.i32Add], tee(AT),
      i32Const(2), [OP.i32ShrU], i32Const(MASK), [OP.i32And], i32Const(3), [OP.i32Shl], tee(ENTRY),
      [OP.i32Load], memarg(2, entries), get(AT), [OP.i32Ne, OP.brIf, out],
      get(ENTRY), [OP.i32Load], memarg(2, entries + 4), tee(AT), i32Const(255), [OP.i32And], tee(LEN),
      get(N), [OP.i32Add], get(LIM), [OP.i32GtS, OP.brIf, out], // the budget left must hold the whole block
      get(AT), i32Const(8), [OP.i32ShrU], set(SLOT),
      get(CHAINED), i32Const(1), [OP.i32Add], set(CHAINED),
      [OP.br, 0,
      OP.end,
      OP.end],
      // a chain that went on into another page leaves the tag invalid: the run loop's own fetch cache (its locals,
      // Cpu.fetchWords…) still holds the first page, and its slow path refills them (Cpu.refillFetch)
      get(CROSSED), [OP.if, VOID], st(TAG_LO, i32Const(FETCH_INVALID)), [OP.end],
      // counts[2] += chained
      i32Const(0), i32Const(0), [OP.i64Load], memarg(3, L.counts + 16), get(CHAINED), [OP.i64ExtendI32U, OP.i64Add,
      OP.i64Store], memarg(3, L.counts + 16),
      get(RES)
    );
    return { body, locals: LOCALS };
  }
}
