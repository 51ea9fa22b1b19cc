// tlb: by-vmid — every context has its own VMID, so the switch needs no TLB maintenance (ARCH-NOTES §8).
