// The GIC distributor each VM gets (src/hyp/vgicd.ts): an access to its 64 KiB frame, decoded by vuart.S dabt_lower,
// is looked up in the register table (config.S vgicd_rows) and answered from the context's own state (C_GICD), as
// KVM's vgic-mmio dispatches on its region table. Accesses GICv2 does not define — 64-bit ones, unaligned ones,
// offsets no row has — read as zero and ignore writes (GICv2 §4.1.4, §4.3.1). No interrupt is signalled here: the
// state is the VM's; what it makes pending reaches the VM only through the list registers.
// In: x19 = context, x21 = ESR_EL2, x9 = the page's index in the frame, x1 = offset in the page, x2 = ISS.SRT,
// x3 = ISS.SAS, x4 = the access's width in bits.
// The list registers' state into the distributor of the context \ctx (its own are in GICH: it trapped, or is being
// entered), as KVM's vgic_v2_fold_lr_state: an interrupt a list register holds is active in GICD_ISACTIVER while the LR
// is active; an LR the guest has deactivated (State 0, its EOI done) is emptied — which also answers its EOI
// maintenance request (GICH_EISR) — and its interrupt is no longer active; an LR held pending shows in
// GICD_ISPENDR through the VIEW word, as does the emulated UART's line (UARTRIS & UARTIMSC: SPI 1, level-sensitive).
// Out: x10 = C_GICD of \ctx, x11 = GICH_BASE, x12 = the VIEW bits of INTIDs 0–63. Clobbers x6, x7, x13–x17.
.macro vgic_fold ctx
    add x10, \ctx, #C_GICD
    mov x11, #GICH_BASE
    mov x12, xzr
    ldr w13, [\ctx, #C_UART + VUART_RIS]
    ldr w14, [\ctx, #C_UART + VUART_IMSC]
    tst w13, w14
    b.eq 1f
    mov x12, #1
    lsl x12, x12, #VUART_INTID
1:  mov x16, xzr
2:  add x17, x11, #GICH_LR0
    ldr w13, [x17, x16, lsl #2]
    cbz w13, 5f
    and w14, w13, #0x3ff      // GICH_LR.VirtualID
    lsr w15, w14, #5
    add x15, x10, w15, uxtw #2
    mov w6, #1
    lsl w6, w6, w14
    ldr w7, [x15, #VGICD_ACTIVE]
    bic w7, w7, w6
    tst w13, #LR_ACTIVE       // GICH_LR.State: active, or pending and active
    b.eq 3f
    orr w7, w7, w6
3:  str w7, [x15, #VGICD_ACTIVE]
    tst w13, #LR_STATE
    b.ne 4f
    str wzr, [x17, x16, lsl #2] // State 0: deactivated by the guest; the LR is free
    b 5f
4:  tst w13, #LR_PENDING
    b.eq 5f
    mov x6, #1
    lsl x6, x6, x14
    orr x12, x12, x6
5:  add x16, x16, #1
    cmp x16, #VGIC_NUM_LRS
    b.lo 2b
    str w12, [x10, #VGICD_VIEW]
    lsr x6, x12, #32
    str w6, [x10, #VGICD_VIEW + 4]
.endm

vgicd_access:
    vgic_fold x19            // reads see the list registers' state as it is now
    orr x1, x1, x9, lsl #12   // the offset in the distributor's frame
    add x5, x19, #C_GICD
    mov x6, xzr               // what a RAZ register reads
    cmp x3, #3
    b.eq vgicd_none           // 64-bit: not a GICv2 access
    lsr x7, x4, #3
    sub x7, x7, #1
    tst x1, x7
    b.ne vgicd_none           // unaligned
    adr x9, vgicd_rows
    adr x10, vgicd_rows_end
1:  cmp x9, x10
    b.hs vgicd_none
    ldp w11, w12, [x9]        // start | end << 16; kind | flags << 8 | slot << 16
    ldr w13, [x9, #8]         // the value (CONST) or the writable bits
    add x9, x9, #16
    and x14, x11, #0xffff
    cmp x1, x14
    b.lo 1b
    cmp x1, x11, lsr #16
    b.hs 1b
    and x15, x1, #~3
    sub x15, x15, x14         // the word's offset in the register's span
    add x15, x15, x12, lsr #16
    add x15, x5, x15          // the word's address in the state (STORE, SET, CLEAR rows)
    b vgicd_found
vgicd_none:
    mov x12, xzr              // no row: kind 0 (CONST) with value 0 is RAZ/WI
    mov x13, xzr
vgicd_found:
    and x16, x12, #0xff       // the row's kind
    tbnz x21, #ISS_WNR_BIT, vgicd_write

// A read: the word (the row's value, or its state word), shifted to the access's bytes; mmio_reply cuts it.
    cmp x16, #VGICD_K_SGIR
    b.eq mmio_reply           // GICD_SGIR is write-only: 0
    mov x6, x13               // CONST
    cbz x16, 3f
    ldr w6, [x15]
    tbz x12, #VGICD_F_PENDVIEW_BIT, 1f
    ldr w7, [x15, #(VGICD_VIEW - VGICD_PEND)]
    orr w6, w6, w7            // GICD_ISPENDR/ICPENDR: the latch, or held pending in an LR, or the line high
1:  tbz x12, #VGICD_F_SGIVIEW_BIT, 3f
    // GICD_ISPENDR0/ICPENDR0[15:0]: an SGI is pending while any source CPU's bit is set (the model's pending())
    add x7, x5, #VGICD_SGISRC
    mov x8, xzr
2:  ldrb w9, [x7, x8]
    cmp w9, #0
    cset w9, ne
    lsl w9, w9, w8
    orr w6, w6, w9
    add x8, x8, #1
    cmp x8, #16
    b.lo 2b
3:  and x7, x1, #3
    lsl x7, x7, #3
    lsr x6, x6, x7
    b mmio_reply              // vuart.S

// A write: word writes act on the writable bits; byte and halfword ones only on a NARROW row, on their bytes.
vgicd_write:
    mmio_write_value          // x6 = Xsrt cut to the width
    cbz x16, mmio_done        // CONST (and no row): ignored
    cmp x16, #VGICD_K_SGIR
    b.eq vgicd_sgir
    cmp x3, #2
    b.eq 4f
    tbz x12, #VGICD_F_NARROW_BIT, mmio_done
    and x7, x1, #3
    lsl x7, x7, #3
    lsl x6, x6, x7            // the bytes in their place in the word
    mov x8, #1
    lsl x8, x8, x4
    sub x8, x8, #1
    lsl x8, x8, x7
    and x13, x13, x8          // only those bytes are written
4:  ldr w7, [x15]
    and w6, w6, w13           // the writable bits of the value
    cmp x16, #VGICD_K_SET
    b.eq 5f
    cmp x16, #VGICD_K_CLEAR
    b.eq 6f
    bic w7, w7, w13           // STORE: the writable bits replaced
    orr w7, w7, w6
    b 7f
5:  orr w7, w7, w6
    str w7, [x15]
    mov x17, #1               // the list registers below: set
    b 11f
6:  bic w7, w7, w6
    str w7, [x15]
    mov x17, xzr              // … clear
// GICD_IS/ICPENDRn and GICD_IS/ICACTIVERn act on an interrupt a list register holds there too (KVM's
// vgic_mmio_write_spending/cpending/sactive/cactive act on the interrupt wherever it is; GICv2 §4.3.5–§4.3.8): the LR
// gains or loses that state bit; an LR left with none is free (as vgic_fold frees one the guest deactivated); a
// pending state an LR takes consumes the latch, as the entry does when it fills an LR. A hardware interrupt's LR (the
// virtual timer's, GICH_LR.HW) gains nothing: KVM never makes a HW LR pending and active (ARCH-NOTES §17,
// vgic_v2_compute_lr) — its latch waits for the LR to empty, and its active state is the physical PPI's, held anyway.
11: sub x8, x15, x5           // the word's offset in the state
    mov w9, #LR_PENDING
    subs x10, x8, #VGICD_PEND
    b.lo mmio_done
    cmp x10, #VGICD_BANK_BYTES
    b.lo 8f
    mov w9, #LR_ACTIVE
    subs x10, x8, #VGICD_ACTIVE
    b.lo mmio_done
    cmp x10, #VGICD_BANK_BYTES
    b.hs mmio_done
8:  lsl x10, x10, #3          // the word's first INTID: 32 per word of 4 bytes
    mov x11, #GICH_BASE
    add x11, x11, #GICH_LR0
    mov x16, xzr
9:  ldr w12, [x11, x16, lsl #2]
    tst w12, #LR_STATE
    b.eq 10f                  // an empty LR holds nothing
    and w14, w12, #0x3ff      // GICH_LR.VirtualID
    sub w14, w14, w10         // its bit in the word
    cmp w14, #32
    b.hs 10f                  // an interrupt of another word
    lsr w13, w6, w14
    tbz w13, #0, 10f          // not one this write names
    cbnz x17, 12f
    bic w12, w12, w9
    tst w12, #LR_STATE
    csel w12, w12, wzr, ne    // no state left: the LR is free
    b 13f
12: tbnz w12, #LR_HW_BIT, 10f // GICH_LR.HW: left as it is
    orr w12, w12, w9
    tst w9, #LR_PENDING
    b.eq 13f                  // the active state: no latch
    ldr w13, [x15]
    mov w7, #1
    lsl w7, w7, w14
    bic w13, w13, w7          // the latch, consumed by the LR
    str w13, [x15]
13: str w12, [x11, x16, lsl #2]
10: add x16, x16, #1
    cmp x16, #VGIC_NUM_LRS
    b.lo 9b
    b mmio_done
7:  str w7, [x15]
    b mmio_done

// GICD_SGIR (word writes only): TargetListFilter 0 = the CPUTargetList (bit 0: the VM's one PE), 1 = every other PE
// (none), 2 = the PE itself, 3 reserved (the model and QEMU target every PE); the SGI's source-0 bit is set
// (GICv2 §4.3.15).
vgicd_sgir:
    cmp x3, #2
    b.ne mmio_done
    ubfx x7, x6, #24, #2      // TargetListFilter
    cmp x7, #2
    b.hs 8f
    cbnz x7, mmio_done
    tbz x6, #16, mmio_done    // CPUTargetList bit 0
8:  and x7, x6, #0xf          // SGIINTID
    add x8, x5, #VGICD_SGISRC
    ldrb w9, [x8, x7]
    orr w9, w9, #1
    strb w9, [x8, x7]
    b mmio_done
