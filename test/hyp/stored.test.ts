// Registers kept as per-context storage (context-state.ts STORED: MDSCR_EL1, PMUSERENR_EL0 — what Linux's __cpu_setup
// writes): each VM reads back what it wrote, never what another wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImage } from '../../src/hyp/image.ts';
import { runImage } from '../../src/hyp/run.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';

const DIR = mkdtempSync(join(tmpdir(), 'stored-'));
const guest = (mdscr: number, pmu: number) => `    .text
_start:
    mrs x1, mdscr_el1          // a fresh context: 0
    mov x0, #3
    hvc #0
    ldr x3, =0x${mdscr.toString(16)}
    msr mdscr_el1, x3
    mov x3, #${pmu}
    msr pmuserenr_el0, x3
    mov x0, #0                 // yield: the other VM writes its own values
    hvc #0
    mrs x1, mdscr_el1
    mov x0, #3
    hvc #0
    mrs x1, pmuserenr_el0
    mov x0, #3
    hvc #0
    msr pmuserenr_el0, xzr
    mrs x1, pmuserenr_el0
    mov x0, #3
    hvc #0
    mov x0, #2
    mov x1, #0
    hvc #0
    .ltorg
`;

test('MDSCR_EL1 and PMUSERENR_EL0: each VM reads back its own writes across switches', () => {
  writeFileSync(join(DIR, 'a.S'), guest(0x1000, 0xd));
  writeFileSync(join(DIR, 'b.S'), guest(0x8001, 0x2));
  const text = `ram: { size: 64M }
contexts:
  - { name: a, kind: vm, ipa_bits: 40, memory: [{ at: 0x4000_0000, size: 2M }], image: { source: a.S, entry: 0x4000_0000 } }
  - { name: b, kind: vm, ipa_bits: 40, memory: [{ at: 0x4000_0000, size: 2M }], image: { source: b.S, entry: 0x4000_0000 } }
`;
  const file = join(DIR, 's.yaml');
  const r = runImage(buildImage(parseScenario(text, file), file));
  assert.equal(r.exitCode, 0, r.uart);
  const logs = (c: string) => r.uart.split('\n').filter((l) => l.startsWith(`[${c}] log `)).map((l) => Number(BigInt(l.slice(c.length + 7))));
  assert.deepEqual(logs('a'), [0, 0x1000, 0xd, 0]);
  assert.deepEqual(logs('b'), [0, 0x8001, 0x2, 0]);
  assert.equal(r.deniedTotal, 0);
  assert.deepEqual(r.verdicts.map((v) => v.status).filter((s) => s !== 'n/a'), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
});
