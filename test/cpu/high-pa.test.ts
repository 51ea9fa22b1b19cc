// The CPU's loads and stores reach exactly the PA they name over a RAM that ends at 2^44 (issue 11: PAs 4 GiB apart
// shared a page). Random programs store to and load from PA pairs a multiple of 4 GiB apart, near 4/8/16/… GiB and
// the top of RAM — at EL2 with the MMU off (code, results and data all above 4 GiB), and at EL1 through stage 1 +
// stage 2 (VAs and IPAs above 4 GiB too, the tables themselves above 4 GiB, plus exclusives and DC ZVA) — looping
// so that their blocks are translated; interpreted and translated runs must match a plain map of bytes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { assemble } from '../../src/asm/assemble.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { TEST_HOT as HOT } from '../helpers/translate.ts';
import { PC } from '../../src/cpu/state.ts';
import { PhysMemory } from '../../src/memory/phys.ts';
import { GIB4, paPairIn } from '../helpers/high-pa.ts';
import { AF, AP_RW_EL1, BLOCK, enterEl1Stage12, PXN, S2_NORMAL_WB, S2AP_RW, Tables, UXN } from '../mmu/tables.ts';

const BASE = 0x4000_0000;
const SIZE = 2 ** 44 - BASE;
/** Code, results and tables: 16 MiB at 12 GiB + 1 GiB (under a 32-bit page index: the RAM at 1 GiB, where QEMU loads). */
const RESERVED = 3 * GIB4 + BASE;
const CODE = RESERVED;
const RESULTS = RESERVED + 0x40_0000;
const S1_TABLES = RESERVED + 0x80_0000;
const S2_TABLES = RESERVED + 0xc0_0000;
const RESERVED_END = RESERVED + 0x100_0000;
const ITERATIONS = HOT + 4;

type Op =
  | { kind: 'st' | 'ld'; at: number; size: 1 | 2 | 4 | 8 | 16; value: bigint }
  | { kind: 'stxr'; at: number; value: bigint } // LDXR then STXR of 8 bytes (MMU on: Normal memory)
  | { kind: 'zva'; at: number }; // DC ZVA of the 64-byte block (MMU on: Normal memory)

const SUFFIX = { 1: 'b', 2: 'h', 4: '', 8: '' } as const;
const reg = (size: number, n: number) => (size === 8 ? `x${n}` : `w${n}`);

/** The assembly of one op; `addr` is the address the program uses for its PA (the PA itself, or a VA). */
function opText(op: Op, addr: number): string {
  const a = `    ldr x1, =0x${addr.toString(16)}\n`;
  switch (op.kind) {
    case 'st':
      if (op.size === 16) return `${a}    ldr x2, =0x${(op.value & 0xffff_ffff_ffff_ffffn).toString(16)}\n    mvn x3, x2\n    stp x2, x3, [x1]\n`;
      return `${a}    ldr x2, =0x${op.value.toString(16)}\n    str${SUFFIX[op.size]} ${reg(op.size, 2)}, [x1]\n`;
    case 'ld':
      if (op.size === 16) return `${a}    ldp x3, x4, [x1]\n    stp x3, x4, [x9], #16\n`;
      return `${a}    ldr${SUFFIX[op.size]} ${reg(op.size, 3)}, [x1]\n    str x3, [x9], #16\n`;
    case 'stxr':
      return `${a}    ldr x2, =0x${op.value.toString(16)}\n    ldxr x3, [x1]\n    stxr w4, x2, [x1]\n    stp x3, x4, [x9], #16\n`;
    case 'zva':
      return `${a}    dc zva, x1\n`;
  }
}

/** The program at CODE: the ops ITERATIONS times (x9 = RESULTS at the start of each), then `b .` at `end`. */
function program(ops: readonly Op[], addrOf: (pa: number) => number): { bytes: Uint8Array; end: bigint } {
  const src = `
_start:
    movz x28, #${ITERATIONS}
again:
    ldr x9, =0x${RESULTS.toString(16)}
${ops.map((op) => opText(op, addrOf(op.at))).join('')}
    subs x28, x28, #1
    b.ne again
end:
    b end
    .ltorg
`;
  const r = assemble('high-pa.S', src, { base: BigInt(CODE) });
  assert.deepEqual(r.diagnostics, []);
  return { bytes: r.sections[0]!.bytes, end: r.symbols.find((s) => s.name === 'end')!.addr };
}

const byteOf = (v: bigint, i: number): number => Number((v >> BigInt(8 * i)) & 0xffn);

/** The ops on a map of bytes, ITERATIONS times: the final memory and the results of the last iteration. */
function reference(ops: readonly Op[]): { mem: Map<number, number>; results: bigint[] } {
  const mem = new Map<number, number>();
  const get = (pa: number, n: number): bigint => {
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(mem.get(pa + i) ?? 0);
    return v;
  };
  const put = (pa: number, n: number, v: bigint): void => {
    for (let i = 0; i < n; i++) mem.set(pa + i, byteOf(v, i));
  };
  let results: bigint[] = [];
  for (let it = 0; it < ITERATIONS; it++) {
    results = [];
    for (const op of ops) {
      if (op.kind === 'zva') put(op.at - (op.at % 64), 64, 0n);
      else if (op.kind === 'stxr') {
        results.push(get(op.at, 8), 0n); // the load, then STXR's status 0: nothing broke the reservation
        put(op.at, 8, op.value);
      } else if (op.kind === 'st') {
        if (op.size === 16) {
          put(op.at, 8, op.value);
          put(op.at + 8, 8, ~op.value & 0xffff_ffff_ffff_ffffn);
        } else put(op.at, op.size, op.value & ((1n << BigInt(8 * op.size)) - 1n));
      } else if (op.size === 16) results.push(get(op.at, 8), get(op.at + 8, 8));
      else results.push(get(op.at, op.size), 0n);
    }
  }
  return { mem, results };
}

/** Random ops on the PAs of random pairs (a multiple of 4 GiB apart or not), away from the reserved 16 MiB. */
function opsArb(mmuOn: boolean): fc.Arbitrary<Op[]> {
  const outside = ([a, b]: [number, number]) => [a, b].every((p) => p + 64 <= RESERVED || p >= RESERVED_END);
  return fc.array(paPairIn(BASE, SIZE, 64).filter(outside), { minLength: 1, maxLength: 6 }).chain((pairs) => {
    const pas = pairs.flat();
    const at = fc.tuple(fc.constantFrom(...pas), fc.integer({ min: 0, max: 3 })).map(([p, k]) => p + 16 * k);
    const value = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
    const plain = fc.record({ kind: fc.constantFrom('st' as const, 'ld' as const), at, size: fc.constantFrom(1 as const, 2 as const, 4 as const, 8 as const, 16 as const), value });
    const special = fc.oneof(fc.record({ kind: fc.constant('stxr' as const), at, value }), fc.record({ kind: fc.constant('zva' as const), at }));
    return fc.array(mmuOn ? fc.oneof({ weight: 5, arbitrary: plain }, { weight: 1, arbitrary: special }) : plain, { minLength: 1, maxLength: 24 });
  }) as fc.Arbitrary<Op[]>;
}

/**
 * EL1 under stage 1 + stage 2 (VMID 1, 4K pages): the reserved 16 MiB identity-mapped, and each data page given a VA
 * page and an IPA page of its own, both above 4 GiB (k-th page: VA 2^40 + k · 0x11000, IPA (k + 2) · 4 GiB + k · 0x3000).
 * Returns the VA of each data PA.
 */
function enterEl1(c: Cpu, pages: readonly number[]): (pa: number) => number {
  const s1 = new Tables(c.mem, 12, 0, 48, S1_TABLES);
  const s2 = new Tables(c.mem, 12, 0, 44, S2_TABLES);
  for (let a = RESERVED; a < RESERVED_END; a += 0x20_0000) {
    s1.map(BigInt(a), BigInt(a), 2, AF | AP_RW_EL1 | BLOCK);
    s2.map(BigInt(a), BigInt(a), 2, AF | S2_NORMAL_WB | S2AP_RW);
  }
  const vaOf = new Map<number, number>();
  pages.forEach((pa, k) => {
    const va = 2 ** 40 + k * 0x11000;
    const ipa = (k + 2) * GIB4 + k * 0x3000;
    s1.map(BigInt(va), BigInt(ipa), 3, AF | AP_RW_EL1 | PXN | UXN);
    s2.map(BigInt(ipa), BigInt(pa), 3, AF | S2_NORMAL_WB | S2AP_RW);
    vaOf.set(pa, va);
  });
  assert.ok(s1.next <= S2_TABLES && s2.next <= RESERVED_END, 'tables overflow their space');
  enterEl1Stage12(c, s1.root, s2.root);
  return (pa) => vaOf.get(pa - (pa % 0x1000))! + (pa % 0x1000);
}

function run(ops: readonly Op[], mmuOn: boolean, translate: boolean): { mem: PhysMemory; results: bigint[]; pc: bigint; end: bigint } {
  const mem = new PhysMemory(BASE, SIZE);
  const c = new Cpu(CORTEX_A57, mem);
  c.reset(BigInt(CODE));
  const addrOf = mmuOn ? enterEl1(c, [...new Set(ops.map((op) => op.at - (op.at % 0x1000)))]) : (pa: number) => pa;
  const { bytes, end } = program(ops, addrOf);
  mem.writeBytes(CODE, bytes);
  c.translateBlocks = translate;
  c.translateAfter = HOT;
  for (let done = 0; done < 400_000 && c.x[PC] !== end; done += 997) c.run(997);
  const n = ops.reduce((k, op) => k + (op.kind === 'ld' || op.kind === 'stxr' ? 2 : 0), 0);
  const results = Array.from({ length: n }, (_, i) => mem.readU64(RESULTS + 8 * i));
  return { mem, results, pc: c.x[PC]!, end };
}

for (const mmuOn of [false, true]) {
  test(`property: loads and stores at PA pairs 4 GiB multiples apart match a map of bytes (${mmuOn ? 'EL1, stage 1 + stage 2' : 'EL2, MMU off'}), interpreted and translated`, () => {
    fc.assert(
      fc.property(opsArb(mmuOn), (ops) => {
        const ref = reference(ops);
        for (const translate of [false, true]) {
          const r = run(ops, mmuOn, translate);
          assert.equal(r.pc, r.end, `${translate ? 'translated' : 'interpreted'}: stopped at 0x${r.pc.toString(16)} (an exception?)`);
          assert.deepEqual(r.results.map((v) => v.toString(16)), ref.results.map((v) => v.toString(16)), 'loaded values');
          for (const op of ops) {
            const blk = op.at - (op.at % 64);
            for (let i = 0; i < 64; i++) assert.equal(r.mem.readU8(blk + i), ref.mem.get(blk + i) ?? 0, `byte at PA 0x${(blk + i).toString(16)}`);
          }
        }
      }),
      { numRuns: mmuOn ? 60 : 80 },
    );
  });
}
