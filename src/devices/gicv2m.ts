// The GICv2m MSI frame QEMU's virt board puts at 0x0802_0000 (Arm "GICv2m" in the Server Base System Architecture;
// QEMU hw/intc/arm_gicv2m.c): MSI_TYPER says SPIs 80–143 (virt's 64 MSI SPIs from SPI 48), and a write of an
// interrupt ID to MSI_SETSPI_NS makes that SPI pending (an edge on its GIC input). Other offsets read 0 and ignore
// writes, as QEMU.
import type { Device } from '../memory/phys.ts';

export const GICV2M_BASE = 0x0802_0000;
export const GICV2M_SIZE = 0x1000;
/** First MSI SPI (INTID) and how many: virt.c a15irqmap VIRT_GIC_V2M = SPI 48, NUM_GICV2M_SPIS = 64. */
export const GICV2M_FIRST_INTID = 32 + 48;
export const GICV2M_SPIS = 64;

const MSI_TYPER = 0x008; // base INTID [25:16], count [9:0]
const MSI_SETSPI_NS = 0x040;
const MSI_IIDR = 0xfcc; // QEMU's value (arm_gicv2m.c: PRODUCT_ID 0x51, no revision)
const IIDR = 0x05100000;

export class GicV2m implements Device {
  readonly name = 'gicv2m';

  /** `pulse(intid)`: an edge on that SPI. */
  constructor(private readonly pulse: (intid: number) => void) {}

  read(offset: number, _size: number): number {
    if (offset === MSI_TYPER) return (GICV2M_FIRST_INTID << 16) | GICV2M_SPIS;
    if (offset === MSI_IIDR) return IIDR;
    return 0;
  }

  write(offset: number, _size: number, value: number): void {
    // MSI_SETSPI_NS: an ID outside the frame's range is ignored (QEMU gicv2m_write)
    if (offset === MSI_SETSPI_NS) {
      const id = value & 0x3ff;
      if (id >= GICV2M_FIRST_INTID && id < GICV2M_FIRST_INTID + GICV2M_SPIS) this.pulse(id);
    }
  }
}
