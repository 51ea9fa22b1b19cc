// The GICv2 model (GICv2 Architecture Specification §3.2 interrupt handling and prioritization, §4.3–§4.4 registers):
// reset values as QEMU's virt board reads them, acknowledge/EOI of a level-sensitive PPI, priority masking,
// preemption and the binary point, software pending, edge-triggered SPIs. Offsets: GICD_CTLR 0x000, TYPER 0x004,
// IIDR 0x008, ISENABLER 0x100, ICENABLER 0x180, ISPENDR 0x200, ICPENDR 0x280, ISACTIVER 0x300, IPRIORITYR 0x400,
// ICFGR 0xc00, PIDR2 0xfe8; GICC_CTLR 0x00, PMR 0x04, BPR 0x08, IAR 0x0c, EOIR 0x10, RPR 0x14, HPPIR 0x18, IIDR 0xfc.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GicV2 } from '../../src/devices/gic.ts';

function gic(): { g: GicV2; d: (o: number, v?: number) => number; c: (o: number, v?: number) => number; edges: boolean[] } {
  const edges: boolean[] = [];
  const g = new GicV2((level) => edges.push(level));
  const d = (o: number, v?: number): number => (v === undefined ? g.distributor.read(o, 4) : (g.distributor.write(o, 4, v), 0));
  const c = (o: number, v?: number): number => (v === undefined ? g.cpuInterface.read(o, 4) : (g.cpuInterface.write(o, 4, v), 0));
  return { g, d, c, edges };
}

/** Distributor and CPU interface on, PMR 0xf0, INTID `id` enabled with priority `prio`. */
function enabled(ids: [number, number][]): ReturnType<typeof gic> {
  const t = gic();
  t.d(0x000, 1);
  t.c(0x00, 1);
  t.c(0x04, 0xf0);
  for (const [id, prio] of ids) {
    t.g.distributor.write(0x400 + id, 1, prio);
    t.d(0x100 + 4 * (id >> 5), 1 << (id & 31));
  }
  return t;
}

test('reset values: 288 IDs, SGIs enabled and edge-triggered, idle CPU interface', () => {
  const { d, c, g } = gic();
  assert.equal(d(0x004), 0x8, 'GICD_TYPER.ITLinesNumber = 8: 32 * 9 = 288 IDs, one CPU, no Security Extensions');
  assert.equal(d(0x008), 0x43b);
  assert.equal(d(0xfe8), 0x2b, 'GICD_PIDR2.ArchRev = 2');
  assert.equal(d(0x100), 0xffff, 'SGI enables read as one');
  assert.equal(d(0xc00), 0xaaaa_aaaa, 'SGIs edge-triggered');
  assert.equal(d(0xc04), 0, 'PPIs level-sensitive');
  assert.equal(d(0x818), 0, 'GICD_ITARGETSR: RAZ on a uniprocessor');
  assert.equal(c(0x14), 0xff, 'GICC_RPR idle');
  assert.equal(c(0x18), 1023);
  assert.equal(c(0x0c), 1023);
  assert.equal(c(0xfc), 0x2043b);
  assert.equal(g.output, false);
});

test('a level-sensitive PPI: pending → active and pending on acknowledge, pending again after EOI while asserted', () => {
  const { g, d, c, edges } = enabled([[26, 0xa0]]);
  g.setLevel(26, true);
  assert.equal(g.output, true);
  assert.equal(d(0x200), 1 << 26, 'ISPENDR0');
  assert.equal(c(0x18), 26, 'HPPIR');
  assert.equal(c(0x0c), 26, 'IAR acknowledges it');
  assert.equal(g.output, false, 'the running priority 0xa0 blocks it now');
  assert.equal(c(0x14), 0xa0, 'RPR');
  assert.equal(d(0x300), 1 << 26, 'active');
  assert.equal(d(0x200), 1 << 26, 'and still pending: the line is asserted');
  assert.equal(c(0x18), 1023, 'HPPIR: an active interrupt is not a candidate');
  assert.equal(c(0x0c), 1023, 'IAR: nothing to acknowledge');
  c(0x10, 26); // EOIR
  assert.equal(c(0x14), 0xff);
  assert.equal(d(0x300), 0);
  assert.equal(g.output, true, 'pending again');
  g.setLevel(26, false);
  assert.equal(d(0x200), 0, 'level-sensitive: pending follows the line');
  assert.equal(g.output, false);
  assert.deepEqual(edges, [true, false, true, false]);
});

test('priority masking: only priorities strictly higher than GICC_PMR are signalled; disabled parts signal nothing', () => {
  const { g, d, c } = enabled([[30, 0xa0]]);
  c(0x04, 0xa0);
  g.setLevel(30, true);
  assert.equal([g.output, c(0x18), c(0x0c)].join(), [false, 1023, 1023].join(), 'priority 0xa0 is not below PMR 0xa0');
  c(0x04, 0xa1);
  assert.equal([g.output, c(0x18)].join(), [true, 30].join());
  d(0x000, 0); // GICD_CTLR.EnableGrp0 = 0
  assert.equal([g.output, c(0x18)].join(), [false, 1023].join());
  d(0x000, 1);
  c(0x00, 0); // GICC_CTLR.EnableGrp0 = 0
  assert.equal(g.output, false);
  c(0x00, 1);
  d(0x180, 1 << 30); // ICENABLER0
  assert.equal([g.output, d(0x100)].join(), [false, 0xffff].join());
});

test('preemption by group priority (GICC_BPR); equal priorities go to the lower ID', () => {
  const { g, c } = enabled([[26, 0xa0], [27, 0x80], [30, 0x80]]);
  g.setLevel(26, true);
  assert.equal(c(0x0c), 26);
  g.setLevel(30, true);
  g.setLevel(27, true);
  assert.equal(g.output, true, '0x80 preempts running 0xa0');
  assert.equal(c(0x0c), 27, 'ID 27 before ID 30 at the same priority');
  assert.equal(c(0x14), 0x80);
  assert.equal(g.output, false, '30 (0x80) does not preempt 27 (0x80)');
  g.setLevel(27, false);
  c(0x10, 27);
  assert.equal(c(0x14), 0xa0, 'back to the running priority of 26');
  assert.equal(c(0x0c), 30);
  // BPR = 7: no group priority bits, so nothing preempts an active interrupt
  const b = enabled([[26, 0xa0], [27, 0x80]]);
  b.c(0x08, 7);
  b.g.setLevel(26, true);
  assert.equal(b.c(0x0c), 26);
  b.g.setLevel(27, true);
  assert.equal([b.g.output, b.c(0x0c), b.c(0x14)].join(), [false, 1023, 0].join(), 'group priority 0 running');
});

test('software pending (ISPENDR/ICPENDR) and an edge-triggered SPI latch until acknowledged', () => {
  const { g, d, c } = enabled([[26, 0x10], [40, 0x20]]);
  d(0x200, 1 << 26); // ISPENDR0 with the line low
  assert.equal([g.output, c(0x18)].join(), [true, 26].join());
  d(0x280, 1 << 26); // ICPENDR0
  assert.equal(g.output, false);
  d(0x200, 1 << 26);
  assert.equal(c(0x0c), 26, 'acknowledge clears the software pending state');
  c(0x10, 26);
  assert.equal(d(0x200), 0);
  d(0xc08, 2 << 16); // ICFGR2: SPI 40 (field 8) edge-triggered
  assert.equal(d(0xc08), 2 << 16);
  g.setLevel(40, true);
  g.setLevel(40, false);
  assert.equal(d(0x204), 1 << 8, 'the rising edge stays latched');
  assert.equal(c(0x0c), 40);
  assert.equal(d(0x204), 0);
});

test('SGIs: GICD_SGIR to this PE, pending per source (SPENDSGIR/CPENDSGIR), GICC_IAR.CPUID, writable active bits', () => {
  const { g, d, c } = enabled([[3, 0x10], [5, 0x20]]);
  d(0xf00, (1 << 24) | 3); // TargetListFilter 1: every other PE, none on a uniprocessor
  d(0xf00, (0 << 24) | (0xfe << 16) | 3); // a target list without CPU 0
  assert.equal([g.output, d(0x200)].join(), [false, 0].join());
  d(0xf00, (2 << 24) | 0x8003); // to this PE only; NSATT (bit 15) ignored without Security Extensions
  assert.equal([g.output, d(0x200), d(0xf20)].join(), [true, 1 << 3, 1 << 24].join(), 'ISPENDR0 and SPENDSGIR0 byte 3 show source 0');
  d(0x200, 1 << 5); // ISPENDR0 does not set an SGI pending
  d(0x280, 1 << 3); // nor does ICPENDR0 clear one
  assert.equal(d(0x200), 1 << 3);
  g.distributor.write(0xf25, 1, 0x84); // SPENDSGIR1 byte 1 (SGI 5): sources 2 and 7
  assert.equal(d(0xf24), 0x8400);
  assert.equal(c(0x0c), 3, 'SGI 3 from CPU 0');
  c(0x10, 3);
  assert.equal(c(0x0c), 5 | (2 << 10), 'SGI 5, lowest source first: CPUID 2');
  assert.equal([d(0x300), d(0xf24)].join(), [1 << 5, 0x8000].join(), 'active and still pending from source 7');
  d(0x380, 1 << 5); // ICACTIVER0 deactivates an SGI
  assert.equal([d(0x300), c(0x14)].join(), [0, 0x20].join(), 'deactivated, its priority still active (GICC_RPR) until the EOI');
  c(0x10, 5);
  assert.equal(c(0x14), 0xff);
  g.distributor.write(0xf15, 1, 0x80); // CPENDSGIR1 byte 1: source 7 no longer pending
  assert.equal([g.output, d(0x200), c(0x0c)].join(), [false, 0, 1023].join());
  d(0xf00, (3 << 24) | 0x10005); // filter 3 (reserved) reaches this PE as on QEMU
  assert.equal(c(0x0c), 5);
});
