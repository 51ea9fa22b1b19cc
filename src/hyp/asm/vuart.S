// The PL011 each VM gets (src/hyp/vuart.ts): its page is not in the VM's stage 2, so every access is a stage-2 data
// abort from the VM (ESR_EL2.EC 0x24). With a valid instruction syndrome (ISS.ISV; ARCH-NOTES §7) the access is
// emulated on the context's own register block (C_UART) and the VM resumes after the instruction; an access to that
// page without one is named and stopped; any other abort is a denied access (abort.S).
// In: x19 = context, x21 = ESR_EL2.
dabt_lower:
    ldr x0, [x19, #C_KIND]
    cbnz x0, abort_entry      // a native app has no emulated devices
    tbnz x21, #ISS_S1PTW_BIT, abort_entry  // the fault of a stage-1 table walk, not of the instruction's access
    mrs x0, hpfar_el2
    ubfx x0, x0, #4, #40      // HPFAR_EL2.FIPA[43:4] = the faulting IPA[51:12]
    cmp x0, #VUART_PAGE
    b.ne abort_entry
    tbz x21, #ISS_ISV_BIT, vuart_no_syndrome
    mrs x1, far_el2
    and x1, x1, #0xfff        // the register's offset in the UART's page (FAR_EL2[11:0] = IPA[11:0])
    ubfx x2, x21, #ISS_SRT_SHIFT, #5
    ubfx x3, x21, #ISS_SAS_SHIFT, #2
    mov x4, #8
    lsl x4, x4, x3            // the access's width in bits: 8 << SAS
    add x5, x19, #C_UART
    tbnz x21, #ISS_WNR_BIT, vuart_write

// A read: the register, cut to the access's width, sign-extended when ISS.SSE, kept to 32 bits for a W register
// (ISS.SF = 0), into Xsrt (ARM §D24.2.40 ISS encoding for a Data Abort; SRT 31 is XZR: nothing is written).
vuart_read:
    mov x6, xzr
    cmp x1, #VUART_FR
    b.ne 1f
    mov x6, #VUART_FR_EMPTY   // never busy, never full; nothing received
    b 5f
1:  cmp x1, #VUART_MIS
    b.ne 2f
    ldr w6, [x5, #VUART_RIS]
    ldr w7, [x5, #VUART_IMSC]
    and w6, w6, w7
    b 5f
2:  cmp x1, #VUART_LAST       // the block: UARTDR's slot (nothing received: 0), UARTICR's (never stored: 0) and
    b.hi 3f                   // the offsets no register has (0) included
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
5:  bl vuart_cut
    tbz x21, #ISS_SSE_BIT, 6f
    mov x7, #64
    sub x7, x7, x4
    lsl x6, x6, x7
    asr x6, x6, x7
6:  tbnz x21, #ISS_SF_BIT, 7f
    mov w6, w6                // a W register: bits 63:32 are zero
7:  cmp x2, #31
    b.eq vuart_done
    add x7, x19, #C_GPR
    str x6, [x7, x2, lsl #3]
    b vuart_done

// A write of Xsrt (XZR for SRT 31), cut to the access's width: UARTDR transmits the byte on the context's own
// prefixed line and raises TXRIS, UARTECR clears the error flags, UARTICR clears the RIS bits set in it, the stored
// registers keep the word, the rest ignore it (PL011 TRM §3.3; QEMU pl011_write).
vuart_write:
    mov x6, xzr
    cmp x2, #31
    b.eq 1f
    add x7, x19, #C_GPR
    ldr x6, [x7, x2, lsl #3]
1:  bl vuart_cut
    cmp x1, #VUART_DR
    b.ne 2f
    ldr w7, [x5, #VUART_RIS]
    orr w7, w7, #VUART_INT_TX
    str w7, [x5, #VUART_RIS]
    mov x0, x6
    bl guest_putc
    b vuart_done
2:  cmp x1, #VUART_RSR
    b.ne 3f
    str wzr, [x5, x1]
    b vuart_done
3:  cmp x1, #VUART_ICR
    b.ne 4f
    ldr w7, [x5, #VUART_RIS]
    bic w7, w7, w6
    str w7, [x5, #VUART_RIS]
    b vuart_done
4:  cmp x1, #VUART_LAST
    b.hi vuart_done
    tst x1, #3
    b.ne vuart_done
    lsr x7, x1, #2
    mov x8, #VUART_STORED_LO
    movk x8, #VUART_STORED_HI, lsl #16
    lsr x8, x8, x7
    tbz x8, #0, vuart_done
    str w6, [x5, x1]
vuart_done:
    mrs x0, elr_el2
    add x0, x0, #4            // past the access: ESR_EL2.IL = 1 with ISV, a 32-bit A64 instruction
    msr elr_el2, x0
    b resume

// x6 = x6 cut to x4 bits (x3 = SAS; 64 bits untouched). Clobbers x7.
vuart_cut:
    cmp x3, #3
    b.eq 1f
    mov x7, #1
    lsl x7, x7, x4
    sub x7, x7, #1
    and x6, x6, x7
1:  ret

// An access to the UART's page the syndrome does not describe (a pair, a writeback, SIMD&FP: ISS.ISV = 0): the
// hypervisor cannot emulate it without decoding the instruction; the VM is stopped and the abort logged (abort.S).
vuart_no_syndrome:
    ldr x0, [x19, #C_NAME]
    bl put_prefix
    adr x0, msg_no_isv
    bl puts
    bl putnl
    b abort_entry
