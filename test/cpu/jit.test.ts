// The block translator must be invisible: random programs run translated (Cpu.translateBlocks, src/cpu/jit/) and
// interpreted, for the same instruction budget, end in the same architectural state — registers, PC, NZCV,
// PSTATE, every system register, the instruction count, data memory and code memory. The programs loop so their
// blocks get hot, mix the specialised instructions (jit/emit.ts) with handler calls and fully random words, load
// and store through a data pointer, through random registers (aborts) and into their own code (self-modifying
// code, also inside the running block), and take exceptions that a vector skips. Stores over running code of every
// size and alignment are compared with an oracle that decodes every instruction afresh, and source mutants that
// forget one word a store touched must be caught by that comparison. Blocks that go on past a conditional branch (side
// exits, jit/block.ts) are checked at every budget, under stores over their later words, and against mutants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { assemble } from '../../src/asm/assemble.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { ROWS } from '../../src/arch/a64/table.ts';
import type { Encoding } from '../../src/arch/a64/encoding.ts';
import { TEST_HOT as HOT } from '../helpers/translate.ts';
import { readNzcv } from '../../src/cpu/pstate.ts';
import { PC, SP, SP_EL0, SP_EL1, SP_EL2 } from '../../src/cpu/state.ts';
import { PAGE_SIZE, PhysMemory } from '../../src/memory/phys.ts';
import { Arena } from '../../src/memory/arena.ts';
import { SR } from '../../src/arch/sysreg-table.ts';
import { skipVectors } from '../helpers/vectors.ts';
import { AF, AP_RO_EL1, AP_RW_ALL, AP_RW_EL1, enterEl1Stage12, S2_NORMAL_WB, S2AP_RO, S2AP_RW, Tables } from '../mmu/tables.ts';

const CODE = 0x4008_0000;
const DATA = 0x4010_0000; // x20: the data pointer (unsigned offsets reach 32 KiB)
const ITERATIONS = 3 * HOT;

const ROW = new Map<string, Encoding>(ROWS.map((r) => [r.id, r]));
/** Rows the translator specialises, rows it calls the handler for, and branches inside the body. */
const STRAIGHT = [
  'ADD_imm', 'ADDS_imm', 'SUB_imm', 'SUBS_imm', 'AND_imm', 'ORR_imm', 'EOR_imm', 'ANDS_imm', 'MOVN', 'MOVZ', 'MOVK',
  'AND_shift', 'BIC_shift', 'ORR_shift', 'ORN_shift', 'EOR_shift', 'EON_shift', 'ANDS_shift', 'BICS_shift',
  'ADD_shift', 'ADDS_shift', 'SUB_shift', 'SUBS_shift', 'ADD_ext', 'ADDS_ext', 'SUB_ext', 'SUBS_ext', 'NOP', 'YIELD', 'HINT', 'CSEL', 'CSINC', 'CSINV', 'CSNEG', 'MADD', 'MSUB',
  'UBFM', 'SBFM', 'BFM', 'ADR',
  'CCMP_imm', 'ADC', 'SBC', 'SBCS', 'ADCS',
  'EXTR', 'ADRP', 'CCMN_reg', 'CCMP_reg', 'CCMN_imm', 'LSLV', 'LSRV', 'ASRV', 'RORV', 'UDIV', 'SDIV', 'REV16', 'REV32', 'REV_32',
  'REV_64', 'CLZ', 'CLS', 'RBIT', 'SMADDL', 'UMADDL', 'SMSUBL', 'UMSUBL', 'LDR_X_lit', 'LDR_W_lit', 'LDRSW_lit',
  'SMULH', 'UMULH', 'CRC32B', 'CRC32H', 'CRC32W', 'CRC32X', 'CRC32CB', 'CRC32CH', 'CRC32CW', 'CRC32CX',
  // FP/SIMD moves and arithmetic inside blocks (at EL1, CPACR_EL1.FPEN = 0 traps them to EL1, whose vector skips them)
  'FMOV_D_X', 'FMOV_X_D', 'FMOV_S_W', 'FMOV_W_S', 'FMOV_V1_X', 'FMOV_X_V1', 'DUP_gen', 'MOVI_64', 'MOVI_s32', 'ORR_v', 'ADD_v', 'FADD', 'FADD_v',
];
const MEMORY = ['LDR_X_uoff', 'STR_X_uoff', 'LDR_W_uoff', 'STR_W_uoff', 'LDRB_uoff', 'STRB_uoff', 'LDRH_uoff', 'STRH_uoff', 'LDRSW_uoff', 'LDRSB_X_uoff', 'LDRSB_W_uoff', 'LDRSH_X_uoff', 'LDRSH_W_uoff', 'STP_X_off', 'LDP_X_off', 'STP_W_off', 'LDP_W_off', 'LDNP_X', 'STNP_X', 'LDP_X_pre', 'STP_X_pre', 'LDP_X_post', 'STP_X_post', 'LDP_W_pre', 'STP_W_post',
  'LDR_X_reg', 'STR_X_reg', 'LDR_W_reg', 'STR_W_reg', 'LDRSW_reg', 'LDRB_reg', 'STRB_reg', 'LDRH_reg', 'STRH_reg', 'LDRSH_W_reg',
  'LDRSH_X_reg', 'LDRSB_W_reg', 'LDRSB_X_reg', 'LDR_X_pre', 'STR_X_post', 'LDR_W_post', 'STR_W_pre', 'LDRB_post', 'STRB_pre',
  'LDRSH_W_pre', 'LDRSH_X_post', 'STRH_post', 'LDRSW_post', 'LDRSB_X_pre',
  'LDUR_X', 'STUR_X', 'LDUR_W', 'STUR_W', 'LDURB', 'STURB', 'LDURH', 'STURH', 'LDURSW', 'LDURSB_W', 'LDURSH_X',
  'LDAR_X', 'STLR_X', 'LDAR_W', 'STLR_W', 'LDARB', 'STLRB', 'LDARH', 'STLRH',
  'LDTR_X', 'STTR_X', 'LDTR_W', 'STTR_W', 'LDTRB', 'STTRB', 'LDTRH', 'STTRH', 'LDTRSW', 'LDTRSB_X', 'LDTRSH_W',
  'LDXR_X', 'STXR_X', 'LDAXR_W', 'STLXR_W', 'LDXRB', 'STXRB', 'LDXRH', 'STLXRH', 'LDXP_X', 'STXP_X', 'LDAXP_W', 'STLXP_W',
  'LDR_Q_V_uoff', 'STR_Q_V_uoff', 'LDR_D_V_uoff', 'STR_D_V_uoff', 'LDR_S_V_uoff', 'STR_S_V_uoff', 'LDP_Q_V_off', 'STP_Q_V_off',
  'LDP_D_V_off', 'STP_D_V_off', 'STR_Q_V_pre', 'LDR_Q_V_post'];
const BRANCHES = ['B_cond', 'CBZ', 'CBNZ', 'TBZ', 'TBNZ', 'B'];

interface Spec {
  id: string;
  bits: number;
  regs: number[];
  /** For loads/stores: the base register; 20 is the data pointer, 15 points at the body (code). */
  base: number;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  id: fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...STRAIGHT) },
    { weight: 6, arbitrary: fc.constantFrom(...MEMORY) },
    { weight: 3, arbitrary: fc.constantFrom(...BRANCHES) },
    { weight: 1, arbitrary: fc.constant('random') },
  ),
  bits: fc.integer({ min: 0, max: 0xffffffff }),
  regs: fc.array(fc.integer({ min: 0, max: 16 }), { minLength: 4, maxLength: 4 }), // 16 stands for register 31
  base: fc.oneof({ weight: 8, arbitrary: fc.constant(20) }, { weight: 1, arbitrary: fc.constant(15) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 14 }) }),
});

function setField(row: Encoding, w: number, name: string, v: number): number {
  const f = row.fields[name];
  if (f === undefined) return w;
  const fm = (((1 << (f.hi - f.lo + 1)) - 1) << f.lo) >>> 0;
  return ((w & ~fm) | ((v << f.lo) & fm)) >>> 0;
}

/** The word for `s` at body position `pos` of `len` (branches go forward, at most to the loop's tail). */
function word(s: Spec, pos: number, len: number): number {
  if (s.id === 'random') return s.bits >>> 0;
  const row = ROW.get(s.id)!;
  let w = (row.match | (s.bits & ~row.mask)) >>> 0;
  const reg = (k: number) => (s.regs[k] === 16 ? 31 : s.regs[k]!);
  w = setField(row, w, 'Rd', reg(0));
  w = setField(row, w, 'Rt', reg(0));
  w = setField(row, w, 'Rn', MEMORY.includes(s.id) ? s.base : reg(1));
  // a register-offset access indexes by the loop counter (x28: small, so it lands in the data page) or XZR
  w = setField(row, w, 'Rm', MEMORY.includes(s.id) && s.id.endsWith('_reg') ? (s.bits & 0x100 ? 28 : 31) : reg(2));
  w = setField(row, w, 'Ra', reg(3));
  w = setField(row, w, 'Rt2', reg(3));
  const ahead = 1 + (s.bits % (len - pos)); // 1 .. the tail
  for (const f of ['imm19', 'imm14', 'imm26']) w = setField(row, w, f, ahead);
  return w;
}

/** The program, run at `el` (its VBAR), and where its EL2 vectors are (for stage-2 faults taken from EL1). */
function program(body: readonly Spec[], init: readonly bigint[], el = 2): { bytes: Uint8Array; vbar2: bigint } {
  const words = body.map((s, i) => word(s, i, body.length));
  const src = `
_start:
    ldr x20, =${DATA}
    adr x15, body
    ldr x0, =vectors_el${el}
    msr vbar_el${el}, x0
${init.map((v, r) => `    ldr x${r}, =0x${v.toString(16)}`).join('\n')}
    movz x28, #${ITERATIONS}
body:
${words.map((w) => `    .inst 0x${w.toString(16)}`).join('\n')}
    subs x28, x28, #1
    b.ne body
1:  b 1b
`;
  return withVectors('jit-random.S', src);
}

/** Assemble `src` at CODE, followed by its literal pool and the skipping vectors for EL2 and EL1 (with its symbols). */
function withVectors(file: string, src: string): { bytes: Uint8Array; vbar2: bigint; symbols: readonly { name: string; addr: bigint }[] } {
  const text = `${src}
    .ltorg
    .balign 2048
vectors_el2:
${skipVectors(2)}
vectors_el1:
${skipVectors(1)}`;
  const r = assemble(file, text, { base: BigInt(CODE) });
  assert.deepEqual(r.diagnostics, []);
  return { bytes: r.sections[0]!.bytes, vbar2: r.symbols.find((x) => x.name === 'vectors_el2')!.addr, symbols: r.symbols };
}

/**
 * EL1 under stage 1 + stage 2 (VMID 1), identity maps: 64 KiB of code (EL1 read/write/execute), the first 16 KiB of
 * data read/write (its last 4 KiB by EL0 too: AP[2:1] = 01), the next 8 KiB read-only at stage 1 (stores fault to EL1)
 * and the last 8 KiB read-only at stage 2 (stores fault to EL2, which skips them); anything else faults.
 */
function enterEl1WithMmu(c: Cpu, vbar2: bigint): void {
  const s1 = new Tables(c.mem, 12, 0, 48, 0x4100_0000);
  const s2 = new Tables(c.mem, 12, 0, 44, 0x4200_0000);
  const page = (a: number, s1Attrs: bigint, s2Attrs: bigint): void => {
    s1.map(BigInt(a), BigInt(a), 3, AF | s1Attrs);
    s2.map(BigInt(a), BigInt(a), 3, AF | S2_NORMAL_WB | s2Attrs);
  };
  for (let a = CODE; a < CODE + 0x10000; a += 0x1000) page(a, AP_RW_EL1, S2AP_RW);
  for (let a = DATA; a < DATA + 0x8000; a += 0x1000) {
    page(a, a < DATA + 0x3000 ? AP_RW_EL1 : a < DATA + 0x4000 ? AP_RW_ALL : AP_RO_EL1, a < DATA + 0x6000 ? S2AP_RW : S2AP_RO);
  }
  for (let a = 0x4100_0000; a < s1.next; a += 0x1000) s2.map(BigInt(a), BigInt(a), 3, AF | S2_NORMAL_WB | S2AP_RW);
  enterEl1Stage12(c, s1.root, s2.root);
  c.sr[SR.VBAR_EL2] = vbar2;
}

/** The CPU and memory classes a run uses: the real ones, or a mutant's (the mutation test below). */
interface Impl {
  readonly Cpu: typeof Cpu;
  readonly PhysMemory: typeof PhysMemory;
}
const REAL: Impl = { Cpu, PhysMemory };

/**
 * How a run executes: interpreted, translated, or `fresh` — one instruction at a time with the decode cache of the
 * program's words emptied before each, an oracle that needs no invalidation of decoded or translated code at all.
 */
type Exec = 'interpreted' | 'translated' | 'wasm' | 'wasm-hot' | 'fresh';
const PROGRAM_WORDS = 0x1000; // the programs here (code, literal pool, vectors) lie in CODE's first 16 KiB

const RAM = 256 * 1024 * 1024;

function run(image: { bytes: Uint8Array; vbar2: bigint }, exec: Exec, budget: number, el = 2, impl: Impl = REAL): Cpu {
  // 'wasm': translated, and the blocks the wasm tier can make made there (src/cpu/wasm/), on an arena, a hot block
  // bringing those its branches lead to (jit/block.ts withSuccessors); 'wasm-hot': only hot blocks made, as translated
  const wasm = exec === 'wasm' || exec === 'wasm-hot';
  const mem = new impl.PhysMemory(0x4000_0000, RAM, wasm ? new Arena(RAM) : undefined);
  mem.writeBytes(CODE, image.bytes);
  const c = new impl.Cpu(CORTEX_A57, mem);
  c.reset(BigInt(CODE));
  if (el === 1) enterEl1WithMmu(c, image.vbar2);
  c.translateBlocks = exec === 'translated' || wasm;
  if (wasm) c.enableWasm();
  c.translateAhead = exec === 'wasm';
  c.translateAfter = HOT;
  if (exec === 'fresh') {
    const page = mem.page(CODE)!;
    const first = (CODE & 0xffff) >>> 2;
    for (let i = 0; i < budget; i++) {
      page.ops?.fill(0, first, first + PROGRAM_WORDS);
      c.run(1);
    }
    return c;
  }
  // in slices, as the machine runs it (a block never runs past a slice's budget)
  for (let done = 0; done < budget; ) {
    const slice = Math.min(997, budget - done);
    c.run(slice);
    done += slice;
  }
  return c;
}

function state(c: Cpu): unknown {
  const regs = [...Array(31).keys(), SP, PC, SP_EL0, SP_EL1, SP_EL2].map((s) => c.x[s]!.toString(16));
  return {
    regs, v: Buffer.from(c.v8).toString('hex'), nzcv: readNzcv(c).toString(16), el: c.el, spsel: c.spsel, daif: c.daif, il: c.il, icount: c.icount,
    sr: [...c.sr].map((v) => v.toString(16)), stop: c.stop,
    data: Buffer.from(c.mem.readBytes(DATA, 0x8000)).toString('hex'),
    code: Buffer.from(c.mem.readBytes(CODE, 0x1000)).toString('hex'),
  };
}

/** Run `image` interpreted, translated and translated with the wasm tier: a block was translated, and all three end in
 *  the same state; the translated CPU. */
function sameTranslated(image: { bytes: Uint8Array; vbar2: bigint }, budget: number): Cpu {
  const a = run(image, 'interpreted', budget);
  const b = run(image, 'translated', budget);
  const w = run(image, 'wasm', budget);
  assert.ok(b.fetchBlocks.lens.some((l) => l !== 0), 'a block was translated');
  assert.deepEqual(state(b), state(a));
  assert.deepEqual(state(w), state(a), 'with the wasm tier');
  assert.deepEqual(state(run(image, 'wasm-hot', budget)), state(a), 'with the wasm tier, hot blocks only');
  return b;
}

test('register-offset loads and stores of every size, extension and scale reach the same bytes translated and interpreted', () => {
  // a data page of distinct bytes, then loops that index it by a positive (LSL, UXTW, UXTX) and a negative (SXTW,
  // SXTX) register, sign- and zero-extending every lane position of a word
  const src = `
_start:
    ldr x20, =${DATA}
    add x21, x20, #0x2000
    ldr x0, =vectors_el2
    msr vbar_el2, x0
    mov x1, #0x8001
    movk x1, #0x80ff, lsl #16
    mov x2, #0x1000
1:  str w1, [x20, x2, lsl #2]
    eor w1, w1, w1, ror #7
    add w1, w1, #0x35
    subs x2, x2, #1
    b.ne 1b
    mov x28, #${ITERATIONS * 8}
    mov x9, xzr
body:
    neg x27, x28
    ldrsh w3, [x20, x28, lsl #1]
    ldrsh x4, [x21, w27, sxtw #1]
    ldrh w5, [x20, w28, uxtw]
    ldrsb w6, [x21, x27]
    ldrsb x7, [x20, x28, sxtx]
    ldrb w8, [x21, w27, sxtw]
    ldrsw x10, [x21, x27, lsl #2]
    ldr w11, [x20, w28, uxtw #2]
    ldr x12, [x21, w27, sxtw #3]
    eor x9, x9, x3
    eor x9, x9, x4, ror #5
    eor x9, x9, x5, ror #11
    eor x9, x9, x6, ror #17
    eor x9, x9, x7, ror #23
    eor x9, x9, x8, ror #29
    eor x9, x9, x10, ror #31
    eor x9, x9, x11, ror #37
    eor x9, x9, x12, ror #41
    str x9, [x21, x28, lsl #3]
    str w9, [x20, w27, sxtw #2]
    strh w9, [x21, x28]
    strb w9, [x21, w27, sxtw]
    subs x28, x28, #1
    b.ne body
2:  b 2b
`;
  const b = sameTranslated(withVectors('jit-regoff.S', src), 40_000);
  assert.ok(b.stats.inlineHits > 1000, `register-offset accesses hit the host cache inline (${b.stats.inlineHits})`);
});

/** Start-up lines: the skipping EL2 vectors, and SCTLR_EL2.SA = 1 (an SP base not 16-byte aligned faults). */
const EL2_VECTORS_SP_CHECKED = `    ldr x0, =vectors_el2
    msr vbar_el2, x0
    mrs x0, sctlr_el2
    orr x0, x0, #8
    msr sctlr_el2, x0
    isb`;

test('FP/SIMD moves, immediates and SIMD&FP loads/stores (S, D, Q, pairs, SP base) in a hot loop: same state translated and interpreted', () => {
  // every specialised FP/SIMD form (jit/emit-fp.ts) writes its register over a full one, so a lane left stale or not
  // zeroed shows in V0–V31 or in the data written back; with SCTLR_EL2.SA = 1 every other iteration's SP is not
  // 16-byte aligned, so its SP-based accesses take an SP alignment fault, and CPTR_EL2.TFP flips every 8 iterations,
  // so each FP/SIMD instruction takes the access trap for 8 of them (the vector skips both)
  const src = `
_start:
    ldr x20, =${DATA}
${EL2_VECTORS_SP_CHECKED}
    ldr x1, =0x0123456789abcdef
    ldr x2, =0xfedcba9876543210
    ldr x10, =${DATA + 0x2000}
    mov x28, #${ITERATIONS * 4}
body:
    tst x28, #7
    b.ne 3f
    mrs x7, cptr_el2
    eor x7, x7, #0x400
    msr cptr_el2, x7
    isb
3:  and x6, x28, #1
    add x6, x10, x6, lsl #3
    mov sp, x6
    movi v0.2d, #0xff00ff00ff00ff00
    fmov d1, x1
    fmov v1.d[1], x2
    dup v2.4s, w28
    dup v3.16b, w1
    dup v4.2d, x2
    mov v5.16b, v1.16b
    orr v6.8b, v1.8b, v4.8b
    mvni v7.4s, #0x12, lsl #8
    orr v7.4h, #0x34
    bic v0.4s, #0xff
    mov v8.16b, v4.16b
    fmov s8, w28
    fmov d9, d1
    fmov s10, s1
    str q1, [x20, #32]
    mov v11.16b, v4.16b
    mov v12.16b, v4.16b
    ldr d11, [x20, #32]
    ldr s12, [x20, #40]
    ldr q13, [x20, #32]
    stp q0, q2, [x20, #64]
    ldp q14, q15, [x20, #64]
    stp d3, d4, [x20, #128]
    mov v16.16b, v4.16b
    mov v17.16b, v4.16b
    ldp d16, d17, [x20, #128]
    str d9, [sp, #8]
    ldr d22, [sp, #8]
    str q5, [sp, #16]
    ldr q18, [sp, #16]
    stnp q6, q7, [x20, #256]
    ldnp q19, q20, [x20, #256]
    str s8, [x20, #512]
    str d9, [x20, #520]
    ldr q21, [x20, #512]
    fmov x3, d21
    fmov x4, v21.d[1]
    fmov w5, s2
    add x1, x1, x3
    eor x2, x2, x4, ror #7
    add x1, x1, x5
    subs x28, x28, #1
    b.ne body
2:  b 2b
`;
  const b = sameTranslated(withVectors('jit-fp.S', src), 40_000);
  assert.ok(b.stats.inlineHits > 1000, `SIMD&FP accesses hit the host cache inline (${b.stats.inlineHits})`);
});

test('accesses through SP (pre- and post-indexed, unsigned offset, pairs), aligned and not, write back and fault as the interpreter does', () => {
  // with SCTLR_EL2.SA = 1 an SP base that is not 16-byte aligned takes an SP alignment fault (the vectors skip it)
  const src = `
_start:
${EL2_VECTORS_SP_CHECKED}
    ldr x1, =${DATA + 0x4000}
    mov sp, x1
    mov x28, #${ITERATIONS * 4}
    mov x5, #0x1234
body:
    str x5, [sp, #-16]!
    stp x28, x5, [sp, #-16]!
    ldr x6, [sp], #16
    ldr x7, [sp], #16
    strb w28, [sp, #-1]!
    ldrsb x8, [sp], #1
    mov x9, sp
    and x9, x9, #~15 // realign: a faulting post-index leaves SP misaligned
    mov sp, x9
    add x5, x5, x6
    eor x5, x5, x7, lsl #3
    add x5, x5, x8
    str x5, [sp, #8]
    stp x5, x28, [sp, #32]
    ldrsh x10, [sp, #8]
    ldp w11, w12, [sp, #32]
    add x5, x5, x10
    eor x5, x5, x11
    tst x28, #7
    b.ne 1f
    sub sp, sp, #8
    str x5, [sp, #-16]!
    ldr x9, [sp], #16
    str w5, [sp, #4]
    stp x9, x5, [sp, #16]
    ldr w13, [sp, #4]
    ldp x14, x16, [sp, #16]
    add sp, sp, #8
1:  subs x28, x28, #1
    b.ne body
2:  b 2b
`;
  sameTranslated(withVectors('jit-sp.S', src), 30_000);
});

test('a device read inside a block sees the instruction count the interpreter would give it (Cpu.retired, as a timer or RTC reads it)', () => {
  // the device answers with the count of instructions retired before the load that reads it; loads and stores that
  // reach it sit between ALU instructions in one block, so a stale count shows in the loaded values
  const DEV = 0x0900_0000;
  const src = `
_start:
    ldr x1, =${DEV}
    mov x28, #${ITERATIONS}
    mov x3, #0
body:
    add x2, x2, #1
    ldr w4, [x1]
    add x3, x3, x4
    eor x5, x5, x3
    str w5, [x1, #4]
    ldr w6, [x1, #8]
    add x3, x3, x6
    subs x28, x28, #1
    b.ne body
2:  b 2b
`;
  const image = withVectors('jit-retired.S', src);
  const runWith = (exec: Exec): { regs: unknown; seen: number[] } => {
    const seen: number[] = [];
    let cpu: Cpu | undefined;
    class Mem extends PhysMemory {
      constructor(base: number, size: number) {
        super(base, size);
        this.mapDevice(DEV, 0x1000, { name: 'clock', read: () => cpu!.retired(), write: () => { seen.push(cpu!.retired()); } });
      }
    }
    const c = run(image, exec, 20_000, 2, { Cpu: class extends Cpu { constructor(...a: ConstructorParameters<typeof Cpu>) { super(...a); cpu = this; } }, PhysMemory: Mem });
    return { regs: state(c), seen };
  };
  const a = runWith('interpreted');
  const b = runWith('translated');
  assert.ok(a.seen.length > HOT, 'the loop ran hot');
  assert.deepEqual(b, a);
});

/** The rows the wasm tier emits (src/cpu/wasm/emit.ts), for programs whose blocks it makes. */
const WASM_ROWS = [
  'ADD_imm', 'ADDS_imm', 'SUB_imm', 'SUBS_imm', 'AND_imm', 'ORR_imm', 'EOR_imm', 'ANDS_imm', 'MOVN', 'MOVZ', 'MOVK',
  'AND_shift', 'BIC_shift', 'ORR_shift', 'ORN_shift', 'EOR_shift', 'EON_shift', 'ANDS_shift', 'BICS_shift',
  'ADD_shift', 'ADDS_shift', 'SUB_shift', 'SUBS_shift', 'NOP', 'CSEL', 'CSINC', 'CSINV', 'CSNEG', 'MADD', 'MSUB', 'UBFM', 'SBFM', 'BFM',
  'EXTR', 'LDR_X_lit', 'LDR_W_lit', 'LDRSW_lit', 'ADD_ext', 'ADDS_ext', 'SUB_ext', 'SUBS_ext',
  'CCMN_reg', 'CCMP_reg', 'CCMN_imm', 'CCMP_imm',
];
const WASM_MEMORY = MEMORY.filter((id) => (/_(uoff|reg|pre|post|off)$/.test(id) || /^(LD|ST)(UR|NP)/.test(id)) && !id.includes('_V_'));
const wasmSpec: fc.Arbitrary<Spec> = fc.record({
  id: fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...WASM_ROWS) },
    { weight: 6, arbitrary: fc.constantFrom(...WASM_MEMORY) },
    { weight: 2, arbitrary: fc.constantFrom(...BRANCHES) },
  ),
  bits: fc.integer({ min: 0, max: 0xffffffff }),
  regs: fc.array(fc.integer({ min: 0, max: 16 }), { minLength: 4, maxLength: 4 }),
  base: fc.oneof({ weight: 8, arbitrary: fc.constant(20) }, { weight: 1, arbitrary: fc.constant(15) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 14 }) }),
});

/**
 * Random looping programs end in the same state run translated and interpreted, at EL2 and at EL1 under both stages:
 * of every kind of word (JavaScript blocks), and of the rows the wasm tier emits (with it); `counted` says how many
 * runs or blocks show that translation took place, of which there must be at least `least`.
 */
const RANDOM_PROGRAMS = [
  { what: 'translated and interpreted', rows: spec, maxLength: 48, exec: 'translated', runs: 300, least: 75, unit: 'programs ran a translated block',
    counted: (c: Cpu) => (c.fetchBlocks.lens.some((l) => l !== 0) ? 1 : 0) },
  { what: 'of the rows the wasm tier emits, with it', rows: wasmSpec, maxLength: 32, exec: 'wasm', runs: 200, least: 100, unit: 'wasm blocks made',
    counted: (c: Cpu) => c.stats.wasmBlocksMade },
] as const;
for (const r of RANDOM_PROGRAMS) {
  for (const el of [2, 1]) {
    test(`random looping programs ${r.what}, end in the same state (${el === 2 ? 'EL2, MMU off' : 'EL1, stage 1 + stage 2'})`, () => {
      let seen = 0;
      fc.assert(
        fc.property(
          fc.array(r.rows, { minLength: 2, maxLength: r.maxLength }),
          fc.array(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), { minLength: 15, maxLength: 15 }),
          fc.integer({ min: 200, max: 6000 }),
          (body, init, budget) => {
            const image = program(body, init, el);
            const a = run(image, 'interpreted', budget, el);
            const b = run(image, r.exec, budget, el);
            seen += r.counted(b);
            assert.deepEqual(state(b), state(a));
          },
        ),
        { numRuns: r.runs },
      );
      assert.ok(seen > r.least, `only ${seen} ${r.unit} in ${r.runs} programs`);
    });
  }
}

/**
 * Calls and returns between wasm blocks in two 4 KiB pages: BL, BLR (BLR X30 too: the target read before X30 is
 * written), BR and RET, pairs, unscaled accesses, CCMP and conditions on flags set in an earlier block — so the
 * dispatcher chains block to block (wasm/chain.ts) within a page and across pages, and a run's slices cut the chains.
 */
function callsProgram(): ReturnType<typeof withVectors> {
  const src = `
_start:
    ldr x20, =${DATA}
    movz x28, #${ITERATIONS}
loop:
    bl f1
    adr x9, f2
    blr x9
    adr x30, f3
    blr x30
    adr x9, 1f
    br x9
1:  cmp x1, x2
    b.hi 2f
    add x7, x7, #1
2:  subs x28, x28, #1
    b.ne loop
3:  b 3b
f3: eor x8, x8, x30, ror #3
    ret
    .balign 4096
f1: add x1, x1, #1
    stur x1, [x20, #-8]
    ldur x5, [x20, #-8]
    sturh w1, [x20, #-2]
    ldursh x17, [x20, #-2]
    ret
f2: add x2, x2, x1, lsl #1
    stp x1, x2, [x20, #16]
    ldp x3, x4, [x20, #16]
    stp w3, w4, [x20, #40]!
    ldp w10, w11, [x20], #-40
    ccmp x1, x2, #4, ne
    csinc x6, x6, x6, eq
    ccmn w3, #7, #9, lt
    cinc x12, x12, mi
    add x13, x13, w2, sxtb
    sub x14, x14, w8, sxth #2
    adds w15, w15, w1, uxtb #1
    cinc x16, x16, cs
    ret
`;
  return withVectors('jit-calls.S', src);
}

test('calls and returns between wasm blocks in two pages chain block to block, every budget as interpreted', () => {
  const image = callsProgram();
  const budget = 30 * ITERATIONS;
  const w = sameTranslated(image, budget) && run(image, 'wasm', budget);
  assert.ok(w.stats.wasmBlocksMade >= 6, `${w.stats.wasmBlocksMade} wasm blocks`);
  assert.ok(w.stats.chained > ITERATIONS, `${w.stats.chained} blocks entered chained`);
  for (const b of [1, 2, 3, 5, 8, 13, 21, 997]) {
    const cut = 20 * HOT + b;
    assert.deepEqual(state(run(image, 'wasm', cut)), state(run(image, 'interpreted', cut)), `budget ${cut}`);
  }
});

/** A loop of rows the wasm tier emits (src/cpu/wasm/emit.ts), 9 instructions a pass, ITERATIONS passes: one block. */
function wasmLoopProgram(): ReturnType<typeof withVectors> {
  const src = `
_start:
    movz x28, #${ITERATIONS}
    ldr x20, =${DATA}
loop:
    ldrb w2, [x20, #9]
    ldr x1, [x20]
    add x1, x1, #3
    str x1, [x20, #8]
    strh w2, [x20, #18]
    ldrsh x3, [x20, x28, lsl #1]
    eor x4, x3, x1, ror #7
    subs x28, x28, #1
    b.ne loop
1:  add x9, x9, #1 // counts on after the loop: an instruction more or less before it shows
    b 1b
`;
  return withVectors('jit-wasm-loop.S', src);
}

test('a wasm loop block runs its passes in place, as the JavaScript one: the state of every budget, its passes and accesses counted', () => {
  // one block, made in wasm; each budget ends in a different place in a pass
  const image = wasmLoopProgram();
  for (let budget = 9 * (ITERATIONS - 4); budget < 9 * (ITERATIONS - 4) + 12; budget++) {
    const a = run(image, 'interpreted', budget);
    const b = run(image, 'translated', budget);
    const w = run(image, 'wasm-hot', budget);
    assert.ok(w.stats.wasmBlocksMade > 0 && w.stats.wasmBlocksMade === b.stats.blocksMade, 'every block the JavaScript run made, made in wasm');
    // with blocks made ahead: the loop's exit (the counting loop after it) is a wasm block before it ever runs
    const ahead = run(image, 'wasm', budget);
    assert.deepEqual(state(ahead), state(a), `budget ${budget}, blocks made ahead`);
    assert.ok(ahead.stats.blocksAhead >= 1 && ahead.stats.wasmBlocksMade === ahead.stats.blocksMade + ahead.stats.blocksAhead);
    assert.equal(ahead.stats.hostHits + ahead.stats.inlineHits, a.stats.hostHits, `budget ${budget}: accesses counted, blocks made ahead`);
    assert.equal(w.stats.translated, b.stats.translated, `budget ${budget}: instructions run translated`);
    assert.deepEqual(state(w), state(a), `budget ${budget}`);
    assert.equal(w.stats.loopBacks, b.stats.loopBacks, `budget ${budget}: passes in place`);
    assert.ok(w.stats.loopBacks >= ITERATIONS - 4 - HOT - 2, `budget ${budget}: ${w.stats.loopBacks} passes in place`);
    // every access counted once, inline or by the interpreter (a wasm block makes the halfword store inline too)
    assert.equal(w.stats.hostHits + w.stats.inlineHits, a.stats.hostHits, `budget ${budget}: accesses counted`);
  }
});

test('a hot wasm block brings the blocks its branches lead to in its page, before they run; every budget as interpreted', () => {
  // `a` loops (a side exit to `far` on its last pass): made hot, it brings `far` (its side exit's target), then from
  // there `fn` (BL's target) and `back` (where the call returns), and `done` (B's target) — none of which has run
  const src = `
_start:
    movz x0, #${ITERATIONS}
a:  sub x0, x0, #1
    cbz x0, far
    b a
far:
    bl fn
back:
    add x3, x3, #1
    b done
fn: add x4, x4, #1
    ret
done:
    add x5, x5, #1
    b done
`;
  const image = withVectors('jit-ahead.S', src);
  const word = (name: string): number => ((Number(image.symbols.find((x) => x.name === name)!.addr) - CODE) & 0xfff) >>> 2;
  const c = run(image, 'wasm', 3 * HOT + 30); // a is hot, the loop still runs
  assert.equal(c.x[3], 0n, 'far and after: not run yet');
  const lens = c.fetchBlocks.lens;
  for (const name of ['a', 'far', 'fn', 'back', 'done']) assert.ok(lens[word(name)]! > 0, `a block at ${name}`);
  assert.equal(c.stats.blocksMade + c.stats.blocksAhead, lens.filter((l) => l > 0).length);
  assert.ok(c.stats.blocksAhead >= 4, `far, fn, back and done made ahead: ${c.stats.blocksAhead}`);
  assert.equal(c.stats.wasmBlocksMade, c.stats.blocksMade + c.stats.blocksAhead);
  for (const budget of [ITERATIONS * 3 - 1, ITERATIONS * 3 + 2, ITERATIONS * 3 + 3, ITERATIONS * 3 + 7, ITERATIONS * 3 + 100]) {
    assert.deepEqual(state(run(image, 'wasm', budget)), state(run(image, 'interpreted', budget)), `budget ${budget}`);
  }
  const end = run(image, 'wasm', ITERATIONS * 3 + 100);
  assert.ok(end.x[3] === 1n && end.stats.chained >= 3, `the loop's way out ran in the blocks made ahead, chained: ${end.stats.chained}`);
});

test('a block made ahead whose word is written before it ever ran runs the new word, as interpreted', () => {
  // the hot loop brings the blocks after it: the store's, then `target`'s (made from \`add x1, x1, #1\`), which the
  // store then rewrites to \`add x1, x1, #2\` before the branch reaches it
  const src = `
_start:
    movz x28, #${ITERATIONS}
    adr x15, target
    ldr w2, =0x91000821     // add x1, x1, #2
loop:
    subs x28, x28, #1
    b.ne loop
    str w2, [x15]
    b target
target:
    add x1, x1, #1
    b done
done:
    b done
    .ltorg
`;
  const image = withVectors('jit-ahead-smc.S', src);
  const budget = ITERATIONS * 2 + 40;
  const w = run(image, 'wasm', budget);
  assert.deepEqual(state(w), state(run(image, 'interpreted', budget)));
  assert.equal(w.x[1], 2n, 'the rewritten add ran');
  assert.ok(w.stats.blocksAhead >= 2 && w.stats.invalidations >= 1, `blocks ahead ${w.stats.blocksAhead}, drops ${w.stats.invalidations}`);
});

test('a wasm loop block entered 2^31 instructions into a run still stops where the run\'s limit says', () => {
  // the block counts in i32 (src/cpu/wasm/emit.ts): the BlockFn hands it what is left of the run, not n0 and lim
  const image = wasmLoopProgram();
  const c = run(image, 'wasm', 9 * (HOT + 8)); // stopped inside the loop, its block made
  const loopAt = Number(image.symbols.find((s) => s.name === 'loop')!.addr);
  const idx = (loopAt & (PAGE_SIZE - 1)) >>> 2;
  const fn = c.fetchBlocks.fns[idx];
  assert.ok(fn !== null && fn !== undefined && c.stats.wasmBlocksMade > 0, 'the loop is a wasm block');
  c.x[PC] = BigInt(loopAt);
  const len = c.fetchBlocks.lens[idx]!;
  // three passes and one instruction left, the limit just past 2^31 (negative as an i32, the count not): three passes
  assert.equal(fn!(c, 2 ** 31 - 3 * len - 1, 2 ** 31 + 1), 3 * len);
});

/**
 * The start of a loop that rewrites its own code: x28 = the passes, x15 = \`loop\`, x16 = data (until the loop points it
 * at its code), w2 = \`add x1, x1, #0\` (pass p makes it \`add x1, x1, #p\`).
 */
const REWRITING = `
_start:
    movz x28, #${ITERATIONS}
    adr x15, loop
    ldr x16, =${DATA}
    ldr w2, =0x91000021`;
/** x1 after a rewriting loop whose passes 1 .. HOT + 3 add 1 and whose pass p from HOT + 4 on adds p. */
function rewrittenSum(): bigint {
  let sum = BigInt(HOT + 3);
  for (let p = HOT + 4; p <= ITERATIONS; p++) sum += BigInt(p);
  return sum;
}

for (const store of ['str w2, [x16, #12]', 'stp w2, w17, [x16, #12]']) {
  test(`stores into the running block (${store.split(' ')[0]}): each rewritten instruction runs, as interpreted`, () => {
    const src = `${REWRITING}
    ldr w17, [x15, #16]     // the word of the cmp below: STP rewrites it with itself
loop:
    add w2, w2, #0x400      // pass p: w2 = add x1, x1, #p
    ${store}    // into data, until x16 points at this loop: then over the add below
    add x3, x3, #1
    add x1, x1, #1
    cmp x3, #${HOT + 3}
    b.ne 2f
    mov x16, x15
2:  subs x28, x28, #1
    b.ne loop
1:  b 1b
    .ltorg
`;
    const image = { bytes: assemble('smc.S', src, { base: BigInt(CODE) }).sections[0]!.bytes, vbar2: 0n };
    const a = run(image, 'interpreted', 2000);
    const b = run(image, 'translated', 2000);
    assert.deepEqual(state(b), state(a));
    // passes 1 .. HOT+3 add 1 (from pass HOT on in a translated block); from pass HOT+4 on, pass p rewrites the add
    // just before it runs, in the same pass: it adds p (a block translated again later must not run a stale add)
    assert.equal(a.x[1], rewrittenSum());
  });
}

test('64-bit ADDS/SUBS/CMP (shifted register) on edge operands give the interpreter\'s results and NZCV translated', () => {
  // every pair of operands whose low words sum to 0xffffffff or 0x100000000, are equal, or straddle the signs; each
  // result and NZCV folded into x10/x11 (EOR with ROR: no two iterations cancel)
  const edges = ['0', '1', '0xffffffff', '0x100000000', '0x7fffffffffffffff', '0x8000000000000000', '0xffffffffffffffff', '0x80000001'];
  const ops = ['adds x3, x1, x2', 'subs x3, x1, x2', 'adds x3, x1, x2, lsl #1', 'subs x3, x1, x2, lsr #3', 'adds x3, x1, x2, asr #63', 'cmp x1, x2, lsl #32'];
  const src = edgeLoop(edges, (a, b) => ops.map((op) => `    ldr x1, =${a}\n    ldr x2, =${b}\n    ${op}\n    mrs x4, nzcv\n    eor x10, x3, x10, ror #7\n    eor x11, x4, x11, ror #5\n`).join(''));
  sameTranslated(withVectors('jit-adds-edges.S', src), ITERATIONS * (edges.length * edges.length * ops.length * 6 + 40));
});

test('divisions, variable shifts, EXTR, REV, RBIT, CLZ/CLS, ADCS/SBCS, CCMP/CCMN, SMULH/UMULH and CRC32 on edge operands give the interpreter\'s results translated', () => {
  // zero and INT_MIN / -1 divisions (32 and 64 bits), shift counts 0, 31, 32, 63 and 64 (MOD datasize), CLS of 0 and all-ones; each
  // result (and NZCV after a conditional compare, its condition both inline after CMP and from flags the block did not
  // set) folded into x10/x11
  const edges = ['0', '1', '31', '32', '63', '0x80000000', '0xffffffff', '0x8000000000000000', '0xffffffffffffffff', '0x123456789abcdef0'];
  const ops = ['udiv w3, w1, w2', 'sdiv w3, w1, w2', 'lslv x3, x1, x2', 'lsrv w3, w1, w2', 'asrv x3, x1, x2', 'asrv w3, w1, w2',
    'rorv x3, x1, x2', 'rorv w3, w1, w2', 'lslv w3, w1, w2', 'lsrv x3, x1, x2', 'extr x3, x1, x2, #37', 'extr x3, x1, x2, #0',
    'extr w3, w1, w2, #31', 'ror x3, x1, #32', 'clz x3, x1', 'cls x3, x2', 'cls w3, w1', 'clz w3, w2', 'rev x3, x1', 'rev16 x3, x1',
    'rev32 x3, x2', 'rev w3, w1', 'rev16 w3, w2', 'cmp x2, x1\n    ccmp x1, x2, #5, ne', 'cmp w1, w2\n    ccmn w1, #31, #2, ge',
    'msr nzcv, x1\n    ccmp x1, #3, #9, hi', 'msr nzcv, x2\n    ccmn w2, w1, #6, lt', 'rbit x3, x1', 'rbit w3, w2',
    'adcs x3, x1, x2', 'sbcs w3, w1, w2', 'cmp x2, x1\n    sbcs x3, x1, x2', 'cmp w1, w2\n    adcs w3, w2, w1',
    'udiv x3, x1, x2', 'sdiv x3, x1, x2', 'smulh x3, x1, x2', 'umulh x3, x2, x1', 'crc32x w3, w1, x2', 'crc32cb w3, w2, w1'];
  const src = edgeLoop(edges, (a, b) => ops.map((op) => `    ldr x1, =${a}\n    ldr x2, =${b}\n    ${op}\n    mrs x4, nzcv\n    eor x10, x3, x10, ror #7\n    eor x11, x4, x11, ror #5\n`).join(''));
  sameTranslated(withVectors('jit-dp-edges.S', src), ITERATIONS * (edges.length * edges.length * ops.length * 7 + 40));
});

test('BLR, BLR X30, RET and BR inside a hot loop, one target tagged (TCR_EL2.TBI): same state translated and interpreted', () => {
  const src = `
_start:
    movz x0, #0x10, lsl #16 // TCR_EL2.TBI (bit 20): the tag of a branch target is dropped (AArch64.BranchAddr)
    msr tcr_el2, x0
    adr x9, f
    adr x10, back
    orr x11, x9, #0x7e00000000000000
    movz x28, #${ITERATIONS}
loop:
    blr x9
    add x6, x6, #1
    mov x30, x9
    blr x30                 // the target is read before X30 is written
    blr x11
    br x10
    b 1f
back:
    subs x28, x28, #1
    b.ne loop
1:  b 1b
f:  adr x7, f               // where f runs: untagged
    add x5, x5, x7
    add x5, x5, x30
    ret
`;
  const b = sameTranslated(withVectors('jit-branch-register.S', src), ITERATIONS * 20 + 30);
  assert.equal(b.x[6], BigInt(ITERATIONS), 'every pass returned from all three calls');
  assert.equal(b.x[7]! >> 56n, 0n, 'the call through the tagged address runs f untagged');
});

/**
 * Exclusives in a hot loop: an LDXR/STXR pair that passes, a second STXR on the cleared monitor (fails), a STXR of
 * another size or another address than the marked one (fails), byte and halfword pairs, a misaligned LDXRH (an
 * alignment fault the vector skips) and an exclusive to a page next to the marked one. Translated as interpreted; the
 * status registers are summed into x9.
 */
function exclusiveProgram(el: number): ReturnType<typeof withVectors> {
  return withVectors('jit-exclusive.S', `
_start:
    ldr x0, =vectors_el${el}
    msr vbar_el${el}, x0
    ldr x20, =${DATA}
    add x21, x20, #0x1000
    movz x28, #${ITERATIONS}
loop:
    ldxr x1, [x20]
    add x1, x1, #3
    stxr w3, x1, [x20]      // passes
    add x9, x9, x3
    stxr w3, x1, [x20]      // the monitor is clear: fails
    add x9, x9, x3, lsl #1
    ldaxr w2, [x20, #0]
    stlxr w3, w2, [x20, #0] // the marked PA and size: passes
    add x9, x9, x3, lsl #2
    ldxr w2, [x20]
    stxr w3, x1, [x20]      // an X store of a W mark: fails
    add x9, x9, x3, lsl #3
    ldxr x4, [x21]
    stxr w3, x4, [x20]      // another page's PA: fails
    add x9, x9, x3, lsl #4
    ldxr x4, [x20]
    add x8, x20, #8
    stxr w3, x4, [x8]       // the same page, 8 bytes on: fails
    add x9, x9, x3, lsl #7
    and x5, x28, #7
    add x5, x5, x20
    ldxrb w6, [x5]
    add w6, w6, #1
    stxrb w3, w6, [x5]      // passes
    add x9, x9, x3, lsl #5
    ldxrh w7, [x5]          // misaligned every other pass: an alignment fault, skipped (the monitor keeps the byte's mark)
    add w7, w7, #1
    stlxrh w3, w7, [x5]     // fails after the fault (a byte mark), passes otherwise
    add x9, x9, x3, lsl #6
    ldxp x10, x11, [x20]
    add x10, x10, #1
    stxp w3, x11, x10, [x20] // passes: the pair swapped
    add x9, x9, x3, lsl #8
    ldaxp w12, w13, [x21]
    stlxp w3, w13, w12, [x21] // passes
    add x9, x9, x3, lsl #9
    ldxp w12, w13, [x21]
    stxp w3, x12, x13, [x21]  // an X pair on a W pair's mark: fails
    add x9, x9, x3, lsl #10
    add x8, x20, #8
    ldxp x14, x15, [x8]       // misaligned (16-byte pair at 8): an alignment fault, skipped
    stxp w3, x14, x15, [x8]   // the monitor is clear: fails
    add x9, x9, x3, lsl #11
    subs x28, x28, #1
    b.ne loop
1:  b 1b
`);
}

for (const el of [2, 1]) {
  test(`exclusives (pass, fail on a clear monitor, another size or PA, bytes and halfwords, misaligned) in a hot loop: same state translated and interpreted (EL${el})`, () => {
    const budget = ITERATIONS * 32;
    const image = exclusiveProgram(el);
    const a = run(image, 'interpreted', budget, el);
    const b = run(image, 'translated', budget, el);
    assert.ok(b.fetchBlocks.lens.some((l) => l !== 0), 'a block was translated');
    assert.deepEqual(state(b), state(a));
    assert.ok(b.x[9]! > 0n && b.x[26]! > 0n, 'stores failed and halfword exclusives faulted');
  });
}

test('every mutant of the exclusive emitters makes the exclusive program end differently translated', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-excl-mutants-'));
  try {
    const image = exclusiveProgram(2);
    const budget = ITERATIONS * 32;
    const oracle = state(run(image, 'interpreted', budget, 2));
    const mutants = [
      { name: 'the size not compared', from: ' && c.exclSize === ${bytes}; c.exclAddr = -1;', to: '; c.exclAddr = -1;' },
      { name: 'the monitor left set', from: '; c.exclAddr = -1; ` +', to: '; ` +' },
      { name: 'the offset in the VA page left out of the PA', from: "const HIT_PA = '(pg.pa + (hcWord[s] << 2) + (a & 0xfff))';", to: "const HIT_PA = '(pg.pa + (hcWord[s] << 2))';" },
      { name: 'a W pair loaded swapped', from: 'u[${t}] = v0; u[${t + 1}] = 0; u[${t2}] = v1;', to: 'u[${t}] = v1; u[${t + 1}] = 0; u[${t2}] = v0;' },
      { name: 'an X pair stored without its last word', from: ' pg.u32[wi + 3] = u[${t2 + 1}];`', to: '`' },
    ];
    for (const m of mutants) {
      const impl = await mutant('cpu/jit/emit.ts', m.from, m.to, dir);
      assert.notDeepEqual(state(run(image, 'translated', budget, 2, impl)), oracle, `mutant survives: ${m.name}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * LDTR/STTR at EL1 reach memory with EL0's permissions (AccType_UNPRIV): on the page EL0 may use they load and store,
 * on EL1-only pages they take a permission fault that the vector skips — translated (EL0's host-cache slots) as
 * interpreted.
 */
function unprivilegedProgram(): ReturnType<typeof withVectors> {
  return withVectors('jit-unprivileged.S', `
_start:
    ldr x0, =vectors_el1
    msr vbar_el1, x0
    ldr x20, =${DATA}
    add x21, x20, #0x3000   // read/write at EL0 and EL1
    add x22, x20, #0x4000   // read-only at EL1, no access at EL0
    movz x28, #${ITERATIONS}
loop:
    add x6, x6, #3
    sttr x6, [x21, #16]
    ldtr x2, [x21, #16]
    ldtr x1, [x20, #8]      // EL1-only: faults (x1 keeps its value)
    sttrb w28, [x21, #3]    // a byte store: Cpu.store with EL0's permissions
    sttrh w28, [x20, #6]    // faults
    ldtrsw x3, [x21, #0]
    ldtrh w4, [x22, #2]     // faults
    sttr w28, [x22, #0]     // faults
    add x5, x5, x2
    add x5, x5, x3
    subs x28, x28, #1
    b.ne loop
1:  b 1b
`);
}

test('LDTR/STTR at EL1 load and store with EL0\'s permissions, and fault where EL0 may not go, translated as interpreted', () => {
  const budget = ITERATIONS * 40;
  const image = unprivilegedProgram();
  const a = run(image, 'interpreted', budget, 1);
  const b = run(image, 'translated', budget, 1);
  assert.ok(b.fetchBlocks.lens.some((l) => l !== 0), 'a block was translated');
  assert.deepEqual(state(b), state(a));
  assert.equal(b.x[2], 3n * BigInt(ITERATIONS), 'the unprivileged loads of the EL0 page saw every store');
  assert.ok(b.x[26]! >= 4n * BigInt(ITERATIONS), 'every access of an EL1-only page faulted');
});

test('a mutant of the unprivileged emitter that checks EL1\'s permissions makes the program end differently translated', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-unpriv-mutants-'));
  try {
    const image = unprivilegedProgram();
    const budget = ITERATIONS * 40;
    const oracle = state(run(image, 'interpreted', budget, 1));
    const impl = await mutant('cpu/jit/emit.ts', "imm9Address(w), '(el === 1 ? 0 : el)')", 'imm9Address(w))', dir);
    assert.notDeepEqual(state(run(image, 'translated', budget, 1, impl)), oracle, 'mutant survives: LDTR/STTR with EL1\'s permissions');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const el of [2, 1]) {
  test(`LDAR/STLR of every size at aligned and misaligned addresses (an alignment fault), and literal loads: same state translated and interpreted (${el === 2 ? 'EL2, MMU off: Device memory' : 'EL1, stage 1 + stage 2: Normal memory'})`, () => {
    // the address is DATA + (pass & 7): every size is misaligned in some passes, and the vector skips the faulting access
    // (on Normal memory only because of the acquire/release: an LDR or STR there may be unaligned)
    const src = `
_start:
    ldr x0, =vectors_el${el}
    msr vbar_el${el}, x0
    ldr x20, =${DATA}
    movz x28, #${ITERATIONS}
loop:
    and x2, x28, #7
    add x2, x2, x20
    stlrh w28, [x2]
    stlrb w28, [x2]
    stlr w28, [x2]
    stlr x28, [x2]
    ldarh w3, [x2]
    ldarb w4, [x2]
    ldar w5, [x2]
    ldar x6, [x2]
    add x7, x7, x3
    add x7, x7, x4
    add x7, x7, x5
    add x7, x7, x6
    ldr x8, lit
    ldrsw x9, lit
    ldr w10, lit
    add x7, x7, x8
    add x7, x7, x9
    add x7, x7, x10
    subs x28, x28, #1
    b.ne loop
1:  b 1b
lit: .quad 0x89abcdef01234567
`;
    const image = withVectors('jit-acquire-release.S', src);
    const budget = ITERATIONS * 80; // ends in the loop at 1: (faults run the vector too)
    const a = run(image, 'interpreted', budget, el);
    const b = run(image, 'translated', budget, el);
    assert.ok(b.fetchBlocks.lens.some((l) => l !== 0), 'a block was translated');
    assert.deepEqual(state(b), state(a));
    assert.ok(b.stats.inlineHits > 0, 'accesses hit the host cache inline');
    assert.ok(b.x[26]! > BigInt(ITERATIONS), 'misaligned accesses took alignment faults');
  });
}

/** A loop of ITERATIONS passes over `group(a, b)` for every pair of `edges`, a literal pool after each row (each within
 *  LDR's reach). */
function edgeLoop(edges: readonly string[], group: (a: string, b: string) => string): string {
  let body = '';
  edges.forEach((a, i) => {
    for (const b of edges) body += group(a, b);
    body += `    b pool${i}_end\n    .ltorg\npool${i}_end:\n`;
  });
  return `
_start:
    movz x28, #${ITERATIONS}
loop:
${body}    subs x28, x28, #1
    b.ne loop
done:
    b done
`;
}

/**
 * Every condition after each flag setter on edge operands, folded into x10, and the budget that runs it ITERATIONS
 * times. CSINC: a B to the next word starts each setter's block, which holds its 16 CSINCs; B.cond: the setter again
 * before each (a taken B.cond ends the block; the next starts at its target).
 */
function conditionsProgram(use: 'CSINC' | 'B.cond'): { image: ReturnType<typeof withVectors>; budget: number } {
  const edges = use === 'CSINC'
    ? ['0', '1', '0x7fffffff', '0x80000000', '0xffffffff', '0x100000000', '0x7fffffffffffffff', '0x8000000000000000', '0xffffffffffffffff']
    : ['0', '0x7fffffff', '0x80000000', '0xffffffff', '0x100000000', '0x8000000000000000', '0xffffffffffffffff'];
  const setters = ['adds w3, w1, w2', 'subs w3, w1, w2', 'ands w3, w1, w2', 'adds x3, x1, x2', 'subs x3, x1, x2', 'ands x3, x1, x2',
    'subs x3, x1, #1', 'adds w3, w1, #1', 'ands x3, x1, #0x8000000000000001', 'ands w3, w1, #0x80000001'];
  const conds = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];
  let label = 0;
  const src = edgeLoop(edges, (a, b) => setters.map((op) => {
    let group = `    ldr x1, =${a}\n    ldr x2, =${b}\n`;
    if (use === 'CSINC') group += `    b set${label}\nset${label}:\n    ${op}\n`;
    for (const cond of conds) {
      group += use === 'CSINC'
        ? `    csinc x4, xzr, xzr, ${cond}\n    eor x10, x4, x10, ror #7\n`
        : `    ${op}\n    b.${cond} skip${label}\n    eor x10, x10, #1\nskip${label}:\n    ror x10, x10, #5\n`;
      label++;
    }
    return group;
  }).join(''));
  const perGroup = use === 'CSINC' ? 4 + conds.length * 2 : 2 + conds.length * 4;
  const perPass = edges.length * (edges.length * setters.length * perGroup + 1) + 2;
  return { image: withVectors('jit-conditions.S', src), budget: ITERATIONS * perPass + 10 };
}

for (const use of ['CSINC', 'B.cond'] as const) {
  test(`every condition after ADDS/SUBS/ANDS (32 and 64 bits, register and immediate) on edge operands: ${use} decides as interpreted`, () => {
    // the translator evaluates a condition inline from the lazy operands of the flags an earlier instruction of the
    // block set (emit.ts FLAG_CONDITIONS; wasm/emit.ts condition), the interpreter through pstate.ts nzcvNibble
    const { image, budget } = conditionsProgram(use);
    sameTranslated(image, budget);
    assert.ok(run(image, 'wasm', budget).stats.wasmBlocksMade > 0, 'wasm blocks evaluated conditions');
  });
}

test('a block that branches to its own start runs its passes in place: the state of every budget as interpreted, its passes counted', () => {
  // the loop is one block (no other branch, nothing that ends a block before the B.NE back to its start): translated,
  // it goes round inside the block function while a whole pass fits the run's limit — each budget below ends in a
  // different place in a pass, and a run in slices of 997 stops and resumes passes at their boundaries
  const src = `
_start:
    ldr x20, =${DATA}
    movz x28, #${ITERATIONS}
loop:
    ldr x1, [x20]
    add x1, x1, #3
    str x1, [x20, #8]
    ldp x2, x3, [x20]
    eor x2, x2, x1
    stp x2, x3, [x20, #16]
    subs x28, x28, #1
    b.ne loop
1:  b 1b
`;
  const image = withVectors('jit-loop.S', src);
  // ITERATIONS passes of 8 instructions: hot after HOT passes, the rest in place; budgets across a pass near the end
  for (let budget = 8 * (ITERATIONS - 4); budget < 8 * (ITERATIONS - 4) + 12; budget++) {
    const a = run(image, 'interpreted', budget);
    const b = run(image, 'translated', budget);
    assert.deepEqual(state(b), state(a), `budget ${budget}`);
    assert.ok(b.stats.loopBacks >= ITERATIONS - 4 - HOT - 2, `budget ${budget}: ${b.stats.loopBacks} passes in place`);
    // every access of a pass is an inline host-cache hit, counted once: 5 a pass (the pair counts two)
    assert.equal(b.stats.hostHits + b.stats.inlineHits, a.stats.hostHits, `budget ${budget}: accesses counted`);
  }
});

test('a loop block whose access faults after passes in place leaves with every pass counted, as interpreted', () => {
  // from pass 32 on the load is misaligned (MMU off: Device memory, an Alignment fault the EL2 vector skips): the
  // block leaves mid-pass, having run passes in place, and is entered again at its start by the next pass
  const src = `
_start:
    ldr x20, =${DATA}
    ldr x0, =vectors_el2
    msr vbar_el2, x0
    movz x28, #${ITERATIONS}
    mov x27, #0
loop:
    add x27, x27, #1
    lsr x26, x27, #5
    ldr x1, [x20, x26]
    add x2, x2, x1
    subs x28, x28, #1
    b.ne loop
1:  b 1b
`;
  const image = withVectors('jit-loop-fault.S', src);
  for (const budget of [300, 301, 305, 333]) {
    const b = sameTranslated(image, budget);
    assert.ok(b.stats.loopBacks > 0 && b.stats.exceptions.some((n) => n > 0), `budget ${budget}: passes in place, then faults`);
  }
});

test('a loop block that rewrites its own next instruction each pass leaves the block and runs the new word, as interpreted', () => {
  const ADD_0 = 0x91000021; // add x1, x1, #0; + (p << 10) is add x1, x1, #p
  const src = `
_start:
    movz x28, #${ITERATIONS}
    adr x15, loop
    ldr w2, =${ADD_0}
loop:
    add w2, w2, #0x400      // pass p: w2 = add x1, x1, #p
    str w2, [x15, #8]       // over the add below, in the running block
    add x1, x1, #0
    subs x28, x28, #1
    b.ne loop
1:  b 1b
    .ltorg
`;
  sameTranslated({ bytes: assemble('loop-smc.S', src, { base: BigInt(CODE) }).sections[0]!.bytes, vbar2: 0n }, 4000);
});

/** The length of the block translated at `label` of `image` in `c` (0: none). */
function blockLength(c: Cpu, image: { symbols: readonly { name: string; addr: bigint }[] }, label: string): number {
  const addr = Number(image.symbols.find((x) => x.name === label)!.addr);
  return c.fetchBlocks.lens[(addr & (PAGE_SIZE - 1)) >>> 2]!;
}

/** A loop whose `branch` (testing x28, the passes left) is taken to `2:` or falls through to the rest of the body. */
function sideExitProgram(branch: string): ReturnType<typeof withVectors> {
  const src = `
_start:
    ldr x20, =${DATA}
    movz x28, #${ITERATIONS}
loop:
    add x1, x1, #1
    tst x28, #7
    ${branch}
    add x2, x2, x1
    str x2, [x20]
    cbnz x29, 3f            // x29 = 0: never taken
2:  subs x28, x28, #1
    b.ne loop
1:  b 1b
3:  add x3, x3, #1
    b 1b
`;
  return withVectors('jit-side-exit.S', src);
}

/**
 * B.EQ is taken once (pass HOT + 3, which points x16 at the loop): the loop's block goes on past it, and from pass
 * HOT + 4 on the store writes `add x1, x1, #p` over the add after it, in the block, before it runs in the same pass.
 */
function sideExitSmcProgram(): ReturnType<typeof withVectors> {
  const src = `${REWRITING}
loop:
    add w2, w2, #0x400      // pass p: w2 = add x1, x1, #p
    strh w2, [x16, #28]     // into data, until x16 points at the loop: then over the add at 2:, in two halves (a
    lsr w4, w2, #16         // halfword store goes through Cpu.store inside the block, which goes on unless that
    strh w4, [x16, #30]     // dropped it; an inline word store to a code page leaves the block before it stores)
    add x3, x3, #1
    cmp x3, #${HOT + 3}
    b.eq 3f
2:  add x1, x1, #1
    subs x28, x28, #1
    b.ne loop
1:  b 1b
3:  mov x16, x15            // (not back to 2:, which would become a block of its own)
    add x1, x1, #1
    subs x28, x28, #1
    b.ne loop
    b 1b
    .ltorg
`;
  return withVectors('jit-side-exit-smc.S', src);
}

test('a store over a word past a side exit of the running block runs the new word, as interpreted', () => {
  const image = sideExitSmcProgram();
  const b = sameTranslated(image, 12 * ITERATIONS);
  assert.ok(b.stats.blocksDropped > 0, 'the stores dropped the block they wrote');
  assert.equal(b.x[1], rewrittenSum());
  // before the loop's code is written, its block runs through the B.EQ to the branch back to its start
  const early = run(image, 'translated', 10 * (HOT + 2));
  assert.equal(blockLength(early, image, 'loop'), 10, 'the block goes on past the B.EQ');
});

test('a block goes on through a conditional branch that mostly fell through while interpreted (taken: a side exit), every budget as interpreted', () => {
  // B.EQ is taken one pass in eight, CBNZ never: the loop is one block with two side exits, ending in the branch to
  // its own start (a loop block); a taken B.EQ leaves it for the block at 2:, and the next pass enters it again
  const image = sideExitProgram('b.eq 2f');
  for (let budget = 8 * (HOT + 2); budget < 8 * (HOT + 2) + 17; budget++) {
    const b = sameTranslated(image, budget);
    assert.equal(blockLength(b, image, 'loop'), 8, `budget ${budget}: the loop's block runs through both branches`);
    assert.ok(b.stats.loopBacks > 0, `budget ${budget}: passes in place`);
  }
  const b = sameTranslated(image, 8 * ITERATIONS + 20);
  assert.equal(b.x[28], 0n, 'the loop ran to its end');
  assert.ok(b.stats.blocksRun >= Math.floor((ITERATIONS - HOT - 1) / 8), `${b.stats.blocksRun} block runs: every taken side exit left the loop's block`);
});

test('a conditional branch mostly taken while interpreted ends its block', () => {
  const image = sideExitProgram('b.ne 2f');
  const b = sameTranslated(image, 8 * ITERATIONS + 20);
  assert.equal(blockLength(b, image, 'loop'), 3, 'the block ends with its B.NE');
});

test('pre- and post-indexed pairs whose base is also a transfer register (CONSTRAINED UNPREDICTABLE) end as interpreted (ldstPair, as QEMU)', () => {
  // a load leaves the base written back, a store stores its old value: the translated pair writes back last (no access
  // faults: the data page is RAM)
  const src = `
_start:
    ldr x20, =${DATA}
    movz x28, #${ITERATIONS}
loop:
    add x5, x20, #64
    add x6, x28, #3
    stp x5, x6, [x5, #16]!
    stp x6, x5, [x5], #-8
    ldp x5, x7, [x5, #-8]!
    eor x10, x10, x5
    add x5, x20, #80
    ldp x8, x5, [x5], #16
    eor x11, x11, x5
    stp w5, w6, [x5, #-16]!
    ldp w9, w5, [x5], #8
    eor x12, x12, x5
    stp w28, w5, [x20, #248]
    subs x28, x28, #1
    b.ne loop
1:  b 1b
`;
  sameTranslated(withVectors('jit-pair-writeback.S', src), ITERATIONS * 15 + 10);
});

test('a store pair whose second half lies in the next, read-only page faults translated as interpreted', () => {
  const src = `
_start:
    ldr x0, =vectors_el1
    msr vbar_el1, x0
    ldr x20, =${DATA + 0x3ff8}  // the last doubleword of the last read/write page at stage 1
    movz x28, #${ITERATIONS}
loop:
    str x1, [x20]           // fills the host cache's write entry of the page
    stp x1, x2, [x20]       // the second half is in the read-only page: a Permission fault, skipped by the vector
    add x1, x1, #1
    subs x28, x28, #1
    b.ne loop
1:  b 1b
`;
  const image = withVectors('pair-cross.S', src);
  const a = run(image, 'interpreted', 1000, 1);
  const b = run(image, 'translated', 1000, 1);
  assert.deepEqual(state(b), state(a));
  assert.equal(a.x[26], BigInt(ITERATIONS), 'every STP faulted');
  assert.equal(a.mem.readU64(DATA + 0x4000), 0n, 'the read-only page was never written');
});

// --- stores over running code, every size and alignment (issue 11, "Memory: stores over code") ---

const A_WORD = 0x91000421; // add x1, x1, #1: the patch's words
// orr x3, x3, #0xf800000007ffffff: differs from A_WORD in every byte. A word a store touches is a byte-wise mix of the
// two: with A's top byte an ADD (immediate) of x1 or x3 with another immediate, with B's an ORR (immediate) or, for an
// invalid bitmask, UNDEFINED (skipped) — so it runs differently once touched, through another handler whenever the
// store reached its top byte (a stale decode-cache slot shows in the interpreter too)
const B_WORD = 0xb2457c63;
const PATCH_WORDS = 56; // holds a whole aligned 64-byte block beyond its first 64 bytes (DC ZVA at +0x44)

/**
 * A store over code: its instruction(s) (the address in x16, the data in x2/w2 and x3/w3), its bytes, and its address:
 * `offset` bytes past the first `align`-byte boundary in the patch. DC ZVA zeroes the 64-byte block of the patch
 * holding that address (zero words are UNDEFINED: skipped).
 */
interface SmcShape {
  readonly insn: string;
  readonly bytes: number;
  readonly offset: number;
  readonly align: number;
}
const SMC_SHAPES: readonly SmcShape[] = [
  ...([['strb w2', 1], ['strh w2', 2], ['str w2', 4], ['str x2', 8], ['stp w2, w3', 8], ['stp x2, x3', 16]] as const).flatMap(
    ([st, bytes]) => [0, 1, 2, 3, 4, 5, 6, 7].map((offset) => ({ insn: `${st}, [x16]`, bytes, offset, align: 4 })),
  ),
  { insn: 'stlr w2, [x16]', bytes: 4, offset: 4, align: 8 },
  { insn: 'stlr x2, [x16]', bytes: 8, offset: 8, align: 8 },
  { insn: 'ldxr x5, [x16]\n    stxr w6, x2, [x16]', bytes: 8, offset: 16, align: 8 },
  { insn: 'dc zva, x16', bytes: 64, offset: 0x44, align: 64 },
  { insn: 'dc zva, x16', bytes: 64, offset: 0x80, align: 64 },
];

/**
 * A loop whose store writes data until pass HOT + 3, then (from the same instruction, in the same translated block)
 * the patch of A_WORDs right after it, at `offset`: the bytes of B_WORD at their word positions. A decoded op or
 * translated block left stale for any word it touches shows in x1, x3 or the UNDEFINED count.
 */
function smcProgram(shape: SmcShape): { bytes: Uint8Array; vbar2: bigint } {
  const source = (target: number) => `
_start:
    ldr x0, =vectors_el1
    msr vbar_el1, x0
    movz x28, #${HOT + 8}
    ldr x15, =${target}
    ldr x16, =${DATA}
    ldr x2, =0x${value(shape, 0).toString(16)}
    ldr x3, =0x${value(shape, 8).toString(16)}
loop:
    add x4, x4, #1
    cmp x4, #${HOT + 3}
    b.ne 1f
    mov x16, x15
1:  ${shape.insn}
patch:
${`    .inst 0x${A_WORD.toString(16)}\n`.repeat(PATCH_WORDS)}    subs x28, x28, #1
    b.ne loop
2:  b 2b
    .ltorg
`;
  const patchAt = (src: string) => Number(assemble('smc-shape.S', src, { base: BigInt(CODE) }).symbols.find((x) => x.name === 'patch')!.addr);
  const patch = patchAt(source(0));
  const target = Math.ceil(patch / shape.align) * shape.align + shape.offset;
  return withVectors('smc-shape.S', source(target));
}

/** The data register value whose bytes land, from byte `from` of the store, on the patch at shape.offset. */
function value(shape: SmcShape, from: number): bigint {
  let v = 0n;
  for (let k = 0; k < 8; k++) v |= BigInt((B_WORD >>> (8 * ((shape.offset + from + k) & 3))) & 0xff) << BigInt(8 * k);
  return v;
}

const smcBudget = (shape: SmcShape) => (shape.bytes === 64 ? 12_000 : 3000);
/** Run a store-over-code program at EL1 under stage 1 + stage 2 (Normal memory: unaligned stores are allowed). */
const smcRun = (image: { bytes: Uint8Array; vbar2: bigint }, shape: SmcShape, exec: Exec, impl: Impl = REAL) => run(image, exec, smcBudget(shape), 1, impl);
const shapeName = (s: SmcShape) => `${s.insn.split('\n').pop()!.trim()} at +${s.offset}`;

test('stores over running code of every size and alignment (STP, exclusives, DC ZVA too) run the new words, translated and interpreted', () => {
  const untouched = BigInt((HOT + 8) * PATCH_WORDS);
  for (const shape of SMC_SHAPES) {
    const image = smcProgram(shape);
    const oracle = state(smcRun(image, shape, 'fresh'));
    const interpreted = smcRun(image, shape, 'interpreted');
    assert.deepEqual(state(interpreted), oracle, `${shapeName(shape)}: interpreted`);
    assert.deepEqual(state(smcRun(image, shape, 'translated')), oracle, `${shapeName(shape)}: translated`);
    // the loop finished without a fault of the store, which rewrote the code, and the rewritten words ran
    assert.equal(interpreted.x[28], 0n, shapeName(shape));
    const ec = interpreted.x[26] === 0n ? 0n : interpreted.sr[SR.ESR_EL1]! >> 26n;
    assert.equal(ec, 0n, `${shapeName(shape)}: an exception other than UNDEFINED (a rewritten word)`);
    assert.notDeepEqual(interpreted.mem.readBytes(CODE, image.bytes.length), image.bytes, `${shapeName(shape)}: the code is unchanged`);
    assert.ok(interpreted.x[1] !== untouched || interpreted.x[3] !== 0n, `${shapeName(shape)}: no rewritten word ran`);
  }
});

/**
 * Source mutants that forget one word a store touched (the decoded op and the check for translated blocks): each is
 * built into a copy of src/ and must make some shape's translated or interpreted run differ from the oracle.
 */
const MUTANTS: readonly { name: string; file: string; from: string; to: string }[] = [
  { name: 'forgetCode skips the last word', file: 'memory/phys.ts', from: 'wi <= last; wi++', to: 'wi < last; wi++' },
  { name: 'forgetCode skips the middle words', file: 'memory/phys.ts', from: 'wi <= last; wi++', to: 'wi <= last; wi += Math.max(1, last - first)' },
  { name: 'forgetCode stops at the first word that drops blocks', file: 'memory/phys.ts', from: 'held = true;', to: 'held = true; break;' },
  { name: 'an aligned doubleword store hit forgets its first word only', file: 'cpu/cpu.ts', from: 'forgetCode(page, wi, wi + (size >>> 3))', to: 'forgetCode(page, wi, wi)' },
  { name: 'a store miss forgets its first word only', file: 'cpu/cpu.ts', from: 'forgetCode(page, off >>> 2, (off + size - 1) >>> 2)) this.leaveBlock();\n    return true;', to: 'forgetCode(page, off >>> 2, off >>> 2)) this.leaveBlock();\n    return true;' },
  { name: 'DC ZVA forgets its first word only', file: 'cpu/cpu.ts', from: 'page.u8.fill(0, off, off + size);\n      if (page.ops !== undefined && forgetCode(page, off >>> 2, (off + size - 1) >>> 2))', to: 'page.u8.fill(0, off, off + size);\n      if (page.ops !== undefined && forgetCode(page, off >>> 2, off >>> 2))' },
];

async function mutant(file: string, from: string, to: string, dir: string): Promise<Impl> {
  const root = join(dir, file.replace(/\W/g, '_') + from.length);
  // the CPU's modules import only these layers (test/layers.test.ts keeps it so)
  for (const layer of ['bits', 'arch', 'memory', 'mmu', 'cpu']) {
    cpSync(fileURLToPath(new URL(`../../src/${layer}`, import.meta.url)), join(root, layer), { recursive: true });
  }
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  assert.equal(text.split(from).length, 2, `mutant: '${from}' must occur exactly once in src/${file}`);
  writeFileSync(path, text.replace(from, to));
  const cpu = (await import(pathToFileURL(join(root, 'cpu/cpu.ts')).href)) as typeof import('../../src/cpu/cpu.ts');
  const phys = (await import(pathToFileURL(join(root, 'memory/phys.ts')).href)) as typeof import('../../src/memory/phys.ts');
  return { Cpu: cpu.Cpu, PhysMemory: phys.PhysMemory };
}

test('every mutant that forgets a word a store touched makes a store over code run stale code', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-smc-mutants-'));
  try {
    const images = SMC_SHAPES.map((shape) => ({ shape, image: smcProgram(shape) }));
    const oracles = images.map(({ shape, image }) => state(smcRun(image, shape, 'fresh')));
    for (const m of MUTANTS) {
      const impl = await mutant(m.file, m.from, m.to, dir);
      const caught = images.some(({ shape, image }, i) =>
        (['interpreted', 'translated'] as const).some((exec) => !isDeepStrictEqual(state(smcRun(image, shape, exec, impl)), oracles[i])),
      );
      assert.ok(caught, `mutant survives: ${m.name}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Source mutants of the side exit (jit/emit.ts sideExit): each must make a random program end differently translated. */
const SIDE_EXIT = '`if (${br.test}) { ${branchTo(e, br.offset)} ${leave(e.i + 1)} }`';
const SIDE_EXIT_MUTANTS: readonly { name: string; to: string }[] = [
  { name: 'a taken side exit counts one instruction fewer', to: '`if (${br.test}) { ${branchTo(e, br.offset)} ${leave(e.i)} }`' },
  { name: 'a taken side exit leaves the PC at the block start', to: '`if (${br.test}) { ${leave(e.i + 1)} }`' },
  { name: 'a side exit is never taken', to: '`if (false && ${br.test}) { ${branchTo(e, br.offset)} ${leave(e.i + 1)} }`' },
];

test('every mutant of the side exit makes the side-exit program or some random looping program end differently translated', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-side-exit-mutants-'));
  const sideExits = sideExitProgram('b.eq 2f');
  const budget = 8 * (HOT + 2) + 16;
  try {
    for (const [k, m] of SIDE_EXIT_MUTANTS.entries()) {
      const impl = await mutant('cpu/jit/emit.ts', SIDE_EXIT, m.to, join(dir, String(k)));
      // B.EQ taken one pass in eight inside a loop block (a random program takes a side exit only now and then)
      if (!isDeepStrictEqual(state(run(sideExits, 'translated', budget, 2, impl)), state(run(sideExits, 'interpreted', budget)))) continue;
      assert.ok(someProgramDiffers(spec, 48, 'translated', impl, 15), `mutant survives: ${m.name}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Whether one of 300 random looping programs of `rows` (at most `maxLength` words, a fixed `seed`) ends differently run
 * `exec` with a mutant's classes `impl` than run interpreted by the real ones.
 */
function someProgramDiffers(rows: fc.Arbitrary<Spec>, maxLength: number, exec: Exec, impl: Impl, seed: number): boolean {
  return fc.check(
    fc.property(
      fc.array(rows, { minLength: 2, maxLength }),
      fc.array(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), { minLength: 15, maxLength: 15 }),
      fc.integer({ min: 200, max: 6000 }),
      (body, init, budget) => {
        const image = program(body, init);
        return isDeepStrictEqual(state(run(image, exec, budget, 2, impl)), state(run(image, 'interpreted', budget)));
      },
    ),
    { numRuns: 300, seed, endOnFailure: true },
  ).failed;
}

/** Mutants of the wasm tier's emitters (src/cpu/wasm/emit.ts), each of which some random program of its rows catches. */
const WASM_MUTANTS: readonly { name: string; from: string; to: string }[] = [
  { name: 'after SUBS, GE compares unsigned', from: 'cat(a, b, [ge]), cat(a, b, [gt])][cond >> 1]!;', to: 'cat(a, b, [geU]), cat(a, b, [gt])][cond >> 1]!;' },
  { name: 'after ADDS, the carry from the operands swapped', from: 'const c = cat(r, a, [ltU]);', to: 'const c = cat(a, r, [ltU]);' },
  { name: 'a load sign-extended to 32 bits keeps the sign above them', from: '(opc === 3 ? [OP.i64ExtendI32U] : [])', to: '(opc === 3 ? [OP.i64ExtendI32S] : [])' },
  { name: 'SBFM replicates bit R, not bit S', from: 'k(BigInt(s)), [shrU]', to: 'k(BigInt(r)), [shrU]' },
  { name: 'pre- and post-index write back Rn - imm9', from: 'st64(e, n, cat(ld64(e, n), i64Const(imm), [OP.i64Add]))', to: 'st64(e, n, cat(ld64(e, n), i64Const(imm), [OP.i64Sub]))' },
  { name: 'a loop left untaken goes on at its branch', from: 'i32Const(4 * e.i + PC_AHEAD), [OP.i32Add], set(NEXT)', to: 'i32Const(4 * e.i), [OP.i32Add], set(NEXT)' },
  { name: 'a 32-bit SUBS (shifted) records its first operand as the second', from: 'st32lo(e, FLAG_A, get(A)), st32lo(e, FLAG_B, get(HI)),', to: 'st32lo(e, FLAG_A, get(A)), st32lo(e, FLAG_B, get(A)),' },
  { name: 'flags from before the block: LOGIC64 taken for a 32-bit kind', from: 'kindSet(FLAGS_ADD64, FLAGS_SUB64, FLAGS_LOGIC64)', to: 'kindSet(FLAGS_ADD64, FLAGS_SUB64)' },
  { name: 'CCMP that fails sets nzcv >> 1', from: '[OP.else], i32Const(w & 15), [OP.end]', to: '[OP.else], i32Const((w >>> 1) & 15), [OP.end]' },
  { name: 'ExtendReg zero-extends a signed byte or halfword', from: 'i64Const(BigInt(64 - bits)), [OP.i64ShrS]', to: 'i64Const(BigInt(64 - bits)), [OP.i64ShrU]' },
  { name: 'a pair\'s second half at the first\'s address', from: 'cat(toReg(rt2, bytes), toReg(rt, 0))', to: 'cat(toReg(rt2, 0), toReg(rt, 0))' },
  { name: 'LDUR/STUR offsets unsigned', from: 'i64Const(BigInt((w << 11) >> 23))', to: 'i64Const(BigInt((w << 11) >>> 23))' },
  { name: 'BL links the branch itself', from: 'get(PC0), i32Const(4 * e.i + PC_AHEAD), [OP.i32Add, OP.i64ExtendI32U, OP.i64Or]', to: 'get(PC0), i32Const(4 * e.i), [OP.i32Add, OP.i64ExtendI32U, OP.i64Or]' },
  { name: 'a block keeps a register it wrote in its local only', from: 'const store = [...e.written].flatMap(', to: 'const store = [...e.written].slice(1).flatMap(' },
  { name: 'a branch returns its block\'s own entry as the next PC', from: ')), nextPc(get(PCW)));', to: ')), get(PC0), set(NPC));' },
  { name: 'an exit inside an if leaves the if only', from: 'const toEpilogue = (depth: number): number[] => [OP.br, -1 - depth];', to: 'const toEpilogue = (depth: number): number[] => [OP.br, -1 - Math.max(depth - 1, 0)];' },
];

test('every mutant of the wasm emitters makes some random program of their rows end differently with the wasm tier', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-wasm-mutants-'));
  try {
    // the calls between blocks, the wasm loop run to its end (its last pass leaves untaken) and the edge-operand
    // conditions — the shortest first: the first that ends differently catches the mutant
    const conditions = [{ image: callsProgram(), budget: 30 * ITERATIONS }, { image: wasmLoopProgram(), budget: 9 * ITERATIONS + 200 },
      ...(['B.cond', 'CSINC'] as const).map(conditionsProgram)];
    const oracles = conditions.map(({ image, budget }) => state(run(image, 'interpreted', budget)));
    for (const [k, m] of WASM_MUTANTS.entries()) {
      const impl = await mutant('cpu/wasm/emit.ts', m.from, m.to, join(dir, String(k)));
      // those first, then random programs of the tier's rows
      if (conditions.some(({ image, budget }, i) => !isDeepStrictEqual(state(run(image, 'wasm', budget, 2, impl)), oracles[i]))) continue;
      assert.ok(someProgramDiffers(wasmSpec, 32, 'wasm', impl, 37), `mutant survives: ${m.name}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a mutant that marks as code only the first five words of a block runs a stale word past a side exit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-side-exit-smc-mutant-'));
  try {
    const impl = await mutant('cpu/jit/block.ts', 'start + len);', 'start + Math.min(len, 5));', dir);
    const image = sideExitSmcProgram();
    const budget = 12 * ITERATIONS;
    assert.ok(!isDeepStrictEqual(state(run(image, 'translated', budget, 2, impl)), state(run(image, 'interpreted', budget))), 'mutant survives');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * A loop block whose load misses the host cache in the middle of a later pass (a new 4 KiB page every fourth pass) and
 * whose first instruction is a load that misses when the SP base is misaligned: each miss leaves the block for the
 * interpreter (jit/exits.ts interpretAt), which must resume at that instruction of that pass.
 */
/** Budgets that end the slow-path program inside its first loop (at every instruction of two passes, so that some cut
 *  a loop block short), inside its second, and once it is done. */
const SLOW_PATH_BUDGETS = [
  7 * (HOT + 1), ...Array.from({ length: 14 }, (_, r) => 7 * (HOT + 8) + r), 7 * (ITERATIONS / 2) + 5, 7 * ITERATIONS + 20, 14 * ITERATIONS + 48,
];

function slowPathProgram(): ReturnType<typeof withVectors> {
  const src = `
_start:
    ldr x1, =${DATA}
    movz x28, #${ITERATIONS + 2} // not a multiple of 4: the last pass hits, and the loop block falls out itself
loop:
    add x3, x3, #1
    add x1, x1, #0x400     // every fourth pass a page the host cache has not seen
    ldr x2, [x1]
    add x4, x4, x2
    str x3, [x1, #8]
    subs x28, x28, #1
    b.ne loop
    mov x5, sp
    and x5, x5, #~15
    add x5, x5, #8
    mov sp, x5             // SP misaligned: the loop's block leaves its first instruction to the interpreter (which
                           // faults it if SCTLR_EL2.SA is set: the vector skips it)
    movz x28, #${ITERATIONS}
2:  ldr x6, [sp, #8]
    add x7, x7, x6
    subs x28, x28, #1
    b.ne 2b
1:  b 1b
`;
  return withVectors('jit-slow-path.S', src);
}

test('a block leaves a host-cache miss to the interpreter, which resumes at that instruction of that pass, at every budget', () => {
  const image = slowPathProgram();
  const end = 14 * ITERATIONS + 8;
  for (const budget of SLOW_PATH_BUDGETS) sameTranslated(image, budget);
  const b = run(image, 'translated', end + 40);
  assert.equal(b.x[1], BigInt(DATA + 0x400 * (ITERATIONS + 2)));
  assert.ok(b.stats.loopBacks >= ITERATIONS / 4, `passes in place between the misses (${b.stats.loopBacks})`);
  assert.ok(b.stats.translated > 3 * ITERATIONS, `blocks ran between the misses (${b.stats.translated})`);
});

/** Source mutants of the interpreter exit and of a loop block's tail: each must make the slow-path program end
 *  differently translated. */
const EXIT_MUTANTS: readonly { file: string; from: string; to: string; name: string }[] = [
  { file: 'cpu/run-loop.ts', from: 'lo + 4 * (k % len)', to: 'lo + 4 * k', name: 'a loop block\'s later pass resumes at the wrong word' },
  { file: 'cpu/jit/exits.ts', from: '`return ~${i};`', to: '`return ~${i + 1};`', name: 'the interpreter skips the instruction left to it' },
  { file: 'cpu/jit/block.ts', from: '~(d + ${k})', to: '~${k}', name: 'a loop block forgets its earlier passes' },
  { file: 'cpu/jit/block.ts', from: 'continue; } next = pc0;', to: 'continue; } next = pc0 + 4;', name: 'a loop block cut short by the run\'s limit resumes past its start' },
  { file: 'cpu/jit/block.ts', from: 'u[${PC * 2}] = next; return (c.stats.loopBacks += passes, c.stats.inlineHits += hits, d);', to: 'return (c.stats.loopBacks += passes, c.stats.inlineHits += hits, d);', name: 'a loop block\'s tail leaves PC where the body put it' },
];

test('every mutant of the interpreter exit and of the loop tail makes the slow-path program end differently translated', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-interpret-mutants-'));
  try {
    const image = slowPathProgram();
    const oracles = SLOW_PATH_BUDGETS.map((budget) => state(run(image, 'interpreted', budget)));
    for (const m of EXIT_MUTANTS) {
      const impl = await mutant(m.file, m.from, m.to, dir);
      const caught = SLOW_PATH_BUDGETS.some((budget, i) => !isDeepStrictEqual(state(run(image, 'translated', budget, 2, impl)), oracles[i]));
      assert.ok(caught, `mutant survives: ${m.name}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
