// One of the two CFI flash banks of QEMU's virt board (QEMU 7.2 hw/block/pflash_cfi01.c, "cfi.pflash01", as
// hw/arm/virt.c virt_flash_create1 configures it: 64 MiB, 256 KiB sectors, a 4-byte bank of two 2-byte Intel
// command-set devices, little-endian, ids 0x89/0x18, no -drive). What a guest sees, with QEMU as the reference
// (test/qemu/progs/flash.S):
// - read-array mode (reset state): the storage, which starts all zeros (no backing file);
// - a write is a command cycle, never a store: only the data cycle of a program (0x10/0x40) or a confirmed write to
//   buffer (0xE8) changes storage, and it overwrites the bytes (no AND: QEMU models no "only 1 → 0"); block erase
//   (0x20) fills the sector with 0xFF at its first cycle, before the 0xD0 confirm;
// - a write to buffer stages its data in a copy of its 4 KiB write block and commits it at the confirm, or drops it
//   (the update buffer of QEMU 7.2.9 and later: stable backport of "hw/pflash: implement update buffer for block
//   writes"; QEMU 7.2.0 wrote the data straight to storage);
// - in a command mode, a read returns the status register (0x80: ready), the read-ID answer (0x90) or the CFI query
//   table (0x98), each device's byte or halfword repeated in both halves of the bank's word;
// - an 8-byte access is two 4-byte accesses, the lower word first (QEMU's default impl.max_access_size of 4):
//   `splitsDoublewords`; an unaligned one (through a Normal mapping) the CPU splits as QEMU does (src/cpu/cpu.ts
//   loadDevice, storeDevice; test/qemu/progs/flash-normal.S).
// The state machine, read answers and table below follow pflash_cfi01.c's pflash_write, pflash_read,
// pflash_devid_query, pflash_cfi_query and its realize function's table, with QEMU's bugs kept (noted where).
import type { Device } from '../memory/phys.ts';

/** virt.c base_memmap[VIRT_FLASH]: the two banks share 128 MiB at 0. */
export const FLASH_BASE = 0x0000_0000;
export const FLASH_BANK_SIZE = 0x0400_0000;
export const FLASH_BANKS = 2;
/** virt.c VIRT_FLASH_SECTOR_SIZE: the bank's erase block (two devices' 128 KiB blocks side by side). */
const SECTOR_SIZE = 256 * 1024;
/** virt.c: width 4 (bank), device-width 2; max-device-width defaults to device-width. */
export const FLASH_BANK_WIDTH = 4;
const DEVICE_WIDTH = 2;
const DEVICES = FLASH_BANK_WIDTH / DEVICE_WIDTH;
/** virt.c: id0 = 0x89 (Intel), id1 = 0x18; id2/id3 are 0 and unused once device-width is set. */
const MANUFACTURER_ID = 0x89;
const DEVICE_ID = 0x18;
/** Status register bit 7: write state machine ready (QEMU's reset value; it never clears it except by 0x50). */
const STATUS_READY = 0x80;
/** CFI 0x2A: 2^11-byte write buffer per device; the bank's is both devices' (pflash_cfi01_realize writeblock_size). */
const WRITE_BLOCK = (1 << 11) * DEVICES;
/** Status register bit 4: program error (a buffered write outside its write block). */
const STATUS_PROGRAM_ERROR = 0x10;
/** Storage is kept in 64 KiB chunks allocated on first write: an untouched bank costs nothing. */
const CHUNK_BITS = 16;
const CHUNK_SIZE = 1 << CHUNK_BITS;

/** Commands of the Intel command set that QEMU's model acts on (pflash_write's first cycle). */
const CMD = {
  /** QEMU's own read-array state (the register value after reset); as a command, a reset (pflash_write "0x00"). */
  readArrayState: 0x00,
  program1: 0x10,
  blockErase: 0x20,
  program: 0x40,
  clearStatus: 0x50,
  lockSetup: 0x60,
  readStatus: 0x70,
  readId: 0x90,
  cfiQuery: 0x98,
  writeToBuffer: 0xe8,
  /** The AMD command set's reset, which QEMU accepts as read array. */
  amdReset: 0xf0,
  readArray: 0xff,
  confirm: 0xd0,
  lockBit: 0x01,
} as const;

/**
 * The CFI query table one device answers (CFI specification / Intel StrataFlash "Query structure"), as QEMU 7.2
 * pflash_cfi01_realize fills it for one 2-byte device of this bank: 0x52 entries, offsets in device words.
 */
function cfiTable(): Uint8Array {
  const t = new Uint8Array(0x52);
  const blocksPerDevice = FLASH_BANK_SIZE / SECTOR_SIZE; // old-multiple-chip-handling off (machine type 7.2)
  const sectorPerDevice = SECTOR_SIZE / DEVICES;
  const deviceBytes = blocksPerDevice * sectorPerDevice;
  t.set([0x51, 0x52, 0x59], 0x10); // "QRY"
  t.set([0x01, 0x00], 0x13); // primary command set: Intel/Sharp extended
  t.set([0x31, 0x00], 0x15); // primary extended table at 0x31
  t.set([0x45, 0x55], 0x1b); // Vcc min 4.5 V, max 5.5 V; no Vpp (0x1d, 0x1e stay 0)
  t.set([0x07, 0x07, 0x0a, 0x00], 0x1f); // typical timeouts: word write, buffer write, block erase, chip erase (none)
  t.set([0x04, 0x04, 0x04, 0x00], 0x23); // maximum timeouts, same order
  t[0x27] = Math.log2(deviceBytes); // device size 2^n bytes
  t.set([0x02, 0x00], 0x28); // interface: x8/x16
  t.set([0x0b, 0x00], 0x2a); // write buffer: 2^11 bytes per device
  t[0x2c] = 1; // one erase block region
  t.set([(blocksPerDevice - 1) & 0xff, (blocksPerDevice - 1) >> 8, (sectorPerDevice >> 8) & 0xff, sectorPerDevice >> 16], 0x2d);
  t.set([0x50, 0x52, 0x49, 0x31, 0x30], 0x31); // "PRI", version "1" "0"; the feature fields stay 0
  t[0x3f] = 1; // number of protection register fields (P + 0x0e)
  return t;
}

const CFI_TABLE = cfiTable();

/** Both devices answer the same byte: it appears in each 16-bit half of the bank's word (pflash_cfi_query). */
const bothDevices = (v: number): number => (v | (v << 16)) >>> 0;

/** The low `size` bytes of `v` (what the memory core keeps of a device's 32-bit answer). */
const truncate = (v: number, size: number): number => (size >= 4 ? v >>> 0 : v & ((1 << (8 * size)) - 1));

export class Pflash implements Device {
  readonly splitsDoublewords = true;
  private readonly chunks: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(FLASH_BANK_SIZE / CHUNK_SIZE).fill(undefined);
  /** QEMU's pfl->cmd: the command in progress (CMD.readArrayState: read array). */
  private cmd: number = CMD.readArrayState;
  /** QEMU's pfl->wcycle: which cycle of a multi-cycle command the next write is. */
  private wcycle = 0;
  private status = STATUS_READY;
  /** Write-to-buffer: data cycles left after the next (QEMU's pfl->counter). */
  private counter = 0;
  /** Write-to-buffer: the staged write block and its offset in the bank, -1 when none (QEMU's blk_bytes, blk_offset). */
  private readonly buffer = new Uint8Array(WRITE_BLOCK);
  private bufferAt = -1;

  constructor(readonly name: string) {}

  /** The state after a machine reset (pflash_cfi01_system_reset): read array, ready. The storage is kept. */
  reset(): void {
    this.cmd = CMD.readArrayState;
    this.wcycle = 0;
    this.status = STATUS_READY;
    this.bufferAt = -1;
  }

  private byte(offset: number): number {
    const c = this.chunks[offset >>> CHUNK_BITS];
    return c === undefined ? 0 : c[offset & (CHUNK_SIZE - 1)]!;
  }

  private chunk(offset: number): Uint8Array {
    const i = offset >>> CHUNK_BITS;
    return this.chunks[i] ?? (this.chunks[i] = new Uint8Array(CHUNK_SIZE));
  }

  /** Storage bytes [offset, offset + size) as a little-endian value (pflash_data_read). */
  private dataRead(offset: number, size: number): number {
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = (v << 8) | this.byte(offset + i);
    return v >>> 0;
  }

  /** Overwrite storage with `size` little-endian bytes of `value` (pflash_data_write). */
  private dataWrite(offset: number, size: number, value: number): void {
    for (let i = 0; i < size; i++) {
      const o = offset + i;
      this.chunk(o)[o & (CHUNK_SIZE - 1)] = (value >>> (8 * i)) & 0xff;
    }
  }

  read(offset: number, size: number): number {
    switch (this.cmd) {
      case CMD.readArrayState:
        return this.dataRead(offset, size);
      case CMD.readId: {
        // pflash_devid_query: the device word address, its low 8 bits select manufacturer (0) or device (1); block
        // lock status (2) and the rest read 0
        const w = (offset >>> 2) & 0xff;
        return truncate(bothDevices(w === 0 ? MANUFACTURER_ID : w === 1 ? DEVICE_ID : 0), size);
      }
      case CMD.cfiQuery: {
        const w = offset >>> 2;
        return truncate(bothDevices(w < CFI_TABLE.length ? CFI_TABLE[w]! : 0), size);
      }
      default:
        // every other command in progress reads the status register, each device's copy in its half (pflash_read)
        return size > DEVICE_WIDTH ? bothDevices(this.status) : this.status;
    }
  }

  write(offset: number, size: number, data: number): void {
    const value = truncate(data, size); // the bus carries only the access's bytes (a register's low 32 bits come in)
    const cmd = value & 0xff;
    switch (this.wcycle) {
      case 0:
        this.firstCycle(offset, cmd);
        return;
      case 1:
        this.secondCycle(offset, size, value, cmd);
        return;
      case 2:
        // write to buffer, data: into the staged block; outside it, a program error and nothing written
        if (offset < this.bufferAt || offset + size > this.bufferAt + WRITE_BLOCK) {
          this.status |= STATUS_PROGRAM_ERROR;
        } else {
          for (let i = 0; i < size; i++) this.buffer[offset - this.bufferAt + i] = (value >>> (8 * i)) & 0xff;
        }
        this.status |= STATUS_READY;
        if (this.counter === 0) this.wcycle = 3;
        this.counter--;
        return;
      default:
        // write to buffer, confirm: without a program error the block is committed, else it is dropped
        if (cmd === CMD.confirm && (this.status & STATUS_PROGRAM_ERROR) === 0) {
          for (let i = 0; i < WRITE_BLOCK; i++) this.dataWrite(this.bufferAt + i, 1, this.buffer[i]!);
          this.wcycle = 0;
          this.status |= STATUS_READY;
        } else {
          this.readArray();
        }
        this.bufferAt = -1;
    }
  }

  private firstCycle(offset: number, cmd: number): void {
    switch (cmd) {
      case CMD.program1:
      case CMD.program:
      case CMD.lockSetup:
      case CMD.cfiQuery:
        break;
      case CMD.blockErase: {
        // erased at once, the confirm only ends the command
        const start = offset - (offset % SECTOR_SIZE);
        for (let o = start; o < start + SECTOR_SIZE; o += CHUNK_SIZE) this.chunk(o).fill(0xff);
        this.status |= STATUS_READY;
        break;
      }
      case CMD.writeToBuffer:
        this.status |= STATUS_READY;
        break;
      case CMD.clearStatus:
        this.status = 0;
        this.readArray();
        return;
      case CMD.readStatus:
      case CMD.readId:
        this.cmd = cmd; // a one-cycle command: the next write is a first cycle again
        return;
      default:
        // 0x00, 0xF0, 0xFF, and every command QEMU does not know
        this.readArray();
        return;
    }
    this.wcycle = 1;
    this.cmd = cmd;
  }

  private secondCycle(offset: number, size: number, value: number, cmd: number): void {
    switch (this.cmd) {
      case CMD.program1:
      case CMD.program:
        this.dataWrite(offset, size, value);
        this.status |= STATUS_READY;
        this.wcycle = 0;
        return;
      case CMD.writeToBuffer:
        this.counter = value & 0xffff; // the word count less one, one device's width of it
        this.wcycle = 2;
        // stage the write block holding this address (pflash_blk_write_start)
        this.bufferAt = offset - (offset % WRITE_BLOCK);
        for (let i = 0; i < WRITE_BLOCK; i++) this.buffer[i] = this.byte(this.bufferAt + i);
        return;
      case CMD.cfiQuery:
        if (cmd === CMD.readArray) this.readArray(); // anything else leaves query mode on (QEMU)
        return;
      default:
        // block erase and lock setup: 0xD0 (and 0x01 for lock) ends the command, anything else returns to read array
        if (cmd === CMD.confirm || (this.cmd === CMD.lockSetup && cmd === CMD.lockBit)) {
          this.wcycle = 0;
          this.status |= STATUS_READY;
        } else {
          this.readArray();
        }
    }
  }

  private readArray(): void {
    this.wcycle = 0;
    this.cmd = CMD.readArrayState;
  }
}
