// The executor's side of the encoding table: each row's handler, from the bindings by row id (src/cpu/bind/). The
// run loop's switch (run-loop.ts) and the translator (jit/block.ts) are generated from HANDLERS and HANDLER_OF.
import type { Encoding } from '../arch/a64/encoding.ts';
import { ROWS, rowIndex } from '../arch/a64/table.ts';
import { BINDINGS } from './bind/index.ts';
import type { Bindings, Handler } from './handler.ts';

export interface Dispatch {
  /** The distinct handlers (many rows share one: ADD_imm, SUBS_imm, … all run addSubImm). */
  readonly handlers: readonly Handler[];
  /** handlerOf[op] = the index in handlers of row op's handler: what the decode cache stores (plus one). */
  readonly handlerOf: Int32Array;
}

/**
 * Bind `rows` to handlers by id. Throws, naming every problem at once, when a row has no handler, a row has two,
 * or a binding names no row: a table or binding bug, found when the CPU module loads (and by test/cpu/bind.test.ts).
 */
export function bindHandlers(rows: readonly Encoding[], bindings: readonly Bindings[]): Dispatch {
  const byId = new Map<string, Handler>();
  const problems: string[] = [];
  const ids = new Set(rows.map((r) => r.id));
  for (const b of bindings) {
    for (const [id, h] of Object.entries(b)) {
      if (!ids.has(id)) problems.push(`handler bound to ${id}, which is no row`);
      else if (byId.has(id)) problems.push(`row ${id} is bound twice`);
      byId.set(id, h);
    }
  }
  for (const r of rows) if (!byId.has(r.id)) problems.push(`row ${r.id} has no handler`);
  if (problems.length > 0) throw new Error(`encoding table bindings: ${problems.join('; ')}`);
  const handlers = [...new Set(rows.map((r) => byId.get(r.id)!))];
  return { handlers, handlerOf: Int32Array.from(rows, (r) => handlers.indexOf(byId.get(r.id)!)) };
}

const DISPATCH = bindHandlers(ROWS, BINDINGS);
export const HANDLERS: readonly Handler[] = DISPATCH.handlers;
export const HANDLER_OF: Int32Array = DISPATCH.handlerOf;

/** The handler bound to the row with this id. */
export function handlerFor(id: string): Handler {
  return HANDLERS[HANDLER_OF[rowIndex(id)]!]!;
}
