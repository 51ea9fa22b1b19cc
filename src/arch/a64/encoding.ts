// The A64 encoding table's row type and the diagram parser. The rows (src/arch/a64/rows/) are data: id, mnemonic,
// diagram, class and the feature that gates them; no behaviour. Readers bind to rows by id: the executor's handlers
// (src/cpu/bind/), the translator's emitters (src/cpu/jit/emit.ts) and the assembler's syntax (src/asm/syntax/).
// A row's diagram reads like the Arm ARM's encoding box, MSB first:
//   "sf:1 0 0 100010 sh:1 imm12:12 Rn:5 Rd:5"
// Tokens are literal bits (0/1, x = either), `name:width` fields, or the Arm ARM's should-be bits "(1)"/"(0)" (one
// token per bit or run, e.g. "(1)(1)(1)(1)(1)"). Widths add up to 32.

/** The Arm ARM's instruction classes (C4.1), used to group rows and tests. */
export type InsnClass = 'dp-imm' | 'dp-reg' | 'branch' | 'system' | 'exception' | 'ldst' | 'fpsimd';

/**
 * The architectural feature that gates a row, named after its ID-register field: 'base' (every ARMv8.0 PE),
 * 'FP' / 'AdvSIMD' (ID_AA64PFR0_EL1.FP / .AdvSIMD), 'AES' / 'PMULL' (ID_AA64ISAR0_EL1.AES ≥ 1 / = 2),
 * 'SHA1', 'SHA2', 'CRC32' (ID_AA64ISAR0_EL1.SHA1 / .SHA2 / .CRC32). test/arch/a64-rows.test.ts checks that the
 * profiles implement every feature a row names.
 */
export type Feature = 'base' | 'FP' | 'AdvSIMD' | 'AES' | 'PMULL' | 'SHA1' | 'SHA2' | 'CRC32';

export interface RowSpec {
  /** Unique row id, e.g. 'ADD_imm'. The executor, translator and assembler bind to rows by id. */
  readonly id: string;
  /** The instruction's base mnemonic in lower case, as the Arm ARM names it. */
  readonly mnemonic: string;
  readonly diagram: string;
  readonly cls: InsnClass;
  /** Absent: 'base'. */
  readonly feature?: Feature;
}

export interface FieldPos {
  readonly hi: number;
  readonly lo: number;
}

export interface Encoding extends RowSpec {
  readonly feature: Feature;
  readonly mask: number;
  readonly match: number;
  /**
   * Bits the Arm ARM marks "(1)": the assembler sets them, the decoder ignores them. Another value is CONSTRAINED
   * UNPREDICTABLE (Arm ARM K1.2.1 "SBO/SBZ fields"); QEMU 7.2 executes the word as if the bits were set, and so does
   * this model. "(0)" bits are ignored the same way and left clear.
   */
  readonly sbo: number;
  readonly fields: Readonly<Record<string, FieldPos>>;
}

/** Parse a diagram into mask/match and field positions; throws on a malformed row (a table bug, caught by tests). */
export function parseDiagram(id: string, diagram: string): { mask: number; match: number; sbo: number; fields: Record<string, FieldPos> } {
  let bit = 32;
  let mask = 0;
  let match = 0;
  let sbo = 0;
  const fields: Record<string, FieldPos> = {};
  for (const tok of diagram.trim().split(/\s+/)) {
    const m = /^([A-Za-z][A-Za-z0-9_]*):(\d+)$/.exec(tok);
    if (m) {
      const width = Number(m[2]);
      const name = m[1]!;
      if (fields[name]) throw new Error(`${id}: field ${name} appears twice`);
      fields[name] = { hi: bit - 1, lo: bit - width };
      bit -= width;
    } else if (/^[01x]+$/.test(tok)) {
      for (const ch of tok) {
        bit--;
        if (ch !== 'x') {
          mask |= 1 << bit;
          if (ch === '1') match |= 1 << bit;
        }
      }
    } else if (/^(\([01]\))+$/.test(tok)) {
      for (const ch of tok.replace(/[()]/g, '')) {
        bit--;
        if (ch === '1') sbo |= 1 << bit;
      }
    } else {
      throw new Error(`${id}: bad diagram token '${tok}'`);
    }
    if (bit < 0) throw new Error(`${id}: diagram longer than 32 bits`);
  }
  if (bit !== 0) throw new Error(`${id}: diagram is ${32 - bit} bits, not 32`);
  return { mask: mask >>> 0, match: match >>> 0, sbo: sbo >>> 0, fields };
}

/** A row's parsed diagram as the build stores it (prebuilt.ts), with the diagram it was parsed from. */
export type ParsedDiagram = Pick<Encoding, 'diagram' | 'mask' | 'match' | 'sbo' | 'fields'>;

/** The row of a spec: its diagram parsed, or taken from `prebuilt` when that was parsed from the same diagram. */
export function encoding(spec: RowSpec, prebuilt?: ParsedDiagram): Encoding {
  const p = prebuilt !== undefined && prebuilt.diagram === spec.diagram ? prebuilt : parseDiagram(spec.id, spec.diagram);
  // every property named, in one order (one object shape): `{ ...spec, … }` took ten times as long at load
  const { id, mnemonic, diagram, cls } = spec;
  return { id, mnemonic, diagram, cls, feature: spec.feature ?? 'base', mask: p.mask, match: p.match, sbo: p.sbo, fields: p.fields };
}

/** Value of a named field of a row in a word (tools and tests; handlers extract fields inline). */
export function fieldValue(e: Encoding, name: string, w: number): number {
  const f = e.fields[name];
  if (!f) throw new Error(`${e.id} has no field ${name}`);
  const width = f.hi - f.lo + 1;
  return width === 32 ? w >>> 0 : ((w >>> f.lo) & ((1 << width) - 1)) >>> 0;
}

/** Every field of a row in a word, by name (observers, tracers and the assembler's syntax read words this way). */
export function fieldValues(e: Encoding, w: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of Object.keys(e.fields)) out[name] = fieldValue(e, name, w);
  return out;
}
