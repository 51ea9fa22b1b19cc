// GNU as macros (.macro/.endm with \param, :req, defaults, \@), .pushsection/.popsection, `bic` with an
// immediate, and literal-pool sharing by value — what the differential programs' lib.inc needs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assemble } from '../../src/asm/assemble.ts';

const words = (b: Uint8Array): number[] => Array.from({ length: b.length / 4 }, (_, i) => new DataView(b.buffer, b.byteOffset).getUint32(4 * i, true));
const errors = (src: string): string[] => assemble('t.S', src).diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`);

test('macro parameters, defaults, nesting and \\@; pushsection puts data aside and pops back', () => {
  const r = assemble(
    't.S',
    [
      '.macro ADDI rd:req, rn, imm=1',
      '\tadd\t\\rd, \\rn, #\\imm',
      '.endm',
      '.macro TWICE r',
      '\tADDI\t\\r, \\r',
      '\tADDI\t\\r, \\r, 2',
      '\t.pushsection .rodata',
      'k\\@: .byte \\@',
      '\t.popsection',
      '.endm',
      '\tTWICE\tx3',
      '\tTWICE\tx4 // comment',
    ].join('\n'),
  );
  assert.deepEqual(r.diagnostics, []);
  const text = r.sections.find((s) => s.name === '.text')!;
  // add x3, x3, #1 = 0x91000463; add x3, x3, #2 = 0x91000863; add x4, x4, #1 = 0x91000484; #2 = 0x91000884
  assert.deepEqual(words(text.bytes), [0x91000463, 0x91000863, 0x91000484, 0x91000884]);
  // \@ counts expansions: TWICE = 0, its ADDIs 1 and 2; the second TWICE = 3
  assert.deepEqual(Array.from(r.sections.find((s) => s.name === '.rodata')!.bytes), [0, 3]);
  assert.deepEqual(r.symbols.filter((s) => s.name.startsWith('k')).map((s) => s.name), ['k0', 'k3']);
});

test('bic with an immediate is AND with the inverted mask; equal constants share one pool entry', () => {
  const r = assemble('t.S', ['\t.equ BIT31, 1 << 31', '\tbic\tx21, x21, #(1 << 20)', '\tldr\tx0, =BIT31', '\tldr\tx1, =0x80000000'].join('\n'));
  assert.deepEqual(r.diagnostics, []);
  // and x21, x21, #0xffffffffffefffff: N=1 immr=43 imms=62 → 0x926bfab5 (objdump); the pool is 8-aligned at
  // offset 16: ldr x0, .+12 = 0x58000060; ldr x1, .+8 = 0x58000041 (the same entry); padding; 0x80000000
  assert.deepEqual(words(r.sections[0]!.bytes), [0x926bfab5, 0x58000060, 0x58000041, 0, 0x80000000, 0]);
});

test('macro and section-stack diagnostics', () => {
  assert.deepEqual(errors('.macro M a:req\n\tadd x0, x0, #\\a\n.endm\n\tM'), ["4:2: missing value for required parameter 'a' of macro 'M'"]);
  assert.deepEqual(errors('\tnop\n.endm'), ['2:1: .endm without .macro']);
  assert.deepEqual(errors('.macro M\n\tnop\n'), ['1:1: .macro without .endm']);
  assert.deepEqual(errors('.popsection'), ['1:1: .popsection without .pushsection']);
  assert.deepEqual(errors('.macro M a\n\tnop\n.endm\n\tM 1, 2'), ["4:2: too many arguments for macro 'M' (takes 1)"]);
  // an error inside an expansion points at the macro body line
  assert.deepEqual(errors('.macro M r\n\tadd \\r, x0, #1\n.endm\n\tM q9'), ['2:6: operand 1 must be a register']);
});

test('.rept, .irp and .irpc repeat their body (nested, inside macros, with arguments that are not expressions)', () => {
  const r = assemble(
    't.S',
    [
      '.macro M op, t',
      '\t\\op\tv0.\\t, v1.\\t, v2.\\t',
      '.endm',
      '.rept 2',
      '\tnop',
      '.endr',
      '.irp t, 8b, 4h',
      '\tM\tadd, \\t',
      '.endr',
      '.irpc n, 12',
      '\t.rept 1',
      '\tmov\tx\\n, #\\n',
      '\t.endr',
      '.endr',
    ].join('\n'),
  );
  assert.deepEqual(r.diagnostics, []);
  // nop ×2; add v0.8b, v1.8b, v2.8b; add v0.4h …; mov x1, #1; mov x2, #2 (GNU as 2.40 gives the same words)
  assert.deepEqual(words(r.sections.find((s) => s.name === '.text')!.bytes), [0xd503201f, 0xd503201f, 0x0e228420, 0x0e628420, 0xd2800021, 0xd2800042]);
});

test('repetition errors: a missing .endr, a stray .endr, a count out of range', () => {
  assert.ok(errors('.rept 2\n\tnop\n').includes('1:1: .rept without .endr'));
  assert.deepEqual(errors('\tnop\n.endr\n'), ['2:1: .endr without .rept, .irp or .irpc']);
  assert.match(errors('.rept -1\n.endr\n')[0]!, /^1:1: \.rept count -1 is outside 0\.\.65536$/);
  assert.match(errors('.rept 1 << 20\n.endr\n')[0]!, /^1:1: \.rept count 1048576 is outside/);
  assert.match(errors('.irp\n.endr\n')[0]!, /^1:1: \.irp needs a symbol name/);
});
