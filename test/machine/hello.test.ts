// examples/hello.elf on the virt machine and, when installed, on QEMU: the same stdout bytes, exit 0.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { readElf } from '../../src/elf/read.ts';
import { VirtMachine } from '../../src/machine/virt.ts';

const HELLO = fileURLToPath(new URL('../../examples/hello.elf', import.meta.url));
const EXPECTED = 'Hello from EL2\n';

test('hello.elf prints exactly "Hello from EL2\\n" on stdout, nothing on stderr, and exits 0', () => {
  const r = readElf(readFileSync(HELLO));
  assert.ok(r.ok, r.ok ? '' : r.error);
  const m = new VirtMachine();
  assert.equal(m.load(r.image), undefined);
  const res = m.run(10_000);
  assert.deepEqual(res.stop, { kind: 'exit', code: 0 });
  assert.equal(res.exitCode, 0);
  assert.deepEqual([...res.stdout], [...new TextEncoder().encode(EXPECTED)]);
  assert.equal(res.stderr.length, 0);
});

test('QEMU prints the same bytes and exits 0', (t) => {
  if (spawnSync('qemu-system-aarch64', ['--version']).status !== 0) return t.skip('skipped: no QEMU');
  const q = spawnSync(
    'qemu-system-aarch64',
    ['-M', 'virt,virtualization=on', '-cpu', 'cortex-a57', '-nographic', '-semihosting', '-kernel', HELLO],
    { timeout: 20_000 },
  );
  assert.equal(q.status, 0);
  assert.deepEqual([...q.stdout], [...new TextEncoder().encode(EXPECTED)]);
});
