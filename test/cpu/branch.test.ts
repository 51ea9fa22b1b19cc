// Branches: targets of every kind, ConditionHolds for every cond × NZCV, CBZ/TBZ in both widths, register
// branches (incl. tagged targets through AArch64.BranchAddr) and the unallocated encodings of the branch space.
// Hand encodings (checked against GNU as) and expected values from the Arm ARM (C6.2, J1.3 ConditionHolds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SR } from '../../src/arch/sysreg-table.ts';
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { writeNzcv } from '../../src/cpu/pstate.ts';
import { PhysMemory } from '../../src/memory/phys.ts';
import { CODE, makeCpu, pc, step } from '../helpers/cpu.ts';

const C = BigInt(CODE);

/** Run one word at CODE on a fresh CPU (EL2h) after `setup`. */
function run1(w: number, setup: (c: Cpu) => void = () => {}): Cpu {
  const c = makeCpu([w]);
  c.sr[SR.VBAR_EL2] = 0x4020_0000n;
  setup(c);
  step(c);
  return c;
}

function assertUndefined(c: Cpu): void {
  assert.equal(c.sr[SR.ESR_EL2], 0x0200_0000n); // EC 0x00 (UNDEFINED), IL=1
  assert.equal(c.sr[SR.ELR_EL2], C);
  assert.equal(pc(c), 0x4020_0200n); // current EL with SP_EL2
}

test('B: forward, backward and both ends of the ±128 MiB range', () => {
  assert.equal(pc(run1(0x14000002)), C + 8n); // b .+8
  assert.equal(pc(run1(0x17ffffff)), C - 4n); // b .-4
  assert.equal(pc(run1(0x15ffffff)), C + 0x7ff_fffcn); // imm26 = 0x1ffffff: +2^27 - 4
  assert.equal(pc(run1(0x16000000)), C - 0x800_0000n); // imm26 = 0x2000000: -2^27
  assert.equal(pc(run1(0x14000000)), C); // b . (branch to self)
});

test('B wraps modulo 2^64 below address 0', () => {
  const mem = new PhysMemory(0, 64 * 1024); // RAM at PA 0 so that code can run at address 0
  mem.writeU32(0, 0x17ffffff); // b .-4
  const c = new Cpu(CORTEX_A57, mem);
  c.reset(0n);
  step(c);
  assert.equal(pc(c), 0xffff_ffff_ffff_fffcn);
});

test('BL: X30 = the next instruction, PC = target', () => {
  const c = run1(0x94000040); // bl .+0x100
  assert.equal(pc(c), C + 0x100n);
  assert.equal(c.x[30], C + 4n);
  const back = run1(0x97fffffe); // bl .-8
  assert.equal(pc(back), C - 8n);
  assert.equal(back.x[30], C + 4n);
});

// ConditionHolds (ARM J1.3): for cond = 0..15, the NZCV values 0..15 (N=8 Z=4 C=2 V=1) for which the branch is taken,
// written out by hand from the definitions EQ: Z, CS: C, MI: N, VS: V, HI: C && !Z, GE: N == V, GT: N == V && !Z,
// AL: true; odd conds (except NV) invert; NV is "always" in A64.
const TAKEN: readonly string[] = [
  '0000111100001111', // EQ
  '1111000011110000', // NE
  '0011001100110011', // CS
  '1100110011001100', // CC
  '0000000011111111', // MI
  '1111111100000000', // PL
  '0101010101010101', // VS
  '1010101010101010', // VC
  '0011000000110000', // HI
  '1100111111001111', // LS
  '1010101001010101', // GE
  '0101010110101010', // LT
  '1010000001010000', // GT
  '0101111110101111', // LE
  '1111111111111111', // AL
  '1111111111111111', // NV
];

test('B.cond: every condition against every NZCV value', () => {
  const c = makeCpu([0]);
  for (let cond = 0; cond < 16; cond++) {
    const w = (0x54000000 | (4 << 5) | cond) >>> 0; // b.<cond> .+16
    for (let f = 0; f < 16; f++) {
      c.reset(C);
      c.mem.writeU32(CODE, w);
      writeNzcv(c, f << 28);
      step(c);
      const expected = TAKEN[cond]![f] === '1' ? C + 16n : C + 4n;
      assert.equal(pc(c), expected, `cond ${cond} nzcv ${f.toString(2).padStart(4, '0')}`);
    }
  }
});

test('B.cond after lazily recorded flags (CMP): EQ/NE/HI/LS/GE/LT from SUBS results', () => {
  // cmp x1, #5 = subs xzr, x1, #5 = 0xf100143f; then b.<cond> .+8 = 0x54000040 | cond
  const cases: Array<[bigint, number, boolean]> = [
    [5n, 0x0, true], // EQ: 5 - 5 = 0
    [5n, 0x1, false], // NE
    [6n, 0x1, true],
    [6n, 0x8, true], // HI: 6 > 5 unsigned
    [4n, 0x8, false],
    [4n, 0x9, true], // LS
    [0xffff_ffff_ffff_fffen, 0xa, false], // GE: -2 >= 5 signed is false
    [0xffff_ffff_ffff_fffen, 0xb, true], // LT
    [0xffff_ffff_ffff_fffen, 0x2, true], // CS: unsigned 2^64-2 >= 5
  ];
  for (const [x1, cond, taken] of cases) {
    const c = makeCpu([0xf100143f, (0x54000040 | cond) >>> 0]);
    c.x[1] = x1;
    step(c, 2);
    assert.equal(pc(c), taken ? C + 12n : C + 8n, `x1=${x1} cond=${cond}`);
  }
  // 32-bit: cmp w1, #5 = 0x7100143f; w1 = 5 with garbage above bit 31 still compares equal
  const w = makeCpu([0x7100143f, 0x54000040]);
  w.x[1] = 0xdead_0000_0000_0005n;
  step(w, 2);
  assert.equal(pc(w), C + 12n);
});

test('CBZ/CBNZ test 64 or 32 bits of Rt', () => {
  const x3 = 0x1_0000_0000n; // zero in W3, non-zero in X3
  assert.equal(pc(run1(0xb4000063, (c) => (c.x[3] = x3))), C + 4n); // cbz x3, .+12: not taken
  assert.equal(pc(run1(0x34000063, (c) => (c.x[3] = x3))), C + 12n); // cbz w3, .+12: taken
  assert.equal(pc(run1(0xb5000063, (c) => (c.x[3] = x3))), C + 12n); // cbnz x3: taken
  assert.equal(pc(run1(0x35000063, (c) => (c.x[3] = x3))), C + 4n); // cbnz w3: not taken
  assert.equal(pc(run1(0xb4000063, (c) => (c.x[3] = 0n))), C + 12n); // cbz x3 with x3 = 0
  assert.equal(pc(run1(0xb4ffffff)), C - 4n); // cbz xzr, .-4: XZR is zero, imm19 = -1
});

test('TBZ/TBNZ: bit number b5:b40, W form when b5 = 0', () => {
  const bit40 = 1n << 40n;
  assert.equal(pc(run1(0xb6400085, (c) => (c.x[5] = bit40))), C + 4n); // tbz x5, #40, .+16: bit set → not taken
  assert.equal(pc(run1(0xb6400085, (c) => (c.x[5] = ~bit40 & 0xffff_ffff_ffff_ffffn))), C + 16n);
  assert.equal(pc(run1(0x37180045, (c) => (c.x[5] = 8n))), C + 8n); // tbnz w5, #3, .+8: taken
  assert.equal(pc(run1(0x37180045, (c) => (c.x[5] = 0xffff_ffff_ffff_fff7n))), C + 4n);
  // tbnz x5, #63, .-32768: b5=1 b40=31 imm14=0x2000 (most negative) = 0xb7fc0005
  assert.equal(pc(run1(0xb7fc0005, (c) => (c.x[5] = 1n << 63n))), C - 0x8000n);
  // tbz w5, #31, .+0x7ffc: b5=0 b40=31 imm14=0x1fff = 0x36fbffe5
  assert.equal(pc(run1(0x36fbffe5, (c) => (c.x[5] = 0x1_7fff_ffffn))), C + 0x7ffcn);
});

test('BR, BLR, RET: targets, link register, BLR X30 reads the target first', () => {
  assert.equal(pc(run1(0xd61f00e0, (c) => (c.x[7] = 0x1234_5678_9abc_def0n))), 0x1234_5678_9abc_def0n); // br x7
  const blr = run1(0xd63f00e0, (c) => (c.x[7] = C + 0x40n)); // blr x7
  assert.equal(pc(blr), C + 0x40n);
  assert.equal(blr.x[30], C + 4n);
  const blr30 = run1(0xd63f03c0, (c) => (c.x[30] = C + 0x80n)); // blr x30
  assert.equal(pc(blr30), C + 0x80n);
  assert.equal(blr30.x[30], C + 4n);
  assert.equal(pc(run1(0xd65f03c0, (c) => (c.x[30] = C - 0x10n))), C - 0x10n); // ret
  assert.equal(pc(run1(0xd65f0040, (c) => (c.x[2] = C + 0x20n))), C + 0x20n); // ret x2
  assert.equal(pc(run1(0xd61f03e0)), 0n); // br xzr: register 31 reads as zero
});

test('register branches remove a tag when TBI applies (AArch64.BranchAddr)', () => {
  const tagged = 0xab00_0000_4008_0000n;
  const el1 = (tcr: bigint, v: bigint) =>
    run1(0xd61f00e0, (c) => {
      c.setElSp(1, 1);
      c.sr[SR.VBAR_EL1] = 0x4010_0000n;
      c.sr[SR.TCR_EL1] = tcr;
      c.x[7] = v;
    });
  assert.equal(pc(el1(0n, tagged)), tagged); // TBI0 = 0: the address is used as is
  assert.equal(pc(el1(1n << 37n, tagged)), 0x4008_0000n); // TBI0: bit 55 = 0 → top byte 0x00
  const high = 0x12ff_8000_0000_1000n; // bit 55 = 1
  assert.equal(pc(el1(1n << 38n, high)), 0xffff_8000_0000_1000n); // TBI1: sign-extend bit 55
  assert.equal(pc(el1(1n << 37n, high)), high); // bit 55 = 1 selects TBI1, which is 0
  // EL2 (TCR_EL2.TBI, bit 20): the top byte is zeroed even when bit 55 is 1
  assert.equal(pc(run1(0xd61f00e0, (c) => ((c.sr[SR.TCR_EL2] = 1n << 20n), (c.x[7] = high)))), 0x00ff_8000_0000_1000n); // ZeroExtend(addr<55:0>)
});

test('unallocated encodings of the branch space are UNDEFINED', () => {
  for (const w of [
    0xd61f00e1, // BR with op4 = 00001
    0xd61f04e0, // BR with op3 = 000001
    0xd61e00e0, // BR with op2 = 11110
    0xd65f0bff, // RETAA (FEAT_PAuth)
    0xd61f081f, // BRAAZ (FEAT_PAuth)
    0xd63f081f, // BLRAAZ
    0xd69f0bff, // ERETAA
    0xd6df03e0, // opc = 0110
    0xd71f0800, // BRAA (opc = 1000)
    0x54000050, // BC.EQ (FEAT_HBC, o0 = 1)
    0x55000040, // B.cond with o1 = 1
  ]) {
    assertUndefined(run1(w));
  }
});
