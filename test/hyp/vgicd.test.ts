// The GIC distributor the hypervisor emulates per VM (issue 17, src/hyp/asm/vgicd.S). A guest makes random loads and
// stores of every width to the distributor's registers, holes and offsets beyond its 64 interrupts, and logs what it
// reads; the expected log comes from the machine's own GICv2 model (src/devices/gic.ts, checked against QEMU's)
// driven with the same accesses for the registers of the VM's interrupts, and is 0 for the rest (RAZ/WI); two VMs run
// the program with a yield in the middle, so a shared state would show. The image also runs on QEMU, whose syndromes
// are the reference for the model's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GICD_BASE, GicV2 } from '../../src/devices/gic.ts';
import { runImage } from '../../src/hyp/run.ts';
import { VGICD_IRQS, VGICD_TYPER, vgicdRows } from '../../src/hyp/vgicd.ts';
import { runHypOnQemu } from '../qemu/hyp-image.ts';
import { LOADS, STORES, buildTwoVms, rng, seen } from './mmio-guest.ts';

const DIR = mkdtempSync(join(tmpdir(), 'vgicd-'));

/** Offsets whose registers a VM has (the model's answer applies), and offsets beyond them (RAZ/WI). */
const MODELLED = [
  0x000, 0x004, 0x008, 0x100, 0x104, 0x180, 0x184, 0x200, 0x204, 0x280, 0x284, 0x300, 0x304, 0x380, 0x384,
  ...Array.from({ length: VGICD_IRQS / 4 }, (_, i) => 0x400 + 4 * i), 0x401, 0x402, 0x403, 0x43e,
  0xc00, 0xc04, 0xc08, 0xc0c, 0xf00, 0xf10, 0xf14, 0xf18, 0xf1c, 0xf20, 0xf24, 0xf2c, 0xf21, 0xfe8,
  0x080, 0x800, 0x804, 0x820, 0x83c, 0xfe0, 0xfd0, 0xffc, 0x00c, 0xd00,
];
const BEYOND = [0x108, 0x188, 0x208, 0x30c, 0x440, 0x47c, 0xc10, 0xc3c, 0x1000, 0x1100, 0xf000];

/** A guest of `n` random accesses with a yield after the first half, and the values it should log. */
function program(seed: number, n: number): { asm: string; logs: bigint[] } {
  const next = rng(seed);
  const model = new GicV2();
  const logs: bigint[] = [];
  const lines = ['    .text', '_start:', `    mov x9, #0x${GICD_BASE.toString(16)}`];
  for (let i = 0; i < n; i++) {
    if (i === n >> 1) lines.push('    mov x0, #0', '    hvc #0'); // yield: the other VM runs its first half
    const beyond = next() % 8 === 0;
    const off = beyond ? BEYOND[next() % BEYOND.length]! : MODELLED[next() % MODELLED.length]!;
    const addr = off < 0x1000 ? `[x9, #${off}]` : `[x10]`;
    if (off >= 0x1000) lines.push(`    ldr x10, =0x${(GICD_BASE + off).toString(16)}`);
    const r = next() % 10;
    if (r < 5) {
      const wide = next() % 16 === 0; // a 64-bit store: not a GICv2 access, ignored
      const st = wide ? { insn: 'str x', bytes: 8 } : STORES[next() % STORES.length]!;
      if (off % st.bytes !== 0) continue; // aligned only: Device memory faults an unaligned access at EL1
      const value = off === 0xf00 ? ((next() % 4) << 24) | ((next() & 0xff) << 16) | (next() & 0xf) : next();
      lines.push(`    ldr x3, =0x${value.toString(16)}`, `    ${st.insn}3, ${addr}`);
      if (!beyond && st.bytes <= 4) model.distributor.write(off, st.bytes, Number(BigInt(value) & ((1n << BigInt(8 * st.bytes)) - 1n)));
    } else {
      const wide = next() % 16 === 0;
      const ld = wide ? { insn: 'ldr x', bytes: 8, signed: false, x: true } : LOADS[next() % LOADS.length]!;
      if (off % ld.bytes !== 0) continue;
      lines.push('    mov x4, #-1', `    ${ld.insn}4, ${addr}`, '    mov x1, x4', '    mov x0, #3', '    hvc #0');
      const bits = BigInt(8 * ld.bytes);
      let v = 0n;
      if (!beyond && ld.bytes <= 4) v = BigInt(off === 0x004 ? VGICD_TYPER : model.distributor.read(off, ld.bytes)) & ((1n << bits) - 1n);
      if (ld.signed && (v >> (bits - 1n)) === 1n) v -= 1n << bits;
      logs.push(BigInt.asUintN(ld.x ? 64 : 32, v));
    }
  }
  lines.push('    mov x0, #2', '    mov x1, #0', '    hvc #0', '    .ltorg');
  return { asm: lines.join('\n') + '\n', logs };
}

test('the register table covers the VM\'s 64 interrupts without overlap, in offset order', () => {
  const rows = vgicdRows();
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i]!.start >= rows[i - 1]!.end, `${rows[i - 1]!.name} overlaps ${rows[i]!.name}`);
  assert.equal(rows.find((r) => r.name === 'GICD_IPRIORITYR')!.end - 0x400, VGICD_IRQS);
});

test('the emulated distributor answers 600 random accesses per VM as the machine\'s GICv2 model does, each VM on its own state', async () => {
  const p = program(0x91cd_17, 600);
  assert.ok(p.logs.length > 200, `${p.logs.length} reads`);
  assert.ok(p.logs.some((v) => v !== 0n && v !== BigInt(VGICD_TYPER)), 'some reads see written state');
  const img = buildTwoVms(DIR, 'random', p.asm);
  const r = runImage(img);
  assert.equal(r.exitCode, 0, r.uart);
  assert.equal(r.deniedTotal, 0, r.uart);
  // the run-time device check (src/hyp/device-view.ts) compared the reads of storage and constant registers with each
  // VM's own device view — the hypervisor's tables applied to its own writes — and found every one its own
  assert.ok(r.observation.deviceReads >= 440, `${r.observation.deviceReads} reads compared`);
  { const v = r.verdicts.find((v) => v.id === 'registers')!; assert.equal(v.status, 'pass', v.evidence); }
  for (const ctx of ['u1', 'u2']) assert.deepEqual(seen(r, ctx).logs.map((v) => v.toString(16)), p.logs.map((v) => v.toString(16)), ctx);
  const elf = join(DIR, 'random.elf');
  writeFileSync(elf, img.elf);
  const q = await runHypOnQemu(elf, img);
  assert.equal(q.status, 0);
  assert.equal(q.output.toString('latin1'), r.uart);
});

test('a distributor access without a syndrome stops that VM with the reason named; the GICC page is still denied', () => {
  const guest = (insn: string) => `    .text\n_start:\n    mov x9, #0x${GICD_BASE.toString(16)}\n    ${insn}\n    mov x0, #2\n    mov x1, #0\n    hvc #0\n`;
  for (const [insn, named] of [['ldp w0, w1, [x9]', true], ['ldr w0, [x9, #0x10]!', true], ['add x8, x9, #0x10000\n    ldr w0, [x8]', false]] as const) {
    const r = runImage(buildTwoVms(DIR, 'bad', guest(insn)));
    assert.equal(r.exitCode, 0, r.uart);
    assert.equal(r.deniedTotal, 2, `${insn}: each VM's access is counted\n${r.uart}`);
    assert.equal(/\[u1\] MMIO access to an emulated device without an instruction syndrome/.test(r.uart), named, r.uart);
    assert.doesNotMatch(r.uart, /\[u1\] exit/, 'stopped, not finished');
  }
});
