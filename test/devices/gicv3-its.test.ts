// The GICv3 ITS (src/devices/gicv3-its.ts) and the redistributor's LPIs (src/devices/gicv3-lpi.ts) against IHI 0069
// and QEMU 7.2's hw/intc/arm_gicv3_its.c / arm_gicv3_redist.c: register reset values and access rules, every command
// executed from a queue in guest memory, the tables in QEMU's formats, MSI -> LPI -> IAR delivery, the LPI
// Configuration and Pending tables, and bad guest input (stalls and ignored commands, each logged, never a throw).
// Offsets: GITS_CTLR 0x0, IIDR 0x4, TYPER 0x8, CBASER 0x80, CWRITER 0x88, CREADR 0x90, BASER<n> 0x100 + 8n,
// GITS_TRANSLATER 0x1_0040; GICR_CTLR 0x0, PROPBASER 0x70, PENDBASER 0x78.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GicV3 } from '../../src/devices/gicv3.ts';
import { GicV3Its } from '../../src/devices/gicv3-its.ts';
import { PhysMemory } from '../../src/memory/phys.ts';

const RAM = 0x4000_0000;
const PROP = RAM + 0x10_0000; // LPI Configuration table
const PEND = RAM + 0x20_0000; // LPI Pending table (64 KiB aligned)
const DT = RAM + 0x30_0000; // Device table
const CT = RAM + 0x40_0000; // Collection table
const CQ = RAM + 0x50_0000; // command queue: 4 KiB, 128 commands
const ITT = RAM + 0x60_0000;
const VALID_HI = 0x8000_0000;

function rig() {
  const mem = new PhysMemory(RAM, 0x100_0000);
  const irqs: boolean[] = [];
  const gic = new GicV3((l) => irqs.push(l), () => {}, { virq: () => {}, vfiq: () => {} }, mem);
  const its = new GicV3Its(mem, gic.lpis);
  const w = (o: number, v: number) => its.mmio.write(o, 4, v);
  const r = (o: number) => its.mmio.read(o, 4);
  const q = (o: number): [number, number] => {
    const out = new Uint32Array(2);
    its.mmio.readDoubleword(o, out);
    return [out[0]!, out[1]!];
  };
  let next = 0; // the next free command slot
  /** Queue commands (each 4 doublewords as [lo, hi] pairs) and write GITS_CWRITER past them. */
  const run = (...cmds: [number, number][][]) => {
    for (const c of cmds) {
      c.forEach(([lo, hi], i) => {
        const a = CQ + next * 32 + i * 8;
        for (let b = 0; b < 4; b++) mem.writeU8(a + b, (lo >>> (8 * b)) & 0xff);
        for (let b = 0; b < 4; b++) mem.writeU8(a + 4 + b, (hi >>> (8 * b)) & 0xff);
      });
      next = (next + 1) % 128;
    }
    w(0x88, next << 5);
  };
  return { mem, gic, its, irqs, w, r, q, run };
}
type Rig = ReturnType<typeof rig>;

// the commands (IHI 0069 "ITS command descriptions"), as [lo, hi] doublewords
const mapd = (dev: number, size: number, itt: number, valid = true): [number, number][] => [[0x08, dev], [size, 0], [valid ? itt % 2 ** 32 : 0, (valid ? VALID_HI : 0) | Math.floor(itt / 2 ** 32)], [0, 0]];
const mapc = (icid: number, rd: number, valid = true): [number, number][] => [[0x09, 0], [0, 0], [icid | (rd << 16), valid ? VALID_HI : 0], [0, 0]];
const mapti = (dev: number, ev: number, lpi: number, icid: number): [number, number][] => [[0x0a, dev], [ev, lpi], [icid, 0], [0, 0]];
const mapi = (dev: number, ev: number, icid: number): [number, number][] => [[0x0b, dev], [ev, 0], [icid, 0], [0, 0]];
const devEv = (cmd: number) => (dev: number, ev: number): [number, number][] => [[cmd, dev], [ev, 0], [0, 0], [0, 0]];
const int = devEv(0x03);
const clear = devEv(0x04);
const discard = devEv(0x0f);
const inv = devEv(0x0c);
const sync: [number, number][] = [[0x05, 0], [0, 0], [0, 0], [0, 0]];
const invall = (icid: number): [number, number][] => [[0x0d, 0], [0, 0], [icid, 0], [0, 0]];
const movi = (dev: number, ev: number, icid: number): [number, number][] => [[0x01, dev], [ev, 0], [icid, 0], [0, 0]];
const movall = (rd1: number, rd2: number): [number, number][] => [[0x0e, 0], [0, 0], [rd1 << 16, 0], [rd2 << 16, 0]];

/** LPIs enabled in the redistributor (16 ID bits), Group 1 enabled, PMR open; the ITS's tables and queue set, and
 *  the ITS enabled. `lpis`: Configuration-table bytes to set first. */
function ready(lpis: [number, number][] = []): Rig {
  const t = rig();
  for (const [id, entry] of lpis) t.mem.writeU8(PROP + id - 8192, entry);
  t.gic.redistributor.writeDoubleword(0x70, PROP | 15, 0); // GICR_PROPBASER: IDbits 15
  t.gic.redistributor.writeDoubleword(0x78, PEND, 0);
  t.gic.redistributor.write(0x0, 4, 1); // GICR_CTLR.EnableLPIs
  t.gic.distributor.write(0x0, 4, 2); // GICD_CTLR.EnableGrp1
  t.gic.writeIgrpen(1, 1);
  t.gic.writePmr(0xff);
  t.its.mmio.writeDoubleword(0x100, DT | 0x200, VALID_HI); // BASER0: 64 KiB pages, 1 page
  t.its.mmio.writeDoubleword(0x108, CT | 0x200, VALID_HI);
  t.its.mmio.writeDoubleword(0x80, CQ, VALID_HI); // CBASER: 1 page of 4 KiB
  t.w(0x0, 1);
  return t;
}

const pendingBit = (t: Rig, id: number) => (t.mem.readU8(PEND + (id >> 3)) >> (id & 7)) & 1;
const u32 = (t: Rig, pa: number) => (t.mem.readU8(pa) | (t.mem.readU8(pa + 1) << 8) | (t.mem.readU8(pa + 2) << 16) | (t.mem.readU8(pa + 3) << 24)) >>> 0;

test('ITS registers reset as QEMU 7.2 (gicv3_its_reset_hold, gicv3_arm_its_realize)', () => {
  const { r, q } = rig();
  assert.equal(r(0x0) >>> 0, 0x8000_0000, 'GITS_CTLR: Quiescent, disabled');
  assert.equal(r(0x4), 0x43b, 'GITS_IIDR');
  assert.deepEqual(q(0x8), [0x0001_efb1, 0x1f], 'GITS_TYPER: Physical, ITT entry 12 bytes, IDbits/Devbits/CIDbits 15, CIL, PTA 0');
  assert.deepEqual(q(0x100), [0x200, 0x0107_0000], 'GITS_BASER0: Device table, 64 KiB pages, 8-byte entries');
  assert.deepEqual(q(0x108), [0x200, 0x0407_0000], 'GITS_BASER1: Collection table');
  for (let n = 2; n < 8; n++) assert.deepEqual(q(0x100 + 8 * n), [0, 0], `GITS_BASER${n} unimplemented`);
  assert.deepEqual([q(0x80), q(0x88), q(0x90)], [[0, 0], [0, 0], [0, 0]], 'CBASER, CWRITER, CREADR');
  assert.deepEqual([r(0xffe8), r(0xffe0)], [0x3b, 0x94], 'PIDR2 (ArchRev 3), PIDR0 0x94 (the ITS frame)');
});

test('ITS register writes: read-only TYPER/IIDR, BASER Type/Entry_Size kept, BASER and CBASER frozen while enabled', () => {
  const t = rig();
  t.w(0x8, 0);
  t.its.mmio.writeDoubleword(0x8, 0, 0);
  t.w(0x4, 0);
  assert.deepEqual([t.r(0x8), t.r(0x4)], [0x0001_efb1, 0x43b]);
  t.its.mmio.writeDoubleword(0x100, 0xffff_ffff, 0xffff_ffff);
  assert.deepEqual(t.q(0x100), [0xffff_ffff, 0xf9e7_ffff], 'Entry_Size (52:48) and Type (58:56) read-only');
  t.w(0x110, 0xffff_ffff);
  assert.deepEqual(t.q(0x110), [0, 0], 'BASER2: RAZ/WI');
  t.w(0x104, 0x0000_1234); // the high half alone
  assert.deepEqual(t.q(0x100), [0xffff_ffff, 0x0107_1234]);
  t.w(0x0, 1); // enabled: BASER and CBASER are read-only (QEMU's IMPLEMENTATION DEFINED choice)
  t.w(0x100, 0);
  t.w(0x80, 0x1000);
  assert.deepEqual([t.q(0x100)[0], t.r(0x80)], [0xffff_ffff, 0]);
  t.w(0x0, 0);
  t.w(0x80, 0x1000);
  assert.equal(t.r(0x80), 0x1000, 'writable again once disabled');
  t.w(0x90, 0x41); // GITS_CREADR is writable with GICD_CTLR.DS = 1, Stalled excepted
  assert.equal(t.r(0x90), 0x40);
  assert.equal(t.its.mmio.read(0x0, 2), 0, 'a 16-bit access is RAZ/WI');
  assert.match(t.its.errors.at(-1)!, /invalid guest read of 2 bytes/);
});

test('MAPD, MAPC, MAPTI then INT: the LPI is pending, signalled as IRQ, acknowledged by IAR1 (its pending bit cleared) and EOId', () => {
  const t = ready([[8195, 0xa0 | 1]]);
  t.run(mapd(2, 4, ITT), mapc(3, 0), mapti(2, 20, 8195, 3), sync);
  assert.deepEqual([t.r(0x90), t.its.errors], [4 << 5, []], 'GITS_CREADR reached GITS_CWRITER');
  // the tables as QEMU writes them: DTE Valid | Size << 1 | ITT >> 8 << 6, CTE Valid | RDbase << 1, the 12-byte ITE
  assert.deepEqual([u32(t, DT + 16), u32(t, DT + 20)], [(1 | (4 << 1) | ((ITT / 256) % 2 ** 26) * 64) >>> 0, Math.floor(ITT / 256 / 2 ** 26)], 'DTE 2');
  assert.deepEqual([u32(t, CT + 24), u32(t, CT + 28)], [1, 0], 'CTE 3');
  assert.deepEqual([u32(t, ITT + 240), u32(t, ITT + 244), u32(t, ITT + 248)], [(3 | (8195 << 2)) >>> 0, 3, 1023], 'ITE 20');
  assert.equal(t.gic.irq, false);
  t.run(int(2, 20));
  assert.deepEqual([pendingBit(t, 8195), t.gic.irq, t.gic.hppir(1)], [1, true, 8195]);
  assert.equal(t.gic.acknowledge(1), 8195);
  assert.deepEqual([pendingBit(t, 8195), t.gic.irq, t.gic.rpr()], [0, false, 0xa0], 'no active state: pending cleared, priority active');
  t.gic.endOfInterrupt(1, 8195);
  assert.equal(t.gic.rpr(), 0xff, 'EOI drops the priority');
});

test('an MSI: a 32-bit write of the EventID to GITS_TRANSLATER (DeviceID 0 from the CPU); ignored while disabled', () => {
  const t = ready([[8200, 0x80 | 1]]);
  t.run(mapd(0, 15, ITT), mapc(0, 0), mapi(0, 8200, 0));
  t.its.mmio.write(0x1_0040, 4, 8200);
  assert.deepEqual([t.gic.irq, t.gic.acknowledge(1)], [true, 8200]);
  t.gic.endOfInterrupt(1, 8200);
  t.w(0x0, 0);
  t.its.mmio.write(0x1_0040, 4, 8200);
  assert.deepEqual([t.gic.irq, pendingBit(t, 8200)], [false, 0]);
  t.w(0x0, 1);
  t.its.mmio.write(0x1_0040, 2, 8200); // 16 bits are allowed too
  assert.equal(t.gic.irq, true);
  assert.equal(t.its.mmio.read(0x1_0040, 4), 0, 'GITS_TRANSLATER is write-only');
});

test('CLEAR makes the LPI not pending; DISCARD also unmaps the event (its ITE zeroed), so a later INT is ignored and logged', () => {
  const t = ready([[8192, 0x40 | 1]]);
  t.run(mapd(1, 3, ITT), mapc(0, 0), mapti(1, 5, 8192, 0), int(1, 5));
  assert.equal(pendingBit(t, 8192), 1);
  t.run(clear(1, 5));
  assert.deepEqual([pendingBit(t, 8192), t.gic.irq], [0, false]);
  t.run(int(1, 5), discard(1, 5));
  assert.deepEqual([pendingBit(t, 8192), u32(t, ITT + 60), u32(t, ITT + 68)], [0, 0, 0]);
  t.run(int(1, 5));
  assert.deepEqual([pendingBit(t, 8192), t.r(0x90) & 1], [0, 0], 'ignored, the queue goes on');
  assert.match(t.its.errors.at(-1)!, /INT: no valid ITT entry for DeviceID 1 EventID 5: ignored/);
});

test('the cached LPI: a Configuration-table change is seen after INV or INVALL, as QEMU caches only the best pending LPI', () => {
  const t = ready([[8192, 0x80 | 1], [8193, 0x80 | 1]]);
  t.run(mapd(0, 3, ITT), mapc(0, 0), mapi(0, 8192 - 8192, 0)); // MAPI: pINTID = EventID 0 is not an LPI
  assert.match(t.its.errors.at(-1)!, /MAPI: pINTID 0 is not an LPI: ignored/);
  t.run(mapti(0, 0, 8192, 0), mapti(0, 1, 8193, 0), int(0, 0), int(0, 1));
  assert.equal(t.gic.hppir(1), 8192, 'equal priorities: the lower INTID');
  t.mem.writeU8(PROP + 1, 0x20 | 1); // LPI 8193 to a higher priority, no INV yet
  assert.equal(t.gic.hppir(1), 8192, 'not seen before an invalidation');
  t.run(inv(0, 1));
  assert.equal(t.gic.hppir(1), 8193, 'INV: seen');
  t.mem.writeU8(PROP + 1, 0x20); // disabled
  t.run(invall(0));
  assert.equal(t.gic.hppir(1), 8192, 'INVALL: 8193 disabled');
  t.mem.writeU8(PROP, 0x80);
  t.run(invall(0));
  assert.deepEqual([t.gic.hppir(1), t.gic.irq], [1023, false], 'both disabled, both still pending in the table');
  assert.deepEqual([pendingBit(t, 8192), pendingBit(t, 8193)], [1, 1]);
});

test('LPIs against SPIs: higher priority first, an SPI wins a tie (lower INTID); GICR_CTLR.EnableLPIs and GICD_CTLR.EnableGrp1 gate LPIs', () => {
  const t = ready([[9000, 0x40 | 1]]);
  t.gic.distributor.write(0x400 + 40, 1, 0x40); // SPI 40: priority 0x40, Group 1, enabled, pending
  t.gic.distributor.write(0x084, 4, 1 << 8);
  t.gic.distributor.write(0x104, 4, 1 << 8);
  t.gic.distributor.write(0x204, 4, 1 << 8);
  t.run(mapd(0, 15, ITT), mapc(0, 0), mapti(0, 0, 9000, 0), int(0, 0));
  assert.equal(t.gic.hppir(1), 40, 'the SPI wins the tie');
  t.gic.distributor.write(0x400 + 40, 1, 0x60);
  assert.equal(t.gic.hppir(1), 9000, 'the LPI has the higher priority');
  t.gic.redistributor.write(0x0, 4, 0);
  assert.deepEqual([t.gic.hppir(1), t.gic.redistributor.read(0x0, 4)], [40, 2], 'EnableLPIs 0: the LPI is not offered (GICR_CTLR: CES)');
  t.gic.redistributor.write(0x0, 4, 1); // enabling rescans the Pending table
  assert.equal(t.gic.hppir(1), 9000);
  t.gic.distributor.write(0x0, 4, 0);
  assert.equal(t.gic.hppir(1), 1023, 'GICD_CTLR.EnableGrp1 = 0');
});

test('an LPI made pending outside the Pending table\'s range (GICR_PROPBASER.IDbits) is dropped; IDbits above 15 count as 15', () => {
  const t = ready([[8300, 0x10 | 1]]);
  t.gic.redistributor.writeDoubleword(0x70, PROP | 12, 0); // IDbits 12: INTIDs below 8192, so no LPI at all
  t.run(mapd(0, 15, ITT), mapc(0, 0), mapti(0, 3, 8300, 0), int(0, 3));
  assert.deepEqual([pendingBit(t, 8300), t.gic.irq], [0, false]);
  t.gic.redistributor.writeDoubleword(0x70, PROP | 31, 0);
  t.run(int(0, 3));
  assert.deepEqual([pendingBit(t, 8300), t.gic.hppir(1)], [1, 8300]);
});

test('MOVI moves the event to another collection (the ITE\'s ICID); MOVALL between the one redistributor is a no-op', () => {
  const t = ready([[8192, 0x10 | 1]]);
  t.run(mapd(0, 3, ITT), mapc(0, 0), mapc(7, 0), mapti(0, 2, 8192, 0), movi(0, 2, 7));
  assert.equal(u32(t, ITT + 28), 7, 'ITE 2: ICID 7');
  t.run(movi(0, 2, 9));
  assert.match(t.its.errors.at(-1)!, /MOVI: no valid Collection table entry for ICID 9: ignored/);
  t.run(int(0, 2), movall(0, 0));
  assert.equal(t.gic.hppir(1), 8192);
  t.run(movall(0, 1), mapc(1, 1));
  assert.deepEqual(t.its.errors.slice(-2), ['ITS MOVALL: RDbase2 1: no such redistributor: ignored', 'ITS MAPC: RDbase 1: no such redistributor: ignored']);
  t.run(mapc(0, 0, false), int(0, 2)); // unmapping collection 0 is fine
  assert.equal(u32(t, CT), 0);
});

test('two-level Device table (BASER0.Indirect): a level-1 entry points to the level-2 page; no level-2 page drops the MAPD', () => {
  const t = rig();
  const L2 = RAM + 0x70_0000;
  t.its.mmio.writeDoubleword(0x100, DT | 0x200, VALID_HI | 0x4000_0000); // Indirect, 64 KiB pages
  t.its.mmio.writeDoubleword(0x108, CT | 0x200, VALID_HI);
  t.its.mmio.writeDoubleword(0x80, CQ, VALID_HI);
  // level-1 entry 0 valid (devices 0..8191 with 8-byte entries in a 64 KiB page), entry 1 invalid
  for (let i = 0; i < 4; i++) t.mem.writeU8(DT + i, (L2 >>> (8 * i)) & 0xff); // level-2 address bits 31:0
  t.mem.writeU8(DT + 7, 0x80); // Valid (bit 63)
  t.w(0x0, 1);
  t.run(mapd(5, 1, ITT), mapd(8192 + 5, 1, ITT));
  assert.equal(u32(t, L2 + 40) & 1, 1, 'DTE 5 in the level-2 table');
  assert.deepEqual([t.its.errors, t.r(0x90)], [[], 2 << 5], 'the second is dropped silently, the queue goes on');
});

test('bad guest input never throws: a queue or table outside RAM stalls (CREADR.Stalled), bad parameters are skipped, each logged', () => {
  const t = ready();
  t.run(mapd(0x1_0000, 1, ITT));
  assert.match(t.its.errors.at(-1)!, /MAPD: DeviceID 65536 beyond the Device table \(8192 entries\): ignored/);
  t.run(mapd(0, 16, ITT), [[0x2a, 0], [0, 0], [0, 0], [0, 0]], [[0xff, 0], [0, 0], [0, 0], [0, 0]]);
  assert.deepEqual(t.its.errors.slice(-3), ['ITS MAPD: Size 16 above GITS_TYPER.IDbits 15: ignored', 'ITS: unknown command 0x2a: ignored', 'ITS: unknown command 0xff: ignored']);
  assert.equal(t.r(0x90), 4 << 5, 'every one skipped');
  // an ITT outside RAM: MAPTI cannot write the entry and stalls on it
  t.run(mapd(3, 1, 0x1000), mapc(0, 0), mapti(3, 0, 8192, 0), sync);
  assert.deepEqual([t.r(0x90), t.r(0x88)], [(6 << 5) | 1, 8 << 5], 'stalled on the MAPTI: offset 6, Stalled');
  assert.match(t.its.errors.at(-1)!, /MAPTI: the ITT entry cannot be written: stalled/);
  t.w(0x88, 8 << 5); // still stalled: retried, stalls again
  assert.equal(t.r(0x90), (6 << 5) | 1);
  // a command queue outside RAM
  const u = rig();
  u.its.mmio.writeDoubleword(0x80, 0x1000, VALID_HI);
  u.w(0x0, 1);
  u.w(0x88, 1 << 5);
  assert.deepEqual([u.r(0x90), u.its.errors.at(-1)], [1, 'ITS: the command at 0x1000 cannot be read: stalled']);
  u.w(0x88, 200 << 5);
  assert.match(u.its.errors.at(-1)!, /GITS_CWRITER offset 200 beyond the command queue \(128 commands\)/);
  // no valid BASERs: every command that needs a table is skipped
  const v = rig();
  v.its.mmio.writeDoubleword(0x80, CQ, VALID_HI);
  v.w(0x0, 1);
  v.run(mapc(0, 0));
  assert.match(v.its.errors.at(-1)!, /MAPC: ICID 0 beyond the Collection table \(0 entries\)/);
  // a Pending table outside RAM: reads give 0, writes are dropped; as on QEMU the LPI made pending is still the cached
  // one (set_pending_table_bit's write fails silently), and an acknowledge cannot clear a bit that never was set
  const x = ready([[8192, 0x10 | 1]]);
  x.gic.redistributor.writeDoubleword(0x78, 0x10_0000, 0);
  x.run(mapd(0, 1, ITT), mapc(0, 0), mapti(0, 0, 8192, 0), int(0, 0));
  assert.deepEqual([x.gic.irq, x.gic.acknowledge(1), x.gic.hppir(1)], [true, 8192, 8192]);
});

test('reset() empties the ITS: registers to their reset values, the log cleared', () => {
  const t = ready();
  t.run(mapd(0x1_0000, 1, ITT));
  t.its.reset();
  assert.deepEqual([t.r(0x0) >>> 0, t.q(0x80), t.q(0x100), t.its.errors], [0x8000_0000, [0, 0], [0x200, 0x0107_0000], []]);
});
