// The PL011 the hypervisor emulates per VM (issue 17 step 2, src/hyp/asm/vuart.S). A guest makes random loads and
// stores of every width (signed, W and X destinations, XZR) to its UART page and logs what it reads; the expected log
// comes from the machine's own PL011 model (src/devices/pl011.ts, checked against QEMU's) driven with the same
// accesses; two VMs run the program with a yield in the middle, so a shared register block would show. The image
// also runs on QEMU, whose syndromes (ISS.SAS/SSE/SRT/SF) are the reference for the model's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImage } from '../../src/hyp/run.ts';
import { Pl011 } from '../../src/devices/pl011.ts';
import { LOADS, STORES, buildTwoVms, rng, seen } from './mmio-guest.ts';
import { runHypOnQemu } from '../qemu/hyp-image.ts';

const DIR = mkdtempSync(join(tmpdir(), 'vuart-'));
const UART = 0x0900_0000;

/** Registers, the identification words, holes between registers and offsets beyond them. */
const OFFSETS = [0x04, 0x08, 0x18, 0x1c, 0x20, 0x24, 0x28, 0x2c, 0x30, 0x34, 0x38, 0x3c, 0x40, 0x44, 0x48, 0x4c, 0x100, 0xfe0, 0xfe4, 0xfe8, 0xfec, 0xff0, 0xff4, 0xff8, 0xffc, 0x31];

interface Program {
  readonly asm: string;
  /** The values the guest logs, and the characters it sends, as the model says. */
  readonly logs: bigint[];
  readonly text: string;
}

/** A guest of `n` random accesses, with a yield after the first half; what it should see, from the model. */
function program(seed: number, n: number): Program {
  const next = rng(seed);
  const model = new Pl011(() => {});
  const logs: bigint[] = [];
  let text = '';
  const lines = ['    .text', '_start:', `    mov x9, #0x${UART.toString(16)}`];
  const log = (reg: string) => lines.push(`    mov x1, ${reg}`, '    mov x0, #3', '    hvc #0');
  for (let i = 0; i < n; i++) {
    if (i === n >> 1) lines.push('    mov x0, #0', '    hvc #0'); // yield: the other VM runs its first half
    const off = OFFSETS[next() % OFFSETS.length]!;
    const r = next() % 10;
    if (r < 2) {
      const ch = 0x61 + (next() % 26); // a letter through UARTDR
      lines.push(`    mov w3, #${ch}`, '    strb w3, [x9]');
      model.write(0, 1, ch);
      text += String.fromCharCode(ch);
    } else if (r < 5) {
      const st = STORES[next() % STORES.length]!;
      if (off % st.bytes !== 0) continue; // aligned only (as loads)
      const value = next();
      const zr = next() % 8 === 0;
      lines.push(`    ldr x3, =0x${value.toString(16)}`, `    ${zr ? st.insn.replace(/ w$/, ' wzr') : `${st.insn}3`}, [x9, #${off}]`);
      if (off % 4 === 0) model.write(off, st.bytes, zr ? 0 : Number(BigInt(value) & ((1n << BigInt(8 * st.bytes)) - 1n)));
    } else {
      const ld = LOADS[next() % LOADS.length]!;
      if (off % ld.bytes !== 0) continue; // aligned accesses only: Device memory faults an unaligned one at EL1
      lines.push('    mov x4, #-1', `    ${ld.insn}4, [x9, #${off}]`);
      const bits = BigInt(8 * ld.bytes);
      let v = BigInt(off % 4 === 0 ? model.read(off, ld.bytes) : 0) & ((1n << bits) - 1n);
      if (ld.signed && (v >> (bits - 1n)) === 1n) v -= 1n << bits;
      v = BigInt.asUintN(ld.x ? 64 : 32, v);
      log('x4');
      logs.push(v);
    }
  }
  lines.push('    mov w3, #10', '    strb w3, [x9]', '    mov x0, #2', '    mov x1, #0', '    hvc #0', '    .ltorg');
  return { asm: lines.join('\n') + '\n', logs, text };
}

test('the emulated PL011 answers 400 random accesses per VM as the machine\'s PL011 model does, each VM on its own registers', async () => {
  const p = program(0x5eed_17, 400);
  assert.ok(p.logs.length > 100, `${p.logs.length} reads`);
  const img = buildTwoVms(DIR, 'random', p.asm);
  const r = runImage(img);
  assert.equal(r.exitCode, 0, r.uart);
  assert.equal(r.deniedTotal, 0, r.uart);
  // the run-time device check (src/hyp/device-view.ts) compared the reads of storage and constant registers with each
  // VM's own device view — the hypervisor's tables applied to its own writes — and found every one its own
  assert.ok(r.observation.deviceReads >= 380, `${r.observation.deviceReads} reads compared`);
  assert.equal(r.verdicts.find((v) => v.id === 'registers')!.status, 'pass');
  for (const ctx of ['u1', 'u2']) {
    const got = seen(r, ctx);
    assert.deepEqual(got.logs.map((v) => v.toString(16)), p.logs.map((v) => v.toString(16)), ctx);
    assert.equal(got.text, p.text, ctx);
  }
  assert.deepEqual(r.verdicts.map((v) => v.status).filter((x) => x !== 'n/a'), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass'], 'every verdict that applies passes (no native app: the 48-bit one does not)');
  // the same image on QEMU: the same UART bytes (its data-abort syndromes decoded by the same hypervisor code)
  const elf = join(DIR, 'random.elf');
  writeFileSync(elf, img.elf);
  const q = await runHypOnQemu(elf, img);
  assert.equal(q.status, 0);
  assert.equal(q.output.toString('latin1'), r.uart);
});

test('a UART access without a syndrome stops that VM with the reason named; an unmapped non-device IPA is denied; the other VM goes on', () => {
  const bad = (insn: string) => `    .text\n_start:\n    mov x9, #0x${UART.toString(16)}\n    ${insn}\n    mov x0, #2\n    mov x1, #0\n    hvc #0\n`;
  for (const [insn, named] of [['ldp w0, w1, [x9]', true], ['ldr w0, [x9, #8]!', true], ['mov x8, #0x0a000000\n    ldr w0, [x8]', false]] as const) {
    writeFileSync(join(DIR, 'good.S'), bad('mov w3, #0x6f\n    strb w3, [x9]\n    mov w3, #10\n    strb w3, [x9]'));
    const img = buildTwoVms(DIR, 'bad', bad(insn), `  - name: ok\n    kind: vm\n    ipa_bits: 40\n    memory: [{ at: 0x4000_0000, size: 2M }]\n    image: { source: good.S, entry: 0x4000_0000 }\n`);
    const r = runImage(img);
    assert.equal(r.exitCode, 0, r.uart);
    assert.equal(r.deniedTotal, 2, `${insn}: each bad VM's access is counted\n${r.uart}`);
    assert.equal(/\[u1\] MMIO access to an emulated device without an instruction syndrome \(ESR_EL2\.ISV = 0\): cannot emulate\n/.test(r.uart), named, r.uart);
    assert.match(r.uart, /\[u1\] denied: translation fault level \d, read FAR/);
    assert.match(r.uart, /\[ok\] o\n/, 'the third VM prints through its own UART');
    assert.doesNotMatch(r.uart, /\[u1\] exit/, 'stopped, not finished');
  }
});
