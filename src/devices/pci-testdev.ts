// QEMU's pci-testdev (hw/misc/pci-testdev.c, `-device pci-testdev`; 1b36:0005, class code 0x00ff00: QEMU writes
// PCI_CLASS_OTHERS, 0xff, as the 16-bit class word, so base class 0x00, subclass 0xff; no interrupt pin), the
// device kvm-unit-tests' pci-test drives: BAR0 4 KiB of memory space, BAR1 256 bytes of I/O space. Each BAR shows the
// header of its current test — byte 0 `test` (write: select test N of this BAR, 0..2), 1 `width` (1), 4 `offset`
// (u32), 8 `data` (the byte a matching write carries), 12 `count` (u32, writes seen), 16 the name, NUL-terminated —
// and counts writes at the test's offset: "no-eventfd" and "datamatch-eventfd" only a byte equal to `data`
// (0xFA), "wildcard-eventfd" any (0xCE in `data`). Offsets: memory tests at 2048 + i, I/O tests at 128 + i, i the
// test's index 0..5 over both BARs (memory 0..2, I/O 3..5). Registers are one byte wide (QEMU impl.max_access_size 1):
// a wider access is that many byte accesses, the lowest address first, little-endian; a read past the current
// header, or with no test selected, reads 0. The eventfds of QEMU are host plumbing and have no guest-visible effect
// here beyond the counting. One test is current across both BARs (selecting one in either BAR resets it).
import { PciFunction, type PciBar } from './pci-function.ts';

const TESTS = ['no-eventfd', 'wildcard-eventfd', 'datamatch-eventfd'] as const;
const DATAMATCH = 0xfa;
const NOMATCH = 0xce;

interface TestHeader {
  readonly bytes: Uint8Array;
  readonly offset: number;
  readonly matchData: boolean;
}

function header(i: number): TestHeader {
  const mem = i < TESTS.length;
  const test = TESTS[i % TESTS.length]!;
  const name = `${mem ? 'mmio' : 'portio'}-${test}`;
  const bytes = new Uint8Array(16 + name.length + 1);
  const dv = new DataView(bytes.buffer);
  const offset = (mem ? 2048 : 128) + i;
  const matchData = test !== 'wildcard-eventfd';
  bytes[0] = i;
  bytes[1] = 1;
  dv.setUint32(4, offset, true);
  bytes[8] = matchData ? DATAMATCH : NOMATCH;
  for (let k = 0; k < name.length; k++) bytes[16 + k] = name.charCodeAt(k);
  return { bytes, offset, matchData };
}

export class PciTestdev {
  private readonly tests = Array.from({ length: 2 * TESTS.length }, (_, i) => header(i));
  private current = -1;
  readonly fn: PciFunction;

  constructor() {
    const bar = (kind: 'io' | 'mem', size: number, type: number): PciBar => ({
      kind, size,
      read: (o) => this.readByte(o),
      write: (o, v) => this.writeByte(o, v, type),
    });
    this.fn = new PciFunction(
      { vendor: 0x1b36, device: 0x0005, revision: 0, classCode: 0x00ff00, subsystemVendor: 0x1af4, subsystem: 0x1100, interruptPin: 0 },
      [bar('mem', 4096, 0), bar('io', 256, 1)],
    );
  }

  private readByte(offset: number): number {
    const t = this.tests[this.current];
    if (t === undefined || offset + 1 >= t.bytes.length) return 0; // QEMU: addr + size >= bufsize reads 0
    return t.bytes[offset]!;
  }

  /** A byte written to the BAR of `type` (0 memory, 1 I/O). */
  private writeByte(offset: number, value: number, type: number): void {
    if (offset === 0) {
      this.current = -1;
      if (value >= TESTS.length) return;
      this.current = type * TESTS.length + value;
      new DataView(this.tests[this.current]!.bytes.buffer).setUint32(12, 0, true); // count = 0
      return;
    }
    const t = this.tests[this.current];
    if (t === undefined || offset !== t.offset) return;
    if (t.matchData && value !== t.bytes[8]) return;
    const dv = new DataView(t.bytes.buffer);
    dv.setUint32(12, (dv.getUint32(12, true) + 1) >>> 0, true);
  }
}
