// Arm PrimeCell GPIO (PL061) as QEMU's virt board has it at 0x0903_0000, SPI 7, line 3 wired to the power button
// ("gpio-keys", KEY_POWER) (Arm DDI 0190 PL061 TRM §3; QEMU hw/gpio/pl061.c). Eight lines; GPIODATA is read and
// written through address bits [9:2] as a mask. Inputs come from `setInput` (the power button); edge or level
// interrupts per GPIOIS/IBE/IEV as the TRM says; GPIOAFSEL and the rest kept as written.
import type { Device } from '../memory/phys.ts';
import { primeCellId } from './primecell.ts';

export const PL061_BASE = 0x0903_0000;
export const PL061_SIZE = 0x1000;
/** The virt board's power button: GPIO line 3 (QEMU virt.c create_gpio_keys, GPIO_KEY_POWER). */
export const POWER_BUTTON_LINE = 3;

const DATA_END = 0x400; // GPIODATA: 0x000–0x3FC, address bits [9:2] mask the lines accessed
const DIR = 0x400; // GPIODIR: 1 = output
const IS = 0x404; // GPIOIS: 1 = level-sensitive
const IBE = 0x408; // GPIOIBE: both edges
const IEV = 0x40c; // GPIOIEV: 1 = rising edge / high level
const IE = 0x410; // GPIOIE: interrupt mask (1 = enabled)
const RIS = 0x414; // GPIORIS: raw interrupt status
const MIS = 0x418; // GPIOMIS: masked interrupt status
const IC = 0x41c; // GPIOIC: interrupt clear (write-only)
const AFSEL = 0x420; // GPIOAFSEL: hardware control
/** PeriphID0–3: PL061 by Arm (QEMU pl061_id). */
const PERIPH_ID = [0x61, 0x10, 0x04, 0x00];

export class Pl061 implements Device {
  readonly name = 'pl061';
  private data = 0; // output latch
  private inputs = 0; // external levels
  private dir = 0;
  private is = 0;
  private ibe = 0;
  private iev = 0;
  private ie = 0;
  private ris = 0; // latched edge interrupts
  private afsel = 0;
  private old = 0; // line levels at the last update (edge detection)

  constructor(private readonly irq: (level: boolean) => void = () => {}) {}

  /** Drive input line `n` (a pin configured as input sees it). */
  setInput(n: number, level: boolean): void {
    this.inputs = level ? this.inputs | (1 << n) : this.inputs & ~(1 << n);
    this.update();
  }

  /** The pins: outputs from the latch, inputs from outside. */
  private levels(): number {
    return ((this.data & this.dir) | (this.inputs & ~this.dir)) & 0xff;
  }

  /** Level interrupts follow the pins; edges latch in RIS (PL061 TRM §3.3.5–3.3.9). */
  private rawStatus(): number {
    const now = this.levels();
    const level = this.is & ~(now ^ this.iev) & 0xff; // level-sensitive: the pin at the IEV level
    return (this.ris | level) & 0xff;
  }

  private update(): void {
    const now = this.levels();
    const changed = now ^ this.old;
    // edge-sensitive lines: both edges with IBE, else the IEV direction
    const rising = changed & now;
    const falling = changed & ~now;
    this.ris |= ~this.is & changed & (this.ibe | (this.iev & rising) | (~this.iev & falling)) & 0xff;
    this.old = now;
    this.irq((this.rawStatus() & this.ie) !== 0);
  }

  read(offset: number, _size: number): number {
    if (offset < DATA_END) return this.levels() & ((offset >> 2) & 0xff);
    switch (offset) {
      case DIR: return this.dir;
      case IS: return this.is;
      case IBE: return this.ibe;
      case IEV: return this.iev;
      case IE: return this.ie;
      case RIS: return this.rawStatus();
      case MIS: return this.rawStatus() & this.ie;
      case AFSEL: return this.afsel;
      default: return primeCellId(offset, PERIPH_ID) ?? 0;
    }
  }

  write(offset: number, _size: number, value: number): void {
    const v = value & 0xff;
    if (offset < DATA_END) {
      const mask = (offset >> 2) & 0xff;
      this.data = (this.data & ~mask) | (v & mask);
    } else {
      switch (offset) {
        case DIR: this.dir = v; break;
        case IS: this.is = v; break;
        case IBE: this.ibe = v; break;
        case IEV: this.iev = v; break;
        case IE: this.ie = v; break;
        case IC: this.ris &= ~v; break;
        case AFSEL: this.afsel = v; break;
        default: return;
      }
    }
    this.update();
  }
}
