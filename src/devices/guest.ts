// What a firmware-style service (semihosting, PSCI) may do to the CPU that called it. The machine
// (src/machine/virt.ts) implements this over the CPU; devices stay independent of src/cpu and src/mmu.

export interface GuestCall {
  /** Register Xn (0–30) of the caller. */
  x(n: number): bigint;
  setX(n: number, v: bigint): void;
  /** `n` bytes at a virtual address, read as the calling EL would; undefined if any byte is unreadable. */
  readVirtual(va: bigint, n: number): Uint8Array | undefined;
  /** Stop the machine with a process exit status. */
  exit(code: number): void;
  /** Stop the machine without an exit status (e.g. the only CPU powered itself off). */
  halt(why: string): void;
}
