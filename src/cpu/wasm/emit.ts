// The wasm tier's translator (issue 15, docs/DESIGN-NOTES.md "The WebAssembly tier"): a block of A64 words, made the
// way jit/block.ts makes a JavaScript one (same extent, same side exits, a branch to its own start a loop), becomes
// the body of one WebAssembly function on the machine's arena: the register file, the lazy-flag slots and the host
// cache's arrays at the offsets of a WasmLayout. Each emitter mirrors the JavaScript emitter of its row (jit/emit.ts),
// which mirrors the handler; a block is made in wasm only when every word has an emitter here (wasmBlock returns null
// otherwise and the block stays JavaScript). A wasm block calls nothing: every slow path — a host-cache miss, a
// misaligned access, an SP base that is not 16-byte aligned — leaves for the interpreter (~k), so nothing changes the
// fetch tag while it runs. It keeps the register-file slots it uses in locals; every exit branches to one epilogue
// that stores the written ones, adds the inline accesses and the passes in place to two counters of the layout
// (WasmLayout.counts) and returns what a JavaScript block returns (the run loop's contract, block.ts) with the next
// PC[31:0] (the dispatcher chains on it: wasm/chain.ts).
import { BITMASK_TABLE, BITMASK_TABLE_U32, BITMASK_VALID, bitmaskIndex, VALID_IMM32, VALID_IMM64 } from '../../arch/a64/bitmask.ts';
import { decode } from '../../arch/a64/decode.ts';
import { ldstForm } from '../../arch/a64/rows/ldst.ts';
import { ROWS } from '../../arch/a64/table.ts';
import { ACC_READ, ACC_WRITE } from '../../mmu/result.ts';
import { HC_BITS, HC_MASK } from '../../mmu/tlb.ts';
import { HANDLER_OF, HANDLERS } from '../dispatch.ts';
import { hintNop } from '../exec/system.ts';
import {
  FLAG_A, FLAG_B, FLAG_KIND, FLAG_R, FLAGS_ADD32, FLAGS_ADD64, FLAGS_LOGIC32, FLAGS_LOGIC64, FLAGS_NZCV, FLAGS_SUB32,
  FLAGS_SUB64, NZCV, PC, PC_AHEAD, REG_SP, SINK, SP, WRITE_ZR, XZR,
} from '../state.ts';
import { bitfieldOf, BRANCH_OFFSET, fallsThrough, imm19Offset, imm26Offset, pairOf, testedBit } from '../jit/emit.ts';
import { cat, i32Const, i64Const, I32, I64, type Locals, memarg, OP, VOID } from './encode.ts';

/** Byte offsets in the arena (src/memory/arena.ts) of what a wasm block reads and writes. */
export interface WasmLayout {
  /** The register file (CpuState.registerFile): slot s at regs + 8s. */
  readonly regs: number;
  /** The host cache's Int32Arrays (Tlb.hcTag, hcHi, hcOff) and its generation word (Tlb.hcGen). */
  readonly hcTag: number;
  readonly hcHi: number;
  readonly hcOff: number;
  readonly hcGen: number;
  /** Three i64 counters: the inline host-cache accesses and the passes in place every block's epilogue adds to,
   *  then the blocks the dispatcher entered chained (WasmTier.drain moves them to CpuStats). */
  readonly counts: number;
}

// the function's locals: its parameters (PC0: PC[31:0] at entry, which the dispatcher has in hand), then the block's own
const N0 = 0, LIM = 1, EL = 2, PC0 = 3;
const D = 4, HITS = 5, PASSES = 6, A = 7, HI = 8, S = 9, P = 10, T = 11, HCR = 12, HCW = 13, GEN = 14, NEXT = 15;
const X = 16, Y = 17, R = 18;
const KIND = 19, NIB = 20, RET = 21, INL = 22, NPC = 23, PCW = 24;
/** The first of the i64 locals that hold register-file slots (Env.cached). */
const CACHED = 25;
const FIXED_LOCALS: Locals = [[12, I32], [3, I64], [5, I32], [1, I64]];
/** Slots a block keeps in locals: X0–X30, SP and the lazy flags (not PC: the dispatcher and the exits' branches
 *  read and write it in the arena; not XZR, which reads as 0, nor SINK, whose writes are dropped). */
const CACHEABLE = new Set([...Array(31).keys(), SP, FLAG_A, FLAG_B, FLAG_R, FLAG_KIND, NZCV]);

/** What the emitters share within a block (as jit/emit.ts EmitEnv). */
interface Env {
  /** Index of this instruction in the block. */
  i: number;
  /** The lazy-flag kind an earlier instruction of the block set; -1: not known (the flags the block was entered with);
   *  IN_NIB: PSTATE.NZCV is in the local NIB (materialized by a condition, or set by CCMP). */
  flags: number;
  /** Host-cache accesses made inline by this pass's instructions before this one. */
  inline: number;
  readonly layout: WasmLayout;
  /** The register-file slots the block reads or writes, each kept in an i64 local (CACHED + its index here): loaded
   *  from the arena when the block is entered, stored back by the epilogue every exit goes through if written. */
  readonly cached: Map<number, number>;
  readonly written: Set<number>;
}

type Emitter = (w: number, e: Env) => number[] | undefined;

// ---- the register file: slot s's 64 bits at regs + 8s, its low word at the same address; the slots a block uses are
// kept in locals while it runs (Env.cached): V8 keeps a local in a machine register, where every value through the
// arena was a load or store that no later access could be moved across (guest stores may alias any arena byte) ----
/** The local that holds `slot` (a CACHEABLE one) in this block. */
function cachedLocal(e: Env, slot: number): number {
  let l = e.cached.get(slot);
  if (l === undefined) e.cached.set(slot, (l = CACHED + e.cached.size));
  return l;
}
const ld64 = (e: Env, slot: number): number[] => {
  if (slot === XZR) return i64Const(0n);
  if (CACHEABLE.has(slot)) return get(cachedLocal(e, slot));
  return cat(i32Const(0), [OP.i64Load], memarg(3, e.layout.regs + 8 * slot));
};
const ld32 = (e: Env, slot: number): number[] => {
  if (slot === XZR) return i32Const(0);
  if (CACHEABLE.has(slot)) return cat(get(cachedLocal(e, slot)), [OP.i32WrapI64]);
  return cat(i32Const(0), [OP.i32Load], memarg(2, e.layout.regs + 8 * slot));
};
/** Store the i64 `value` (instructions leaving it on the stack) to a slot (SINK: evaluated and dropped). */
const st64 = (e: Env, slot: number, value: number[]): number[] => {
  if (slot === SINK) return cat(value, [OP.drop]);
  if (CACHEABLE.has(slot)) {
    e.written.add(slot);
    return cat(value, set(cachedLocal(e, slot)));
  }
  return cat(i32Const(0), value, [OP.i64Store], memarg(3, e.layout.regs + 8 * slot));
};
/** Store the i32 `value` to a slot's low word only (the lazy flags' 32-bit operands, the PC's low word). */
const st32lo = (e: Env, slot: number, value: number[]): number[] => {
  if (CACHEABLE.has(slot)) {
    const l = cachedLocal(e, slot);
    e.written.add(slot);
    return cat(get(l), i64Const(0xffff_ffff_0000_0000n), [OP.i64And], value, [OP.i64ExtendI32U, OP.i64Or], set(l));
  }
  return cat(i32Const(0), value, [OP.i32Store], memarg(2, e.layout.regs + 8 * slot));
};
/** A W result: the i32 `value` zero-extended into the whole slot (bits 63:32 cleared). */
const stW = (e: Env, slot: number, value: number[]): number[] => st64(e, slot, cat(value, [OP.i64ExtendI32U]));
const get = (l: number): number[] => [OP.localGet, l];
const set = (l: number): number[] => [OP.localSet, l];
const tee = (l: number): number[] => [OP.localTee, l];

// ---- exits (block.ts: a block returns the instructions it retired, or their complement for the interpreter) ----
/**
 * `br` to the epilogue from `depth` structures inside the block's body (an `if` around the exit: 1). Written as a
 * marker, a negative number no byte can be, which `resolveExits` turns into the label depth once the block's shape
 * is known (a loop's body sits two structures deeper).
 */
const toEpilogue = (depth: number): number[] => [OP.br, -1 - depth];
function resolveExits(code: number[], deeper: number): number[] {
  return code.map((b) => (b < 0 ? -1 - b + deeper : b));
}
/** Leave with d + k retired, or ~(d + k) for the interpreter, `inline` accesses of this pass counted: through the
 *  epilogue, which stores the written slots and adds to the counters (assemble). */
function exit(k: number, inline: number, interpret: boolean, depth: number): number[] {
  return cat(
    get(D), i32Const(k), [OP.i32Add], (interpret ? cat(i32Const(-1), [OP.i32Xor]) : []), set(RET),
    i32Const(inline), set(INL), toEpilogue(depth)
  );
}
/** Leave for the interpreter before instruction e.i (exits.ts interpretAt), from inside one `if`. */
const interpretHere = (e: Env): number[] => exit(e.i, e.inline, true, 1);
/** Leave after instruction e.i, its accesses counted (exits.ts leave), from `depth` structures inside. */
const leaveAfter = (e: Env, depth: number): number[] => exit(e.i + 1, e.inline, false, depth);
/** PC[31:0] = the block's first PC + `bytes` (a block never runs where the low word would carry: block.ts). */
const pcLowTo = (e: Env, bytes: number): number[] => st32lo(e, PC, cat(get(PC0), i32Const(bytes), [OP.i32Add], tee(NPC)));
/** PC = this instruction's address + `offset` as a 64-bit sum (jit/emit.ts branchTo: the high word from the PC slot). */
const branchTo = (e: Env, offset: number): number[] => cat(st64(e, PC, cat(
  ld64(e, PC), i64Const(0xffff_ffff_0000_0000n), [OP.i64And],
  get(PC0), i32Const(4 * e.i), [OP.i32Add, OP.i64ExtendI32U, OP.i64Or], i64Const(BigInt(offset)), [OP.i64Add], tee(PCW)
)), nextPc(get(PCW)));
/** NPC = PC[31:0] of the i64 `pc`: what a block returns besides its count (the dispatcher chains on it without
 *  reading back the PC it just stored: wasm/chain.ts). */
const nextPc = (pc: number[]): number[] => cat(pc, [OP.i32WrapI64], set(NPC));
/** if (cond on the stack) { then } */
const ifThen = (then: number[]): number[] => cat([OP.if, VOID], then, [OP.end]);

// ---- flags (state.ts: FLAG_KIND and the operands FLAG_A, FLAG_B, FLAG_R, as the handlers record them) ----
const setKind = (e: Env, kind: number): number[] => {
  e.flags = kind;
  return st32lo(e, FLAG_KIND, i32Const(kind));
};

/**
 * ConditionHolds(cond) (ARM J1.1 shared/functions/system/ConditionHolds) as an i32 on the stack, from the operands the
 * flag-setting instruction of this block recorded (jit/emit.ts FLAG_CONDITIONS: the same expressions); undefined
 * when the block did not set the flags itself (the block then stays JavaScript).
 */
function condition(e: Env, cond: number): number[] {
  if (cond >= 14) return i32Const(1); // AL, NV
  const k = e.flags;
  if (k === -1) return cat(materializeNzcv(e), nibbleCondition(cond));
  if (k === IN_NIB) return nibbleCondition(cond);
  const wide = k === FLAGS_ADD64 || k === FLAGS_SUB64 || k === FLAGS_LOGIC64;
  const [ld, lt, ge, gt, gtU, geU, ltU, eqz, xor, and] = wide
    ? [(s: number) => ld64(e, s), OP.i64LtS, OP.i64GeS, OP.i64GtS, OP.i64GtU, OP.i64GeU, OP.i64LtU, OP.i64Eqz, OP.i64Xor, OP.i64And]
    : [(s: number) => ld32(e, s), OP.i32LtS, OP.i32GeS, OP.i32GtS, OP.i32GtU, OP.i32GeU, OP.i32LtU, OP.i32Eqz, OP.i32Xor, OP.i32And];
  const zero = wide ? i64Const(0n) : i32Const(0);
  const a = ld(FLAG_A), b = ld(FLAG_B), r = ld(FLAG_R);
  const z = cat(r, [eqz]);
  const n = cat(r, zero, [lt]);
  const not = (v: number[]): number[] => cat(v, [OP.i32Eqz]);
  let base: number[];
  if (k === FLAGS_SUB32 || k === FLAGS_SUB64) {
    const v = cat(a, b, [xor], a, r, [xor, and], zero, [lt]);
    base = [z, cat(a, b, [geU]), n, v, cat(a, b, [gtU]), cat(a, b, [ge]), cat(a, b, [gt])][cond >> 1]!;
  } else if (k === FLAGS_ADD32 || k === FLAGS_ADD64) {
    const ones = wide ? i64Const(-1n) : i32Const(-1);
    const v = cat(a, b, [xor], ones, [xor], a, r, [xor, and], zero, [lt]);
    const c = cat(r, a, [ltU]);
    const nEqV = cat(n, v, [OP.i32Eq]);
    base = [z, c, n, v, cat(c, not(z), [OP.i32And]), nEqV, cat(not(z), nEqV, [OP.i32And])][cond >> 1]!;
  } else {
    // logical: C = V = 0 (ARM C6.2 ANDS)
    base = [z, i32Const(0), n, i32Const(0), i32Const(0), cat(r, zero, [ge]), cat(r, zero, [gt])][cond >> 1]!;
  }
  return (cond & 1) === 1 ? not(base) : base;
}

/** Env.flags: PSTATE.NZCV is the nibble in the local NIB (N 8, Z 4, C 2, V 1). */
const IN_NIB = -2;

/**
 * ConditionHolds(cond) on the nibble in NIB: EQ Z, CS C, MI N, VS V, HI C && !Z, GE N == V, GT !Z && N == V; an odd
 * cond the inverse (ARM J1.1 shared/functions/system/ConditionHolds).
 */
function nibbleCondition(cond: number): number[] {
  const bit = (b: number): number[] => cat(get(NIB), i32Const(b), [OP.i32ShrU], i32Const(1), [OP.i32And]);
  const nXorV = cat(get(NIB), i32Const(3), [OP.i32ShrU], get(NIB), [OP.i32Xor]);
  const base = [
    bit(2), bit(1), bit(3), bit(0),
    cat(get(NIB), i32Const(1), [OP.i32ShrU], get(NIB), i32Const(2), [OP.i32ShrU], i32Const(-1), [OP.i32Xor, OP.i32And], i32Const(1), [OP.i32And]),
    cat(nXorV, i32Const(1), [OP.i32And, OP.i32Eqz]),
    cat(nXorV, get(NIB), i32Const(2), [OP.i32ShrU, OP.i32Or], i32Const(1), [OP.i32And, OP.i32Eqz]),
  ][cond >> 1]!;
  return (cond & 1) === 1 ? cat(base, [OP.i32Eqz]) : base;
}

/**
 * The NZCV nibble (an i32 on the stack) of the operation whose operands are in the i64 locals X and Y and result in R
 * — 64-bit values, or 32-bit ones in bits 63:32 (so N is bit 63 and C, V come out the same): N = R < 0, Z = R == 0,
 * C = `carry` (an i32), V = ((X ^ Y ^ addMask) & (X ^ R)) < 0 where `overflows` (an i32) is set — after SUBS the
 * operands' signs differ and the result's differs from the first's; after ADDS (addMask all ones) they agree and the
 * result's differs (pstate.ts nzcvNibble computes the same from the lazy operands).
 */
function nibbleOf(carry: number[], addMask: number[], overflows: number[]): number[] {
  return cat(
    get(R), i64Const(0n), [OP.i64LtS], i32Const(3), [OP.i32Shl],
    get(R), [OP.i64Eqz], i32Const(2), [OP.i32Shl, OP.i32Or],
    carry, i32Const(1), [OP.i32Shl, OP.i32Or],
    get(X), get(Y), [OP.i64Xor], addMask, [OP.i64Xor], get(X), get(R), [OP.i64Xor, OP.i64And], i64Const(0n), [OP.i64LtS],
    overflows, [OP.i32And, OP.i32Or]
  );
}
const SUB_CARRY = cat(get(X), get(Y), [OP.i64GeU]); // no borrow: X ≥ Y unsigned
const ADD_CARRY = cat(get(R), get(X), [OP.i64LtU]); // the sum wrapped below X

/** Kinds as bit sets (bit k set for FLAG_KIND k) to test with one shift. */
const kindSet = (...kinds: number[]): number => kinds.reduce((m, k) => m | (1 << k), 0);
const WIDE_KINDS = kindSet(FLAGS_ADD64, FLAGS_SUB64, FLAGS_LOGIC64);
const SUB_KINDS = kindSet(FLAGS_SUB32, FLAGS_SUB64);
const ADD_KINDS = kindSet(FLAGS_ADD32, FLAGS_ADD64);
const inKinds = (set: number): number[] => cat(i32Const(set), get(KIND), [OP.i32ShrU], i32Const(1), [OP.i32And]);

/**
 * NIB = PSTATE.NZCV from the lazy flags the block was entered with (pstate.ts readNzcv, in wasm): FLAGS_NZCV's
 * nibble, else nibbleOf on the recorded operands, a 32-bit kind's moved to bits 63:32; from here the block's
 * conditions read NIB until an instruction sets the flags. A statement (it leaves nothing on the stack).
 */
function materializeNzcv(e: Env): number[] {
  e.flags = IN_NIB;
  const operand = (slot: number, to: number): number[] =>
    cat(ld64(e, slot), ld64(e, slot), i64Const(32n), [OP.i64Shl], inKinds(WIDE_KINDS), [OP.select], set(to));
  const isSub = inKinds(SUB_KINDS), isAdd = inKinds(ADD_KINDS);
  return cat(
    ld32(e, FLAG_KIND), tee(KIND), [OP.i32Eqz,
    OP.if, I32], ld32(e, NZCV), i32Const(28), [OP.i32ShrU,
    OP.else], operand(FLAG_A, X), operand(FLAG_B, Y), operand(FLAG_R, R),
    nibbleOf(cat(SUB_CARRY, isSub, [OP.i32And], ADD_CARRY, isAdd, [OP.i32And, OP.i32Or]),
      cat(i64Const(0n), isAdd, [OP.i64ExtendI32U, OP.i64Sub]), cat(isSub, isAdd, [OP.i32Or])),
    [OP.end], set(NIB)
  );
}

/** PSTATE.NZCV = NIB, eagerly (FLAGS_NZCV): what later blocks and the interpreter read. */
const storeNib = (e: Env): number[] => {
  e.flags = IN_NIB;
  return cat(st32lo(e, NZCV, cat(get(NIB), i32Const(28), [OP.i32Shl])), st32lo(e, FLAG_KIND, i32Const(FLAGS_NZCV)));
};

// ---- data processing ----
const wide = (w: number): boolean => (w & 0x80000000) !== 0;

/** ADD/ADDS/SUB/SUBS (immediate): as jit/emit.ts emitAddSubImm. */
function addSubImm(w: number, e: Env): number[] {
  const n = REG_SP[(w >>> 5) & 31]!;
  const sub = (w >>> 30) & 1;
  const setFlags = (w >>> 29) & 1;
  const d = setFlags ? WRITE_ZR[w & 31]! : REG_SP[w & 31]!;
  const imm = (w & (1 << 22)) !== 0 ? ((w >>> 10) & 0xfff) * 4096 : (w >>> 10) & 0xfff;
  if (wide(w)) {
    const op = sub ? OP.i64Sub : OP.i64Add;
    if (!setFlags) return st64(e, d, cat(ld64(e, n), i64Const(BigInt(imm)), [op]));
    return cat(ld64(e, n), set(X), st64(e, FLAG_A, get(X)), st64(e, FLAG_B, i64Const(BigInt(imm))),
      get(X), i64Const(BigInt(imm)), [op], set(R), st64(e, FLAG_R, get(R)), st64(e, d, get(R)),
      setKind(e, sub ? FLAGS_SUB64 : FLAGS_ADD64));
  }
  const op = sub ? OP.i32Sub : OP.i32Add;
  if (!setFlags) return stW(e, d, cat(ld32(e, n), i32Const(imm), [op]));
  return cat(ld32(e, n), set(A), st32lo(e, FLAG_A, get(A)), st32lo(e, FLAG_B, i32Const(imm)),
    get(A), i32Const(imm), [op], set(T), st32lo(e, FLAG_R, get(T)), stW(e, d, get(T)),
    setKind(e, sub ? FLAGS_SUB32 : FLAGS_ADD32));
}

/** The shifted register operand (DecodeShift: LSL, LSR, ASR, ROR) of `m` by constant `k`. */
function shifted(e: Env, is64: boolean, m: number, type: number, k: number): number[] {
  const v = is64 ? ld64(e, m) : ld32(e, m);
  if (k === 0) return v;
  const ops = is64 ? [OP.i64Shl, OP.i64ShrU, OP.i64ShrS, OP.i64Rotr] : [OP.i32Shl, OP.i32ShrU, OP.i32ShrS, OP.i32Rotr];
  return cat(v, (is64 ? i64Const(BigInt(k)) : i32Const(k)), [ops[type]!]);
}

/** ADD/ADDS/SUB/SUBS (shifted register): as emitAddSubShifted. */
function addSubShifted(w: number, e: Env): number[] | undefined {
  const type = (w >>> 22) & 3;
  const k = (w >>> 10) & 63;
  if (type === 3 || (!wide(w) && k >= 32)) return undefined; // UNDEFINED: the handler raises it
  const n = (w >>> 5) & 31;
  const d = WRITE_ZR[w & 31]!;
  const m = (w >>> 16) & 31;
  const sub = (w & 0x40000000) !== 0;
  const setFlags = (w & 0x20000000) !== 0;
  const is64 = wide(w);
  return addSubResult(e, is64, sub, setFlags, n, shifted(e, is64, m, type, k), d);
}

/** Rn ± `b` (the second operand on the stack: an i64, or an i32 for a 32-bit operation) into d; with flags, recorded
 *  as the lazy operands of kind ADD or SUB (state.ts). */
function addSubResult(e: Env, is64: boolean, sub: boolean, setFlags: boolean, n: number, b: number[], d: number): number[] {
  if (is64) {
    const op = sub ? OP.i64Sub : OP.i64Add;
    if (!setFlags) return st64(e, d, cat(ld64(e, n), b, [op]));
    return cat(ld64(e, n), set(X), b, set(Y), st64(e, FLAG_A, get(X)), st64(e, FLAG_B, get(Y)),
      get(X), get(Y), [op], set(R), st64(e, FLAG_R, get(R)), st64(e, d, get(R)),
      setKind(e, sub ? FLAGS_SUB64 : FLAGS_ADD64));
  }
  const op = sub ? OP.i32Sub : OP.i32Add;
  if (!setFlags) return stW(e, d, cat(ld32(e, n), b, [op]));
  return cat(ld32(e, n), set(A), b, set(HI), st32lo(e, FLAG_A, get(A)), st32lo(e, FLAG_B, get(HI)),
    get(A), get(HI), [op], set(T), st32lo(e, FLAG_R, get(T)), stW(e, d, get(T)),
    setKind(e, sub ? FLAGS_SUB32 : FLAGS_ADD32));
}

/** AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS (shifted register): as emitLogicalShifted. */
function logicalShifted(w: number, e: Env): number[] | undefined {
  const k = (w >>> 10) & 63;
  const is64 = wide(w);
  if (!is64 && k >= 32) return undefined; // UNDEFINED
  const type = (w >>> 22) & 3;
  const opc = (w >>> 29) & 3;
  const n = (w >>> 5) & 31;
  const d = WRITE_ZR[w & 31]!;
  const m = (w >>> 16) & 31;
  const b = shifted(e, is64, m, type, k);
  const operand = (w & 0x200000) !== 0 ? cat(b, (is64 ? i64Const(-1n) : i32Const(-1)), [is64 ? OP.i64Xor : OP.i32Xor]) : b;
  const op = (is64 ? [OP.i64And, OP.i64Or, OP.i64Xor, OP.i64And] : [OP.i32And, OP.i32Or, OP.i32Xor, OP.i32And])[opc]!;
  const value = cat((is64 ? ld64(e, n) : ld32(e, n)), operand, [op]);
  return logicalResult(e, is64, opc === 3, d, value);
}

/** A logical result into d; with flags (ANDS, BICS), into FLAG_R too with kind LOGIC. */
function logicalResult(e: Env, is64: boolean, setFlags: boolean, d: number, value: number[]): number[] {
  if (is64) {
    if (!setFlags) return st64(e, d, value);
    return cat(value, set(R), st64(e, FLAG_R, get(R)), st64(e, d, get(R)), setKind(e, FLAGS_LOGIC64));
  }
  if (!setFlags) return stW(e, d, value);
  return cat(value, set(T), st32lo(e, FLAG_R, get(T)), stW(e, d, get(T)), setKind(e, FLAGS_LOGIC32));
}

/** AND/ORR/EOR/ANDS (immediate): as emitLogicalImm (DecodeBitMasks's value a constant). */
function logicalImm(w: number, e: Env): number[] | undefined {
  const idx = bitmaskIndex(w);
  const opc = (w >>> 29) & 3;
  const n = (w >>> 5) & 31;
  const d = opc === 3 ? WRITE_ZR[w & 31]! : REG_SP[w & 31]!;
  const is64 = wide(w);
  if ((BITMASK_VALID[idx]! & (is64 ? VALID_IMM64 : VALID_IMM32)) === 0) return undefined; // UNDEFINED
  const k = is64 ? i64Const(BITMASK_TABLE[idx]!) : i32Const(BITMASK_TABLE_U32[idx * 2]!);
  const op = (is64 ? [OP.i64And, OP.i64Or, OP.i64Xor, OP.i64And] : [OP.i32And, OP.i32Or, OP.i32Xor, OP.i32And])[opc]!;
  return logicalResult(e, is64, opc === 3, d, cat((is64 ? ld64(e, n) : ld32(e, n)), k, [op]));
}

/** MOVN/MOVZ/MOVK: as emitMoveWide. */
function moveWide(w: number, e: Env): number[] | undefined {
  const opc = (w >>> 29) & 3;
  const hw = (w >>> 21) & 3;
  const is64 = wide(w);
  if (opc === 1 || (!is64 && hw >= 2)) return undefined; // UNDEFINED
  const d = WRITE_ZR[w & 31]!;
  const pos = BigInt(hw * 16);
  const imm = BigInt((w >>> 5) & 0xffff) << pos;
  if (opc === 3) {
    const keep = ~(0xffffn << pos);
    const v = cat(ld64(e, d), i64Const(keep & (is64 ? -1n : 0xffff_ffffn)), [OP.i64And], i64Const(imm), [OP.i64Or]);
    return st64(e, d, v);
  }
  const v = opc === 0 ? ~imm : imm; // MOVN writes NOT(imm16 << shift)
  return st64(e, d, i64Const(BigInt.asUintN(is64 ? 64 : 32, v)));
}

/**
 * SBFM/BFM/UBFM: as emitBitfield — (top AND NOT tmask) OR (bot AND tmask), bot = (dst AND NOT wmask) OR (ROR(src, R)
 * AND wmask), top = SBFM ? Replicate(src<S>) : BFM ? dst : 0 (ARM J1.1 DecodeBitMasks).
 */
function bitfield(w: number, e: Env): number[] | undefined {
  const f = bitfieldOf(w);
  if (f === undefined) return undefined; // UNDEFINED
  const { opc, r, s, n, d, wide: is64, wmask, tmask } = f;
  const k = (v: bigint): number[] => (is64 ? i64Const(v) : i32Const(Number(BigInt.asIntN(32, v))));
  const [and, or, rotr, shrU, sub] = is64 ? [OP.i64And, OP.i64Or, OP.i64Rotr, OP.i64ShrU, OP.i64Sub] : [OP.i32And, OP.i32Or, OP.i32Rotr, OP.i32ShrU, OP.i32Sub];
  const src = is64 ? ld64(e, n) : ld32(e, n);
  const dst = is64 ? ld64(e, d) : ld32(e, d);
  const rot = r === 0 ? src : cat(src, k(BigInt(r)), [rotr]);
  const ones = is64 ? -1n : 0xffff_ffffn;
  let bot = cat(rot, k(wmask), [and]);
  if (opc === 1) bot = cat(dst, k(~wmask & ones), [and], bot, [or]);
  let v = cat(bot, k(tmask), [and]);
  if (opc === 1) v = cat(dst, k(~tmask & ones), [and], v, [or]);
  if (opc === 0) v = cat(k(0n), src, k(BigInt(s)), [shrU], k(1n), [and, sub], k(~tmask & ones), [and], v, [or]); // -(src<S>)
  return is64 ? st64(e, d, v) : stW(e, d, v);
}

/** MADD/MSUB: as emitMulAdd. */
function mulAdd(w: number, e: Env): number[] {
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const a = (w >>> 10) & 31;
  const d = WRITE_ZR[w & 31]!;
  const sub = (w & 0x8000) !== 0;
  if (wide(w)) return st64(e, d, cat(ld64(e, a), ld64(e, n), ld64(e, m), [OP.i64Mul, sub ? OP.i64Sub : OP.i64Add]));
  return stW(e, d, cat(ld32(e, a), ld32(e, n), ld32(e, m), [OP.i32Mul, sub ? OP.i32Sub : OP.i32Add]));
}

/** CSEL/CSINC/CSINV/CSNEG: as emitCondSelect. */
function condSelect(w: number, e: Env): number[] {
  const cond = condition(e, (w >>> 12) & 15);
  const d = WRITE_ZR[w & 31]!;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const f = ((w >>> 29) & 2) | ((w >>> 10) & 1); // 0 CSEL, 1 CSINC, 2 CSINV, 3 CSNEG
  const is64 = wide(w);
  const rm = is64 ? ld64(e, m) : ld32(e, m);
  const c = (v: number): number[] => (is64 ? i64Const(BigInt(v)) : i32Const(v));
  const other = [rm, cat(rm, c(1), [is64 ? OP.i64Add : OP.i32Add]), cat(rm, c(-1), [is64 ? OP.i64Xor : OP.i32Xor]),
    cat(c(0), rm, [is64 ? OP.i64Sub : OP.i32Sub])][f]!;
  const v = cat((is64 ? ld64(e, n) : ld32(e, n)), other, cond, [OP.select]);
  return is64 ? st64(e, d, v) : stW(e, d, v);
}

/**
 * CCMN/CCMP (register and immediate): as emitCondCompare — ConditionHolds(cond) ? the NZCV of Rn ± op2 : the nzcv
 * field; here computed into NIB and stored eagerly (FLAGS_NZCV), so the block's later conditions read NIB.
 */
function condCompare(w: number, e: Env): number[] {
  const cond = condition(e, (w >>> 12) & 15);
  const sub = (w & 0x40000000) !== 0;
  const n = (w >>> 5) & 31;
  const field = (w >>> 16) & 31; // Rm, or imm5 when bit 11 is set
  const isImm = (w & 0x800) !== 0;
  const is64 = wide(w);
  // 32-bit operands in bits 63:32 (nibbleOf)
  const top = is64 ? [] : cat(i64Const(32n), [OP.i64Shl]);
  const rn = cat((is64 ? ld64(e, n) : cat(ld32(e, n), [OP.i64ExtendI32U])), top);
  const op2 = isImm ? i64Const(BigInt(field) << (is64 ? 0n : 32n)) : cat((is64 ? ld64(e, field) : cat(ld32(e, field), [OP.i64ExtendI32U])), top);
  const holds = cat(
    rn, set(X), op2, set(Y), get(X), get(Y), [sub ? OP.i64Sub : OP.i64Add], set(R),
    (sub ? nibbleOf(SUB_CARRY, i64Const(0n), i32Const(1)) : nibbleOf(ADD_CARRY, i64Const(-1n), i32Const(1)))
  );
  return cat(cond, [OP.if, I32], holds, [OP.else], i32Const(w & 15), [OP.end], set(NIB), storeNib(e));
}

/**
 * ExtendReg(m, option, shift) (ARM J1.1 shared/functions/integer... ExtendReg): Rm's low byte, halfword, word or all of
 * it, zero- or sign-extended, shifted left by `k` — an i64, or for a 32-bit operation an i32.
 */
function extendReg(e: Env, m: number, option: number, k: number, is64: boolean): number[] {
  const bits = [8, 16, 32, 64][option & 3]!;
  const signed = (option & 4) !== 0;
  let v: number[];
  if (is64) {
    if (bits === 64) v = ld64(e, m);
    else if (bits === 32) v = cat(ld32(e, m), [signed ? OP.i64ExtendI32S : OP.i64ExtendI32U]);
    else if (signed) v = cat(ld64(e, m), i64Const(BigInt(64 - bits)), [OP.i64Shl], i64Const(BigInt(64 - bits)), [OP.i64ShrS]);
    else v = cat(ld64(e, m), i64Const((1n << BigInt(bits)) - 1n), [OP.i64And]);
    return k === 0 ? v : cat(v, i64Const(BigInt(k)), [OP.i64Shl]);
  }
  if (bits >= 32) v = ld32(e, m);
  else if (signed) v = cat(ld32(e, m), i32Const(32 - bits), [OP.i32Shl], i32Const(32 - bits), [OP.i32ShrS]);
  else v = cat(ld32(e, m), i32Const((1 << bits) - 1), [OP.i32And]);
  return k === 0 ? v : cat(v, i32Const(k), [OP.i32Shl]);
}

/** ADD/ADDS/SUB/SUBS (extended register): as emitAddSubExtended — Rn|SP ± ExtendReg(Rm, option, imm3). */
function addSubExtended(w: number, e: Env): number[] | undefined {
  const k = (w >>> 10) & 7;
  if (k > 4) return undefined; // LSL amounts above 4 are reserved: UNDEFINED (the handler raises it)
  const n = REG_SP[(w >>> 5) & 31]!;
  const sub = (w & 0x40000000) !== 0;
  const setFlags = (w & 0x20000000) !== 0;
  const d = setFlags ? WRITE_ZR[w & 31]! : REG_SP[w & 31]!;
  const is64 = wide(w);
  return addSubResult(e, is64, sub, setFlags, n, extendReg(e, (w >>> 16) & 31, (w >>> 13) & 7, k, is64), d);
}

// ---- loads and stores ----
/** Load opcodes by size and opc (01 zero-extend, 10 sign-extend to 64, 11 sign-extend to 32: then zero-extended). */
const LOAD = [
  [OP.i64Load8U, OP.i64Load8S, OP.i32Load8S],
  [OP.i64Load16U, OP.i64Load16S, OP.i32Load16S],
  [OP.i64Load32U, OP.i64Load32S, undefined],
  [OP.i64Load, undefined, undefined],
] as const;
const STORE = [OP.i64Store8, OP.i64Store16, OP.i64Store32, OP.i64Store] as const;

/**
 * One access of Rt at the address in X (an i64 local), as jit/emit.ts singleAccess and hostAccess: a host-cache slot of
 * this EL and access whose tag matches the VA's page in this generation (tlb.ts hostHitSource), the access naturally
 * aligned (so inside its 4 KiB page) and the slot's page address non-zero (RAM; for a write slot, a page that holds no
 * code: Tlb.hostFill); then the access itself, `after` (a writeback); else the interpreter runs the instruction.
 */
function access(w: number, e: Env, after: number[] = []): number[] | undefined {
  return accessOf(e, w >>> 30, (w >>> 22) & 3, w & 31, after);
}

/** access() of `1 << size` bytes, `opc` as a load/store row's (00 store, 01 load, 10 and 11 sign-extending loads). */
function accessOf(e: Env, size: number, opc: number, rt: number, after: number[] = []): number[] | undefined {
  const load = opc !== 0;
  const op = load ? LOAD[size]![opc - 1] : STORE[size];
  if (op === undefined) return undefined;
  const code = hostHit(e, load, 1 << size, 1 << size, 1);
  if (!load) return cat(code, get(P), ld64(e, rt), [op], memarg(size, 0), after);
  const value = cat(get(P), [op], memarg(size, 0), (opc === 3 ? [OP.i64ExtendI32U] : []));
  return cat(code, st64(e, WRITE_ZR[rt]!, value), after);
}

/**
 * The inline host-cache hit test of `accesses` accesses (counted in Env.inline) of `span` bytes in all at the address
 * in X, `align`-byte aligned: a slot of this EL and access whose tag matches the VA's page in this generation (tlb.ts
 * hostHitSource), the access aligned and within its 4 KiB page, and the slot's page address non-zero (RAM; for a
 * write slot, a page that holds no code: Tlb.hostFill) — then P = the wasm address of the first byte; else the
 * interpreter runs the instruction (as jit/host-access.ts hostHitOpen).
 */
function hostHit(e: Env, load: boolean, align: number, span: number, accesses: number): number[] {
  const miss = interpretHere(e);
  e.inline += accesses;
  const L = e.layout;
  const slotAt = (base: number): number[] => cat(get(S), i32Const(2), [OP.i32Shl, OP.i32Load], memarg(2, base));
  const inPage = span > align ? cat(get(A), i32Const(0xfff), [OP.i32And], i32Const(0x1000 - span), [OP.i32GtU, OP.i32Or]) : [];
  return cat(
    get(X), [OP.i32WrapI64], set(A),
    get(X), i64Const(32n), [OP.i64ShrU, OP.i32WrapI64], set(HI),
    get(load ? HCR : HCW), get(A), i32Const(12), [OP.i32ShrU], i32Const(HC_MASK), [OP.i32And, OP.i32Or], set(S),
    // hit (mmu/tlb.ts hostHitSource, in wasm): hcTag[s] === ((a & 0xfffff000) | gen) && hcHi[s] === hi, aligned, hcOff[s] !== 0
    slotAt(L.hcTag), get(A), i32Const(0xfffff000), [OP.i32And], get(GEN), [OP.i32Or, OP.i32Ne],
    slotAt(L.hcHi), get(HI), [OP.i32Ne, OP.i32Or],
    get(A), i32Const(align - 1), [OP.i32And, OP.i32Or], inPage,
    slotAt(L.hcOff), tee(P), [OP.i32Eqz, OP.i32Or],
    ifThen(miss),
    get(P), get(A), i32Const(0xfff), [OP.i32And, OP.i32Add], set(P)
  );
}

/** AArch64.CheckSPAlignment: an SP base (Rn = 31) not 16-byte aligned leaves for the interpreter (jit/emit.ts spChecked). */
function spChecked(e: Env, rn: number, body: number[]): number[] {
  if (rn !== 31) return body;
  return cat(ld32(e, REG_SP[31]!), i32Const(15), [OP.i32And], ifThen(interpretHere(e)), body);
}

/** LDR/STR… (immediate, unsigned offset): the address Xn|SP + imm12 << size. */
function ldstUnsignedOffset(w: number, e: Env): number[] | undefined {
  const rn = (w >>> 5) & 31;
  const off = ((w >>> 10) & 0xfff) << (w >>> 30);
  const acc = access(w, e);
  return acc && spChecked(e, rn, cat(ld64(e, REG_SP[rn]!), i64Const(BigInt(off)), [OP.i64Add], set(X), acc));
}

/** LDR/STR… (register offset): Xn + ExtendReg(Rm, option, S ? size : 0) (ARM J1.1 ExtendReg); as emitLdstRegisterOffset. */
function ldstRegisterOffset(w: number, e: Env): number[] | undefined {
  const option = (w >>> 13) & 7;
  const rn = (w >>> 5) & 31;
  if ((option & 2) === 0 || rn === 31) return undefined;
  const m = (w >>> 16) & 31;
  const k = (w & (1 << 12)) !== 0 ? w >>> 30 : 0;
  const acc = access(w, e);
  // UXTW, UXTX, SXTW, SXTX (option 010, 011, 110, 111)
  return acc && cat(ld64(e, rn), extendReg(e, m, option, k, true), [OP.i64Add], set(X), acc);
}

/** LDR/STR… (immediate, pre- or post-index): the access at Rn + imm9 (pre) or Rn (post), then Rn = Rn + imm9. */
function ldstIndexed(w: number, e: Env): number[] | undefined {
  const rn = (w >>> 5) & 31;
  const rt = w & 31;
  if (rn === rt && rn !== 31) return undefined; // CONSTRAINED UNPREDICTABLE: the JavaScript block runs the handler
  const n = REG_SP[rn]!;
  const imm = BigInt((w << 11) >> 23);
  const pre = ((w >>> 10) & 3) === 3;
  const acc = access(w, e, st64(e, n, cat(ld64(e, n), i64Const(imm), [OP.i64Add])));
  return acc && spChecked(e, rn, cat(ld64(e, n), (pre ? cat(i64Const(imm), [OP.i64Add]) : []), set(X), acc));
}

/** LDUR/STUR… (unscaled immediate), every size and extension: as emitLdstUnscaled, the address Xn|SP + imm9. */
function ldstUnscaled(w: number, e: Env): number[] | undefined {
  const rn = (w >>> 5) & 31;
  const acc = access(w, e);
  return acc && spChecked(e, rn, cat(ld64(e, REG_SP[rn]!), i64Const(BigInt((w << 11) >> 23)), [OP.i64Add], set(X), acc));
}

/**
 * LDP/STP/LDNP/STNP of W or X registers, every index form: as emitLdstPair — both halves from the host cache when the
 * first address hits, is aligned and the pair stays in its 4 KiB page; Rt2 loaded before Rt; the writeback
 * (Rn + imm7 · size, computed before the access) last, so that with Rn == Rt or Rt2 (CONSTRAINED UNPREDICTABLE) a load
 * leaves the written-back address and a store stores the old value, as ldstPair does. LDPSW and LDP with Rt == Rt2
 * have no emitter (the handler runs them).
 */
function ldstPair(w: number, e: Env): number[] | undefined {
  const f = pairOf(w);
  if (f === undefined) return undefined;
  const { idx, load, rn, rt, rt2, n, bytes } = f;
  const offset = BigInt(f.offset);
  const hit = hostHit(e, load, bytes, 2 * bytes, 2);
  const at = (k: number): number[] => cat(get(P), [bytes === 8 ? OP.i64Load : OP.i32Load], memarg(bytes === 8 ? 3 : 2, k));
  const toReg = (t: number, k: number): number[] => (bytes === 8 ? st64(e, WRITE_ZR[t]!, at(k)) : stW(e, WRITE_ZR[t]!, at(k)));
  const fromReg = (t: number, k: number): number[] => bytes === 8
    ? cat(get(P), ld64(e, t), [OP.i64Store], memarg(3, k))
    : cat(get(P), ld32(e, t), [OP.i32Store], memarg(2, k));
  const move = load ? cat(toReg(rt2, bytes), toReg(rt, 0)) : cat(fromReg(rt, 0), fromReg(rt2, bytes));
  const wb = (idx & 1) !== 0 ? st64(e, n, get(Y)) : [];
  // Y = Rn + offset (the address, or for post-index the written-back base); X = the address
  const addr = cat(ld64(e, n), i64Const(offset), [OP.i64Add], set(Y), (idx === 1 ? ld64(e, n) : get(Y)), set(X));
  return spChecked(e, rn, cat(addr, hit, move, wb));
}

/** LDR (literal), LDRSW (literal): as emitLdrLiteral, at this instruction's address + imm19 · 4 (the PC slot's high
 *  word, a carry into it included). */
function ldrLiteral(w: number, e: Env): number[] | undefined {
  const opc = w >>> 30;
  if (opc === 3) return undefined; // PRFM (literal): another row
  const acc = accessOf(e, opc === 1 ? 3 : 2, opc === 2 ? 2 : 1, w & 31);
  return acc && cat(ld64(e, PC), i64Const(0xffff_ffff_0000_0000n), [OP.i64And], get(PC0), i32Const(4 * e.i), [OP.i32Add,
    OP.i64ExtendI32U, OP.i64Or], i64Const(BigInt(imm19Offset(w))), [OP.i64Add], set(X), acc);
}

/** EXTR (ROR #imm when Rn = Rm): as emitExtract — bits lsb.. of the concatenation Rn:Rm. */
function extract(w: number, e: Env): number[] | undefined {
  const lsb = (w >>> 10) & 63;
  const m = (w >>> 16) & 31;
  const n = (w >>> 5) & 31;
  const d = WRITE_ZR[w & 31]!;
  const nBit = (w >>> 22) & 1;
  if (!wide(w)) {
    if (nBit !== 0 || lsb >= 32) return undefined; // UNDEFINED: sf=0 needs N=0 and imms<5>=0
    if (lsb === 0) return stW(e, d, ld32(e, m));
    return stW(e, d, cat(ld32(e, m), i32Const(lsb), [OP.i32ShrU], ld32(e, n), i32Const(32 - lsb), [OP.i32Shl, OP.i32Or]));
  }
  if (nBit !== 1) return undefined; // UNDEFINED: sf=1 needs N=1
  if (lsb === 0) return st64(e, d, ld64(e, m));
  return st64(e, d, cat(ld64(e, m), i64Const(BigInt(lsb)), [OP.i64ShrU], ld64(e, n), i64Const(BigInt(64 - lsb)), [OP.i64Shl, OP.i64Or]));
}

// ---- branches ----
/** An immediate branch: its condition (an i32 on the stack; null: always) and its offset from the branch. */
interface Branch {
  readonly test: number[] | null;
  readonly offset: number;
}
function immBranch(w: number, e: Env): Branch | undefined {
  const id = ROWS[decode(w)]!.id;
  const offsetOf = BRANCH_OFFSET[id];
  if (offsetOf === undefined) return undefined;
  const offset = offsetOf(w);
  switch (id) {
    case 'B':
      return { test: null, offset };
    case 'B_cond':
      return { test: condition(e, w & 15), offset };
    case 'CBZ':
    case 'CBNZ': {
      const t = w & 31;
      const zero = wide(w) ? cat(ld64(e, t), [OP.i64Eqz]) : cat(ld32(e, t), [OP.i32Eqz]);
      return { test: id === 'CBNZ' ? cat(zero, [OP.i32Eqz]) : zero, offset };
    }
    case 'TBZ':
    case 'TBNZ': {
      const set1 = cat(ld64(e, w & 31), i64Const(BigInt(testedBit(w))), [OP.i64ShrU], i64Const(1n), [OP.i64And, OP.i32WrapI64]);
      return { test: id === 'TBZ' ? cat(set1, [OP.i32Eqz]) : set1, offset };
    }
  }
  return undefined; // BL: a block end of its own (BLOCK_ENDS)
}

const LR = 30;
/** X30 = the next instruction's address (the block's PC[63:32]; a block never ends a 4 GiB page). */
const linkNext = (e: Env): number[] => st64(e, LR, cat(
  ld64(e, PC), i64Const(0xffff_ffff_0000_0000n), [OP.i64And], get(PC0), i32Const(4 * e.i + PC_AHEAD), [OP.i32Add, OP.i64ExtendI32U, OP.i64Or]
));

/**
 * PC = the target in X (BR, BLR, RET): AArch64.BranchAddr keeps the address itself when bits 63:55 are all zero, or
 * at EL1/EL0 all one (with TBI the top byte becomes bit 55's copies, which it already is); any other target goes to
 * the interpreter (branchTo, which reads TCR_ELx.TBI). `link`: BLR's X30 is written after the target was read.
 */
function branchToX(e: Env, link: boolean): number[] {
  const top = cat(get(X), i64Const(55n), [OP.i64ShrU, OP.i32WrapI64], tee(T));
  const tagged = cat(top, i32Const(0), [OP.i32Ne], get(EL), i32Const(2), [OP.i32Eq], get(T), i32Const(0x1ff), [OP.i32Ne, OP.i32Or, OP.i32And]);
  return cat(tagged, ifThen(interpretHere(e)), (link ? linkNext(e) : []), st64(e, PC, get(X)), nextPc(get(X)), leaveAfter(e, 0));
}

/** The instructions that end a block and have an emitter here (the immediate branches are immBranch's). */
const BLOCK_ENDS: Readonly<Record<string, Emitter>> = {
  BL: (w, e) => cat(linkNext(e), branchTo(e, imm26Offset(w)), leaveAfter(e, 0)),
  BR: (w, e) => cat(ld64(e, (w >>> 5) & 31), set(X), branchToX(e, false)),
  RET: (w, e) => cat(ld64(e, (w >>> 5) & 31), set(X), branchToX(e, false)),
  BLR: (w, e) => cat(ld64(e, (w >>> 5) & 31), set(X), branchToX(e, true)),
};

const EMITTERS: Readonly<Record<string, Emitter>> = {
  ADD_imm: addSubImm, ADDS_imm: addSubImm, SUB_imm: addSubImm, SUBS_imm: addSubImm,
  ADD_shift: addSubShifted, ADDS_shift: addSubShifted, SUB_shift: addSubShifted, SUBS_shift: addSubShifted,
  ADD_ext: addSubExtended, ADDS_ext: addSubExtended, SUB_ext: addSubExtended, SUBS_ext: addSubExtended,
  CCMN_reg: condCompare, CCMP_reg: condCompare, CCMN_imm: condCompare, CCMP_imm: condCompare,
  AND_shift: logicalShifted, BIC_shift: logicalShifted, ORR_shift: logicalShifted, ORN_shift: logicalShifted,
  EOR_shift: logicalShifted, EON_shift: logicalShifted, ANDS_shift: logicalShifted, BICS_shift: logicalShifted,
  AND_imm: logicalImm, ORR_imm: logicalImm, EOR_imm: logicalImm, ANDS_imm: logicalImm,
  MOVN: moveWide, MOVZ: moveWide, MOVK: moveWide,
  SBFM: bitfield, BFM: bitfield, UBFM: bitfield,
  MADD: mulAdd, MSUB: mulAdd,
  CSEL: condSelect, CSINC: condSelect, CSINV: condSelect, CSNEG: condSelect,
  EXTR: extract, LDR_W_lit: ldrLiteral, LDR_X_lit: ldrLiteral, LDRSW_lit: ldrLiteral,
};
const FORM_EMITTERS: Readonly<Record<string, Emitter>> = {
  uoff: ldstUnsignedOffset, reg: ldstRegisterOffset, pre: ldstIndexed, post: ldstIndexed, unscaled: ldstUnscaled, pair: ldstPair,
};
const BRANCHES = new Set(['B', 'B_cond', 'CBZ', 'CBNZ', 'TBZ', 'TBNZ']);
const EMITTER_OF: readonly (Emitter | undefined)[] = ROWS.map((r) => EMITTERS[r.id] ?? FORM_EMITTERS[ldstForm(r.id) ?? '']);
const BRANCH_OF: readonly boolean[] = ROWS.map((r) => BRANCHES.has(r.id));
const BLOCK_END_OF: readonly (Emitter | undefined)[] = ROWS.map((r) => BLOCK_ENDS[r.id]);

/** A block as a wasm function: its body (without the final `end`), locals and length; `loop` as in block.ts. */
export interface WasmBlock {
  readonly body: number[];
  readonly locals: Locals;
  readonly len: number;
  readonly loop: boolean;
}

/**
 * The wasm function of the block starting at words[start], or null when one of its words has no emitter here. Its
 * extent is block.ts blockSource's: it ends at `end`, at an immediate branch that does not fall through (a side exit,
 * jit/emit.ts fallsThrough, on the heat in the page's decode cache `ops`) or at a branch to its start (a loop); every
 * other instruction that ends a JavaScript block (other branches, exception-generating and system instructions, an
 * unallocated word) has no emitter here.
 */
export function wasmBlock(words: Uint32Array, start: number, end: number, ops: Int32Array, layout: WasmLayout): WasmBlock | null {
  const e: Env = { i: 0, flags: -1, inline: 0, layout, cached: new Map(), written: new Set() };
  const code: number[] = [];
  for (let k = start; k < end; k++, e.i++) {
    const w = words[k]!;
    const op = decode(w);
    if (HANDLERS[HANDLER_OF[op]!] === hintNop) continue; // executes as NOP (ARM C6.2 HINT): the block goes on
    if (BRANCH_OF[op]) {
      const br = immBranch(w, e);
      if (br === undefined) return null;
      if (br.offset === -4 * e.i) return finish(e, code, br.test);
      if (br.test !== null && k + 1 < end && fallsThrough(ops, k)) {
        code.push(...br.test, ...ifThen(cat(branchTo(e, br.offset), leaveAfter(e, 1)))); // a side exit
        continue;
      }
      const taken = (depth: number): number[] => cat(branchTo(e, br.offset), leaveAfter(e, depth));
      if (br.test === null) code.push(...taken(0));
      else code.push(...br.test, ...ifThen(taken(1)), ...pcLowTo(e, 4 * e.i + PC_AHEAD), ...leaveAfter(e, 0));
      return straight(e, code, e.i + 1);
    }
    const ends = BLOCK_END_OF[op];
    if (ends !== undefined) {
      const c = ends(w, e);
      if (c === undefined) return null;
      code.push(...c);
      return straight(e, code, e.i + 1);
    }
    const emit = EMITTER_OF[op];
    const c = emit?.(w, e);
    if (c === undefined) return null;
    code.push(...c);
  }
  code.push(...pcLowTo(e, 4 * e.i), ...exit(e.i, e.inline, false, 0));
  return straight(e, code, e.i);
}

/** A block that is no loop: `code`, every path of which ends in an exit, and `len` instructions. */
function straight(e: Env, code: number[], len: number): WasmBlock {
  return assemble(e, resolveExits(code, 0), len, false);
}

/**
 * The function of a block whose `body` (its exits resolved) ends in exits only: the prologue — this EL's first read
 * and write slots of the host cache, its generation, the cached slots into their locals (PC0 is a parameter) — then
 * the body inside the block every exit leaves, then the epilogue: the written slots back to the arena, the inline
 * accesses (the earlier passes' and the exit's) and the passes in place added to the counters, the exit's result
 * and the next PC[31:0].
 */
function assemble(e: Env, body: number[], len: number, loop: boolean): WasmBlock {
  const L = e.layout;
  const slots = (acc: number): number[] => cat(get(EL), i32Const(3), [OP.i32Mul], i32Const(acc), [OP.i32Add], i32Const(HC_BITS), [OP.i32Shl]);
  const at = (slot: number): number[] => memarg(3, L.regs + 8 * slot);
  const load = [...e.cached].flatMap(([slot, l]) => cat(i32Const(0), [OP.i64Load], at(slot), set(l)));
  const store = [...e.written].flatMap((slot) => cat(i32Const(0), get(e.cached.get(slot)!), [OP.i64Store], at(slot)));
  const add = (to: number, n: number[]): number[] =>
    cat(i32Const(0), i32Const(0), [OP.i64Load], memarg(3, to), n, [OP.i64ExtendI32U, OP.i64Add, OP.i64Store], memarg(3, to));
  const code = cat(
    slots(ACC_READ), set(HCR), slots(ACC_WRITE), set(HCW),
    i32Const(0), [OP.i32Load], memarg(2, L.hcGen), set(GEN),
    load,
    [OP.block, VOID], body, [OP.end],
    store,
    // a straight block has no earlier passes: their accesses and the passes are 0
    loop ? cat(add(L.counts, cat(get(HITS), get(INL), [OP.i32Add])), add(L.counts + 8, get(PASSES))) : add(L.counts, get(INL)),
    get(RET), get(NPC)
  );
  return { body: code, locals: [...FIXED_LOCALS, [e.cached.size, I64]], len, loop };
}

/**
 * A loop block (block.ts loopBack, loopBody): the last instruction branches to the start (`test` null: always); a
 * pass retired, the block goes round again while a whole pass fits in the run's limit, else leaves with PC = its start;
 * not taken, PC = the next instruction. The retired count, inline accesses and passes go out through every exit.
 */
function finish(e: Env, code: number[], test: number[] | null): WasmBlock {
  const len = e.i + 1;
  // inside `if` (and, with a test, the taken arm's `if`), the loop is 1 (2) labels out
  const again = cat(
    get(N0), i32Const(len), [OP.i32Add], get(LIM), [OP.i32LeS,
    OP.if, VOID], get(PASSES), i32Const(1), [OP.i32Add], set(PASSES), [OP.br, test === null ? 1 : 2, OP.end], // to the loop
    get(PC0), set(NEXT)
  );
  const retire = cat(
    get(D), i32Const(len), [OP.i32Add], set(D), get(N0), i32Const(len), [OP.i32Add], set(N0),
    get(HITS), i32Const(e.inline), [OP.i32Add], set(HITS)
  );
  const back = test === null
    ? cat(retire, again)
    : cat(retire, test, [OP.if, VOID], again, [OP.else], get(PC0), i32Const(4 * e.i + PC_AHEAD), [OP.i32Add], set(NEXT), [OP.end]);
  // `br 1` from the loop: out; the body's exits are two structures deeper than they were written
  const loop = cat([OP.block, VOID, OP.loop, VOID], resolveExits(code, 2), back, [OP.br, 1, OP.end, OP.end]);
  const tail = resolveExits(cat(st32lo(e, PC, cat(get(NEXT), tee(NPC))), exit(0, 0, false, 0)), 0);
  return assemble(e, cat(loop, tail), len, true);
}
