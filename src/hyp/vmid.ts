// The VMID allocator, as the hypervisor's vmid_check (src/hyp/asm/switch.S) runs it, modelled for reports and
// tests: VMIDs are handed out on first entry in the current generation, 1..2^bits−1 (VMID 0 is reserved for the
// hypervisor); when they run out, a new generation starts with TLBI ALLE1 and everyone re-allocates lazily.

export interface VmidEvent {
  readonly context: number;
  readonly vmid: number;
  readonly generation: number;
  /** This allocation started a new generation (the hypervisor issued TLBI ALLE1). */
  readonly rollover: boolean;
}

export class VmidAllocator {
  private generation = 1;
  private next = 1;
  private readonly owned = new Map<number, { vmid: number; generation: number }>();

  constructor(readonly bits = 8) {}

  /** The VMID context `ctx` runs with when it is entered now. */
  enter(ctx: number): VmidEvent {
    const cur = this.owned.get(ctx);
    if (cur !== undefined && cur.generation === this.generation) return { context: ctx, vmid: cur.vmid, generation: cur.generation, rollover: false };
    let rollover = false;
    if (this.next >= 1 << this.bits) {
      this.generation++;
      this.next = 1;
      rollover = true;
    }
    const vmid = this.next++;
    this.owned.set(ctx, { vmid, generation: this.generation });
    return { context: ctx, vmid, generation: this.generation, rollover };
  }
}
