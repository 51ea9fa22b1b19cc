// Assembler speed: a 5,000-line program (the test corpus's instruction lines, repeated) assembled and linked.
// Run: npx tsx bench/asm.ts
import { readFileSync } from 'node:fs';
import { assemble } from '../src/asm/assemble.ts';

const corpus = readFileSync(new URL('../test/asm/corpus.S', import.meta.url), 'utf8').split('\n');
const insns = corpus.filter((l) => /^\s+[a-z]/i.test(l) && !/^\s+\./.test(l) && !/\b(b|bl|cbz|cbnz|tbz|tbnz|adr|adrp|b\.\w+)\s/.test(l) && !/[=:]/.test(l) && !/data_|far_label|_start/.test(l));
const lines: string[] = ['.equ UNIQUE_VMID, 5', '.equ HCR_TGE, 1 << 27', '_start:'];
for (let i = 0; lines.length < 5000; i++) {
  lines.push(insns[i % insns.length]!);
  if (i % 50 === 0) lines.push(`l${i}: b l${i}`, `ldr x0, =${i * 0x10001}`);
}
const src = lines.join('\n');
assemble('warm.S', src);
const runs = 5;
const t0 = performance.now();
for (let i = 0; i < runs; i++) {
  const r = assemble('bench.S', src);
  if (r.diagnostics.length > 0) throw new Error(`line ${r.diagnostics[0]!.line}: ${r.diagnostics[0]!.message}`);
}
const ms = (performance.now() - t0) / runs;
console.log(`asm: ${lines.length} lines in ${ms.toFixed(1)} ms (${Math.round((lines.length / ms) * 1000)} lines/s)`);
