// The virt board with 8 GiB of RAM (issue 11): ELF segments loaded above 4 GiB land there and not 4 GiB below, code
// runs from there, and semihosting reads its buffers from the PA the guest names. Two images whose segments are
// 4 GiB apart, each with its own message, print their own — on QEMU with -m 8G too.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { assemble } from '../../src/asm/assemble.ts';
import { readElf, type ElfImage } from '../../src/elf/read.ts';
import { writeElf } from '../../src/elf/write.ts';
import { VirtMachine } from '../../src/machine/virt.ts';
import { missingTools, runQemu } from '../qemu/toolchain.ts';

const GIB4 = 2 ** 32;
const LOW = 0x4008_0000;
const HIGH = LOW + GIB4;

/** A program at `at` that prints `msg` with SYS_WRITE0 and with SYS_WRITE to a `:tt` handle, then exits with `code`. */
function prog(at: number, msg: string, code: number): Uint8Array {
  const src = `
_start:
    mov x0, #4                // SYS_WRITE0
    adr x1, msg
    hlt #0xf000
    mov x0, #1                // SYS_OPEN(":tt", mode 4 = "w")
    adr x1, open_args
    hlt #0xf000
    adr x1, write_args
    str x0, [x1]              // the handle
    mov x0, #5                // SYS_WRITE
    hlt #0xf000
    mov x0, #0x18             // SYS_EXIT, ADP_Stopped_ApplicationExit with a subcode
    adr x1, exit_args
    hlt #0xf000
    .balign 8
open_args:  .quad tt, 4, 3
write_args: .quad 0, msg, ${msg.length}
exit_args:  .quad 0x20026, ${code}
tt:  .asciz ":tt"
msg: .asciz "${msg}"
`;
  const r = assemble('high.S', src, { base: BigInt(at) });
  assert.deepEqual(r.diagnostics, []);
  return r.sections[0]!.bytes;
}

const image = (entry: number, segs: [number, Uint8Array][]): ElfImage => ({
  entry: BigInt(entry),
  segments: segs.map(([pa, data]) => ({ vaddr: BigInt(pa), paddr: BigInt(pa), data, memsz: BigInt(data.length), flags: 7 })),
  symbols: [],
});

test('8 GiB: segments 4 GiB apart stay apart; code above 4 GiB runs and semihosting reads its own buffers', () => {
  for (const [entry, code, msg] of [[HIGH, 7, 'high above 4 GiB'], [LOW, 5, 'low under 4 GiB']] as const) {
    const m = new VirtMachine({ ramBytes: 8 * 2 ** 30 });
    const low = prog(LOW, 'low under 4 GiB', 5);
    const high = prog(HIGH, 'high above 4 GiB', 7);
    // the one loaded second would overwrite the first if PAs 4 GiB apart shared memory
    assert.equal(m.load(image(entry, entry === HIGH ? [[LOW, low], [HIGH, high]] : [[HIGH, high], [LOW, low]])), undefined);
    assert.deepEqual(m.mem.readBytes(LOW, low.length), low);
    assert.deepEqual(m.mem.readBytes(HIGH, high.length), high);
    const r = m.run(10_000);
    assert.equal(r.exitCode, code);
    assert.equal(Buffer.from(r.stderr).toString(), msg);
    assert.equal(Buffer.from(r.stdout).toString(), msg);
  }
});

test('8 GiB: a segment past the end of RAM is refused, one at its very end is loaded', () => {
  const m = new VirtMachine({ ramBytes: 8 * 2 ** 30 });
  const end = 0x4000_0000 + 8 * 2 ** 30;
  assert.match(m.load(image(end - 4, [[end - 2, Uint8Array.of(1, 2, 3, 4)]])) ?? '', /lies outside RAM \(0x40000000\.\.0x240000000\)/);
  assert.equal(m.load(image(end - 4, [[end - 4, Uint8Array.of(1, 2, 3, 4)]])), undefined);
  assert.deepEqual([...m.mem.readBytes(end - 4, 4)], [1, 2, 3, 4]);
  assert.deepEqual([...m.mem.readBytes(end - 4 - GIB4, 4)], [0, 0, 0, 0]);
});

test('8 GiB on QEMU: the same ELF (code above 4 GiB, the other program 4 GiB below) prints the same stdout and exit status', async (t) => {
  if (missingTools().includes('qemu-system-aarch64')) {
    t.skip('skipped: no QEMU (qemu-system-aarch64 not on PATH)');
    return;
  }
  const elf = writeElf({
    entry: BigInt(HIGH),
    sections: [
      { name: '.low', addr: BigInt(LOW), data: prog(LOW, 'low under 4 GiB', 5), write: true, exec: true },
      { name: '.high', addr: BigInt(HIGH), data: prog(HIGH, 'high above 4 GiB', 7), write: true, exec: true },
    ],
    symbols: [],
  });
  const parsed = readElf(elf);
  assert.ok(parsed.ok);
  const m = new VirtMachine({ ramBytes: 8 * 2 ** 30 });
  assert.equal(m.load(parsed.image), undefined);
  const ours = m.run(10_000);
  const dir = mkdtempSync(join(tmpdir(), 'twostage-high-'));
  try {
    const file = join(dir, 'high.elf');
    writeFileSync(file, elf);
    const q = await runQemu(file, ['-m', '8G']);
    assert.equal(q.status, ours.exitCode);
    assert.equal(q.output.toString('latin1'), Buffer.from(ours.stdout).toString('latin1'));
    assert.equal(q.output.toString('latin1'), 'high above 4 GiB');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
