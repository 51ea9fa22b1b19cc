// Malformed assembly gives every error, each with file:line:col and the exact reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assemble } from '../../src/asm/assemble.ts';
import { formatDiagnostics } from '../../src/asm/diagnostics.ts';

function errors(src: string): string[] {
  return assemble('t.S', src).diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`);
}

test('every error is reported, in source order, with line, column and reason', () => {
  const src = [
    'frob x1', // unknown mnemonic
    'add x0, x1, x32', // bad register
    'add x0, x1, #4097', // out of range
    'and x0, x1, #5', // unencodable
    'ldr x0, [x1, #300]', // not a multiple of the access size (and beyond LDUR's ±256)
    'b nowhere', // undefined label
    'x: x: nop', // duplicate label
    '.frob 1', // bad directive
    'add x0, w1, #1', // mixed widths
    '\u0001\u00ff', // binary garbage
  ].join('\n');
  assert.deepEqual(errors(src), [
    "1:1: unknown mnemonic 'frob'",
    "2:13: invalid register 'x32'",
    '3:13: immediate out of range 0..4095 (or a multiple of 4096 below 2^24)',
    '4:13: 0x5 is not a valid bitmask immediate',
    '5:14: offset not a multiple of 8',
    "6:3: undefined symbol 'nowhere'",
    "7:4: symbol 'x' is already defined",
    "8:1: unknown directive '.frob'",
    '9:9: register width mismatch at w1',
    '10:1: unexpected character 0x01',
  ]);
});

test('branch and literal ranges say how far they reach', () => {
  assert.deepEqual(errors('b.eq far\n.space 0x100000\nfar: nop'), ['1:6: branch target out of range ±1 MiB']);
  assert.deepEqual(errors('tbz x0, #1, far\n.space 0x8000\nfar: nop'), ['1:13: branch target out of range ±32 KiB']);
  assert.deepEqual(errors('cbz x0, 1f\n.space 0x100000\n1: nop'), ['1:9: branch target out of range ±1 MiB']);
  assert.deepEqual(errors('b 1f'), ["1:3: undefined symbol '1f'"]);
  assert.deepEqual(errors('ldr x0, [x1, #:lo12:v]\nv: .word 0'), ['1:14: offset not a multiple of 8']);
});

test('the formatted diagnostic shows the line and a caret under the column', () => {
  const r = assemble('t.S', 'nop\n  and x0, x1, #5\n');
  assert.equal(formatDiagnostics(r.diagnostics, (f) => r.sources.get(f)), 't.S:2:15: error: 0x5 is not a valid bitmask immediate\n   and x0, x1, #5\n               ^\n');
});

test('directives: sections, alignment with NOPs in code, data, .org, .equ, local labels, .include', () => {
  const files: Record<string, string> = { 'inc/defs.S': '.equ SIX, 6\n' };
  const r = assemble('m.S', '.include "inc/defs.S"\n_start: nop\n.byte SIX\n.p2align 3\n1: b 1b\n.org 0x20, 0xee\n.data\nd: .hword 1, -1\n.quad d', { read: (p) => files[p.replace(/^.*inc/, 'inc')] });
  assert.deepEqual(r.diagnostics, []);
  const text = Buffer.from(r.sections[0]!.bytes).toString('hex');
  // nop; .byte 6 + 3 zero bytes (already 8-byte aligned, no NOP); b . (0x14000000); .org pads with 0xee to 0x20
  assert.equal(text, '1f2003d5' + '06000000' + '00000014' + 'ee'.repeat(20));
  assert.equal(r.sections[1]!.name, '.data');
  assert.equal(r.sections[1]!.addr, 0x4008_0020n);
  // .hword 1, -1; .quad d = 0x4008_0020 (data is not aligned implicitly, as in GNU as)
  assert.equal(Buffer.from(r.sections[1]!.bytes).toString('hex'), '0100ffff' + '2000084000000000');
});

test('alignment in code: zero bytes to the next word, then NOPs to the boundary, of any count', () => {
  const r = assemble('a.S', '.byte 1\n.balign 64\nb .\n.balign 0x10000\nnop\n');
  assert.deepEqual(r.diagnostics, []);
  const b = r.sections[0]!.bytes;
  assert.equal(b.length, 0x10004);
  const word = (i: number) => Buffer.from(b.subarray(4 * i, 4 * i + 4)).toString('hex');
  assert.equal(word(0), '01000000'); // .byte 1 and three zero bytes
  for (let i = 1; i < 16; i++) assert.equal(word(i), '1f2003d5', `word ${i}`); // 15 NOPs to 64
  assert.equal(word(16), '00000014'); // b .
  for (let i = 17; i < 0x4000; i++) if (word(i) !== '1f2003d5') assert.fail(`word ${i}: ${word(i)}`); // to 64 KiB
  assert.equal(word(0x4000), '1f2003d5'); // the nop after it
});

test('structure lists, tables and elements say what is wrong with them', () => {
  const src = [
    'ld1 {v0.b}[16], [x0]', // index past the element count
    'ld2 {v0.h, v2.h}[1], [x0]', // not consecutive
    'ld1 {v0.s}, [x0]', // an element list without its index
    'tbl v0.8b, {v1.8b}, v2.8b', // the table is .16b
    'tbl v0.16b, {v1.16b, v2.16b, v3.16b, v4.16b, v5.16b}, v2.16b', // five table registers
    'saddl v0.4s, v1.8b, v2.8b', // the narrow arrangement does not go with the wide one
    'pmull v0.1q, v1.2d, v2.2d', // the 2d source is pmull2's
  ].join('\n');
  assert.deepEqual(errors(src), [
    '1:12: element index 16 out of range 0..15 for .b',
    '2:5: the registers of {v0.h,v2.h}[1] must be consecutive',
    '3:5: a list of .s elements needs an element index: {v0.s}[<index>]',
    '4:12: the registers of this list must be .16b, not .8b',
    '5:13: a register list holds at most 4 registers',
    '6:14: operand 2 must be a vector register v<n>.4h',
    '7:14: operand 2 must be a vector register v<n>.1d',
  ]);
});
