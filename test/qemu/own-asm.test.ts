// Issue 5: "where the programs can also be assembled by twostage's own assembler, compare its bytes too".
// Every progs/NAME.S is assembled by src/asm at progs/link.ld's layout; its loadable bytes (code, literal pools,
// strings, data, zeroed .bss) and entry point must equal the committed GNU-built elf/NAME.elf. Programs our
// assembler cannot build are listed below with the reason; the test checks that they still fail for it, so the
// list shrinks as soon as the assembler learns the missing piece.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readElf } from '../../src/elf/read.ts';
import { assembleProgram, flatAsm, flatElf } from './own-asm.ts';
import { ELF_DIR, listPrograms } from './toolchain.ts';

/** NAME → the diagnostic that stops src/asm. */
/** Programs our assembler cannot build yet, with the diagnostic that says why (none today). */
const CANNOT_BUILD: ReadonlyMap<string, RegExp> = new Map<string, RegExp>([]);

for (const name of listPrograms()) {
  const why = CANNOT_BUILD.get(name);
  test(`own assembler: ${name}`, () => {
    const r = assembleProgram(name);
    const messages = r.diagnostics.map((d) => `${d.file.slice(d.file.lastIndexOf('/') + 1)}:${d.line}:${d.col}: ${d.message}`);
    if (why !== undefined) {
      assert.ok(messages.length > 0, `${name} now assembles: remove it from CANNOT_BUILD`);
      assert.ok(messages.every((m) => why.test(m)), `${name}: other diagnostics than ${why}:\n  ${messages.join('\n  ')}`);
      return;
    }
    assert.deepEqual(messages, [], `${name}: src/asm reports errors`);
    const elf = readElf(readFileSync(join(ELF_DIR, `${name}.elf`)));
    assert.ok(elf.ok, `${name}: committed ELF unreadable`);
    const ours = flatAsm(r);
    const gnu = flatElf(elf.image);
    assert.equal(r.entry, elf.image.entry, 'entry point');
    assert.equal(ours.lo, gnu.lo, 'lowest loaded address');
    assert.equal(ours.bytes.length, gnu.bytes.length, 'loaded size (through the end of .bss)');
    const at = ours.bytes.findIndex((b, i) => b !== gnu.bytes[i]);
    if (at >= 0) {
      const word = (b: Uint8Array) => Buffer.from(b.subarray(at & ~3, (at & ~3) + 4)).toString('hex');
      assert.fail(`first difference at 0x${(gnu.lo + BigInt(at)).toString(16)}: ours ${word(ours.bytes)}, GNU ${word(gnu.bytes)} (bytes, little-endian)`);
    }
  });
}
