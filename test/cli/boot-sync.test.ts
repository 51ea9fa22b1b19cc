// `boot --trace mmu,tlb` and `--sync immediate|architectural`, `--speculate SEED`, `--errata`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { boot, type BootOptions } from '../../src/cli/boot.ts';

const HELLO = fileURLToPath(new URL('../../examples/hello.elf', import.meta.url));

async function run(opts: BootOptions): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const dec = new TextDecoder();
  const status = await boot(HELLO, opts, {
    stdout: (b) => (stdout += dec.decode(b)),
    stderr: (b) => (stderr += typeof b === 'string' ? b : dec.decode(b)),
  });
  return { status, stdout, stderr };
}

test('--trace mmu: one line per translation that misses the host cache (MMU off at EL2: VA = PA)', async () => {
  const r = await run({ trace: 'mmu,tlb' });
  assert.equal(r.status, 0);
  assert.equal(r.stdout, 'Hello from EL2\n');
  const lines = r.stderr.split('\n');
  assert.equal(lines[0], 'mmu: EL2 exec 0x0000000040080000 -> PA 0x000040080000');
  // the PL011 data register: stage 1 off, so data accesses are Device-nGnRnE
  assert.ok(lines.includes('mmu: EL2 write 0x0000000009000000 -> PA 0x000009000000'), r.stderr);
});

test('--sync architectural, --speculate SEED and --errata run hello.elf unchanged; bad values exit 2', async () => {
  for (const opts of [{ sync: 'architectural' }, { speculate: '42' }, { speculate: '7', errata: true }, { sync: 'immediate' }]) {
    const r = await run(opts);
    assert.equal(r.status, 0, JSON.stringify(opts));
    assert.equal(r.stdout, 'Hello from EL2\n');
  }
  for (const opts of [{ sync: 'eventual' }, { speculate: 'x' }, { sync: 'immediate', errata: true }]) {
    const r = await run(opts);
    assert.equal(r.status, 2, JSON.stringify(opts));
    assert.match(r.stderr, /^twostage: --(sync|speculate)/);
  }
});
