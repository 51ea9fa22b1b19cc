// Integer loads and stores: addressing forms, writeback, extension, pairs, literals, exclusives, faults.
// Words are hand-encoded (assembly in the comment; cross-checked once with GNU as), expected values are worked
// out from the Arm ARM pseudocode. The CPU runs at EL2 with the MMU off unless a test says otherwise, so every
// data access is to Device-nGnRnE memory and must be naturally aligned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SR } from '../../src/arch/sysreg-table.ts';
import type { Cpu } from '../../src/cpu/cpu.ts';
import { decodeRow } from '../../src/arch/a64/decode.ts';
import { SP } from '../../src/cpu/state.ts';
import { CODE, makeCpu, pc, step } from '../helpers/cpu.ts';

const DATA = 0x4010_0000; // a RAM area away from the code
const D = BigInt(DATA);
const ESR_IL = 1 << 25;

function esr(c: Cpu, el = 2): number {
  return Number(c.sr[el === 2 ? SR.ESR_EL2 : SR.ESR_EL1]!);
}

/** A CPU with `words` at CODE and x2 = DATA. */
function cpuAt(words: number[]): Cpu {
  const c = makeCpu(words);
  c.x[2] = D;
  return c;
}

// ---------------------------------------------------------------- unsigned offset, sizes, extension

test('LDR x1, [x2, #16] loads 64 bits at base + imm12*8; STR x1, [sp, #16] stores at SP + 16', () => {
  const c = cpuAt([0xf9400841, 0xf9000be1]); // ldr x1, [x2, #16] ; str x1, [sp, #16]
  c.mem.writeU64(DATA + 16, 0x1122_3344_5566_7788n);
  c.x[SP] = D + 0x100n;
  step(c);
  assert.equal(c.x[1], 0x1122_3344_5566_7788n);
  assert.equal(c.x[2], D); // no writeback
  step(c);
  assert.equal(c.mem.readU64(DATA + 0x110), 0x1122_3344_5566_7788n);
  assert.equal(pc(c), BigInt(CODE + 8));
});

test('LDRB/LDRH/LDR (W) zero-extend and clear bits 63:32 of the X register', () => {
  // ldrb w1, [x2, #5] ; ldrh w1, [x2, #6] ; ldr w1, [x2, #8]
  const c = cpuAt([0x39401441, 0x79400c41, 0xb9400841]);
  c.mem.writeU64(DATA, 0x8000_8000_0000_0000n); // byte 5 = 0x80, halfword at 6 = 0x8000
  c.mem.writeU32(DATA + 8, 0x8765_4321);
  c.x[1] = 0xffff_ffff_ffff_ffffn;
  step(c);
  assert.equal(c.x[1], 0x80n);
  c.x[1] = 0xffff_ffff_ffff_ffffn;
  step(c);
  assert.equal(c.x[1], 0x8000n); // halfword at DATA+6: 00 80
  c.x[1] = 0xffff_ffff_ffff_ffffn;
  step(c);
  assert.equal(c.x[1], 0x8765_4321n);
});

test('LDRSB/LDRSH/LDRSW sign-extend to 64 bits (X) or to 32 bits with the upper half zero (W)', () => {
  // ldrsb x1, [x2, #5] ; ldrsb w1, [x2, #5] ; ldrsh x1, [x2, #6] ; ldrsh w1, [x2, #6] ; ldrsw x1, [x2, #8]
  const c = cpuAt([0x39801441, 0x39c01441, 0x79800c41, 0x79c00c41, 0xb9800841]);
  c.mem.writeU32(DATA + 4, 0x8001_8000); // byte 5 = 0x80, halfword at 6 = 0x8001
  c.mem.writeU32(DATA + 8, 0x8000_0000);
  const expect = [0xffff_ffff_ffff_ff80n, 0xffff_ff80n, 0xffff_ffff_ffff_8001n, 0xffff_8001n, 0xffff_ffff_8000_0000n];
  for (const e of expect) {
    c.x[1] = 0x5555_5555_5555_5555n;
    step(c);
    assert.equal(c.x[1], e);
  }
});

test('signed loads of non-negative values do not set upper bits', () => {
  // ldrsb x1, [x2, #5] ; ldrsh w1, [x2, #6] ; ldrsw x1, [x2, #8]
  const c = cpuAt([0x39801441, 0x79c00c41, 0xb9800841]);
  c.mem.writeU32(DATA + 4, 0x7fff_7f00);
  c.mem.writeU32(DATA + 8, 0x7fff_ffff);
  for (const e of [0x7fn, 0x7fffn, 0x7fff_ffffn]) {
    c.x[1] = 0xffff_ffff_ffff_ffffn;
    step(c);
    assert.equal(c.x[1], e);
  }
});

test('STRB/STRH/STR (W) write exactly 1, 2 and 4 bytes', () => {
  // strb w1, [x2, #5] ; strh w1, [x2, #6] ; str w1, [x2, #8]
  const c = cpuAt([0x39001441, 0x79000c41, 0xb9000841]);
  c.mem.writeU64(DATA, 0xaaaa_aaaa_aaaa_aaaan);
  c.mem.writeU64(DATA + 8, 0xaaaa_aaaa_aaaa_aaaan);
  c.x[1] = 0x1122_3344_5566_7788n;
  step(c, 3);
  assert.equal(c.mem.readU64(DATA), 0x7788_88aa_aaaa_aaaan); // bytes 5..7 = 88 88 77
  assert.equal(c.mem.readU64(DATA + 8), 0xaaaa_aaaa_5566_7788n);
});

test('Rt = 31 stores XZR and discards loads', () => {
  // str xzr, [x2] ; ldr xzr, [x2]
  const c = cpuAt([0xf900005f, 0xf940005f]);
  c.mem.writeU64(DATA, 0x1234n);
  step(c);
  assert.equal(c.mem.readU64(DATA), 0n);
  c.mem.writeU64(DATA, 0x1234n);
  step(c);
  assert.equal(c.x[31], 0n); // XZR still reads zero
});

// ---------------------------------------------------------------- pre/post index, unscaled, unprivileged

test('post-index loads from the base, then writes back base + imm9 (negative)', () => {
  const c = cpuAt([0xf85f8441]); // ldr x1, [x2], #-8
  c.mem.writeU64(DATA, 0xabcdn);
  step(c);
  assert.equal(c.x[1], 0xabcdn);
  assert.equal(c.x[2], D - 8n);
});

test('pre-index loads from base + imm9 and writes that address back', () => {
  const c = cpuAt([0xf85f8c41]); // ldr x1, [x2, #-8]!
  c.mem.writeU64(DATA - 8, 0xbeefn);
  step(c);
  assert.equal(c.x[1], 0xbeefn);
  assert.equal(c.x[2], D - 8n);
});

test('push/pop on SP: STR pre-index and LDR post-index use register 31 as SP', () => {
  const c = cpuAt([0xf81f0fe1, 0xf84107e1]); // str x1, [sp, #-16]! ; ldr x1, [sp], #16
  c.x[SP] = D + 0x100n;
  c.x[1] = 0x0123_4567_89ab_cdefn;
  step(c);
  assert.equal(c.x[SP], D + 0xf0n);
  assert.equal(c.mem.readU64(DATA + 0xf0), 0x0123_4567_89ab_cdefn);
  c.x[1] = 0n;
  step(c);
  assert.equal(c.x[1], 0x0123_4567_89ab_cdefn);
  assert.equal(c.x[SP], D + 0x100n);
});

test('writeback with Rn == Rt (CONSTRAINED UNPREDICTABLE, QEMU behaviour): load leaves the address, store the old value', () => {
  const c = cpuAt([0xf8408442, 0xf81f8c42]); // ldr x2, [x2], #8 ; str x2, [x2, #-8]!
  c.mem.writeU64(DATA, 0x7777n);
  step(c);
  assert.equal(c.x[2], D + 8n); // the writeback comes after the load
  step(c);
  assert.equal(c.mem.readU64(DATA), D + 8n); // the value stored is Rt before writeback
  assert.equal(c.x[2], D);
});

test('LDUR/STUR/LDURSW/LDURSB use an unscaled signed offset and no writeback', () => {
  // ldur x1, [x2, #-8] ; stur w1, [x2, #-4] ; ldursw x1, [x2, #-4] ; ldursb w1, [x2, #-1]
  const c = cpuAt([0xf85f8041, 0xb81fc041, 0xb89fc041, 0x38dff041]);
  c.mem.writeU64(DATA - 8, 0x8000_0001_0000_0002n);
  step(c);
  assert.equal(c.x[1], 0x8000_0001_0000_0002n);
  c.x[1] = 0xffff_ffff_9000_0003n;
  step(c);
  assert.equal(c.mem.readU32(DATA - 4), 0x9000_0003);
  step(c);
  assert.equal(c.x[1], 0xffff_ffff_9000_0003n);
  step(c);
  assert.equal(c.x[1], 0xffff_ff90n); // byte at DATA-1 = 0x90, sign-extended to 32 bits
  assert.equal(c.x[2], D);
});

test('LDTR/STTRH at EL2 are ordinary accesses with an unscaled offset', () => {
  const c = cpuAt([0xf85f8841, 0x78002841]); // ldtr x1, [x2, #-8] ; sttrh w1, [x2, #2]
  c.mem.writeU64(DATA - 8, 0x4242n);
  step(c);
  assert.equal(c.x[1], 0x4242n);
  c.x[1] = 0x1_abcdn;
  step(c);
  assert.equal(c.mem.readU32(DATA), 0xabcd_0000);
});

// ---------------------------------------------------------------- register offset

test('register offset: LSL #3, no shift, SXTW, UXTW #2, SXTX #1', () => {
  const cases: [number, bigint, bigint][] = [
    [0xf8637841, 2n, D + 16n], // ldr x1, [x2, x3, lsl #3]
    [0xf8636841, 16n, D + 16n], // ldr x1, [x2, x3]
    [0xb8635841, 0xffff_ffff_0000_0002n, D + 8n], // ldr w1, [x2, w3, uxtw #2]: bits 63:32 of x3 ignored
    [0x78a3f841, 0xffff_ffff_ffff_fffen, D - 4n], // ldrsh x1, [x2, x3, sxtx #1]
  ];
  for (const [w, x3, addr] of cases) {
    const c = cpuAt([w]);
    c.x[3] = x3;
    c.mem.writeU64(Number(addr), 0x0000_0000_0000_1234n);
    step(c);
    assert.equal(c.x[1], 0x1234n, `word ${w.toString(16)}`);
  }
  const s = cpuAt([0x3863c841]); // ldrb w1, [x2, w3, sxtw]
  s.x[3] = 0x1234_5678_ffff_ffffn; // w3 = -1
  s.mem.writeU8(DATA - 1, 0x9a);
  step(s);
  assert.equal(s.x[1], 0x9an);
});

test('STR (register) W with LSL #2 scales by the access size', () => {
  const c = cpuAt([0xb8237841]); // str w1, [x2, x3, lsl #2]
  c.x[1] = 0xdead_beefn;
  c.x[3] = 3n;
  step(c);
  assert.equal(c.mem.readU32(DATA + 12), 0xdead_beef);
});

test('register offset with option<1> = 0 (UXTB/UXTH/SXTB/SXTH) is UNDEFINED, PRFM (register) included', () => {
  for (const w of [0xf8633841, 0xf8631841, 0xf863b841, 0xf8a33840]) {
    // ldr x1, [x2, x3, <option=001/000/101>] and prfm with option 001
    const c = cpuAt([w]);
    step(c);
    assert.equal(esr(c), ESR_IL, `word ${w.toString(16)}`); // EC 0x00, IL=1
    assert.equal(c.sr[SR.ELR_EL2], BigInt(CODE));
    assert.equal(c.x[1], 0n);
  }
});

// ---------------------------------------------------------------- literal and prefetch

test('LDR (literal) W/X and LDRSW (literal) address this instruction + imm19*4', () => {
  // ldr w1, .+8 ; (word at CODE+8 is data) — then a separate CPU for the others
  const c = makeCpu([0x18000041, 0xd503201f, 0x8000_0001]);
  c.x[1] = 0xffff_ffff_ffff_ffffn;
  step(c);
  assert.equal(c.x[1], 0x8000_0001n);
  const x = makeCpu([0x58ffffc1]); // ldr x1, .-8
  x.mem.writeU64(CODE - 8, 0xfedc_ba98_7654_3210n);
  step(x);
  assert.equal(x.x[1], 0xfedc_ba98_7654_3210n);
  const s = makeCpu([0x98000041, 0xd503201f, 0x8000_0001]); // ldrsw x1, .+8
  step(s);
  assert.equal(s.x[1], 0xffff_ffff_8000_0001n);
});

test('PRFM/PRFUM are hints: no access, no SP alignment check, no abort', () => {
  // prfm pldl1keep, [sp, #8] ; prfm pstl2strm, .-0x1000 ; prfum pldl1keep, [x2, #1] ; prfm pldl1keep, [x2, w3, sxtw]
  const c = cpuAt([0xf98007e0, 0xd8ff8013, 0xf8801040, 0xf8a3c840]);
  c.sr32[SR.SCTLR_EL2 * 2] = c.sr32[SR.SCTLR_EL2 * 2]! | 8; // SA=1
  c.x[SP] = D + 4n; // misaligned SP
  c.x[2] = 0x1_0000n; // no RAM there
  step(c, 4);
  assert.equal(pc(c), BigInt(CODE + 16));
  assert.equal(esr(c), 0);
});

// ---------------------------------------------------------------- pairs

test('STP pre-index / LDP post-index on SP', () => {
  const c = cpuAt([0xa9bf0be1, 0xa8c113e3]); // stp x1, x2, [sp, #-16]! ; ldp x3, x4, [sp], #16
  c.x[SP] = D + 0x100n;
  c.x[1] = 0x1111n;
  c.x[2] = 0x2222n;
  step(c);
  assert.equal(c.x[SP], D + 0xf0n);
  assert.equal(c.mem.readU64(DATA + 0xf0), 0x1111n);
  assert.equal(c.mem.readU64(DATA + 0xf8), 0x2222n);
  step(c);
  assert.equal(c.x[3], 0x1111n);
  assert.equal(c.x[4], 0x2222n);
  assert.equal(c.x[SP], D + 0x100n);
});

test('LDP (W) zero-extends, LDPSW sign-extends, LDNP/STNP use a scaled signed offset', () => {
  // ldp w3, w4, [x2, #8] ; ldpsw x3, x4, [x2, #-8] ; ldnp x3, x4, [x2, #16] ; stnp w1, w2, [x2, #-8]
  const c = cpuAt([0x29411043, 0x697f1043, 0xa8411043, 0x283f0841]);
  c.mem.writeU32(DATA + 8, 0x8000_0000);
  c.mem.writeU32(DATA + 12, 0x7fff_ffff);
  c.mem.writeU32(DATA - 8, 0xffff_fffe);
  c.mem.writeU32(DATA - 4, 0x0000_0005);
  c.mem.writeU64(DATA + 16, 0xan);
  c.mem.writeU64(DATA + 24, 0xbn);
  c.x[3] = c.x[4] = 0xffff_ffff_ffff_ffffn;
  step(c);
  assert.deepEqual([c.x[3], c.x[4]], [0x8000_0000n, 0x7fff_ffffn]);
  step(c);
  assert.deepEqual([c.x[3], c.x[4]], [0xffff_ffff_ffff_fffen, 5n]);
  step(c);
  assert.deepEqual([c.x[3], c.x[4]], [0xan, 0xbn]);
  c.x[1] = 0x1_0000_0001n; // x2 is both the base and the second register: w2 = low word of DATA
  step(c);
  assert.equal(c.mem.readU64(DATA - 8), 0x4010_0000_0000_0001n); // w1 at the lower address, w2 above
});

test('LDP Rt == Rt2 and writeback with Rn in the pair (CONSTRAINED UNPREDICTABLE, QEMU behaviour)', () => {
  const c = cpuAt([0xa9400c43]); // ldp x3, x3, [x2]
  c.mem.writeU64(DATA, 0x1n);
  c.mem.writeU64(DATA + 8, 0x2n);
  step(c);
  assert.equal(c.x[3], 0x1n); // the first value
  const w = cpuAt([0xa9c11042]); // ldp x2, x4, [x2, #16]!
  w.mem.writeU64(DATA + 16, 0x5n);
  w.mem.writeU64(DATA + 24, 0x6n);
  step(w);
  assert.equal(w.x[2], D + 16n); // the written-back address wins
  assert.equal(w.x[4], 0x6n);
  const s = cpuAt([0xa9bf0c42]); // stp x2, x3, [x2, #-16]!
  s.x[3] = 0x33n;
  step(s);
  assert.equal(s.mem.readU64(DATA - 16), D); // the old base is stored
  assert.equal(s.mem.readU64(DATA - 8), 0x33n);
  assert.equal(s.x[2], D - 16n);
});

test('unallocated pair and single-register encodings are UNDEFINED', () => {
  const words = [
    0x68401043, // LDPSW no-allocate (opc=01, idx=000)
    0x69011043, // STGP (opc=01, L=0): MTE, not in v8.0
    0xe9401043, // opc=11 pair
    0xb8c00041, // LDURSW to W (size=10, opc=11)
    0xf8c00041, // size=11 opc=11 unscaled
    0xf8800c40, // PRFM pre-index (size=11 opc=10 idx=11)
    0xf8800840, // PRFM unprivileged (size=11 opc=10 idx=10)
    0xf8200041, // LDADD x0, x1, [x2]: FEAT_LSE, not in v8.0
    0x88df7c41, // LDLAR w1, [x2]: FEAT_LOR
    0x08a07c41, // CAS size 00: FEAT_LSE
    0x89007c41, // bit 24 set: not a load/store exclusive
  ];
  for (const w of words) {
    const c = cpuAt([w]);
    step(c);
    assert.equal(esr(c), ESR_IL, `word ${w.toString(16)}`);
    assert.equal(pc(c), 0x200n);
  }
});

// ---------------------------------------------------------------- exclusives and ordered accesses

test('LDXR/STXR success: the store happens and Ws = 0', () => {
  // ldxr x1, [x2] ; add x1, x1, #1 ; stxr w3, x1, [x2]
  const c = cpuAt([0xc85f7c41, 0x91000421, 0xc8037c41]);
  c.mem.writeU64(DATA, 41n);
  c.x[3] = 0xffff_ffff_ffff_ffffn;
  step(c, 3);
  assert.equal(c.mem.readU64(DATA), 42n);
  assert.equal(c.x[3], 0n);
  assert.equal(c.exclAddr, -1); // the store cleared the monitor
});

test('STXR without a preceding LDXR fails: no store, Ws = 1 (a 64-bit write of the 32-bit status)', () => {
  const c = cpuAt([0xc8037c41]); // stxr w3, x1, [x2]
  c.mem.writeU64(DATA, 7n);
  c.x[1] = 99n;
  c.x[3] = 0xffff_ffff_ffff_ffffn;
  step(c);
  assert.equal(c.mem.readU64(DATA), 7n);
  assert.equal(c.x[3], 1n);
});

test('STXR to another address fails and clears the monitor, so a retry to the marked address fails too', () => {
  // ldxr w1, [x2] ; stxr w3, w1, [x4] ; stxr w3, w1, [x2]
  const c = cpuAt([0x885f7c41, 0x88037c81, 0x88037c41]);
  c.x[4] = D + 8n;
  c.mem.writeU32(DATA, 5);
  step(c, 2);
  assert.equal(c.x[3], 1n);
  c.x[3] = 0n;
  c.x[1] = 6n;
  step(c);
  assert.equal(c.x[3], 1n);
  assert.equal(c.mem.readU32(DATA), 5);
});

test('exclusive byte/halfword forms: LDXRB zero-extends, STLXRH stores 2 bytes', () => {
  // ldxrb w1, [x2] ; stxrb w3, w1, [x2] ; ldaxrh w1, [x2] ; stlxrh w3, w1, [x2]
  const c = cpuAt([0x085f7c41, 0x08037c41, 0x485ffc41, 0x4803fc41]);
  c.mem.writeU32(DATA, 0xaabb_ccdd);
  c.x[1] = 0xffff_ffff_ffff_ffffn;
  step(c);
  assert.equal(c.x[1], 0xddn);
  c.x[1] = 0x1een;
  step(c);
  assert.equal(c.x[3], 0n);
  assert.equal(c.mem.readU32(DATA), 0xaabb_ccee);
  step(c);
  assert.equal(c.x[1], 0xcceen);
  c.x[1] = 0x1234_5678n;
  step(c);
  assert.equal(c.x[3], 0n);
  assert.equal(c.mem.readU32(DATA), 0xaabb_5678);
});

test('LDXP/STXP (W): one 64-bit access, Rt is the low word; LDAXP/STLXP (X): 16 bytes', () => {
  // ldxp w1, w4, [x2] ; stxp w3, w5, w6, [x2] ; ldaxp x1, x4, [x2] ; stlxp w3, x5, x6, [x2]
  const c = cpuAt([0x887f1041, 0x88231845, 0xc87f9041, 0xc8239845]);
  c.mem.writeU64(DATA, 0x2222_2222_1111_1111n);
  c.mem.writeU64(DATA + 8, 0x3333n);
  step(c);
  assert.deepEqual([c.x[1], c.x[4]], [0x1111_1111n, 0x2222_2222n]);
  c.x[5] = 0xffff_ffff_aaaa_aaaan;
  c.x[6] = 0xbbbb_bbbbn;
  step(c);
  assert.equal(c.x[3], 0n);
  assert.equal(c.mem.readU64(DATA), 0xbbbb_bbbb_aaaa_aaaan);
  step(c);
  assert.deepEqual([c.x[1], c.x[4]], [0xbbbb_bbbb_aaaa_aaaan, 0x3333n]);
  c.x[5] = 0x5n;
  c.x[6] = 0x6n;
  c.x[3] = 9n;
  step(c);
  assert.equal(c.x[3], 0n);
  assert.equal(c.mem.readU64(DATA), 5n);
  assert.equal(c.mem.readU64(DATA + 8), 6n);
});

test('a 64-bit LDAXP needs 16-byte alignment: 8-aligned takes an Alignment fault', () => {
  const c = cpuAt([0xc87f9041]); // ldaxp x1, x4, [x2]
  c.x[2] = D + 8n;
  step(c);
  assert.equal(esr(c), ((0x25 << 26) | ESR_IL | 0x21) >>> 0);
  assert.equal(c.sr[SR.FAR_EL2], D + 8n);
  assert.equal(c.exclAddr, -1);
});

test('CLREX clears the monitor: a following STXR fails', (t) => {
  if (decodeRow(0xd5033f5f) === undefined) return t.skip('CLREX is not in the encoding table yet');
  // ldxr x1, [x2] ; clrex ; stxr w3, x1, [x2]
  const c = cpuAt([0xc85f7c41, 0xd5033f5f, 0xc8037c41]);
  c.mem.writeU64(DATA, 1n);
  c.x[1] = 0n;
  step(c, 3);
  assert.equal(c.x[3], 1n);
  assert.equal(c.mem.readU64(DATA), 1n);
});

test('ERET clears the monitor (exceptionReturn: ClearExclusiveLocal)', (t) => {
  if (decodeRow(0xd69f03e0) === undefined) return t.skip('ERET is not in the encoding table yet');
  // ldxr x1, [x2] ; eret (to the stxr below, EL2h) ; stxr w3, x1, [x2]
  const c = cpuAt([0xc85f7c41, 0xd69f03e0, 0xc8037c41]);
  c.sr[SR.ELR_EL2] = BigInt(CODE + 8);
  c.sr[SR.SPSR_EL2] = 0x3c9n; // EL2h, DAIF masked
  c.sr[SR.HCR_EL2] = 1n << 31n; // RW=1
  step(c, 3);
  assert.equal(c.x[3], 1n);
});

test('STXR to an unaligned address takes an Alignment fault (WnR=1) and leaves Ws unchanged', () => {
  const c = cpuAt([0xc85f7c41, 0xc8037c81]); // ldxr x1, [x2] ; stxr w3, x1, [x4]
  c.x[4] = D + 4n;
  c.x[3] = 0x77n;
  step(c, 2);
  assert.equal(esr(c), ((0x25 << 26) | ESR_IL | (1 << 6) | 0x21) >>> 0);
  assert.equal(c.sr[SR.FAR_EL2], D + 4n);
  assert.equal(c.sr[SR.ELR_EL2], BigInt(CODE + 4));
  assert.equal(c.x[3], 0x77n);
});

test('STXR to an unaligned address with the monitor open fails without a fault (monitor checked first, as QEMU)', () => {
  const c = cpuAt([0xc8037c81]); // stxr w3, x1, [x4]
  c.x[4] = D + 4n;
  c.mem.writeU64(DATA + 4, 0x11n);
  step(c);
  assert.equal(esr(c), 0);
  assert.equal(c.x[3], 1n);
  assert.equal(c.mem.readU64(DATA + 4), 0x11n);
  assert.equal(pc(c), BigInt(CODE + 4));
});

test('LDAR/STLR/LDARB/STLRH transfer like plain loads/stores (W forms zero bits 63:32)', () => {
  // ldar w1, [x2] ; stlr x1, [x2] ; ldarb w1, [x2] ; stlrh w1, [x2]
  const c = cpuAt([0x88dffc41, 0xc89ffc41, 0x08dffc41, 0x489ffc41]);
  c.mem.writeU64(DATA, 0x1111_1111_8765_4321n);
  c.x[1] = 0xffff_ffff_ffff_ffffn;
  step(c);
  assert.equal(c.x[1], 0x8765_4321n);
  step(c);
  assert.equal(c.mem.readU64(DATA), 0x8765_4321n);
  step(c);
  assert.equal(c.x[1], 0x21n);
  c.x[1] = 0xabcdn;
  step(c);
  assert.equal(c.mem.readU64(DATA), 0x8765_abcdn);
});

test('should-be-one Rs/Rt2 fields with other values execute as if set (CONSTRAINED UNPREDICTABLE; QEMU 7.2)', () => {
  // 0x88c08041: ldar w1, [x2] with Rs = Rt2 = 00000; 0x089a9041: stlrb w1, [x2] with Rs = 11010, Rt2 = 00100
  // (both found by the random-instruction differential, test/qemu/random/)
  const c = cpuAt([0x88c08041, 0x089a9041]);
  c.mem.writeU64(DATA, 0x1111_1111_8765_4321n);
  step(c);
  assert.equal(c.x[1], 0x8765_4321n);
  c.x[1] = 0xeen;
  step(c);
  assert.equal(c.mem.readU64(DATA), 0x1111_1111_8765_43een);
});

// ---------------------------------------------------------------- SP alignment

test('SP alignment fault (SCTLR_EL2.SA=1): EC 0x26, ISS 0, ELR = the instruction, SP unchanged', () => {
  const c = cpuAt([0xf94007e1]); // ldr x1, [sp, #8]: the check is on SP itself, not SP + 8
  c.sr32[SR.SCTLR_EL2 * 2] = c.sr32[SR.SCTLR_EL2 * 2]! | 8; // SA
  c.x[SP] = D + 8n;
  c.x[1] = 0x55n;
  c.mem.writeU64(DATA + 16, 0x99n);
  step(c);
  assert.equal(esr(c), 0x9a00_0000); // EC 0x26 << 26 | IL
  assert.equal(c.sr[SR.ELR_EL2], BigInt(CODE));
  assert.equal(c.sr[SR.SPSR_EL2], 0x3c9n); // EL2h, DAIF masked
  assert.equal(pc(c), 0x200n); // VBAR_EL2 + current EL with SPx
  assert.equal(c.x[1], 0x55n);
  assert.equal(c.x[SP], D + 8n);
});

test('SP alignment: no check with SCTLR_EL2.SA=0 (QEMU resets SCTLR_EL2 to 0)', () => {
  const c = cpuAt([0xf94007e1]); // ldr x1, [sp, #8]
  c.x[SP] = D + 8n;
  c.mem.writeU64(DATA + 16, 0x99n);
  step(c);
  assert.equal(c.x[1], 0x99n);
});

test('SP alignment at EL1 uses SCTLR_EL1.SA (reset 1) and pre-index writeback does not happen', () => {
  const c = cpuAt([0xf85f0fe1]); // ldr x1, [sp, #-16]!
  c.setElSp(1, 1);
  c.sr[SR.HCR_EL2] = 1n << 31n; // RW=1: EL1 is AArch64
  c.x[SP] = D + 4n;
  step(c);
  assert.equal(esr(c, 1), 0x9a00_0000);
  assert.equal(c.sr[SR.ELR_EL1], BigInt(CODE));
  assert.equal(c.sr[SR.SPSR_EL1], 0x3c5n); // EL1h
  assert.equal(c.el, 1);
  assert.equal(c.x[SP], D + 4n);
  assert.equal(pc(c), 0x200n); // VBAR_EL1 (0) + 0x200
});

test('SP alignment at EL0 uses SCTLR_EL1.SA0 and goes to EL1 (lower-EL vector), or to EL2 with TGE', () => {
  for (const tge of [false, true]) {
    const c = cpuAt([0xc85f7fe1]); // ldxr x1, [sp]
    c.sr[SR.HCR_EL2] = (1n << 31n) | (tge ? 1n << 27n : 0n);
    c.sr[SR.VBAR_EL1] = 0x1000n;
    c.sr[SR.VBAR_EL2] = 0x2000n;
    c.setElSp(0, 0);
    c.x[SP] = D + 8n;
    step(c);
    const target = tge ? 2 : 1;
    assert.equal(c.el, target);
    assert.equal(esr(c, target), 0x9a00_0000);
    assert.equal(pc(c), (tge ? 0x2000n : 0x1000n) + 0x400n);
    assert.equal(c.sr[target === 2 ? SR.SPSR_EL2 : SR.SPSR_EL1], 0x3c0n); // EL0t
  }
  const off = cpuAt([0xc85f7fe1]); // SA0 = 0: no check at EL0
  off.sr[SR.HCR_EL2] = 1n << 31n;
  off.sr32[SR.SCTLR_EL1 * 2] = off.sr32[SR.SCTLR_EL1 * 2]! & ~0x10;
  off.setElSp(0, 0);
  off.x[SP] = D + 8n;
  off.mem.writeU64(DATA + 8, 3n);
  step(off);
  assert.equal(off.x[1], 3n);
});

// ---------------------------------------------------------------- data aborts

test('a load from no RAM and no device: EC 0x25 at EL2, DFSC 0x10, FAR = VA, ISV=0, Rn not written back', () => {
  const c = cpuAt([0xf8408441]); // ldr x1, [x2], #8
  c.x[2] = 0x1000_0000n;
  c.x[1] = 0x66n;
  step(c);
  // EA (bit 9) is an IMPLEMENTATION DEFINED classification; 0 for a decode error, as QEMU (arm_extabort_type)
  assert.equal(esr(c), ((0x25 << 26) | ESR_IL | 0x10) >>> 0);
  assert.equal(c.sr[SR.FAR_EL2], 0x1000_0000n);
  assert.equal(c.sr[SR.ELR_EL2], BigInt(CODE));
  assert.equal(c.x[1], 0x66n);
  assert.equal(c.x[2], 0x1000_0000n);
});

test('a store to no RAM and no device sets WnR', () => {
  const c = cpuAt([0xf9000041]); // str x1, [x2]
  c.x[2] = 0x1000_0000n;
  step(c);
  assert.equal(esr(c), ((0x25 << 26) | ESR_IL | (1 << 6) | 0x10) >>> 0);
});

test('an unaligned LDR with the MMU off at EL2 is an Alignment fault (Device memory; QEMU deviation D4)', () => {
  const c = cpuAt([0xf9400041]); // ldr x1, [x2]
  c.x[2] = D + 4n;
  step(c);
  assert.equal(esr(c), 0x9600_0021); // EC 0x25, IL, DFSC 0x21; no instruction syndrome (stage 1, ISV=0)
  assert.equal(c.sr[SR.FAR_EL2], D + 4n);
  const b = cpuAt([0x39400041]); // ldrb w1, [x2]: a byte is always aligned
  b.x[2] = D + 3n;
  b.mem.writeU8(DATA + 3, 0x5a);
  step(b);
  assert.equal(b.x[1], 0x5an);
});

test('an LDP whose second access faults leaves both registers and the base unchanged', () => {
  const c = cpuAt([0xa9c11043]); // ldp x3, x4, [x2, #16]!
  c.x[2] = BigInt(0x5000_0000 - 24); // first access is the last RAM doubleword, the second is outside RAM
  c.x[3] = 0x33n;
  c.x[4] = 0x44n;
  step(c);
  assert.equal(esr(c), ((0x25 << 26) | ESR_IL | 0x10) >>> 0);
  assert.equal(c.sr[SR.FAR_EL2], 0x5000_0000n);
  assert.deepEqual([c.x[3], c.x[4], c.x[2]], [0x33n, 0x44n, BigInt(0x5000_0000 - 24)]);
});

test('a VA at or above 2^44 with the MMU off is an Address size fault, level 0 (DFSC 0x00)', () => {
  const c = cpuAt([0xf9400041]); // ldr x1, [x2]
  c.x[2] = 0x1000_0000_0000n;
  step(c);
  assert.equal(esr(c), 0x9600_0000);
  assert.equal(c.sr[SR.FAR_EL2], 0x1000_0000_0000n);
});

// ---------------------------------------------------------------- robustness

test('random words in the load/store space at EL0/EL1/EL2 never throw', () => {
  const c = makeCpu([0]);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), fc.constantFrom(0, 1, 2), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (r, el, base) => {
      const w = ((r & ~(1 << 25)) | (1 << 27)) >>> 0; // op0 = x1x0: the loads and stores group
      c.reset(BigInt(CODE));
      c.mem.writeU32(CODE, w);
      c.sr[SR.HCR_EL2] = 1n << 31n;
      c.setElSp(el, el === 0 ? 0 : 1);
      for (let i = 0; i < 31; i++) c.x[i] = i % 3 === 0 ? base : D + BigInt(i * 8);
      c.x[SP] = D + 0x800n;
      step(c);
    }),
    { numRuns: 20000 },
  );
});
