// PL011 UART as QEMU's virt board shows it (values observed on qemu-system-aarch64 7.2 and in the PL011 TRM).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Pl011 } from '../../src/devices/pl011.ts';

function uart(): { dev: Pl011; out: number[] } {
  const out: number[] = [];
  return { dev: new Pl011((b) => out.push(b)), out };
}

test('a write to UARTDR (0x000) sends bits 7:0 to the sink', () => {
  const { dev, out } = uart();
  dev.write(0x000, 1, 0x48);
  dev.write(0x000, 4, 0x1269); // only the low byte is data
  assert.deepEqual(out, [0x48, 0x69]);
});

test('UARTFR (0x018) reads TXFE and RXFE set, BUSY and TXFF clear: 0x90', () => {
  const { dev } = uart();
  assert.equal(dev.read(0x018, 4), 0x90);
  dev.write(0x000, 1, 0x41);
  assert.equal(dev.read(0x018, 4), 0x90); // never busy: the byte left at once
});

test('reset values: CR = 0x300 (TXE|RXE), IFLS = 0x12, baud/line control 0, RIS 0 until a byte is sent', () => {
  const { dev } = uart();
  assert.equal(dev.read(0x030, 4), 0x300);
  assert.equal(dev.read(0x034, 4), 0x12);
  for (const off of [0x000, 0x004, 0x020, 0x024, 0x028, 0x02c, 0x038, 0x03c, 0x040, 0x048]) {
    assert.equal(dev.read(off, 4), 0, `offset 0x${off.toString(16)}`);
  }
  dev.write(0x000, 1, 0x41);
  assert.equal(dev.read(0x03c, 4), 0x20, 'UARTRIS.TXRIS after a transmit');
  assert.equal(dev.read(0x040, 4), 0, 'masked while UARTIMSC = 0');
  dev.write(0x038, 4, 0x20);
  assert.equal(dev.read(0x040, 4), 0x20, 'UARTMIS = RIS & IMSC');
  dev.write(0x044, 4, 0x20); // UARTICR clears TXRIS
  assert.equal(dev.read(0x03c, 4), 0);
});

test('PeriphID0-3 and PCellID0-3 at 0xFE0-0xFFC', () => {
  const { dev } = uart();
  const ids = [0xfe0, 0xfe4, 0xfe8, 0xfec, 0xff0, 0xff4, 0xff8, 0xffc].map((o) => dev.read(o, 4));
  assert.deepEqual(ids, [0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1]);
});

test('writable registers read back what was written; unknown offsets read 0 and ignore writes', () => {
  const { dev, out } = uart();
  dev.write(0x024, 4, 13);
  dev.write(0x02c, 4, 0x70);
  dev.write(0x030, 4, 0x301);
  assert.deepEqual([dev.read(0x024, 4), dev.read(0x02c, 4), dev.read(0x030, 4)], [13, 0x70, 0x301]);
  dev.write(0x100, 4, 0xffff);
  dev.write(0x018, 4, 0); // UARTFR is read-only
  assert.equal(dev.read(0x100, 4), 0);
  assert.equal(dev.read(0x018, 4), 0x90);
  assert.deepEqual(out, []);
});

test('receive: one entry without FIFOs, sixteen with LCR_H.FEN; RXFE/RXFF; RX interrupt while bytes wait; FEN toggle empties', () => {
  let line = false;
  const dev = new Pl011(() => {}, (l) => (line = l));
  dev.write(0x038, 4, 1 << 4); // UARTIMSC.RXIM
  assert.equal(dev.receive(0x61), true);
  assert.equal(dev.receive(0x62), false, 'FIFOs off: depth 1');
  assert.equal(dev.read(0x018, 4), 0x80 | 0x40, 'TXFE | RXFF');
  assert.equal(line, true);
  assert.equal(dev.read(0x040, 4), 1 << 4, 'UARTMIS.RXMIS');
  assert.equal(dev.read(0x000, 4), 0x61);
  assert.equal(line, false, 'drained: below the trigger level');
  assert.equal(dev.read(0x018, 4), 0x90);
  dev.write(0x02c, 4, 1 << 4); // LCR_H.FEN
  for (let i = 0; i < 16; i++) assert.equal(dev.receive(0x30 + i), true, `byte ${i}`);
  assert.equal(dev.receive(0x7a), false, 'sixteen entries');
  assert.equal(dev.read(0x000, 4), 0x30);
  assert.equal(dev.read(0x000, 4), 0x31, 'in order');
  dev.write(0x02c, 4, 0); // FIFOs off: the receive FIFO is emptied (QEMU)
  assert.equal(dev.read(0x018, 4), 0x90);
  assert.equal(dev.receive(0x41), true);
  dev.write(0x044, 4, 1 << 4); // UARTICR clears RXRIS although a byte waits (as QEMU)
  assert.equal(line, false);
});

test('the TX interrupt: raised by every UARTDR write, cleared by UARTICR, signalled through UARTIMSC', () => {
  let line = false;
  const dev = new Pl011(() => {}, (l) => (line = l));
  dev.write(0x000, 4, 0x41);
  assert.equal(line, false, 'masked');
  dev.write(0x038, 4, 1 << 5); // TXIM
  assert.equal(line, true);
  dev.write(0x044, 4, 1 << 5);
  assert.equal(line, false);
});
