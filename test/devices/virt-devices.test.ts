// PL031, PL061 and the empty PCIe ECAM beyond what the QEMU program virt-devices.S can show (QEMU's RTC follows the
// host clock and its power button is never pressed there): the RTC counts the machine's seconds from RTCLR and a
// match raises its line; the power button (line 3) as a rising-edge interrupt; every ECAM read finds no function.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PcieEcam } from '../../src/devices/pcie.ts';
import { Pl031 } from '../../src/devices/pl031.ts';
import { Pl061, POWER_BUTTON_LINE } from '../../src/devices/pl061.ts';

test('PL031: RTCDR counts seconds from the last RTCLR; reaching RTCMR raises RTCRIS and, unmasked, the line', () => {
  let t = 0;
  let line = false;
  const rtc = new Pl031(() => t, (l) => (line = l));
  rtc.write(0x08, 4, 1000);
  assert.equal(rtc.read(0x00, 4), 1000);
  t = 2.5;
  assert.equal(rtc.read(0x00, 4), 1002);
  rtc.write(0x04, 4, 1005); // RTCMR
  rtc.write(0x10, 4, 1); // RTCIMSC
  t = 4.9;
  assert.equal(rtc.read(0x14, 4), 0, 'not reached: RTCDR is 1004');
  t = 5;
  assert.equal(rtc.read(0x14, 4), 1);
  assert.equal(line, true);
  rtc.write(0x1c, 4, 1); // RTCICR
  assert.equal(line, false);
  assert.equal(rtc.read(0x18, 4), 0);
});

test('PL061: the power button (line 3, an input) as a rising-edge interrupt, cleared by GPIOIC', () => {
  let line = false;
  const gpio = new Pl061((l) => (line = l));
  gpio.write(0x40c, 4, 1 << POWER_BUTTON_LINE); // GPIOIEV: rising
  gpio.write(0x410, 4, 1 << POWER_BUTTON_LINE); // GPIOIE
  gpio.setInput(POWER_BUTTON_LINE, true);
  assert.equal(line, true);
  assert.equal(gpio.read(0x3fc, 4), 1 << POWER_BUTTON_LINE, 'GPIODATA shows the pressed button');
  assert.equal(gpio.read(0x418, 4), 1 << POWER_BUTTON_LINE);
  gpio.setInput(POWER_BUTTON_LINE, false);
  assert.equal(line, true, 'an edge stays latched');
  gpio.write(0x41c, 4, 1 << POWER_BUTTON_LINE);
  assert.equal(line, false);
});

test('PCIe ECAM of an empty bus: every configuration read is all ones, writes change nothing', () => {
  const ecam = new PcieEcam();
  for (const off of [0, 4, 0x8000, 0xfff_fffc]) assert.equal(ecam.read(off, 4), 0xffff_ffff);
  ecam.write();
  assert.equal(ecam.read(0, 2), 0xffff);
  assert.equal(ecam.read(0, 1), 0xff);
});
