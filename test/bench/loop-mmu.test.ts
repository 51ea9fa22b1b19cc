// bench/loop-mmu-1000.elf (bench/loop-mmu.S assembled with ITERATIONS=1000): the CPU benchmark's loop at EL1 under
// stage 1 + stage 2 prints the checksums a model of the loop predicts, exits 0 from EL1, and left a combined
// stage-1+2 TLB entry of VMID 1 for the data cell; QEMU prints the same bytes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { SR } from '../../src/arch/sysreg-table.ts';
import { readElf } from '../../src/elf/read.ts';
import { VirtMachine } from '../../src/machine/virt.ts';
import { KIND_S12, KM_STAGE1, REGIME_EL10 } from '../../src/mmu/tlb.ts';

const ELF = fileURLToPath(new URL('../../bench/loop-mmu-1000.elf', import.meta.url));
const ITERATIONS = 1000;
const CELL = 0x4010_0000; // the loop's data doubleword (VA = IPA = PA: both stages are identity maps)
const VMID = 1; // VTTBR_EL2.VMID set by the start code

/** The loop of bench/loop-body.inc, modelled with 64-bit wrap-around: x4 = [cell] + 0x9e37, x5 ^= x4, [cell] = x4,
 * x6 += x5 LSR 3, x7 = x6 AND 0xff0; then x6 and x7 as 16 hex digits and a newline each (cell starts at 0). */
function expectedOutput(n: number): string {
  const M = (1n << 64n) - 1n;
  let cell = 0n;
  let x5 = 0n;
  let x6 = 0n;
  let x7 = 0n;
  for (let i = 0; i < n; i++) {
    const x4 = (cell + 0x9e37n) & M;
    x5 ^= x4;
    cell = x4;
    x6 = (x6 + (x5 >> 3n)) & M;
    x7 = x6 & 0xff0n;
  }
  return [x6, x7].map((v) => v.toString(16).padStart(16, '0') + '\n').join('');
}

test('loop-mmu-1000.elf runs its loop at EL1 with stage 1 and stage 2 on and prints the modelled checksums', () => {
  const e = readElf(readFileSync(ELF));
  assert.ok(e.ok, e.ok ? '' : e.error);
  const m = new VirtMachine();
  assert.equal(m.load(e.image), undefined);
  const r = m.run(100_000);
  assert.deepEqual(r.stop, { kind: 'exit', code: 0 });
  assert.equal(new TextDecoder().decode(r.stdout), expectedOutput(ITERATIONS));
  assert.equal(r.stderr.length, 0);
  const c = m.cpu;
  assert.equal(c.el, 1, 'semihosting exit from EL1');
  assert.equal(c.sr32[SR.SCTLR_EL1 * 2]! & 1, 1, 'SCTLR_EL1.M');
  assert.equal(c.sr32[SR.HCR_EL2 * 2]! & 1, 1, 'HCR_EL2.VM');
  // the loads and stores of CELL were translated by both stages: a combined entry tagged with the guest's VMID
  const ent = c.tlb.lookup(REGIME_EL10, VMID, 0, KM_STAGE1, CELL, 0);
  assert.ok(ent >= 0, 'a stage-1 TLB entry for CELL');
  assert.equal(c.tlb.kind[ent], KIND_S12);
  assert.equal(c.tlb.outputOf(ent, CELL), CELL);
});

test('QEMU runs loop-mmu-1000.elf to the same bytes and exit 0', (t) => {
  if (spawnSync('qemu-system-aarch64', ['--version']).status !== 0) return t.skip('skipped: no QEMU');
  const q = spawnSync(
    'qemu-system-aarch64',
    ['-M', 'virt,virtualization=on', '-cpu', 'cortex-a57', '-nographic', '-semihosting', '-kernel', ELF],
    { timeout: 20_000 },
  );
  assert.equal(q.status, 0);
  assert.equal(q.stdout.toString(), expectedOutput(ITERATIONS));
});
