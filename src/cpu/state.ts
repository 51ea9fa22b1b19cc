// Architectural state of one PE: X0–X30, the stack pointers, PC, PSTATE, the system registers.
// X0–X30, SP and PC live in one buffer viewed as BigUint64Array (ALU work) and Uint32Array (addresses,
// flags, shift counts), as DESIGN.md §3 prescribes; the V registers follow them (in the machine's arena when it has one). Slot numbers are fixed so handlers index them directly.
import type { Profile } from '../arch/profiles.ts';
import { SYSREGS } from '../arch/sysreg-table.ts';
import { WIDE_ZERO } from '../bits/wide-field.ts';
import type { Arena } from '../memory/arena.ts';

/** Register-file slots. X0–X30 are slots 0–30. */
export const XZR = 31; // reads as zero: never written (writes to Rd=31 as ZR go to SINK)
export const SP = 32; // the stack pointer selected by PSTATE.{EL,SP}
export const PC = 33; // while a handler runs: the address of the NEXT instruction (PC_AHEAD below)
export const SINK = 34; // write target for XZR
export const TMP0 = 35; // scratch for handlers (addresses, loaded values)
export const TMP1 = 36;
export const TMP2 = 37;
export const TMP3 = 38;
export const FLAG_A = 39; // lazy NZCV: first operand
export const FLAG_B = 40; // lazy NZCV: second operand
export const FLAG_R = 41; // lazy NZCV: result
export const SP_EL0 = 42; // banked stack pointers (the active one is mirrored in SP)
export const SP_EL1 = 43;
export const SP_EL2 = 44;
export const INSN = 45; // the executing instruction's word (u32[INSN * 2]): see Handler in handler.ts
export const FETCH_TAG = 46; // not architectural: the run loop's fetch-page tag (Cpu.refillFetch, run-loop.ts)
/** A FETCH_TAG low word no aligned PC matches (bit 0 set); the run loop sends every misaligned PC to the slow path. */
export const FETCH_INVALID = 1;
export const RUN_COUNT = 47; // not architectural: instructions retired so far in the current Cpu.run (low word; Cpu.retired)
export const FLAG_KIND = 48; // lazy NZCV (low word): which FLAGS_* below says how PSTATE.NZCV is found
export const NZCV = 49; // low word: PSTATE.NZCV in bits 31:28 while FLAG_KIND holds FLAGS_NZCV
export const NSLOTS = 50;

/** Lazy NZCV kinds (DESIGN.md §3: flags are computed only when read). */
export const FLAGS_NZCV = 0; // slot NZCV holds N Z C V in bits 31:28
export const FLAGS_ADD64 = 1;
export const FLAGS_SUB64 = 2;
export const FLAGS_ADD32 = 3;
export const FLAGS_SUB32 = 4;
export const FLAGS_LOGIC64 = 5; // N,Z from result; C=V=0
export const FLAGS_LOGIC32 = 6;

/** Map a register number read/written as "Rd (ZR)" to its write slot: 31 → SINK. */
export const WRITE_ZR = new Int8Array(32).map((_, i) => (i === 31 ? SINK : i));
/** Map a register number used as "Rn|SP" to its slot: 31 → SP. */
export const REG_SP = new Int8Array(32).map((_, i) => (i === 31 ? SP : i));

/** The register file's bytes: NSLOTS 64-bit slots, then V0–V31 (16 bytes each). */
export const REGISTER_FILE_BYTES = NSLOTS * 8 + 32 * 16;

export class CpuState {
  /** 64-bit view of the register file. */
  readonly x: BigUint64Array;
  /** 32-bit halves of the same slots: slot s is u32[2s] (low) and u32[2s+1] (high). */
  readonly u32: Uint32Array;
  /** 32-bit signed view (for W-register arithmetic). */
  readonly i32: Int32Array;

  /**
   * V0–V31, 128 bits each (ARM B1.2.1 "SIMD and floating-point registers"): register n is bytes 16n..16n+15, lane 0
   * lowest (the host is little-endian, as V8's typed arrays are on every supported host). Views by lane width.
   */
  readonly v8: Uint8Array;
  readonly v16: Uint16Array;
  readonly v32: Uint32Array;
  readonly v64: BigUint64Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  /** One 128-bit result being built by an AdvSIMD handler before it is written to its V register (which may also be
   *  a source). Not architectural. */
  readonly vtbuf = new ArrayBuffer(16);
  readonly vt8 = new Uint8Array(this.vtbuf);
  readonly vt16 = new Uint16Array(this.vtbuf);
  readonly vt32 = new Uint32Array(this.vtbuf);

  /** System registers with kind 'store', indexed by SR.<name>. */
  readonly sr = new BigUint64Array(SYSREGS.length);
  readonly sr32 = new Uint32Array(this.sr.buffer);

  // PSTATE (ARM §D1.4; SPSR layout ARCH-NOTES §13). AArch64 only: nRW is always 0.
  el = 2;
  /** PSTATE.SP: 0 selects SP_EL0, 1 selects SP_ELx. */
  spsel = 1;
  /** PSTATE.{D,A,I,F} kept in their SPSR positions (bits 9:6). */
  daif = 0x3c0;
  /** PSTATE.IL: set by an illegal exception return. */
  il = 0;
  /** PSTATE.SS: software step's active-not-pending (1) / active-pending (0) state (src/cpu/debug.ts). */
  ss = 0;
  /** Exclusive monitor (local): armed address range or -1. */
  exclAddr = WIDE_ZERO; // Cpu.reset: -1
  exclSize = 0;

  /** Instructions retired. */
  icount = 0;

  /** The register file's offset in the arena (0 without one). */
  readonly registerFile: number;

  /**
   * `arena`: the register file is REGISTER_FILE_BYTES of its state area (arena.ts: the bytes code compiled to
   * WebAssembly reads), at `registerFile`; without one, an ArrayBuffer of its own.
   */
  constructor(
    readonly profile: Profile,
    arena?: Arena,
  ) {
    const buf = arena?.buffer ?? new ArrayBuffer(REGISTER_FILE_BYTES);
    const at = arena?.take(REGISTER_FILE_BYTES) ?? 0;
    this.registerFile = at;
    this.x = new BigUint64Array(buf, at, NSLOTS);
    this.u32 = new Uint32Array(buf, at, NSLOTS * 2);
    this.i32 = new Int32Array(buf, at, NSLOTS * 2);
    const v = at + NSLOTS * 8;
    this.v8 = new Uint8Array(buf, v, 32 * 16);
    this.v16 = new Uint16Array(buf, v, 32 * 8);
    this.v32 = new Uint32Array(buf, v, 32 * 4);
    this.v64 = new BigUint64Array(buf, v, 32 * 2);
    this.f32 = new Float32Array(buf, v, 32 * 4);
    this.f64 = new Float64Array(buf, v, 32 * 2);
  }

  /** Bank slot of the stack pointer selected by EL and SPSel. */
  spSlot(): number {
    if (this.spsel === 0 || this.el === 0) return SP_EL0;
    return this.el === 1 ? SP_EL1 : SP_EL2;
  }

  /** Save SP to its bank before PSTATE.{EL,SP} changes, and load it after (see setEl). */
  saveSp(): void {
    this.x[this.spSlot()] = this.x[SP];
  }
  loadSp(): void {
    this.x[SP] = this.x[this.spSlot()];
  }

  /** Change PSTATE.EL and PSTATE.SP, switching the banked stack pointer. */
  setElSp(el: number, spsel: number): void {
    this.saveSp();
    this.el = el;
    this.spsel = spsel;
    this.loadSp();
  }

  /** Read a banked stack pointer whether or not it is the active one. */
  readBankedSp(slot: number): bigint {
    return slot === this.spSlot() ? this.x[SP] : this.x[slot];
  }
  writeBankedSp(slot: number, v: bigint): void {
    if (slot === this.spSlot()) this.x[SP] = v;
    else this.x[slot] = v;
  }
}

/**
 * The PC convention, in one place: while a handler runs, the PC slot holds the address of the NEXT instruction, PC_AHEAD
 * bytes past the executing one. The run loop advances the PC before dispatch (one 32-bit add per instruction; a branch
 * simply overwrites it, and no handler needs a "did it branch?" flag), and the translator does the same per instruction.
 * So: a PC-relative address is pcRelative(u, dst, offset); the executing instruction's address, for a preferred return
 * address or a record, is thisInsn (exception.ts); a fault taken at fetch, before any instruction runs, first steps
 * into the convention (exception.ts fetchFault) and then reports "this instruction" like every other fault.
 */
export const PC_AHEAD = 4;

/** slot dst = (the executing instruction's address) + offset, |offset| < 2^32: B, BL, B.cond, CBZ, TBZ, ADR, LDR (literal). */
export function pcRelative(u: Uint32Array, dst: number, offset: number): void {
  addHalves(u, dst, PC, offset - PC_AHEAD);
}

/**
 * slot dst = slot src + delta (|delta| < 2^32) on the 32-bit halves of the register file: PC-relative targets,
 * addresses and immediates without a BigInt conversion on the per-instruction path (DESIGN.md §3).
 */
export function addHalves(u: Uint32Array, dst: number, src: number, delta: number): void {
  const lo = u[src * 2]! + delta; // at most one carry or borrow into the high word
  u[dst * 2 + 1] = u[src * 2 + 1]! + (lo > 0xffffffff ? 1 : lo < 0 ? -1 : 0); // the Uint32Array stores wrap mod 2^32
  u[dst * 2] = lo;
}
