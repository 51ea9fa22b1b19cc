import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeBitMasks } from '../../src/arch/a64/bitmask.ts';
import { readNzcv } from '../../src/cpu/pstate.ts';
import { handlerFor } from '../../src/cpu/dispatch.ts';
import { INSN, PC, SP } from '../../src/cpu/state.ts';
import { CODE, makeCpu, step } from '../helpers/cpu.ts';
import { assertUndefined, run1 } from '../helpers/insn.ts';

// Hand encodings (ARM C6.2.4 ADD (immediate): sf 0 0 100010 sh imm12 Rn Rd)
test('ADD x1, x2, #0x10: 64-bit add of an immediate', () => {
  const c = makeCpu([0x91004041]);
  c.x[2] = 0xffff_ffff_ffff_fff8n;
  step(c);
  assert.equal(c.x[1], 0x1_0000_0000_0000_0008n & 0xffff_ffff_ffff_ffffn); // wraps modulo 2^64
  const w = makeCpu([0x91004041]);
  w.x[2] = 0x0000_0001_ffff_fff8n;
  step(w);
  assert.equal(w.x[1], 0x2_0000_0008n); // carries into the upper word: a 64-bit add
});

test('SUBS w0, w1, #1 sets Z and C when w1 == 1', () => {
  const c = makeCpu([0x71000420]);
  c.x[1] = 0xdead_0000_0000_0001n;
  step(c);
  assert.equal(c.x[0], 0n); // W result zero-extends
  assert.equal(readNzcv(c) >>> 28, 0b0110); // Z=1, C=1 (no borrow)
});

test('ADDS x0, x0, #1 from 0x7fff_ffff_ffff_ffff sets N and V', () => {
  const c = makeCpu([0xb1000400]);
  c.x[0] = 0x7fff_ffff_ffff_ffffn;
  step(c);
  assert.equal(c.x[0], 0x8000_0000_0000_0000n);
  assert.equal(readNzcv(c) >>> 28, 0b1001);
});

test('ADD sp, sp, #1, lsl #12 uses SP for register 31', () => {
  const c = makeCpu([0x914007ff]);
  c.x[32] = 0x4010_0000n;
  step(c);
  assert.equal(c.x[32], 0x4010_1000n);
});

// ---------------------------------------------------------------- ADR / ADRP (C6.2.10, C6.2.11)

test('ADR adds a signed byte offset to its own address', () => {
  assert.equal(run1(0x10000080).x[0], BigInt(CODE + 0x10)); // adr x0, .+0x10
  assert.equal(run1(0x10ffffe1).x[1], BigInt(CODE - 4)); // adr x1, .-4 (immhi all ones, immlo = 3)
});

test('ADRP adds a page offset to its own address with the low 12 bits cleared', () => {
  // adrp x2, .+0x3000 (immlo = 3, immhi = 0) placed at CODE + 0x8: page of CODE + 3 pages
  const c = makeCpu([0xf0000002], CODE + 8);
  step(c);
  assert.equal(c.x[2], BigInt(CODE + 0x3000));
  // adrp x3, .-0x1000 (imm = -1 page)
  const d = makeCpu([0xf0ffffe3], CODE + 0xabc);
  step(d);
  assert.equal(d.x[3], BigInt(CODE - 0x1000));
});

test('ADR/ADRP anywhere in the 64-bit address space: the handler matches the Arm pseudocode on BigInts', () => {
  // ADR: X[d] = PC + imm; ADRP: X[d] = (PC AND NOT 0xfff) + imm << 12 (C6.2.10, C6.2.11), mod 2^64, with PC the
  // instruction's own address; covers carries and borrows across bit 32 and 64 and imm = ±2^20 (±4 GiB pages)
  const M = (1n << 64n) - 1n;
  const c = makeCpu([]);
  const adr = handlerFor('ADR');
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: M }), fc.integer({ min: -(1 << 20), max: (1 << 20) - 1 }), fc.boolean(), (pc0, imm, page) => {
      const pc = pc0 & ~3n;
      const w = ((page ? 0x90000000 : 0x10000000) | ((imm & 3) << 29) | (((imm >> 2) & 0x7ffff) << 5) | 7) >>> 0; // Rd = x7
      c.x[PC] = (pc + 4n) & M; // a handler sees the next instruction's address
      c.u32[INSN * 2] = w;
      adr(c);
      const want = page ? ((pc & ~0xfffn) + (BigInt(imm) << 12n)) & M : (pc + BigInt(imm)) & M;
      assert.equal(c.x[7], want);
    }),
    { numRuns: 2000 },
  );
});

// ---------------------------------------------------------------- logical (immediate) (C6.2.12, .206, .123, .14)

test('ORR x0, xzr, #0x5555555555555555: element size 2, one set bit, replicated', () => {
  const c = run1(0xb200f3e0, { 0: 7n }); // N=0 immr=0 imms=111100
  assert.equal(c.x[0], 0x5555_5555_5555_5555n);
});

test('AND w1, w2, #0xff keeps the low byte and zeroes the upper word', () => {
  const c = run1(0x12001c41, { 1: 0xdead_beef_dead_beefn, 2: 0xffff_ffff_1234_5678n });
  assert.equal(c.x[1], 0x78n);
});

test('EOR x3, x4, #0xffff0000ffff0000 (element 32, 16 ones rotated by 16)', () => {
  const c = run1(0xd2103c83, { 4: 0x0123_4567_89ab_cdefn });
  assert.equal(c.x[3], 0xfedc_4567_7654_cdefn);
});

test('ANDS w5, w6, #0x80000001 sets N and Z from the result and clears C and V', () => {
  const c = run1(0x720104c5, { 6: 0x8000_0000n }, 0b0011); // C=1 V=1 beforehand
  assert.equal(c.x[5], 0x8000_0000n);
  assert.equal(readNzcv(c) >>> 28, 0b1000);
  const z = run1(0x720104c5, { 6: 0x7fff_fffen });
  assert.equal(z.x[5], 0n);
  assert.equal(readNzcv(z) >>> 28, 0b0100);
});

test('ORR sp, x1, #0xf0 writes SP; AND x7, x8, #1', () => {
  const c = run1(0xb27c0c3f, { 1: 0x4010_0000n });
  assert.equal(c.x[SP], 0x4010_00f0n);
  assert.equal(c.x[31], 0n);
  assert.equal(run1(0x92400107, { 8: 0xffn }).x[7], 1n);
});

test('logical immediates: sf=0 with N=1, the reserved all-ones S, and no element size are UNDEFINED', () => {
  assertUndefined(0x12400000); // and w0, w0, #<N=1>
  assertUndefined(0x9240fc00); // and x0, x0, #<N=1 imms=111111: all ones>
  assertUndefined(0x9200f400); // and x0, x0, #<N=0 imms=111101: 2-bit element, S = levels>
});

// ---------------------------------------------------------------- move wide (C6.2.191, .190, .189)

test('MOVZ places imm16 at hw*16 and zeroes the rest; the W form clears the upper word', () => {
  assert.equal(run1(0xd2e24680, { 0: 0xffn }).x[0], 0x1234_0000_0000_0000n); // movz x0, #0x1234, lsl #48
  assert.equal(run1(0x52b7dde1, { 1: 0xffff_ffff_ffff_ffffn }).x[1], 0xbeef_0000n); // movz w1, #0xbeef, lsl #16
});

test('MOVN writes NOT(imm16 << shift)', () => {
  assert.equal(run1(0x92800002).x[2], 0xffff_ffff_ffff_ffffn); // movn x2, #0
  assert.equal(run1(0x12824683, { 3: 0x1234_0000_0000_0000n }).x[3], 0xffff_edcbn); // movn w3, #0x1234
});

test('MOVK replaces one halfword and keeps the others (W form zeroes the upper word)', () => {
  assert.equal(run1(0xf2d579a4, { 4: 0x1111_2222_3333_4444n }).x[4], 0x1111_abcd_3333_4444n); // movk x4, #0xabcd, lsl #32
  assert.equal(run1(0x728acf05, { 5: 0xffff_ffff_ffff_ffffn }).x[5], 0xffff_5678n); // movk w5, #0x5678
});

test('move wide: hw >= 2 with sf=0 and opc=01 are UNDEFINED', () => {
  assertUndefined(0x52c00000); // movz w0, #0, lsl #32
  assertUndefined(0x32800000); // opc=01
});

// ---------------------------------------------------------------- bitfield (C6.2.234, .30, .331)

test('SBFM: SXTB x0, w1 and SBFX w2, w3, #4, #8 sign-extend the field', () => {
  assert.equal(run1(0x93401c20, { 1: 0xf0n }).x[0], 0xffff_ffff_ffff_fff0n); // sbfm x0, x1, #0, #7
  assert.equal(run1(0x93401c20, { 1: 0xffff_ff7fn }).x[0], 0x7fn);
  // sbfm w2, w3, #4, #11: bits 11:4 of 0xf80 = 0xf8, bit 7 set → negative
  assert.equal(run1(0x13042c62, { 2: 0xdead_0000_0000_0000n, 3: 0xf80n }).x[2], 0xffff_fff8n);
});

test('BFM inserts a field and keeps the other destination bits (BFI)', () => {
  // bfm x4, x5, #60, #7 = bfi x4, x5, #4, #8
  const c = run1(0xb37c1ca4, { 4: 0xffff_ffff_ffff_ffffn, 5: 0x1234_5678_9abc_deabn });
  assert.equal(c.x[4], 0xffff_ffff_ffff_fabfn);
  // bfm w6, w7, #8, #3 = bfi w6, w7, #24, #4: the W form clears the upper word
  const w = run1(0x33080ce6, { 6: 0xdead_beef_1234_5678n, 7: 0xfcn });
  assert.equal(w.x[6], 0x1c34_5678n);
});

test('UBFM aliases: LSL, LSR, UBFX; SBFM alias ASR', () => {
  assert.equal(run1(0xd37df128, { 9: 0xf000_0000_0000_0001n }).x[8], 0x8000_0000_0000_0008n); // lsl x8, x9, #3
  assert.equal(run1(0xd344fd6a, { 11: 0xf000_0000_0000_0010n }).x[10], 0x0f00_0000_0000_0001n); // lsr x10, x11, #4
  assert.equal(run1(0x531c6dac, { 13: 0xffff_ffff_f000_0001n }).x[12], 0x10n); // lsl w12, w13, #4
  assert.equal(run1(0x9347fdee, { 15: 0x8000_0000_0000_0000n }).x[14], 0xff00_0000_0000_0000n); // asr x14, x15, #7
  assert.equal(run1(0x53032a30, { 17: 0xffff_f7ffn }).x[16], 0xffn); // ubfx w16, w17, #3, #8
});

test('64-bit bitfields across the word halves: UBFX, SBFIZ, BFXIL', () => {
  assert.equal(run1(0xd364ac20, { 1: 0xffff_fab0_0000_0000n }).x[0], 0xabn); // ubfx x0, x1, #36, #8
  assert.equal(run1(0x93581c62, { 3: 0x80n }).x[2], 0xffff_8000_0000_0000n); // sbfiz x2, x3, #40, #8
  assert.equal(run1(0x93581c62, { 3: 0x17fn }).x[2], 0x0000_7f00_0000_0000n);
  // bfxil x4, x5, #28, #8: bits 35:28 of x5 into bits 7:0 of x4
  assert.equal(run1(0xb35c8ca4, { 4: 0xffff_ffff_ffff_ffffn, 5: 0x0000_000a_b000_0000n }).x[4], 0xffff_ffff_ffff_ffabn);
});

test('bitfield: sf != N and 32-bit immr/imms >= 32 are UNDEFINED', () => {
  assertUndefined(0x93001c20); // sbfm x0, x1, #0, #7 with N=0
  assertUndefined(0x13200c62); // sbfm w2, w3, #32, #3
  assertUndefined(0x13008000); // sbfm w0, w0, #0, #32
});

// ---------------------------------------------------------------- EXTR (C6.2.90)

test('EXTR takes datasize bits from lsb of Rn:Rm', () => {
  const x = { 1: 0x1122_3344_5566_7788n, 2: 0x99aa_bbcc_ddee_ff00n };
  assert.equal(run1(0x93c22020, x).x[0], 0x8899_aabb_ccdd_eeffn); // extr x0, x1, x2, #8
  assert.equal(run1(0x13853083, { 4: 0x1234_5678n, 5: 0x9abc_def0n }).x[3], 0x6789_abcdn); // extr w3, w4, w5, #12
  const y = { 7: 0x0123_4567_89ab_cdefn, 8: 0xfedc_ba98_7654_3210n };
  assert.equal(run1(0x93c8a0e6, y).x[6], 0x6789_abcd_effe_dcban); // extr x6, x7, x8, #40
  assert.equal(run1(0x93cb0149, { 10: 1n, 11: 0xabcn }).x[9], 0xabcn); // extr x9, x10, x11, #0
});

test('EXTR: sf=1 with N=0 and sf=0 with imms >= 32 are UNDEFINED', () => {
  assertUndefined(0x93822020);
  assertUndefined(0x13858083); // extr w3, w4, w5, #32
});

// ---------------------------------------------------------------- DecodeBitMasks (J1.1)

test('decodeBitMasks: wmask/tmask per the pseudocode, UNDEFINED patterns as undefined', () => {
  // N=1 immr=0 imms=7: 8 ones in a 64-bit element
  assert.deepEqual(decodeBitMasks(1, 7, 0, true, 64), { wmask: 0xffn, tmask: 0xffn });
  // N=0 imms=0b100111 (16-bit element, 8 ones) rotated by 4: 0xf00f in every halfword
  assert.equal(decodeBitMasks(0, 0b100111, 4, true, 64)?.wmask, 0xf00f_f00f_f00f_f00fn);
  // bitfield form (immediate=FALSE): S=63 is allowed; tmask = Ones(S - R + 1)
  assert.deepEqual(decodeBitMasks(1, 63, 4, false, 64), { wmask: 0xffff_ffff_ffff_ffffn, tmask: 0x0fff_ffff_ffff_ffffn });
  assert.equal(decodeBitMasks(1, 63, 0, true, 64), undefined); // reserved all-ones
  assert.equal(decodeBitMasks(0, 0b111111, 0, false, 64), undefined); // len < 1
  assert.equal(decodeBitMasks(1, 0, 0, true, 32), undefined); // a 64-bit element in a 32-bit register
});

// ---------------------------------------------------------------- property test: bitfield and EXTR

test('property: SBFM/BFM/UBFM and EXTR match a BigInt transcription of the Arm pseudocode', () => {
  const c = makeCpu([0]);
  const exec = (word: number, dst: bigint, src: bigint, src2: bigint): bigint => {
    c.mem.writeU32(CODE, word); // PhysMemory forgets the decoded word it overwrites
    c.reset(BigInt(CODE));
    c.x[0] = dst;
    c.x[1] = src;
    c.x[2] = src2;
    step(c);
    return c.x[0]!;
  };
  const u64 = fc.bigInt({ min: 0n, max: 0xffff_ffff_ffff_ffffn });
  fc.assert(
    fc.property(u64, u64, u64, fc.boolean(), fc.integer({ min: 0, max: 2 }), fc.nat(63), fc.nat(63),
      (d0, a, b, sf, opc, r0, s0) => {
        const bits = sf ? 64 : 32;
        const mask = (1n << BigInt(bits)) - 1n;
        const R = r0 % bits, S = s0 % bits;
        const ones = (k: number) => (1n << BigInt(k)) - 1n;
        const ror = (v: bigint, r: number) => (r === 0 ? v : ((v >> BigInt(r)) | (v << BigInt(bits - r))) & mask);
        const src = a & mask;
        // bitfield: wmask = ROR(Ones(S+1), R), tmask = Ones(((S - R) MOD datasize) + 1)
        const wmask = ror(ones(S + 1), R);
        const tmask = ones((((S - R) % bits) + bits) % bits + 1);
        const dst = opc === 1 ? d0 & mask : 0n;
        const bot = (dst & ~wmask) | (ror(src, R) & wmask);
        const top = opc === 0 ? (((src >> BigInt(S)) & 1n) === 1n ? mask : 0n) : dst;
        const want = ((top & ~tmask) | (bot & tmask)) & mask;
        const top1 = sf ? 0x8040_0000 : 0; // sf and N
        const bf = (top1 | (opc << 29) | (0b100110 << 23) | (R << 16) | (S << 10) | (1 << 5)) >>> 0;
        assert.equal(exec(bf, d0, a, b), want, `0x${bf.toString(16)}`);
        // extr x0, x1, x2, #S: (Rn:Rm) >> lsb
        const ex = (top1 | (0b100111 << 23) | (2 << 16) | (S << 10) | (1 << 5)) >>> 0;
        assert.equal(exec(ex, d0, a, b), (((src << BigInt(bits)) | (b & mask)) >> BigInt(S)) & mask, `0x${ex.toString(16)}`);
      }),
    { numRuns: 400 },
  );
});
