// The Crypto instructions against an independent reference, node:crypto (OpenSSL): AES-128 encryption and
// decryption built from AESE/AESMC and AESD/AESIMC (the round keys expanded with AESE as SubWord), SHA-256 and SHA-1
// of one-block messages built from SHA256H/H2/SU0/SU1 and SHA1C/P/M/H/SU0/SU1, on seeded random keys and messages
// and on the FIPS-197 C.1 example; and each handler allocates nothing (DESIGN.md §3). QEMU agreement per instruction
// is test/qemu/progs/crypto-*.S.
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { test } from 'node:test';
import { rowById } from '../../src/arch/a64/table.ts';
import { CRYPTO_OPS } from '../../src/arch/a64/rows/crypto.ts';
import { FPSIMD_HANDLERS } from '../../src/cpu/bind/fpsimd.ts';
import { INSN } from '../../src/cpu/state.ts';
import { allocatingRuns, allocationBaseline } from '../helpers/alloc.ts';
import { makeCpu } from '../helpers/cpu.ts';

const c = makeCpu([]);
const v32 = c.v32;

/** Execute the row `id` with Rd = d, Rn = n, Rm = m, as the executor calls its handler. */
function exec(id: string, d: number, n: number, m = 0): void {
  const row = rowById(id);
  c.u32[INSN * 2] = (row.match | d | (n << 5) | (row.fields.Rm ? m << 16 : 0)) >>> 0;
  FPSIMD_HANDLERS[id]!(c);
}

function setBytes(r: number, bytes: Uint8Array): void {
  c.v8.set(bytes.subarray(0, 16), r * 16);
}
const getBytes = (r: number): Buffer => Buffer.from(c.v8.slice(r * 16, r * 16 + 16));
const setLanes = (r: number, lanes: readonly number[]): void => lanes.forEach((x, e) => { v32[r * 4 + e] = x; });
const lanes = (r: number): number[] => [...v32.slice(r * 4, r * 4 + 4)];

let seed = 0x2545f491;
function randomBytes(n: number): Buffer {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    out[i] = seed >>> 24;
  }
  return out;
}

/** AES-128 round keys (FIPS-197 §5.2) in V16–V26, SubWord by AESE with a zero key on the word in every column. */
function expandKey(key: Buffer): void {
  const w: number[] = [];
  for (let i = 0; i < 4; i++) w.push(key.readUInt32LE(4 * i));
  let rcon = 1;
  for (let i = 4; i < 44; i++) {
    let t = w[i - 1]!;
    if (i % 4 === 0) {
      const rot = ((t >>> 8) | (t << 24)) >>> 0; // RotWord on little-endian bytes
      setLanes(30, [rot, rot, rot, rot]);
      setLanes(31, [0, 0, 0, 0]);
      exec('AESE', 30, 31);
      t = (v32[30 * 4]! ^ rcon) >>> 0;
      rcon = ((rcon << 1) ^ (rcon & 0x80 ? 0x1b : 0)) & 0xff;
    }
    w.push((w[i - 4]! ^ t) >>> 0);
  }
  for (let r = 0; r <= 10; r++) setLanes(16 + r, w.slice(4 * r, 4 * r + 4));
}

function encrypt(plain: Buffer): Buffer {
  setBytes(0, plain);
  for (let r = 0; r < 9; r++) {
    exec('AESE', 0, 16 + r);
    exec('AESMC', 0, 0);
  }
  exec('AESE', 0, 25);
  setLanes(0, lanes(0).map((x, e) => (x ^ v32[26 * 4 + e]!) >>> 0));
  return getBytes(0);
}

/** The equivalent inverse cipher (FIPS-197 §5.3.5): round keys 1–9 through AESIMC. */
function decrypt(cipher: Buffer): Buffer {
  setBytes(0, cipher);
  exec('AESD', 0, 26);
  exec('AESIMC', 0, 0);
  for (let r = 9; r >= 1; r--) {
    exec('AESIMC', 1, 16 + r);
    exec('AESD', 0, 1);
    if (r > 1) exec('AESIMC', 0, 0);
  }
  setLanes(0, lanes(0).map((x, e) => (x ^ v32[16 * 4 + e]!) >>> 0));
  return getBytes(0);
}

test('AES-128 from AESE/AESMC/AESD/AESIMC equals node:crypto on FIPS-197 C.1 and 200 random keys and blocks', () => {
  const cases: [Buffer, Buffer][] = [[Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'), Buffer.from('00112233445566778899aabbccddeeff', 'hex')]];
  for (let i = 0; i < 200; i++) cases.push([randomBytes(16), randomBytes(16)]);
  for (const [key, plain] of cases) {
    const cipher = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false).update(plain);
    expandKey(key);
    assert.equal(encrypt(plain).toString('hex'), cipher.toString('hex'), `key ${key.toString('hex')}`);
    assert.equal(decrypt(cipher).toString('hex'), plain.toString('hex'), `key ${key.toString('hex')}`);
    const back = createDecipheriv('aes-128-ecb', key, null).setAutoPadding(false).update(cipher);
    assert.equal(back.toString('hex'), plain.toString('hex'));
  }
  expandKey(cases[0]![0]);
  assert.equal(encrypt(cases[0]![1]).toString('hex'), '69c4e0d86a7b0430d8cdb78070b4c55a'); // FIPS-197 C.1 output
});

/** floor(x^(1/k)) of a BigInt (Newton). */
function iroot(x: bigint, k: bigint): bigint {
  let r = 1n << (BigInt(x.toString(2).length) / k + 1n);
  for (;;) {
    const next = ((k - 1n) * r + x / r ** (k - 1n)) / k;
    if (next >= r) return r;
    r = next;
  }
}
const PRIMES = Array.from({ length: 311 }, (_, i) => i + 2).filter((p) => Array.from({ length: p - 2 }, (_, j) => j + 2).every((d) => p % d !== 0));
// FIPS 180-4 §4.2.2, §5.3.3: the first 32 bits of the fractional parts of the cube (square) roots of the primes
const K256 = PRIMES.slice(0, 64).map((p) => Number(iroot(BigInt(p) << 96n, 3n) & 0xffffffffn));
const H256 = PRIMES.slice(0, 8).map((p) => Number(iroot(BigInt(p) << 64n, 2n) & 0xffffffffn));

/** One padded block of a message shorter than 56 bytes, as 16 big-endian words. */
function block(msg: Buffer): number[] {
  const b = Buffer.alloc(64);
  msg.copy(b);
  b[msg.length] = 0x80;
  b.writeUInt32BE(msg.length * 8, 60);
  return Array.from({ length: 16 }, (_, i) => b.readUInt32BE(4 * i));
}

const add = (a: readonly number[], b: readonly number[]): number[] => a.map((x, i) => (x + b[i]!) >>> 0);
const digest = (words: readonly number[]): string => words.map((x) => x.toString(16).padStart(8, '0')).join('');

/** Rotate the schedule registers V4–V7 down by one after V4 received the next four words. */
function nextSchedule(): void {
  const w4 = lanes(4);
  for (let r = 4; r < 7; r++) setLanes(r, lanes(r + 1));
  setLanes(7, w4);
}

function sha256(msg: Buffer): string {
  const w = block(msg);
  setLanes(0, H256.slice(0, 4));
  setLanes(1, H256.slice(4));
  for (let r = 0; r < 4; r++) setLanes(4 + r, w.slice(4 * r, 4 * r + 4));
  for (let g = 0; g < 16; g++) {
    setLanes(16, add(lanes(4), K256.slice(4 * g, 4 * g + 4)));
    setLanes(2, lanes(0));
    exec('SHA256H', 0, 1, 16);
    exec('SHA256H2', 1, 2, 16);
    exec('SHA256SU0', 4, 5);
    exec('SHA256SU1', 4, 6, 7);
    nextSchedule();
  }
  return digest([...add(lanes(0), H256.slice(0, 4)), ...add(lanes(1), H256.slice(4))]);
}

const H1 = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]; // FIPS 180-4 §5.3.1
const K1 = [0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6]; // FIPS 180-4 §4.2.1

function sha1(msg: Buffer): string {
  const w = block(msg);
  setLanes(0, H1.slice(0, 4));
  setLanes(1, [H1[4]!, 0, 0, 0]);
  for (let r = 0; r < 4; r++) setLanes(4 + r, w.slice(4 * r, 4 * r + 4));
  for (let g = 0; g < 20; g++) {
    const k = K1[Math.floor(g / 5)]!;
    setLanes(16, add(lanes(4), [k, k, k, k]));
    exec('SHA1H', 2, 0); // the next group's e: ROL(a, 30)
    exec(g < 5 ? 'SHA1C' : g < 10 || g >= 15 ? 'SHA1P' : 'SHA1M', 0, 1, 16);
    setLanes(1, lanes(2));
    exec('SHA1SU0', 4, 5, 6);
    exec('SHA1SU1', 4, 7);
    nextSchedule();
  }
  return digest([...add(lanes(0), H1.slice(0, 4)), (v32[4]! + H1[4]!) >>> 0]);
}

test('SHA-256 and SHA-1 from the SHA instructions equal node:crypto on "abc", "" and 200 random messages', () => {
  const msgs: Buffer[] = [Buffer.from('abc'), Buffer.alloc(0)];
  for (let i = 0; i < 200; i++) msgs.push(randomBytes(i % 56));
  for (const m of msgs) {
    assert.equal(sha256(m), createHash('sha256').update(m).digest('hex'), `sha256 of ${m.toString('hex')}`);
    assert.equal(sha1(m), createHash('sha1').update(m).digest('hex'), `sha1 of ${m.toString('hex')}`);
  }
});

const CALLS = 100_000;
const baseline = allocationBaseline();
for (const [id] of CRYPTO_OPS) {
  test(`${id} allocates nothing`, () => {
    for (let i = 0; i < 128; i++) v32[i] = (Math.imul(i + 1, 0x9e3779b9) >>> 0);
    const row = rowById(id);
    c.u32[INSN * 2] = (row.match | (1 << 5) | (row.fields.Rm ? 2 << 16 : 0)) >>> 0;
    const handler = FPSIMD_HANDLERS[id]!;
    const before = lanes(0);
    handler(c);
    assert.notDeepEqual(lanes(0), before, 'the instruction changed V0');
    const seen = allocatingRuns(() => {
      for (let i = 0; i < CALLS; i++) handler(c);
    }, 8, CALLS / 100, baseline);
    assert.equal(seen, undefined, `every run of ${CALLS} executions allocated: ${seen?.join(', ')}`);
  });
}
