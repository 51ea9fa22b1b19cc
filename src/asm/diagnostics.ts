// Assembly diagnostics: values with file, line, column and a reason, printed like GNU as / a compiler:
//   file.S:3:9: error: not a valid bitmask immediate
//       and x0, x1, #5
//               ^

export interface SourcePos {
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

export interface Diagnostic extends SourcePos {
  readonly message: string;
}

/** Thrown inside the assembler for one statement and turned into a Diagnostic by its caller; never escapes. */
export class AsmFail {
  constructor(
    readonly message: string,
    /** 1-based column in the statement's line, 0 = the statement's start. */
    readonly col = 0,
  ) {}
}

export function fail(message: string, col = 0): never {
  throw new AsmFail(message, col);
}

/** Most characters of a source line shown under a diagnostic. */
const SHOWN = 160;

/** Format diagnostics with the source line and a caret; `lines` maps a file to its text lines. */
export function formatDiagnostics(diags: readonly Diagnostic[], lines: (file: string) => readonly string[] | undefined): string {
  let out = '';
  for (const d of diags) {
    out += `${d.file}:${d.line}:${d.col}: error: ${d.message}\n`;
    const src = lines(d.file)?.[d.line - 1];
    if (src !== undefined) {
      // a long line is shown as the part around the column, so that a diagnostic stays a few short lines
      const from = src.length <= SHOWN ? 0 : Math.max(0, Math.min(d.col - 1 - SHOWN / 2, src.length - SHOWN));
      const clean = (from > 0 ? '…' : '') + src.slice(from, from + SHOWN).replace(/\t/g, ' ') + (from + SHOWN < src.length ? '…' : '');
      out += ` ${clean}\n ${' '.repeat(Math.max(0, d.col - 1 - from + (from > 0 ? 1 : 0)))}^\n`;
    }
  }
  return out;
}
