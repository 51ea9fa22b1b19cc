// w\dst = the receive FIFO's depth of the emulated PL011 at x5: 16 with UARTLCR_H.FEN, else 1 (clobbers \tmp).
.macro vuart_depth dst, tmp
    ldr \dst, [x5, #VUART_LCR_H]
    mov \tmp, #VUART_FIFO_DEPTH
    tst \dst, #(1 << VUART_FEN_BIT)
    csinc \dst, \tmp, wzr, ne
.endm

// The PL011 each VM gets (src/hyp/vuart.ts) and its GIC distributor (src/hyp/vgicd.ts, vgicd.S): their pages are not
// in the VM's stage 2, so every access is a stage-2 data abort from the VM (ESR_EL2.EC 0x24). With a valid instruction
// syndrome (ISS.ISV; ARCH-NOTES §7) the access is emulated on the context's own state (C_UART, C_GICD) and the VM
// resumes after the instruction; an access to those pages without one is named and stopped; any other abort is a
// denied access (abort.S).
// In: x19 = context, x21 = ESR_EL2.
// x6 = the value a store writes: Xsrt (XZR for SRT 31, x2) cut to the access's width (mmio_cut). Clobbers x7.
.macro mmio_write_value
    mov x6, xzr
    cmp x2, #31
    b.eq 1f
    add x7, x19, #C_GPR
    ldr x6, [x7, x2, lsl #3]
1:  bl mmio_cut
.endm

dabt_lower:
    ldr x0, [x19, #C_KIND]
    cbnz x0, abort_entry      // a native app has no emulated devices
    tbnz x21, #ISS_S1PTW_BIT, abort_entry  // the fault of a stage-1 table walk, not of the instruction's access
    mrs x0, hpfar_el2
    ubfx x0, x0, #4, #40      // HPFAR_EL2.FIPA[43:4] = the faulting IPA[51:12]
    mov x9, #VGICD_PAGE
    sub x9, x0, x9            // the page's index in the distributor's frame
    cmp x0, #VUART_PAGE
    b.eq 1f
    cmp x9, #VGICD_PAGES
    b.hs abort_entry
1:  tbz x21, #ISS_ISV_BIT, mmio_no_syndrome
    mrs x1, far_el2
    and x1, x1, #0xfff        // the register's offset in the page (FAR_EL2[11:0] = IPA[11:0])
    ubfx x2, x21, #ISS_SRT_SHIFT, #5
    ubfx x3, x21, #ISS_SAS_SHIFT, #2
    mov x4, #8
    lsl x4, x4, x3            // the access's width in bits: 8 << SAS
    cmp x0, #VUART_PAGE
    b.ne vgicd_access         // vgicd.S
    add x5, x19, #C_UART
    tbnz x21, #ISS_WNR_BIT, vuart_write

// A read: the register, cut to the access's width, sign-extended when ISS.SSE, kept to 32 bits for a W register
// (ISS.SF = 0), into Xsrt (ARM §D24.2.40 ISS encoding for a Data Abort; SRT 31 is XZR: nothing is written).
vuart_read:
    mov x6, xzr
    cmp x1, #VUART_FR
    b.ne 1f
    bl vuart_flags            // never busy, never full for transmit
    b 5f
1:  cbz x1, vuart_take      // UARTDR
    cmp x1, #VUART_MIS
    b.ne 2f
    ldr w6, [x5, #VUART_RIS]
    ldr w7, [x5, #VUART_IMSC]
    and w6, w6, w7
    b 5f
2:  cmp x1, #VUART_LAST       // the block: UARTICR's slot (never stored: 0) and the offsets no register has (0)
    b.hi 3f                   // included
    tst x1, #3
    b.ne 5f
    ldr w6, [x5, x1]
    b 5f
3:  sub x7, x1, #VUART_ID     // PeriphID0–3, PCellID0–3: one byte in each word at 0xFE0–0xFFC
    cmp x7, #32
    b.hs 5f
    tst x7, #3
    b.ne 5f
    lsr x7, x7, #2
    adr x8, vuart_id
    ldrb w6, [x8, x7]
5:
// The value read (x6) into Xsrt: cut to the access's width (x3 = SAS, x4 = bits), sign-extended when ISS.SSE, kept
// to 32 bits for a W register (ISS.SF = 0) (ARM §D24.2.40 ISS encoding for a Data Abort; SRT 31 is XZR: nothing is
// written); then past the instruction. Shared by vgicd.S.
mmio_reply:
    bl mmio_cut
    tbz x21, #ISS_SSE_BIT, 6f
    mov x7, #64
    sub x7, x7, x4
    lsl x6, x6, x7
    asr x6, x6, x7
6:  tbnz x21, #ISS_SF_BIT, 7f
    mov w6, w6                // a W register: bits 63:32 are zero
7:  cmp x2, #31
    b.eq mmio_done
    add x7, x19, #C_GPR
    str x6, [x7, x2, lsl #3]
    b mmio_done

// A write of Xsrt (XZR for SRT 31), cut to the access's width: UARTDR transmits the byte on the context's own
// prefixed line and raises TXRIS, UARTECR clears the error flags, UARTICR clears the RIS bits set in it, the stored
// registers keep the word, the rest ignore it (PL011 TRM §3.3; QEMU pl011_write).
vuart_write:
    mmio_write_value
    cmp x1, #VUART_DR
    b.ne 2f
    ldr w7, [x5, #VUART_RIS]
    orr w7, w7, #VUART_INT_TX
    str w7, [x5, #VUART_RIS]
    mov x0, x6
    bl guest_putc
    b mmio_done
2:  cmp x1, #VUART_RSR
    b.ne 3f
    str wzr, [x5, x1]
    b mmio_done
3:  cmp x1, #VUART_ICR
    b.ne 4f
    ldr w7, [x5, #VUART_RIS]
    bic w7, w7, w6
    str w7, [x5, #VUART_RIS]
    b mmio_done
4:  cmp x1, #VUART_LCR_H
    b.ne 5f
    ldr w7, [x5, x1]
    eor w7, w7, w6
    tbz w7, #VUART_FEN_BIT, 5f
    str wzr, [x5, #VUART_RX_HEAD] // switching the FIFOs on or off empties the receive FIFO (QEMU pl011_write)
    str wzr, [x5, #VUART_RX_COUNT]
5:  cmp x1, #VUART_LAST
    b.hi mmio_done
    tst x1, #3
    b.ne mmio_done
    lsr x7, x1, #2
    mov x8, #VUART_STORED_LO
    movk x8, #VUART_STORED_HI, lsl #16
    lsr x8, x8, x7
    tbz x8, #0, mmio_done
    str w6, [x5, x1]
mmio_done:
    mrs x0, elr_el2
    add x0, x0, #4            // past the access: ESR_EL2.IL = 1 with ISV, a 32-bit A64 instruction
    msr elr_el2, x0
    b resume

// UARTDR read: the oldest byte of the receive FIFO (an empty one returns its stale slot, as QEMU pl011_read); RXRIS
// falls when it empties (below the trigger level of 1). The input context's read lets the machine's PL011 interrupt
// again (irq.S uart_rx_pull masked it while this FIFO was full). In: x5 = C_UART.
vuart_take:
    ldr w7, [x5, #VUART_RX_HEAD]
    add x8, x5, #VUART_RX_FIFO
    ldrb w6, [x8, x7]
    ldr w8, [x5, #VUART_RX_COUNT]
    cbz w8, 1f
    sub w8, w8, #1
    str w8, [x5, #VUART_RX_COUNT]
    add w7, w7, #1
    and w7, w7, #(VUART_FIFO_DEPTH - 1)
    str w7, [x5, #VUART_RX_HEAD]
    cbnz w8, 2f
1:  ldr w7, [x5, #VUART_RIS]
    bic w7, w7, #(1 << VUART_INT_RX_BIT)
    str w7, [x5, #VUART_RIS]
2:  ldr x7, input_ctx
    cmp x7, x19
    b.ne mmio_reply
    mov x7, #UART_DR
    mov w8, #(1 << VUART_INT_RX_BIT)
    str w8, [x7, #VUART_IMSC] // UARTIMSC.RXIM of the machine's PL011 (its only interrupt the hypervisor takes)
    b mmio_reply

// x6 = UARTFR of the emulated PL011 (x5 = C_UART): TXFE always; RXFE when its receive FIFO is empty, RXFF when full.
// Clobbers x7–x9.
vuart_flags:
    ldr w7, [x5, #VUART_RX_COUNT]
    mov x6, #VUART_FR_EMPTY
    cbz w7, 1f
    bic x6, x6, #(1 << VUART_RXFE_BIT)
1:  vuart_depth w8, w9
    cmp w7, w8
    b.lo 2f
    orr x6, x6, #VUART_FR_RXFF
2:  ret

// The machine's PL011 received bytes (irq.S, its SPI taken): they move into the input context's receive FIFO while it
// has room, raising its UARTRIS.RXRIS; with the FIFO full, the machine's UARTIMSC.RXIM is cleared — the bytes wait in
// the machine's FIFO, and the line falls — until the guest reads UARTDR (vuart_take). A context that no longer runs
// gets nothing: what arrives for it is read and dropped. Clobbers x0–x9.
uart_rx_pull:
    ldr x0, input_ctx
    cbz x0, 9f
    mov x1, #UART_DR
    add x5, x0, #C_UART
    ldr x2, [x0, #C_STATE]
    vuart_depth w8, w9
1:  ldr w3, [x1, #VUART_FR]
    tbnz w3, #VUART_RXFE_BIT, 9f
    cmp x2, #ST_RUN
    b.ne 3f
    ldr w4, [x5, #VUART_RX_COUNT]
    cmp w4, w8
    b.lo 2f
    str wzr, [x1, #VUART_IMSC] // full: RXIM off until the guest reads
    b 9f
2:  ldr w6, [x1, #VUART_DR]   // UARTDR: the byte in bits 7:0 (the error bits above are never set here)
    ldr w7, [x5, #VUART_RX_HEAD]
    add w7, w7, w4
    and w7, w7, #(VUART_FIFO_DEPTH - 1)
    add x3, x5, #VUART_RX_FIFO
    strb w6, [x3, x7]
    add w4, w4, #1
    str w4, [x5, #VUART_RX_COUNT]
    ldr w7, [x5, #VUART_RIS]
    orr w7, w7, #(1 << VUART_INT_RX_BIT) // the trigger level is 1 (QEMU pl011_set_read_trigger)
    str w7, [x5, #VUART_RIS]
    b 1b
3:  ldr w6, [x1, #VUART_DR]   // the input context is finished: dropped
    b 1b
9:  ret

// x6 = x6 cut to x4 bits (x3 = SAS; 64 bits untouched). Clobbers x7.
mmio_cut:
    cmp x3, #3
    b.eq 1f
    mov x7, #1
    lsl x7, x7, x4
    sub x7, x7, #1
    and x6, x6, x7
1:  ret

// An access to an emulated device's page the syndrome does not describe (a pair, a writeback, SIMD&FP: ISS.ISV = 0):
// the hypervisor cannot emulate it without decoding the instruction; the VM is stopped and the abort logged (abort.S).
mmio_no_syndrome:
    ldr x0, [x19, #C_NAME]
    bl put_prefix
    adr x0, msg_no_isv
    bl puts
    bl putnl
    b abort_entry
