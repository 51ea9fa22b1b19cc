// The built image's bytes as physical memory, for reading tables and the context table without running it.
import type { ElfImage } from '../elf/read.ts';

/** Reads 64-bit little-endian words from the image's loadable segments (zero elsewhere, like fresh RAM). */
export class ImageMemory {
  constructor(private readonly image: ElfImage) {}

  readU64(pa: number): bigint {
    for (const s of this.image.segments) {
      const off = pa - Number(s.paddr);
      if (off >= 0 && off + 8 <= Number(s.memsz)) {
        if (off + 8 > s.data.length) return 0n;
        return new DataView(s.data.buffer, s.data.byteOffset + off, 8).getBigUint64(0, true);
      }
    }
    return 0n;
  }
}
