// Compiled C with FP/SIMD (issue 13): bench/programs' FP kernels, LZ77 compressor and pointer chase, built by gcc at
// -O2 and -O3 with auto-vectorisation (test/bench/elf/, scripts/bench-record.ts), print on twostage exactly the bytes
// QEMU 7.2 printed for the same ELF (test/bench/expected/; `npm run test:qemu-live` re-runs QEMU on them). Each ELF
// must hold FP/SIMD instructions, so a build that fell back to general registers would fail here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeRow } from '../../src/arch/a64/decode.ts';
import { readElf } from '../../src/elf/read.ts';
import { VirtMachine } from '../../src/machine/virt.ts';
import { BUILDS, elfOf, expectedOf } from './compiled.ts';

const PF_X = 1;

for (const b of BUILDS) {
  test(`${b.name}: prints QEMU's bytes and exits 0; its code uses FP/SIMD`, (t) => {
    const e = readElf(readFileSync(elfOf(b.name)));
    assert.ok(e.ok, e.ok ? '' : e.error);
    let fpsimd = 0;
    for (const s of e.image.segments.filter((x) => (x.flags & PF_X) !== 0)) {
      const dv = new DataView(s.data.buffer, s.data.byteOffset, s.data.byteLength);
      for (let i = 0; i + 4 <= s.data.length; i += 4) if (decodeRow(dv.getUint32(i, true))?.cls === 'fpsimd') fpsimd++;
    }
    assert.ok(fpsimd >= 4, `${fpsimd} FP/SIMD instructions in the code`);
    const m = new VirtMachine();
    assert.equal(m.load(e.image), undefined);
    const r = m.run(50_000_000);
    assert.deepEqual(r.stop, { kind: 'exit', code: 0 });
    assert.equal(Buffer.from(r.stdout).toString('latin1'), readFileSync(expectedOf(b.name)).toString('latin1'));
    t.diagnostic(`${fpsimd} FP/SIMD words in the code`);
  });
}
