// Guests that make random MMIO accesses to a device the reference hypervisor emulates (vuart.test.ts, vgicd.test.ts):
// the load and store forms, a reproducible random source, a two-VM scenario and what each VM logged.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildImage, type BuiltImage } from '../../src/hyp/image.ts';
import type { RunReport } from '../../src/hyp/run.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';

/** xorshift32: the accesses are random but reproducible. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>>= 0);
  };
}

export type Load = { readonly insn: string; readonly bytes: 1 | 2 | 4 | 8; readonly signed: boolean; readonly x: boolean };
export const LOADS: readonly Load[] = [
  { insn: 'ldrb w', bytes: 1, signed: false, x: false }, { insn: 'ldrsb w', bytes: 1, signed: true, x: false }, { insn: 'ldrsb x', bytes: 1, signed: true, x: true },
  { insn: 'ldrh w', bytes: 2, signed: false, x: false }, { insn: 'ldrsh w', bytes: 2, signed: true, x: false }, { insn: 'ldrsh x', bytes: 2, signed: true, x: true },
  { insn: 'ldr w', bytes: 4, signed: false, x: false }, { insn: 'ldrsw x', bytes: 4, signed: true, x: true },
];
export const STORES = [{ insn: 'strb w', bytes: 1 }, { insn: 'strh w', bytes: 2 }, { insn: 'str w', bytes: 4 }] as const;
const scenario = (guest: string, extra = '') => `ram: { size: 64M }
contexts:
  - name: u1
    kind: vm
    ipa_bits: 40
    memory: [{ at: 0x4000_0000, size: 2M }]
    image: { source: ${guest}, entry: 0x4000_0000 }
  - name: u2
    kind: vm
    ipa_bits: 40
    memory: [{ at: 0x4000_0000, size: 2M }]
    image: { source: ${guest}, entry: 0x4000_0000 }
${extra}`;

/** Two VMs, u1 and u2, running the same guest `asm` (written to `dir`), and the scenario lines `extra`. */
export function buildTwoVms(dir: string, name: string, asm: string, extra = ''): BuiltImage {
  writeFileSync(join(dir, `${name}.S`), asm);
  const file = join(dir, `${name}.yaml`);
  return buildImage(parseScenario(scenario(`${name}.S`, extra), file), file);
}

/** The log values and the text one context printed, from the run's UART. */
export function seen(r: RunReport, ctx: string): { logs: bigint[]; text: string } {
  const logs: bigint[] = [];
  let text = '';
  for (const line of r.uart.split('\n')) {
    if (!line.startsWith(`[${ctx}] `)) continue;
    const rest = line.slice(ctx.length + 3);
    const m = /^log 0x([0-9a-f]{16})$/.exec(rest);
    if (m) logs.push(BigInt(`0x${m[1]}`));
    else if (!rest.startsWith('exit ')) text += rest; // letters: a log line ends the open line
  }
  return { logs, text };
}

