// The recorded QEMU results of one FP operation: test/arch/fp/qemu/NAME.bin.br (brotli), little-endian:
//   "FPQ1", count u32, seed u32, input hash u32 (vectors.ts vectorHash of the inputs), result bytes u32,
//   prefix u32, prefix hash u32 (of the first `prefix` inputs: what `npm test` checks), then count results
//   (result bytes each, the instruction's result register), then count FPSR bytes (bits 7:0).
// The inputs themselves are not stored: vectors.ts regenerates them from the operation's seed.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RECORD_DIR = join(dirname(fileURLToPath(import.meta.url)), 'qemu');
const MAGIC = 0x31515046; // "FPQ1"

const HEADER = 28;

export interface Recording {
  seed: number;
  hash: number;
  prefix: number;
  prefixHash: number;
  results: bigint[];
  fpsr: Uint8Array;
}

export const recordingPath = (name: string): string => join(RECORD_DIR, `${name}.bin.br`);
export const resultBytes = (resBits: number): number => Math.ceil(resBits / 8);

export function writeRecording(name: string, resBits: number, rec: Recording): void {
  const rb = resultBytes(resBits);
  const n = rec.results.length;
  const buf = Buffer.alloc(HEADER + n * rb + n);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(n, 4);
  buf.writeUInt32LE(rec.seed >>> 0, 8);
  buf.writeUInt32LE(rec.hash >>> 0, 12);
  buf.writeUInt32LE(rb, 16);
  buf.writeUInt32LE(rec.prefix, 20);
  buf.writeUInt32LE(rec.prefixHash >>> 0, 24);
  for (let i = 0; i < n; i++) {
    let v = rec.results[i]!;
    for (let k = 0; k < rb; k++, v >>= 8n) buf[HEADER + i * rb + k] = Number(v & 0xffn);
  }
  buf.set(rec.fpsr, HEADER + n * rb);
  const z = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 } });
  writeFileSync(recordingPath(name), z);
}

/** The recording of `name`, or undefined when there is none. Throws on a malformed file. */
export function readRecording(name: string): Recording | undefined {
  const path = recordingPath(name);
  if (!existsSync(path)) return undefined;
  const buf = brotliDecompressSync(readFileSync(path));
  if (buf.length < HEADER || buf.readUInt32LE(0) !== MAGIC) throw new Error(`${path}: not an FP recording`);
  const n = buf.readUInt32LE(4);
  const rb = buf.readUInt32LE(16);
  const size = HEADER + n * (rb + 1);
  if (buf.length !== size) throw new Error(`${path}: ${buf.length} bytes, expected ${size}`);
  const results: bigint[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0n;
    for (let k = rb - 1; k >= 0; k--) v = (v << 8n) | BigInt(buf[HEADER + i * rb + k]!);
    results[i] = v;
  }
  return {
    seed: buf.readUInt32LE(8), hash: buf.readUInt32LE(12), prefix: buf.readUInt32LE(20), prefixHash: buf.readUInt32LE(24),
    results, fpsr: new Uint8Array(buf.subarray(HEADER + n * rb)),
  };
}
