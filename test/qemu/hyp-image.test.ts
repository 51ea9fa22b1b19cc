// The reference hypervisor's images (scenarios/seed.yaml, preempt.yaml, hostile.yaml and cross-page.yaml, el1-shim
// hosting) in the differential suite: twostage must print exactly QEMU's UART bytes (recorded in hyp/NAME.out), and,
// where QEMU is installed, QEMU run live on the image built now must still print them. preempt's spinner never yields: both
// machines end its slices with the EL2 physical timer's IRQ (QEMU with -icount shift=4, see hyp-image.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildHypImage, HYP_SCENARIOS, hypExpected, runHypOnQemu, runHypOnTwostage } from './hyp-image.ts';
import { missingTools } from './toolchain.ts';

for (const name of HYP_SCENARIOS) {
  const img = buildHypImage(name);
  const expected = readFileSync(hypExpected(name));

  test(`hyp ${name} image (el1-shim): twostage prints QEMU's recorded UART bytes and exits 0`, () => {
    assert.equal(img.hosting, 'el1-shim');
    const r = runHypOnTwostage(img);
    assert.equal(r.output.toString('latin1'), expected.toString('latin1'));
    assert.equal(r.exitCode, 0, `exit after ${r.instructions} instructions`);
  });

  test(`hyp ${name} image: QEMU live prints the recorded bytes`, async (t) => {
    if (missingTools().includes('qemu-system-aarch64')) {
      t.skip('skipped: no QEMU (qemu-system-aarch64 not on PATH); the recorded output was compared above');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'twostage-hyp-'));
    try {
      const elf = join(dir, `${name}.elf`);
      writeFileSync(elf, img.elf);
      const run = await runHypOnQemu(elf, img);
      assert.equal(run.status, 0, 'QEMU exit status');
      assert.equal(run.output.toString('latin1'), expected.toString('latin1'), 'QEMU output drifted: run npm run qemu:record');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
