// The virt board's interrupt path: CNTHP_EL2 (PPI 10, INTID 26) → GICv2 → IRQ to EL2 at an exact instruction count.
// The program (checked against GNU as):
//   0x00 d51ce200  msr cnthp_tval_el2, x0      ; at count 0: CVAL = T
//   0x04 d51ce221  msr cnthp_ctl_el2, x1       ; x1 = 1: ENABLE (the deadline T is now inside the machine's chunk)
//   0x08 910004a5  add x5, x5, #1
//   0x0c 17ffffff  b 0x08
//   VBAR_EL2 + 0x280: 14000000  b .            ; current EL with SP_ELx, IRQ
// By hand: the IRQ is taken at the boundary where count = T, i.e. after instructions 0 .. T-1. Instructions 2, 4, 6 …
// are the ADDs, so x5 = the even numbers in [2, T-1]; ELR_EL2 = the instruction at index T (0x08 if T is even, else 0x0c).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SR } from '../../src/arch/sysreg-table.ts';
import { PC } from '../../src/cpu/state.ts';
import type { ElfImage } from '../../src/elf/read.ts';
import { GICC_BASE, GICD_BASE } from '../../src/devices/gic.ts';
import { installTrace } from '../../src/machine/trace.ts';
import { VirtMachine } from '../../src/machine/virt.ts';

const CODE = 0x4008_0000;
const VBAR2 = 0x4009_0000;
const le = (...ws: number[]) => new Uint8Array(new Uint32Array(ws).buffer);

/** The board loaded with the program, the GIC set up for INTID 26 and PSTATE.I clear at EL2 with HCR_EL2.IMO = 1. */
function board(t: number, gicOn = true): VirtMachine {
  const m = new VirtMachine();
  const img: ElfImage = {
    entry: BigInt(CODE),
    segments: [
      { vaddr: BigInt(CODE), paddr: BigInt(CODE), data: le(0xd51ce200, 0xd51ce221, 0x910004a5, 0x17ffffff), memsz: 16n, flags: 5 },
      { vaddr: BigInt(VBAR2 + 0x280), paddr: BigInt(VBAR2 + 0x280), data: le(0x14000000), memsz: 4n, flags: 5 },
    ],
    symbols: [],
  };
  assert.equal(m.load(img), undefined);
  const mmio = (pa: number, v: number, size = 4): void => m.mem.deviceAt(pa)!.device.write(pa - m.mem.deviceAt(pa)!.base, size, v);
  if (gicOn) {
    mmio(GICD_BASE + 0x000, 1); // GICD_CTLR.EnableGrp0
    mmio(GICD_BASE + 0x100, 1 << 26); // GICD_ISENABLER0: INTID 26
    mmio(GICD_BASE + 0x400 + 26, 0x80, 1); // GICD_IPRIORITYR byte 26
    mmio(GICC_BASE + 0x04, 0xf0); // GICC_PMR
    mmio(GICC_BASE + 0x00, 1); // GICC_CTLR.EnableGrp0
  }
  const c = m.cpu;
  c.sr[SR.HCR_EL2] = (1n << 31n) | (1n << 4n); // RW, IMO
  c.sr[SR.VBAR_EL2] = BigInt(VBAR2);
  c.daif = 0x340; // PSTATE.I = 0
  c.x[0] = BigInt(t);
  c.x[1] = 1n;
  return m;
}

for (const t of [101, 100, 5]) {
  test(`CNTHP_TVAL_EL2 = ${t}: the IRQ is taken after exactly ${t} instructions`, () => {
    const m = board(t);
    const entries: number[] = [];
    m.cpu.traceException = (c) => entries.push(c.el);
    const r = m.run(1000);
    assert.equal(r.instructions, 1000);
    assert.deepEqual(entries, [2], 'one exception, to EL2');
    const adds = Math.floor((t - 1) / 2); // even indices 2 .. t-1
    assert.equal(m.cpu.x[5], BigInt(adds));
    assert.equal(m.cpu.sr[SR.ELR_EL2], BigInt(CODE + (t % 2 === 0 ? 8 : 12)));
    assert.equal(m.cpu.sr[SR.SPSR_EL2], 0x4000_0349n, 'Z (as reset), D A F set, I clear, EL2h');
    assert.equal(m.cpu.x[PC], BigInt(VBAR2 + 0x280));
    const gicc = m.mem.deviceAt(GICC_BASE)!.device;
    assert.equal(gicc.read(0x0c, 4), 26, 'GICC_IAR: the EL2 physical timer');
  });
}

test('VirtMachine.step (twostage walk) fires the timer at the same instruction as run', () => {
  const stepped = board(101);
  for (let i = 0; i < 300; i++) assert.equal(stepped.step().kind, 'budget');
  const ran = board(101);
  ran.run(300);
  assert.equal(stepped.cpu.x[PC], BigInt(VBAR2 + 0x280));
  assert.equal(stepped.cpu.sr[SR.ELR_EL2], ran.cpu.sr[SR.ELR_EL2]);
  assert.equal(stepped.cpu.x[5], ran.cpu.x[5]);
});

test('without the GIC forwarding it, the timer fires (ISTATUS) but no IRQ is taken', () => {
  const m = board(50, false);
  m.run(200);
  assert.equal(m.cpu.el, 2);
  assert.equal(m.cpu.x[5], 99n, 'instructions 2..199: 99 ADDs');
  assert.equal(m.gic?.output, false);
});

test('--trace int prints an IRQ line (no syndrome: ESR is not an IRQ\'s)', () => {
  const m = board(5);
  const lines: string[] = [];
  installTrace(m.cpu, ['int'], { write: (l) => lines.push(l) });
  m.run(20);
  assert.deepEqual(lines, [`interrupt EL2 -> EL2: IRQ ELR 0x${(CODE + 12).toString(16).padStart(16, '0')} -> PC 0x${(VBAR2 + 0x280).toString(16).padStart(16, '0')}`]);
});
