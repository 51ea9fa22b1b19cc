// `--trace exec` prints each executed word with objdump's text for it (src/asm/disasm.ts), in execution order.
// Expected text is objdump's spelling of the hand-encoded words (checked against aarch64-linux-gnu-objdump -d).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installTrace } from '../../src/machine/trace.ts';
import { makeCpu, step } from '../helpers/cpu.ts';

test('exec trace: address, word, then objdump text (aliases, value comments, branch targets, .inst)', () => {
  const c = makeCpu([
    0xd2800540, // movz x0, #42          -> objdump: mov x0, #0x2a  // #42
    0x91000401, // add x1, x0, #1
    0xeb01001f, // subs xzr, x0, x1      -> objdump: cmp x0, x1
    0x14000002, // b .+8                 -> to 0x40080014
    0xd503201f, // nop (skipped)
    0xffffffff, // unallocated           -> objdump: .inst 0xffffffff ; undefined
  ]);
  const lines: string[] = [];
  installTrace(c, ['exec'], { write: (l) => lines.push(l) });
  step(c, 5);
  assert.deepEqual(lines, [
    '0x0000000040080000: d2800540  mov\tx0, #0x2a                  \t// #42',
    '0x0000000040080004: 91000401  add\tx1, x0, #0x1',
    '0x0000000040080008: eb01001f  cmp\tx0, x1',
    '0x000000004008000c: 14000002  b\t0x40080014',
    '0x0000000040080014: ffffffff  .inst\t0xffffffff ; undefined',
  ]);
});

test('exec trace: a caller-supplied disassembler replaces the default text', () => {
  const c = makeCpu([0xd503201f]); // nop
  const lines: string[] = [];
  installTrace(c, ['exec'], { write: (l) => lines.push(l), disasm: (w, pc) => `<${w.toString(16)}@${pc.toString(16)}>` });
  step(c, 1);
  assert.deepEqual(lines, ['0x0000000040080000: d503201f  <d503201f@40080000>']);
});
