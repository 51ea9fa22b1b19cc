// Random address-translation probes against QEMU (scripts/atdiff.ts): a program that, from EL2, loads random values
// into the registers that steer the EL1&0 translation regime — HCR_EL2 (VM, DC, PTW), SCTLR_EL1, TCR_EL1, TTBR0/1_EL1,
// VTCR_EL2, VTTBR_EL2, MAIR_EL1 — over one 64 KiB region of random descriptors, and runs AT S1E*/S12E* on random
// VAs, printing PAR_EL1 (and any Data Abort an AT takes) through semihosting. Out of the draw, by design: HCR_EL2.TGE
// (QEMU 7.2 walks the stage-1 tables under it, DEVIATIONS D1), PTW without stage 2 (QEMU treats that walk as Device),
// table addresses in QEMU's PCIe windows (all-ones there, not modelled) and device registers (a walk would read them).
import { Rng } from '../random/program.ts';

/** One AT of the program: its output key, operation, input and the configuration it ran under. */
export interface Probe {
  readonly key: string;
  readonly op: AtOp;
  readonly va: bigint;
  readonly tcr: bigint;
  readonly vtcr: bigint;
}

export interface AtProgram {
  readonly source: string;
  readonly probes: readonly Probe[];
}

export const AT_OPS = ['s1e1r', 's1e1w', 's1e0r', 's1e0w', 's12e1r', 's12e1w', 's12e0r', 's12e0w'] as const;
export type AtOp = (typeof AT_OPS)[number];

const RAM = 0x4000_0000n;
const REGION_BYTES = 0x1_0000;
const DESCRIPTORS = REGION_BYTES / 8;
const PROBES_PER_CONFIG = 5;
/** MAIR attribute bytes: Device nGnRnE/nGnRE/nGRE/GRE, Normal NC, WB, WT and mixes (no reserved encodings). */
const ATTRS = [0x00, 0x04, 0x08, 0x0c, 0x44, 0xff, 0xbb, 0x4f, 0xf4, 0xaa, 0x77];

const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** A descriptor's output or next-table address: RAM pages, empty flash, unassigned PAs, or beyond 44 bits. */
function address(g: Rng): bigint {
  const r = g.below(100);
  if (r < 60) return RAM + BigInt(g.below(0x800)) * 0x1000n;
  if (r < 70) return BigInt(g.below(0x800)) * 0x1000n; // flash bank 0 (reads as zero, empty)
  if (r < 85) return 0x1_0000_0000n + BigInt(g.below(0x3e_0000)) * 0x1000n; // unassigned: 4 GiB .. 252 GiB
  return (1n << 44n) + ((g.u64() & ((1n << 48n) - 1n) & ~0xfffn) % (0xf000_0000_0000n)); // beyond PARange
}

/** A random descriptor: invalid (random bits), table (into the region), or block/page with random attributes. */
function descriptor(g: Rng): string {
  const r = g.below(100);
  if (r < 20) return hex(g.u64() & ~1n);
  if (r < 55) {
    const hi = g.below(10) < 3 ? BigInt(g.below(32)) << 59n : 0n; // APTable, UXN/PXNTable, NSTable
    return `tbl + ${hex(BigInt(g.below(16)) * 0x1000n)} + ${hex(hi | 3n)}`;
  }
  let d = address(g) | (BigInt(g.below(1024)) << 2n); // AttrIndx, NS, AP, SH, AF, nG
  if (g.below(100) < 85) d |= 1n << 10n; // AF mostly set
  if (g.below(10) < 3) d |= BigInt(g.below(16)) << 51n; // DBM, Contiguous, PXN, UXN
  if (g.below(10) < 2) d |= BigInt(g.below(128)) << 55n; // software bits
  return hex(d | (g.below(2) === 0 ? 1n : 3n));
}

/** TxSZ: mostly in range, sometimes any 6-bit value. */
const txsz = (g: Rng, lo: number, hi: number): bigint => BigInt(g.below(10) < 8 ? lo + g.below(hi - lo + 1) : g.below(64));

function tcrEl1(g: Rng): bigint {
  let v = txsz(g, 16, 39) | (txsz(g, 16, 39) << 16n);
  v |= BigInt(g.below(4)) << 14n; // TG0, reserved and 16K included (IMPLEMENTATION DEFINED substitute)
  v |= BigInt(g.below(4)) << 30n; // TG1
  v |= BigInt(g.below(10) < 3 ? g.below(8) : 4) << 32n; // IPS
  if (g.below(10) === 0) v |= 1n << 7n; // EPD0
  if (g.below(5) === 0) v |= 1n << 23n; // EPD1
  v |= BigInt(g.below(4)) << 37n; // TBI0, TBI1
  v |= BigInt(g.below(2)) << 22n; // A1
  v |= BigInt(g.below(2)) << 36n; // AS
  v |= (BigInt(g.below(64)) << 8n) | (BigInt(g.below(64)) << 24n); // cacheability, shareability
  return v;
}

function vtcrEl2(g: Rng): bigint {
  let v = (1n << 31n) | txsz(g, 20, 39) | (BigInt(g.below(4)) << 6n); // RES1, T0SZ, SL0
  v |= BigInt(g.below(5) === 0 ? g.below(4) : g.below(2)) << 14n; // TG0
  v |= BigInt(g.below(10) < 4 ? g.below(8) : 4) << 16n; // PS
  return v | (BigInt(g.below(64)) << 8n);
}

function va(g: Rng): bigint {
  const r = g.below(100);
  let v: bigint;
  if (r < 50) v = BigInt.asUintN(64, g.u64() & ((1n << BigInt([12, 21, 30, 39, 44, 47][g.below(6)]!)) - 1n));
  else if (r < 75) v = ~(g.u64() & ((1n << BigInt([21, 30, 39, 47][g.below(4)]!)) - 1n)) & ((1n << 64n) - 1n);
  else v = g.u64();
  if (g.below(5) === 0) v = (v & ((1n << 56n) - 1n)) | (BigInt(g.below(256)) << 56n); // a tag
  return v;
}

export function atProgram(seed: number, configs: number): AtProgram {
  const g = new Rng(seed);
  const descriptors = Array.from({ length: DESCRIPTORS }, () => descriptor(g));
  const lines = ['\t.include "lib.inc"', 'main:'];
  const probes: Probe[] = [];
  for (let c = 0; c < configs; c++) {
    const vm = g.below(2);
    const hcr = (1n << 31n) | BigInt(vm) | (g.below(10) === 0 ? 1n << 12n : 0n) | (vm !== 0 && g.below(2) !== 0 ? 4n : 0n);
    const sctlr = 0x30d0_0800n | (g.below(10) < 8 ? 1n : 0n) | (g.below(5) === 0 ? 1n << 19n : 0n) | (BigInt(g.below(2)) << 2n);
    const table = (asidBits: number, lowBits: boolean): string =>
      `tbl + ${hex(BigInt(g.below(16)) * 0x1000n + (lowBits && g.below(10) === 0 ? BigInt(g.below(64)) * 2n : 0n))} + ${hex(BigInt(g.below(2 ** asidBits)) << 48n)}`;
    const tcr = tcrEl1(g);
    const vtcr = vtcrEl2(g);
    let mair = 0n;
    for (let i = 0; i < 8; i++) mair |= BigInt(ATTRS[g.below(ATTRS.length)]!) << BigInt(8 * i);
    const regs: [string, string][] = [
      ['hcr_el2', hex(hcr)], ['sctlr_el1', hex(sctlr)], ['tcr_el1', hex(tcr)], ['ttbr0_el1', table(16, true)],
      ['ttbr1_el1', table(16, false)], ['vtcr_el2', hex(vtcr)], ['vttbr_el2', table(8, true)], ['mair_el1', hex(mair)],
    ];
    for (const [name, value] of regs) lines.push(`\tldr\tx0, =${value}`, `\tmsr\t${name}, x0`);
    lines.push('\tisb', '\ttlbi\talle1', '\tdsb\tsy', '\tisb');
    for (let k = 0; k < PROBES_PER_CONFIG; k++) {
      const p: Probe = { key: `c${c}_${k}`, op: AT_OPS[g.below(AT_OPS.length)]!, va: va(g), tcr, vtcr };
      probes.push(p);
      lines.push(`\tldr\tx1, =${hex(p.va)}`, `\tat\t${p.op}, x1`, '\tisb', `\tPRINTSYS ${p.key}, par_el1`);
    }
    if (c % 8 === 7) lines.push('\tb\t1f', '\t.ltorg', '1:');
  }
  lines.push('\tEXIT', '\t.data', `\t.balign\t${REGION_BYTES}`, 'tbl:', ...descriptors.map((d) => `\t.quad\t${d}`));
  return { source: `${lines.join('\n')}\n`, probes };
}
