// The kinds of `--trace` and their parser, apart from the hooks (trace.ts), which load the disassembler: a command
// that is not tracing does not pay for the assembler's syntax tables at start-up.
export const TRACE_KINDS = ['exec', 'int', 'sysreg', 'mmu', 'tlb'] as const;
export type TraceKind = (typeof TRACE_KINDS)[number];

/** Parse "exec,int": the kinds, or a message naming the unknown one. */
export function parseTraceKinds(text: string): TraceKind[] | string {
  const kinds: TraceKind[] = [];
  for (const k of text.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    if (!(TRACE_KINDS as readonly string[]).includes(k)) return `unknown trace kind '${k}' (known: ${TRACE_KINDS.join(', ')})`;
    kinds.push(k as TraceKind);
  }
  return kinds;
}
