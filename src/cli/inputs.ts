// What every command reads from the user, checked the same way everywhere: flag values (whole numbers, addresses,
// one of a list) and the files named on the command line, each failure a one-line message naming the flag or the
// file (the commands print it and exit 2).
import { parseU64, quoted } from '../bits/bits.ts';
import { MAX_BINARY_BYTES, readAssembly, readUserFile, writeUserFile } from '../asm/user-file.ts';

/** A value, or the message saying why the input is not one. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** A whole number from `min` to `max` (decimal, 0x…, 0b…, `_` separators) of `unit`s, as the command line writes them. */
export function wholeNumber(flag: string, text: string, min: number, max: number, unit = ''): Parsed<number> {
  const v = parseU64(text);
  if (v === undefined || v < BigInt(min) || v > BigInt(max)) return no(`${flag}: expected a whole number${unit === '' ? '' : ` of ${unit}`} from ${min} to ${max}, not ${quoted(text)}`);
  return ok(Number(v));
}

/** A 64-bit address (decimal, 0x…, 0b…, `_` separators). */
export function address(flag: string, text: string): Parsed<bigint> {
  const v = parseU64(text);
  return v === undefined ? no(`${flag}: not a 64-bit address: ${quoted(text)}`) : ok(v);
}

/** One of `choices`. */
export function choice<T extends string>(flag: string, text: string, choices: readonly T[]): Parsed<T> {
  return (choices as readonly string[]).includes(text) ? ok(text as T) : no(`${flag}: expected ${choices.join(', ')}, not ${quoted(text)}`);
}

/** An assembly source named on the command line. */
export function readSource(file: string): Parsed<string> {
  const r = readAssembly(file);
  return typeof r === 'string' ? ok(r) : no(`${file}: ${r.error}`);
}

/**
 * An ELF, a flat binary or a blob named on the command line: at most MAX_BINARY_BYTES, or `cap.bytes` when that is
 * less (`cap.limit` says what holds it: 'of RAM').
 */
export function readBinary(file: string, cap?: { readonly bytes: number; readonly limit: string }): Parsed<Uint8Array> {
  const r = cap === undefined || cap.bytes >= MAX_BINARY_BYTES ? readUserFile(file, MAX_BINARY_BYTES) : readUserFile(file, cap.bytes, cap.limit);
  return r.ok ? ok(r.bytes) : no(`${file}: ${r.error}`);
}

/** Write an output file (`-o`); undefined when written, else the message. */
export function writeOutput(file: string, bytes: Uint8Array): string | undefined {
  const why = writeUserFile(file, bytes);
  return why === undefined ? undefined : `${file}: ${why}`;
}
