// Assembler corpus: every instruction class and alias twostage knows, written as people write them.
// test/asm/golden/corpus.hex holds the bytes GNU as + ld made of it at 0x40080000 (scripts/record-binutils.ts).
    .arch armv8-a+crc+crypto
    .text
    .global _start
    .equ UNIQUE_VMID, 5
    .equ HCR_TGE, (1 << 27)
_start:
    // --- the design note's snippets, exactly as written
    MOV x0, #(1 << 27)
    MSR HCR_EL2, x0
    TLBI VMALLE1
    DSB SY
    ISB
    MOV x0, #0
    MOV x0, #(1 << 0)
    MOV x0, #(UNIQUE_VMID << 16)
    mov x1, #HCR_TGE

    // --- add/sub immediate and aliases
    add x0, x1, #16
    add w2, w3, #0xfff
    add x4, x5, #1, lsl #12
    add x6, sp, #4096
    add sp, sp, #0x10
    add x7, x8, 0x20
    adds x9, x10, #5
    adds w11, wsp, #0
    sub x12, x13, #1
    sub sp, sp, #32
    subs x14, x15, #4095
    subs w16, w17, #3, lsl #12
    mov sp, x0
    mov x1, sp
    mov wsp, w2
    cmp x0, #4
    cmp w1, #0xabc
    cmn x2, #1
    cmn sp, #8
    cmp sp, #16

    // --- logical immediate and aliases
    and x0, x1, #0xff
    and w2, w3, #0xf0f0f0f0
    and sp, x4, #0xfffffffffffffff0
    orr x5, x6, #0x5555555555555555
    orr w7, w8, #1
    eor x9, x10, #0x8000000000000000
    eor w11, w12, #0x7fffffff
    ands x13, x14, #0x3
    ands w15, w16, #0xffff0000
    tst x17, #0x1
    tst w18, #0x80000000
    mov x19, #0xff00ff00ff00ff00
    mov w20, #0xf0f0f0f0
    orr x21, xzr, #0xff

    // --- move wide
    movz x0, #0x1234
    movz x1, #0x1234, lsl #16
    movz x2, #0, lsl #32
    movz w3, #0xffff, lsl #16
    movn x4, #0
    movn w5, #0xffff
    movn x6, #0x1, lsl #48
    movk x7, #0xbeef
    movk x8, #0xdead, lsl #16
    movk x9, #0x1, lsl #32
    movk x10, #0xffff, lsl #48
    movk w11, #0x8000, lsl #16
    mov x12, #0x10
    mov x13, #-1
    mov w14, #-1
    mov x15, #0xffffffffffff1234
    mov x16, #0x12340000
    mov w17, #0xabcd0000
    mov x18, #0x1234000000000000
    mov w19, #-2

    // --- PC-relative addresses
    adr x0, _start
    adr x1, data_word
    adr x2, 1f
1:  adrp x3, _start
    adrp x4, data_word
    add x4, x4, :lo12:data_word
    ldr w5, [x4, :lo12:data_word]
    ldr x6, [x4, #:lo12:data_quad]

    // --- bitfield moves and aliases
    sbfm x0, x1, #3, #7
    sbfm w2, w3, #31, #0
    bfm x4, x5, #60, #3
    ubfm w6, w7, #8, #15
    lsl x8, x9, #3
    lsl w10, w11, #31
    lsl x12, x13, #0
    lsr x14, x15, #63
    lsr w16, w17, #1
    asr x18, x19, #12
    asr w20, w21, #31
    ubfx x22, x23, #4, #8
    ubfx w24, w25, #0, #31
    sbfx x26, x27, #60, #4
    sbfx w28, w29, #3, #5
    ubfiz x0, x1, #4, #12
    ubfiz w2, w3, #31, #1
    sbfiz x4, x5, #1, #63
    sbfiz w6, w7, #16, #8
    bfi x8, x9, #8, #8
    bfi w10, w11, #1, #31
    bfxil x12, x13, #32, #32
    bfxil w14, w15, #0, #1
    uxtb w16, w17
    uxth w18, w19
    sxtb x20, w21
    sxtb w22, w23
    sxth x24, w25
    sxth w26, w27
    sxtw x28, w29
    extr x0, x1, x2, #17
    extr w3, w4, w5, #31
    ror x6, x7, #1
    ror w8, w9, #30

    // --- logical shifted register and aliases
    and x0, x1, x2
    and w3, w4, w5, lsl #3
    bic x6, x7, x8, lsr #63
    bic w9, w10, w11, asr #1
    orr x12, x13, x14, ror #7
    orn w15, w16, w17
    eor x18, x19, x20, lsl #32
    eon w21, w22, w23, ror #31
    ands x24, x25, x26
    bics w27, w28, w29, lsr #4
    mov x0, x1
    mov w2, w3
    mov x4, xzr
    mvn x5, x6
    mvn w7, w8, lsl #2
    tst x9, x10
    tst w11, w12, asr #5
    orr x13, xzr, x14, lsl #1

    // --- add/sub shifted and extended register and aliases
    add x0, x1, x2
    add w3, w4, w5, lsl #31
    add x6, x7, x8, lsr #10
    adds x9, x10, x11, asr #63
    sub w12, w13, w14
    subs x15, x16, x17, lsl #1
    cmp x18, x19
    cmp w20, w21, lsr #2
    cmn x22, x23
    cmn w24, w25, asr #3
    neg x26, x27
    neg w28, w29, lsl #4
    negs x0, x1
    negs w2, w3, asr #1
    add x4, sp, x5
    add x6, sp, x7, lsl #3
    add sp, x8, x9
    add x10, x11, w12, uxtw
    add x13, x14, w15, sxtw #2
    add w16, w17, w18, uxtb
    add w19, w20, w21, sxth #1
    add x22, x23, x24, sxtx #4
    add w25, wsp, w26
    adds x27, sp, w28, uxth
    sub x29, sp, x0
    sub sp, sp, x1, lsl #2
    subs x2, x3, w4, sxtb #1
    cmp sp, x5
    cmp x6, w7, uxtw #2
    cmn sp, x8
    cmn w9, w10, uxtb

    // --- carry, conditional compare and select
    adc x0, x1, x2
    adc w3, w4, w5
    adcs x6, x7, x8
    sbc x9, x10, x11
    sbcs w12, w13, w14
    ngc x15, x16
    ngcs w17, w18
    ccmp x0, x1, #4, ne
    ccmp w2, #31, #15, hi
    ccmn x3, x4, #0, eq
    ccmn w5, #0, #8, lt
    csel x6, x7, x8, ge
    csel w9, w10, w11, le
    csinc x12, x13, x14, gt
    csinv w15, w16, w17, cs
    csneg x18, x19, x20, cc
    cset x21, eq
    cset w22, hs
    csetm x23, lo
    csetm w24, mi
    cinc x25, x26, pl
    cinc w27, w28, vs
    cinv x29, x0, vc
    cinv w1, w2, hi
    cneg x3, x4, ls
    cneg w5, w6, ge
    csinc x7, x8, x8, al
    csel x9, x10, x11, nv

    // --- multiply, divide, shifts by register, CRC, one-source
    madd x0, x1, x2, x3
    madd w4, w5, w6, w7
    msub x8, x9, x10, x11
    mul x12, x13, x14
    mul w15, w16, w17
    mneg x18, x19, x20
    smaddl x21, w22, w23, x24
    smsubl x25, w26, w27, x28
    umaddl x29, w0, w1, x2
    umsubl x3, w4, w5, x6
    smull x7, w8, w9
    umull x10, w11, w12
    smnegl x13, w14, w15
    umnegl x16, w17, w18
    smulh x19, x20, x21
    umulh x22, x23, x24
    udiv x25, x26, x27
    sdiv w28, w29, w0
    lslv x1, x2, x3
    lsrv w4, w5, w6
    asrv x7, x8, x9
    rorv w10, w11, w12
    lsl x13, x14, x15
    lsr w16, w17, w18
    asr x19, x20, x21
    ror w22, w23, w24
    crc32b w0, w1, w2
    crc32h w3, w4, w5
    crc32w w6, w7, w8
    crc32x w9, w10, x11
    crc32cb w12, w13, w14
    crc32ch w15, w16, w17
    crc32cw w18, w19, w20
    crc32cx w21, w22, x23
    rbit x0, x1
    rbit w2, w3
    rev16 x4, x5
    rev16 w6, w7
    rev32 x8, x9
    rev w10, w11
    rev x12, x13
    clz x14, x15
    clz w16, w17
    cls x18, x19
    cls w20, w21

    // --- branches
2:  b 2b
    b 3f
    bl _start
    bl far_label
    b.eq 2b
    b.ne 3f
    b.cs 2b
    b.hs 2b
    b.cc 3f
    b.lo 3f
    b.mi 2b
    b.pl 2b
    b.vs 2b
    b.vc 2b
    b.hi 3f
    b.ls 3f
    b.ge 3f
    b.lt 3f
    b.gt 3f
    b.le 3f
    b.al 3f
    b.nv 3f
    cbz x0, 2b
    cbz w1, 3f
    cbnz x2, 2b
    cbnz w3, 3f
    tbz x4, #63, 2b
    tbz w5, #0, 3f
    tbnz x6, #32, 3f
    tbnz w7, #31, 2b
3:  br x8
    blr x9
    ret
    ret x10
    ret x30

    // --- exception generation and return
    svc #0
    svc #0xffff
    hvc #0
    hvc #0x1234
    smc #0
    smc #1
    brk #0
    brk #0x3e8
    udf #0
    udf #4660
    hlt #0xf000
    hlt #0
    dcps1
    dcps2 #1
    dcps3
    eret
    drps

    // --- loads and stores: unsigned offset, pre/post index, register offset, unscaled, unprivileged
    ldr x0, [x1]
    ldr x2, [x3, #8]
    ldr x4, [sp, #32760]
    ldr w5, [x6, #4]
    ldr w7, [sp, #16380]
    str x8, [x9, #16]
    str w10, [sp]
    strb w11, [x12, #4095]
    ldrb w13, [x14, #1]
    strh w15, [x16, #2]
    ldrh w17, [x18, #8190]
    ldrsb x19, [x20, #3]
    ldrsb w21, [x22]
    ldrsh x23, [x24, #6]
    ldrsh w25, [x26, #4094]
    ldrsw x27, [x28, #12]
    ldr x0, [x1, #-16]!
    ldr x2, [x3, #255]!
    str x4, [sp, #-16]!
    str w5, [x6, #-256]!
    ldrb w7, [x8, #1]!
    ldrsw x9, [x10, #-4]!
    ldr x11, [x12], #16
    str x13, [sp], #-32
    ldrh w14, [x15], #2
    ldrsb x16, [x17], #-1
    strb w18, [x19], #255
    ldr x20, [x21, x22]
    ldr x23, [x24, x25, lsl #3]
    ldr w26, [x27, w28, uxtw]
    ldr w29, [x0, w1, sxtw #2]
    ldr x2, [x3, x4, sxtx]
    ldrb w5, [x6, x7]
    ldrb w8, [x9, x10, lsl #0]
    ldrb w11, [x12, w13, uxtw #0]
    strh w14, [x15, x16, lsl #1]
    ldrsh x17, [x18, w19, sxtw #1]
    ldrsw x20, [x21, x22, lsl #2]
    str w23, [sp, x24]
    ldur x0, [x1, #-8]
    ldur w2, [x3, #1]
    stur x4, [sp, #-256]
    sturb w5, [x6, #255]
    ldurh w7, [x8, #-3]
    ldursb x9, [x10, #7]
    ldursw x11, [x12]
    ldr x13, [x14, #-8]
    ldr w15, [x16, #3]
    str x17, [x18, #-1]
    ldtr x19, [x20]
    ldtr w21, [x22, #-4]
    sttr x23, [x24, #255]
    ldtrb w25, [x26, #1]
    sttrh w27, [x28, #-2]
    ldtrsw x29, [x0, #8]

    // --- literals and the literal pool
    ldr x0, data_quad
    ldr w1, data_word
    ldrsw x2, data_word
    prfm pldl1keep, data_word
    ldr x3, =0x123456789abcdef0
    ldr w4, =0x12345678
    ldr x5, =_start
    ldr x6, =0x123456789abcdef0
    ldr x7, =data_word + 8

    // --- prefetch
    prfm pldl1keep, [x0]
    prfm pldl2strm, [x1, #8]
    prfm pstl3keep, [x2, x3]
    prfm plil1strm, [x4, x5, lsl #3]
    prfm #0x1f, [x6]
    prfum pldl1keep, [x7, #-1]
    prfm pldl3keep, [x8, #-5]

    // --- pairs
    ldp x0, x1, [sp]
    ldp x2, x3, [x4, #16]
    ldp w5, w6, [x7, #-256]
    stp x8, x9, [sp, #-16]!
    stp w10, w11, [x12, #252]!
    ldp x13, x14, [sp], #16
    ldp w15, w16, [x17], #-8
    ldpsw x18, x19, [x20, #8]
    ldpsw x21, x22, [x23], #-4
    ldpsw x24, x25, [x26, #252]!
    stnp x27, x28, [x29, #-512]
    ldnp w0, w1, [x2, #4]
    stp x29, x30, [sp, #-16]!
    ldp x29, x30, [sp], #16

    // --- exclusive and ordered
    ldxr x0, [x1]
    ldxr w2, [sp]
    ldxrb w3, [x4]
    ldxrh w5, [x6, #0]
    ldaxr x7, [x8]
    ldaxrb w9, [x10]
    stxr w11, x12, [x13]
    stxr w14, w15, [x16]
    stxrb w17, w18, [x19]
    stxrh w20, w21, [x22]
    stlxr w23, x24, [x25]
    stlxrh w26, w27, [x28]
    ldar x29, [x0]
    ldarb w1, [x2]
    ldarh w3, [x4]
    stlr x5, [x6]
    stlrb w7, [x8]
    stlrh w9, [sp]
    ldxp x10, x11, [x12]
    ldxp w13, w14, [x15]
    ldaxp x16, x17, [x18]
    stxp w19, x20, x21, [x22]
    stlxp w23, w24, w25, [x26]

    // --- every remaining load/store form, once each
    strb w0, [x1, #-1]!
    strb w2, [x3, x4]
    sttrb w5, [x6, #3]
    ldrb w7, [x8], #-2
    ldurb w9, [x10, #-9]
    ldrsb x11, [x12, #-128]!
    ldrsb x13, [x14, w15, sxtw]
    ldtrsb x16, [x17]
    ldrsb w18, [x19], #5
    ldrsb w20, [x21, #6]!
    ldrsb w22, [x23, x24, lsl #0]
    ldursb w25, [x26, #-7]
    ldtrsb w27, [x28, #8]
    strh w29, [x0], #-2
    strh w1, [x2, #4]!
    sturh w3, [x4, #-5]
    ldrh w5, [x6, #-6]!
    ldrh w7, [x8, w9, uxtw #1]
    ldtrh w10, [x11]
    ldrsh x12, [x13], #10
    ldrsh x14, [x15, #-10]!
    ldursh x16, [x17, #11]
    ldtrsh x18, [x19, #-12]
    ldrsh w20, [x21], #-14
    ldrsh w22, [x23, #16]!
    ldrsh w24, [x25, x26]
    ldursh w27, [x28, #1]
    ldtrsh w29, [sp, #2]
    str w0, [x1], #4
    stur w2, [x3, #-4]
    sttr w4, [x5, #100]
    ldr w6, [x7], #-8
    ldr w8, [x9, #12]!
    ldrsw x10, [x11], #20
    str x12, [x13, x14, lsl #3]
    stp w15, w16, [x17], #8
    stp w18, w19, [x20, #-64]
    stnp w21, w22, [x23, #252]
    ldp w24, w25, [x26, #-4]!
    stp x27, x28, [x29], #-504
    stp x0, x1, [x2, #504]
    ldp x3, x4, [x5, #64]!
    ldnp x6, x7, [sp, #-8]
    stlxrb w8, w9, [x10]
    stlxr w11, w12, [x13]
    ldaxrh w14, [x15]
    ldaxr w16, [x17]
    stlr w18, [x19]
    ldar w20, [x21]
    stxp w22, w23, w24, [x25]
    stlxp w26, x27, x28, [x29]
    ldaxp w0, w1, [x2]

    // --- SIMD&FP registers: every size and addressing form
    ldr b0, [x1, #3]
    ldr b1, [sp, #-1]!
    ldr b2, [x3], #5
    ldr b3, [x4, x5]
    ldr b4, [x5, w6, sxtw]
    ldur b5, [x6, #-3]
    str b7, [x8, #3]
    str b8, [sp, #-1]!
    str b9, [x10], #5
    str b10, [x11, x12]
    str b11, [x12, w13, sxtw]
    stur b12, [x13, #-3]
    ldr h14, [x15, #6]
    ldr h15, [sp, #-2]!
    ldr h16, [x17], #10
    ldr h17, [x18, x19, lsl #1]
    ldr h18, [x19, w20, sxtw #1]
    ldur h19, [x20, #-3]
    str h21, [x22, #6]
    str h22, [sp, #-2]!
    str h23, [x24], #10
    str h24, [x25, x26, lsl #1]
    str h25, [x26, w27, sxtw #1]
    stur h26, [x27, #-3]
    ldr s28, [x29, #12]
    ldr s29, [sp, #-4]!
    ldr s30, [x0], #20
    ldr s31, [x1, x2, lsl #2]
    ldr s0, [x2, w3, sxtw #2]
    ldur s1, [x3, #-3]
    str s3, [x4, #12]
    str s4, [sp, #-4]!
    str s5, [x6], #20
    str s6, [x7, x8, lsl #2]
    str s7, [x8, w9, sxtw #2]
    stur s8, [x9, #-3]
    ldr d10, [x11, #24]
    ldr d11, [sp, #-8]!
    ldr d12, [x13], #40
    ldr d13, [x14, x15, lsl #3]
    ldr d14, [x15, w16, sxtw #3]
    ldur d15, [x16, #-3]
    str d17, [x18, #24]
    str d18, [sp, #-8]!
    str d19, [x20], #40
    str d20, [x21, x22, lsl #3]
    str d21, [x22, w23, sxtw #3]
    stur d22, [x23, #-3]
    ldr q24, [x25, #48]
    ldr q25, [sp, #-16]!
    ldr q26, [x27], #80
    ldr q27, [x28, x29, lsl #4]
    ldr q28, [x29, w30, sxtw #4]
    ldur q29, [x30, #-3]
    str q31, [x1, #48]
    str q0, [sp, #-16]!
    str q1, [x3], #80
    str q2, [x4, x5, lsl #4]
    str q3, [x5, w6, sxtw #4]
    stur q4, [x6, #-3]
    ldr s9, data_quad
    ldr d9, data_quad
    ldr q9, data_quad
    ldp s0, s31, [x1, #8]
    ldp s2, s3, [sp, #-16]!
    ldp s4, s5, [x6], #252
    ldnp s7, s8, [x9, #-256]
    stp s0, s31, [x1, #8]
    stp s2, s3, [sp, #-16]!
    stp s4, s5, [x6], #252
    stnp s7, s8, [x9, #-256]
    ldp d0, d31, [x1, #16]
    ldp d2, d3, [sp, #-32]!
    ldp d4, d5, [x6], #504
    ldnp d7, d8, [x9, #-512]
    stp d0, d31, [x1, #16]
    stp d2, d3, [sp, #-32]!
    stp d4, d5, [x6], #504
    stnp d7, d8, [x9, #-512]
    ldp q0, q31, [x1, #32]
    ldp q2, q3, [sp, #-64]!
    ldp q4, q5, [x6], #1008
    ldnp q7, q8, [x9, #-1024]
    stp q0, q31, [x1, #32]
    stp q2, q3, [sp, #-64]!
    stp q4, q5, [x6], #1008
    stnp q7, q8, [x9, #-1024]

    // --- SIMD&FP moves
    dup v0.4s, v1.s[2]
    dup v2.16b, v31.b[15]
    dup v3.2d, v4.d[1]
    dup v5.4h, v6.h[7]
    dup v0.8b, w1
    dup v7.8h, wzr
    dup v3.2d, x4
    smov w0, v1.b[3]
    smov x2, v3.s[1]
    smov x4, v5.h[7]
    umov w0, v1.b[3]
    umov w6, v7.h[0]
    mov w0, v1.s[1]
    umov x8, v9.d[1]
    mov x0, v1.d[0]
    mov v0.s[1], w2
    ins v0.d[1], x2
    mov v10.b[15], wzr
    mov v0.h[1], v1.h[7]
    ins v0.b[15], v1.b[0]
    mov v2.d[0], v3.d[1]
    fmov w0, s1
    fmov s1, w0
    fmov x0, d1
    fmov d1, xzr
    fmov x0, v1.d[1]
    fmov v1.d[1], x0
    fmov s0, s1
    fmov d30, d31
    fmov s0, #1.0
    fmov d1, #-0.125
    fmov s2, #31.0
    fmov d3, #2
    fmov s4, #1.0e+1

    // --- Advanced SIMD three same (integer, logical)
    shadd v1.8b, v3.8b, v7.8b
    uhadd v2.16b, v6.16b, v14.16b
    srhadd v3.4h, v9.4h, v21.4h
    urhadd v4.8h, v12.8h, v28.8h
    shsub v5.2s, v15.2s, v3.2s
    uhsub v6.4s, v18.4s, v10.4s
    cmgt v7.2d, v21.2d, v17.2d
    cmhi v8.8b, v24.8b, v24.8b
    cmge v9.16b, v27.16b, v31.16b
    cmhs v10.4h, v30.4h, v6.4h
    smax v11.2s, v1.2s, v13.2s
    umax v12.4s, v4.4s, v20.4s
    smin v13.8b, v7.8b, v27.8b
    umin v14.16b, v10.16b, v2.16b
    sabd v15.4h, v13.4h, v9.4h
    uabd v16.8h, v16.8h, v16.8h
    saba v17.2s, v19.2s, v23.2s
    uaba v18.4s, v22.4s, v30.4s
    add v19.2s, v25.2s, v5.2s
    sub v20.4s, v28.4s, v12.4s
    cmtst v21.2d, v31.2d, v19.2d
    cmeq v22.8b, v2.8b, v26.8b
    mla v23.2s, v5.2s, v1.2s
    mls v24.4s, v8.4s, v8.4s
    mul v25.8b, v11.8b, v15.8b
    smaxp v26.16b, v14.16b, v22.16b
    umaxp v27.4h, v17.4h, v29.4h
    sminp v28.8h, v20.8h, v4.8h
    uminp v29.2s, v23.2s, v11.2s
    addp v30.16b, v26.16b, v18.16b
    and v31.8b, v29.8b, v25.8b
    bic v0.16b, v0.16b, v0.16b
    orr v1.8b, v3.8b, v7.8b
    orn v2.16b, v6.16b, v14.16b
    eor v3.8b, v9.8b, v21.8b
    bsl v4.16b, v12.16b, v28.16b
    bit v5.8b, v15.8b, v3.8b
    bif v6.16b, v18.16b, v10.16b
    mov v30.16b, v31.16b

    // --- Advanced SIMD modified immediate, EXT
    movi v0.4s, #0x12, lsl #8
    movi v0.2s, #0x12
    movi v1.4h, #0x34, lsl #8
    movi v1.8h, #0x34
    movi v2.2s, #0x56, msl #16
    movi v3.16b, #0xab
    movi d4, #0xff00ff00ff00ff00
    movi v5.2d, #0xffffffffffffffff
    mvni v6.4s, #0x12, lsl #24
    mvni v7.8h, #0x1
    mvni v7.2s, #0x1, msl #8
    orr v8.4s, #0x12, lsl #8
    orr v8.8h, #0x12
    bic v9.8h, #0x1, lsl #8
    bic v9.2s, #0x1
    fmov v10.4s, #1.0
    fmov v11.2d, #-0.5
    fmov v12.2s, #2.0
    ext v0.16b, v1.16b, v2.16b, #3
    ext v0.8b, v1.8b, v2.8b, #7
    ld1 {v1.16b}, [x1]
    ld1 {v1.16b}, [sp], #16
    ld1 {v1.16b}, [x2], x3
    st1 {v1.16b}, [x1]
    st1 {v1.16b}, [sp], #16
    st1 {v1.16b}, [x2], x3
    ld1 {v2.8h, v3.8h}, [x1]
    ld1 {v2.8h, v3.8h}, [sp], #32
    ld1 {v2.8h, v3.8h}, [x2], x3
    st1 {v2.8h, v3.8h}, [x1]
    st1 {v2.8h, v3.8h}, [sp], #32
    st1 {v2.8h, v3.8h}, [x2], x3
    ld1 {v4.4s-v6.4s}, [x1]
    ld1 {v4.4s-v6.4s}, [sp], #48
    ld1 {v4.4s-v6.4s}, [x2], x3
    st1 {v4.4s-v6.4s}, [x1]
    st1 {v4.4s-v6.4s}, [sp], #48
    st1 {v4.4s-v6.4s}, [x2], x3
    ld1 {v28.2d-v31.2d}, [x1]
    ld1 {v28.2d-v31.2d}, [sp], #64
    ld1 {v28.2d-v31.2d}, [x2], x3
    st1 {v28.2d-v31.2d}, [x1]
    st1 {v28.2d-v31.2d}, [sp], #64
    st1 {v28.2d-v31.2d}, [x2], x3
    ld2 {v31.8b, v0.8b}, [x4]
    ld2 {v31.8b, v0.8b}, [x5], #16
    ld2 {v31.8b, v0.8b}, [x6], x7
    st2 {v31.8b, v0.8b}, [x4]
    st2 {v31.8b, v0.8b}, [x5], #16
    st2 {v31.8b, v0.8b}, [x6], x7
    ld3 {v7.4h, v8.4h, v9.4h}, [x4]
    ld3 {v7.4h, v8.4h, v9.4h}, [x5], #24
    ld3 {v7.4h, v8.4h, v9.4h}, [x6], x7
    st3 {v7.4h, v8.4h, v9.4h}, [x4]
    st3 {v7.4h, v8.4h, v9.4h}, [x5], #24
    st3 {v7.4h, v8.4h, v9.4h}, [x6], x7
    ld4 {v30.16b, v31.16b, v0.16b, v1.16b}, [x4]
    ld4 {v30.16b, v31.16b, v0.16b, v1.16b}, [x5], #64
    ld4 {v30.16b, v31.16b, v0.16b, v1.16b}, [x6], x7
    st4 {v30.16b, v31.16b, v0.16b, v1.16b}, [x4]
    st4 {v30.16b, v31.16b, v0.16b, v1.16b}, [x5], #64
    st4 {v30.16b, v31.16b, v0.16b, v1.16b}, [x6], x7
    ld1 {v0.1d}, [x0]
    ld1 {v0.b}[13], [x1]
    ld1 {v0.b}[13], [sp], #1
    ld1 {v0.b}[13], [x1], x4
    st1 {v5.b}[0], [x2]
    st1 {v5.b}[0], [sp], #1
    st1 {v5.b}[0], [x2], x5
    ld1 {v30.h}[6], [x3]
    ld1 {v30.h}[6], [sp], #2
    ld1 {v30.h}[6], [x3], x6
    st1 {v31.h}[0], [x4]
    st1 {v31.h}[0], [sp], #2
    st1 {v31.h}[0], [x4], x7
    ld1 {v0.s}[3], [x5]
    ld1 {v0.s}[3], [sp], #4
    ld1 {v0.s}[3], [x5], x8
    st1 {v5.s}[0], [x6]
    st1 {v5.s}[0], [sp], #4
    st1 {v5.s}[0], [x6], x9
    ld1 {v30.d}[1], [x7]
    ld1 {v30.d}[1], [sp], #8
    ld1 {v30.d}[1], [x7], x10
    st1 {v31.d}[0], [x0]
    st1 {v31.d}[0], [sp], #8
    st1 {v31.d}[0], [x0], x11
    ld1r {v0.8b}, [x2]
    ld1r {v0.8b}, [x3], #1
    ld1r {v0.8b}, [sp], x4
    ld2 {v0.b, v1.b}[13], [x1]
    ld2 {v0.b, v1.b}[13], [sp], #2
    ld2 {v0.b, v1.b}[13], [x1], x12
    st2 {v5.b, v6.b}[0], [x2]
    st2 {v5.b, v6.b}[0], [sp], #2
    st2 {v5.b, v6.b}[0], [x2], x13
    ld2 {v30.h, v31.h}[6], [x3]
    ld2 {v30.h, v31.h}[6], [sp], #4
    ld2 {v30.h, v31.h}[6], [x3], x14
    st2 {v31.h, v0.h}[0], [x4]
    st2 {v31.h, v0.h}[0], [sp], #4
    st2 {v31.h, v0.h}[0], [x4], x15
    ld2 {v0.s, v1.s}[3], [x5]
    ld2 {v0.s, v1.s}[3], [sp], #8
    ld2 {v0.s, v1.s}[3], [x5], x16
    st2 {v5.s, v6.s}[0], [x6]
    st2 {v5.s, v6.s}[0], [sp], #8
    st2 {v5.s, v6.s}[0], [x6], x17
    ld2 {v30.d, v31.d}[1], [x7]
    ld2 {v30.d, v31.d}[1], [sp], #16
    ld2 {v30.d, v31.d}[1], [x7], x18
    st2 {v31.d, v0.d}[0], [x0]
    st2 {v31.d, v0.d}[0], [sp], #16
    st2 {v31.d, v0.d}[0], [x0], x19
    ld2r {v5.8h, v6.8h}, [x2]
    ld2r {v5.8h, v6.8h}, [x3], #4
    ld2r {v5.8h, v6.8h}, [sp], x4
    ld3 {v0.b-v2.b}[13], [x1]
    ld3 {v0.b-v2.b}[13], [sp], #3
    ld3 {v0.b-v2.b}[13], [x1], x20
    st3 {v5.b-v7.b}[0], [x2]
    st3 {v5.b-v7.b}[0], [sp], #3
    st3 {v5.b-v7.b}[0], [x2], x21
    ld3 {v30.h, v31.h, v0.h}[6], [x3]
    ld3 {v30.h, v31.h, v0.h}[6], [sp], #6
    ld3 {v30.h, v31.h, v0.h}[6], [x3], x22
    st3 {v31.h, v0.h, v1.h}[0], [x4]
    st3 {v31.h, v0.h, v1.h}[0], [sp], #6
    st3 {v31.h, v0.h, v1.h}[0], [x4], x23
    ld3 {v0.s-v2.s}[3], [x5]
    ld3 {v0.s-v2.s}[3], [sp], #12
    ld3 {v0.s-v2.s}[3], [x5], x24
    st3 {v5.s-v7.s}[0], [x6]
    st3 {v5.s-v7.s}[0], [sp], #12
    st3 {v5.s-v7.s}[0], [x6], x25
    ld3 {v30.d, v31.d, v0.d}[1], [x7]
    ld3 {v30.d, v31.d, v0.d}[1], [sp], #24
    ld3 {v30.d, v31.d, v0.d}[1], [x7], x26
    st3 {v31.d, v0.d, v1.d}[0], [x0]
    st3 {v31.d, v0.d, v1.d}[0], [sp], #24
    st3 {v31.d, v0.d, v1.d}[0], [x0], x27
    ld3r {v30.4s, v31.4s, v0.4s}, [x2]
    ld3r {v30.4s, v31.4s, v0.4s}, [x3], #12
    ld3r {v30.4s, v31.4s, v0.4s}, [sp], x4
    ld4 {v0.b-v3.b}[13], [x1]
    ld4 {v0.b-v3.b}[13], [sp], #4
    ld4 {v0.b-v3.b}[13], [x1], x28
    st4 {v5.b-v8.b}[0], [x2]
    st4 {v5.b-v8.b}[0], [sp], #4
    st4 {v5.b-v8.b}[0], [x2], x29
    ld4 {v30.h, v31.h, v0.h, v1.h}[6], [x3]
    ld4 {v30.h, v31.h, v0.h, v1.h}[6], [sp], #8
    ld4 {v30.h, v31.h, v0.h, v1.h}[6], [x3], x30
    st4 {v31.h, v0.h, v1.h, v2.h}[0], [x4]
    st4 {v31.h, v0.h, v1.h, v2.h}[0], [sp], #8
    st4 {v31.h, v0.h, v1.h, v2.h}[0], [x4], x0
    ld4 {v0.s-v3.s}[3], [x5]
    ld4 {v0.s-v3.s}[3], [sp], #16
    ld4 {v0.s-v3.s}[3], [x5], x1
    st4 {v5.s-v8.s}[0], [x6]
    st4 {v5.s-v8.s}[0], [sp], #16
    st4 {v5.s-v8.s}[0], [x6], x2
    ld4 {v30.d, v31.d, v0.d, v1.d}[1], [x7]
    ld4 {v30.d, v31.d, v0.d, v1.d}[1], [sp], #32
    ld4 {v30.d, v31.d, v0.d, v1.d}[1], [x7], x3
    st4 {v31.d, v0.d, v1.d, v2.d}[0], [x0]
    st4 {v31.d, v0.d, v1.d, v2.d}[0], [sp], #32
    st4 {v31.d, v0.d, v1.d, v2.d}[0], [x0], x4
    ld4r {v31.1d, v0.1d, v1.1d, v2.1d}, [x2]
    ld4r {v31.1d, v0.1d, v1.1d, v2.1d}, [x3], #32
    ld4r {v31.1d, v0.1d, v1.1d, v2.1d}, [sp], x4
    saddl v1.8h, v7.8b, v18.8b
    saddl2 v2.4s, v14.8h, v31.8h
    saddl v3.2d, v21.2s, v12.2s
    uaddl2 v4.8h, v28.16b, v25.16b
    uaddl v5.4s, v3.4h, v6.4h
    uaddl2 v6.2d, v10.4s, v19.4s
    saddw v7.8h, v17.8h, v0.8b
    saddw2 v8.4s, v24.4s, v13.8h
    saddw v9.2d, v31.2d, v26.2s
    uaddw2 v10.8h, v6.8h, v7.16b
    uaddw v11.4s, v13.4s, v20.4h
    uaddw2 v12.2d, v20.2d, v1.4s
    ssubl v13.8h, v27.8b, v14.8b
    ssubl2 v14.4s, v2.8h, v27.8h
    ssubl v15.2d, v9.2s, v8.2s
    usubl2 v16.8h, v16.16b, v21.16b
    usubl v17.4s, v23.4h, v2.4h
    usubl2 v18.2d, v30.4s, v15.4s
    ssubw v19.8h, v5.8h, v28.8b
    ssubw2 v20.4s, v12.4s, v9.8h
    ssubw v21.2d, v19.2d, v22.2s
    usubw2 v22.8h, v26.8h, v3.16b
    usubw v23.4s, v1.4s, v16.4h
    usubw2 v24.2d, v8.2d, v29.4s
    addhn v25.8b, v15.8h, v10.8h
    addhn2 v26.8h, v22.4s, v23.4s
    addhn v27.2s, v29.2d, v4.2d
    raddhn2 v28.16b, v4.8h, v17.8h
    raddhn v29.4h, v11.4s, v30.4s
    raddhn2 v30.4s, v18.2d, v11.2d
    sabal v31.8h, v25.8b, v24.8b
    sabal2 v0.4s, v0.8h, v5.8h
    sabal v1.2d, v7.2s, v18.2s
    uabal2 v2.8h, v14.16b, v31.16b
    uabal v3.4s, v21.4h, v12.4h
    uabal2 v4.2d, v28.4s, v25.4s
    subhn v5.8b, v3.8h, v6.8h
    subhn2 v6.8h, v10.4s, v19.4s
    subhn v7.2s, v17.2d, v0.2d
    rsubhn2 v8.16b, v24.8h, v13.8h
    rsubhn v9.4h, v31.4s, v26.4s
    rsubhn2 v10.4s, v6.2d, v7.2d
    sabdl v11.8h, v13.8b, v20.8b
    sabdl2 v12.4s, v20.8h, v1.8h
    sabdl v13.2d, v27.2s, v14.2s
    uabdl2 v14.8h, v2.16b, v27.16b
    uabdl v15.4s, v9.4h, v8.4h
    uabdl2 v16.2d, v16.4s, v21.4s
    smlal v17.8h, v23.8b, v2.8b
    smlal2 v18.4s, v30.8h, v15.8h
    smlal v19.2d, v5.2s, v28.2s
    umlal2 v20.8h, v12.16b, v9.16b
    umlal v21.4s, v19.4h, v22.4h
    umlal2 v22.2d, v26.4s, v3.4s
    sqdmlal v23.4s, v1.4h, v16.4h
    sqdmlal2 v24.2d, v8.4s, v29.4s
    smlsl v25.8h, v15.8b, v10.8b
    smlsl2 v26.4s, v22.8h, v23.8h
    smlsl v27.2d, v29.2s, v4.2s
    umlsl2 v28.8h, v4.16b, v17.16b
    umlsl v29.4s, v11.4h, v30.4h
    umlsl2 v30.2d, v18.4s, v11.4s
    sqdmlsl v31.4s, v25.4h, v24.4h
    sqdmlsl2 v0.2d, v0.4s, v5.4s
    smull v1.8h, v7.8b, v18.8b
    smull2 v2.4s, v14.8h, v31.8h
    smull v3.2d, v21.2s, v12.2s
    umull2 v4.8h, v28.16b, v25.16b
    umull v5.4s, v3.4h, v6.4h
    umull2 v6.2d, v10.4s, v19.4s
    sqdmull v7.4s, v17.4h, v0.4h
    sqdmull2 v8.2d, v24.4s, v13.4s
    pmull v0.8h, v1.8b, v2.8b
    pmull2 v3.8h, v4.16b, v5.16b
    pmull v6.1q, v7.1d, v8.1d
    pmull2 v9.1q, v10.2d, v11.2d

    // --- Crypto: AES round steps, SHA-1 and SHA-256 hash and schedule updates
    aese v0.16b, v1.16b
    aesd v31.16b, v17.16b
    AESMC v2.16B, v3.16B
    aesimc v30.16b, v30.16b
    sha1c q0, s1, v2.4s
    sha1p q29, s30, v31.4s
    sha1m q5, s6, v7.4s
    sha1su0 v8.4s, v9.4s, v10.4s
    sha256h q11, q12, v13.4s
    sha256h2 q14, q15, v16.4s
    sha256su1 v17.4s, v18.4s, v19.4s
    sha1h s20, s21
    sha1su1 v22.4s, v23.4s
    sha256su0 v24.4s, v25.4s
    sqdmlal s0, h1, h2
    sqdmlal d3, s4, s5
    sqdmlsl s6, h7, h8
    sqdmlsl d9, s10, s31
    sqdmull s11, h12, h13
    sqdmull d14, s15, s16
    mla v1.8h, v3.8h, v5.h[1]
    mla v2.2s, v6.2s, v22.s[2]
    mls v3.8h, v9.8h, v15.h[3]
    mls v4.2s, v12.2s, v12.s[0]
    mul v5.8h, v15.8h, v9.h[5]
    mul v6.2s, v18.2s, v2.s[2]
    smlal2 v7.4s, v21.8h, v3.h[7]
    smlal v8.2d, v24.2s, v24.s[0]
    umlal2 v9.4s, v27.8h, v13.h[1]
    umlal v10.2d, v30.2s, v14.s[2]
    smlsl2 v11.4s, v1.8h, v7.h[3]
    smlsl v12.2d, v4.2s, v4.s[0]
    umlsl2 v13.4s, v7.8h, v1.h[5]
    umlsl v14.2d, v10.2s, v26.s[2]
    smull2 v15.4s, v13.8h, v11.h[7]
    smull v16.2d, v16.2s, v16.s[0]
    umull2 v17.4s, v19.8h, v5.h[1]
    umull v18.2d, v22.2s, v6.s[2]
    sqdmlal2 v19.4s, v25.8h, v15.h[3]
    sqdmlal v20.2d, v28.2s, v28.s[0]
    sqdmlsl2 v21.4s, v31.8h, v9.h[5]
    sqdmlsl v22.2d, v2.2s, v18.s[2]
    sqdmull2 v23.4s, v5.8h, v3.h[7]
    sqdmull v24.2d, v8.2s, v8.s[0]
    sqdmulh v25.8h, v11.8h, v13.h[1]
    sqdmulh v26.2s, v14.2s, v30.s[2]
    sqrdmulh v27.8h, v17.8h, v7.h[3]
    sqrdmulh v28.2s, v20.2s, v20.s[0]
    sqdmlal s29, h23, v1.h[5]
    sqdmlal d30, s26, v10.s[2]
    sqdmlsl s31, h29, v11.h[7]
    sqdmlsl d0, s0, v0.s[0]
    sqdmull s1, h3, v5.h[1]
    sqdmull d2, s6, v22.s[2]
    sqdmulh h3, h9, v15.h[3]
    sqdmulh s4, s12, v12.s[0]
    sqrdmulh h5, h15, v9.h[5]
    sqrdmulh s6, s18, v2.s[2]
    sqdmulh v7.4h, v8.4h, v9.4h
    sqdmulh v10.8h, v11.8h, v31.8h
    sqdmulh v12.2s, v13.2s, v14.2s
    sqrdmulh v15.4s, v16.4s, v17.4s
    sqrdmulh v18.4h, v0.4h, v30.4h
    sqdmulh h19, h20, h21
    sqdmulh s22, s23, s24
    sqrdmulh h25, h26, h27
    sqrdmulh s28, s29, s30
    pmul v0.8b, v1.8b, v2.8b
    pmul v31.16b, v30.16b, v29.16b
    tbl v0.8b, {v1.16b}, v2.8b
    tbl v3.16b, {v30.16b, v31.16b}, v4.16b
    tbl v5.16b, {v6.16b-v8.16b}, v9.16b
    tbl v10.8b, {v29.16b, v30.16b, v31.16b, v0.16b}, v11.8b
    tbx v0.16b, {v1.16b}, v2.16b
    tbx v3.8b, {v4.16b, v5.16b}, v6.8b
    tbx v7.16b, {v31.16b, v0.16b, v1.16b}, v8.16b
    tbx v9.8b, {v10.16b-v13.16b}, v14.8b
    shrn v0.8b, v0.8h, #4
    shrn2 v1.16b, v2.8h, #1
    rshrn v3.4h, v4.4s, #16
    rshrn2 v5.4s, v6.2d, #32
    sshll v0.8h, v1.8b, #3
    sshll2 v2.4s, v3.8h, #15
    ushll v4.2d, v5.2s, #31
    ushll2 v6.8h, v7.16b, #1
    sxtl v8.4s, v9.4h
    sxtl2 v10.2d, v11.4s
    uxtl v12.8h, v13.8b
    uxtl2 v14.4s, v15.8h
    srshr v0.8b, v1.8b, #8
    urshr v2.2d, v3.2d, #64
    srsra v4.4h, v5.4h, #1
    ursra v6.4s, v7.4s, #17
    sqshlu v8.16b, v9.16b, #0
    sqshl v10.2d, v11.2d, #63
    uqshl v12.2s, v13.2s, #31
    sqshrun v14.8b, v15.8h, #8
    sqrshrun2 v16.8h, v17.4s, #1
    sqshrn v18.2s, v19.2d, #32
    uqshrn2 v20.16b, v21.8h, #3
    sqrshrn v22.4h, v23.4s, #16
    uqrshrn2 v24.4s, v25.2d, #7
    rev64 v0.4s, v1.4s
    rev32 v2.8h, v3.8h
    rev16 v4.8b, v5.8b
    saddlp v6.1d, v7.2s
    uaddlp v8.8h, v9.16b
    sadalp v10.2s, v11.4h
    uadalp v12.2d, v13.4s
    suqadd v14.2d, v15.2d
    usqadd v16.8b, v17.8b
    cls v18.4h, v19.4h
    clz v20.4s, v21.4s
    cnt v22.16b, v23.16b
    mvn v24.8b, v25.8b
    not v26.16b, v27.16b
    rbit v28.16b, v29.16b
    sqabs v30.2d, v31.2d
    sqneg v0.2s, v1.2s
    abs v2.16b, v3.16b
    neg v4.2d, v5.2d
    xtn v6.8b, v7.8h
    xtn2 v8.4s, v9.2d
    sqxtn v10.4h, v11.4s
    uqxtn2 v12.16b, v13.8h
    sqxtun v14.2s, v15.2d
    shll v16.8h, v17.8b, #8
    shll2 v18.2d, v19.4s, #32
    sqadd v0.16b, v1.16b, v2.16b
    uqadd v3.2d, v4.2d, v5.2d
    sqsub v6.4h, v7.4h, v8.4h
    uqsub v9.4s, v10.4s, v11.4s
    sshl v12.2s, v13.2s, v14.2s
    ushl v15.8h, v16.8h, v17.8h
    sqshl v18.8b, v19.8b, v20.8b
    uqshl v21.2d, v22.2d, v23.2d
    srshl v24.4s, v25.4s, v26.4s
    urshl v27.16b, v28.16b, v29.16b
    sqrshl v30.4h, v31.4h, v0.4h
    uqrshl v1.2d, v2.2d, v3.2d
    sqadd b0, b1, b2
    uqadd h3, h4, h5
    sqsub s6, s7, s8
    uqsub d9, d10, d11
    sqshl b12, b13, b14
    uqshl d15, d16, d17
    sqrshl h18, h19, h20
    uqrshl s21, s22, s23
    add d24, d25, d26
    sub d27, d28, d29
    cmgt d30, d31, d0
    cmhi d1, d2, d3
    cmge d4, d5, d6
    cmhs d7, d8, d9
    cmtst d10, d11, d12
    cmeq d13, d14, d15
    sshl d16, d17, d18
    ushl d19, d20, d21
    srshl d22, d23, d24
    urshl d25, d26, d27
    sshr d0, d1, #64
    ushr d2, d3, #1
    ssra d4, d5, #7
    usra d6, d7, #33
    srshr d8, d9, #2
    urshr d10, d11, #63
    srsra d12, d13, #4
    ursra d14, d15, #5
    sri d16, d17, #6
    shl d18, d19, #0
    sli d20, d21, #63
    sqshlu b22, b23, #7
    sqshl h24, h25, #15
    uqshl s26, s27, #0
    sqshrun b28, h29, #8
    sqrshrun h30, s31, #1
    sqshrn s0, d1, #32
    uqshrn b2, h3, #3
    sqrshrn h4, s5, #16
    uqrshrn s6, d7, #9
    suqadd b0, b1
    usqadd d2, d3
    sqabs h4, h5
    sqneg s6, s7
    abs d8, d9
    neg d10, d11
    cmgt d12, d13, #0
    cmeq d14, d15, #0
    cmlt d16, d17, #0
    cmge d18, d19, #0
    cmle d20, d21, #0
    sqxtn b22, h23
    uqxtn h24, s25
    sqxtun s26, d27
    addp d28, v29.2d
    mov b30, v31.b[15]
    mov h0, v1.h[7]
    dup s2, v3.s[3]
    mov d4, v5.d[1]
    cmgt v1.16b, v2.16b, #0
    cmgt v3.4h, v4.4h, #0
    cmgt v5.2d, v6.2d, #0
    cmeq v1.16b, v2.16b, #0
    cmeq v3.4h, v4.4h, #0
    cmeq v5.2d, v6.2d, #0
    cmlt v1.16b, v2.16b, #0
    cmlt v3.4h, v4.4h, #0
    cmlt v5.2d, v6.2d, #0
    cmge v1.16b, v2.16b, #0
    cmge v3.4h, v4.4h, #0
    cmge v5.2d, v6.2d, #0
    cmle v1.16b, v2.16b, #0
    cmle v3.4h, v4.4h, #0
    cmle v5.2d, v6.2d, #0
    // AdvSIMD shift by immediate (vector)
    sshr v9.8b, v3.8b, #1
    sshr v12.8b, v12.8b, #4
    sshr v16.8b, v24.8b, #8
    sshr v9.16b, v3.16b, #1
    sshr v12.16b, v12.16b, #4
    sshr v16.16b, v24.16b, #8
    sshr v17.4h, v3.4h, #1
    sshr v24.4h, v24.4h, #8
    sshr v0.4h, v16.4h, #16
    sshr v17.8h, v3.8h, #1
    sshr v24.8h, v24.8h, #8
    sshr v0.8h, v16.8h, #16
    sshr v1.2s, v3.2s, #1
    sshr v16.2s, v16.2s, #16
    sshr v0.2s, v0.2s, #32
    sshr v1.4s, v3.4s, #1
    sshr v16.4s, v16.4s, #16
    sshr v0.4s, v0.4s, #32
    sshr v1.2d, v3.2d, #1
    sshr v0.2d, v0.2d, #32
    sshr v0.2d, v0.2d, #64
    ushr v9.8b, v3.8b, #1
    ushr v12.8b, v12.8b, #4
    ushr v16.8b, v24.8b, #8
    ushr v9.16b, v3.16b, #1
    ushr v12.16b, v12.16b, #4
    ushr v16.16b, v24.16b, #8
    ushr v17.4h, v3.4h, #1
    ushr v24.4h, v24.4h, #8
    ushr v0.4h, v16.4h, #16
    ushr v17.8h, v3.8h, #1
    ushr v24.8h, v24.8h, #8
    ushr v0.8h, v16.8h, #16
    ushr v1.2s, v3.2s, #1
    ushr v16.2s, v16.2s, #16
    ushr v0.2s, v0.2s, #32
    ushr v1.4s, v3.4s, #1
    ushr v16.4s, v16.4s, #16
    ushr v0.4s, v0.4s, #32
    ushr v1.2d, v3.2d, #1
    ushr v0.2d, v0.2d, #32
    ushr v0.2d, v0.2d, #64
    ssra v9.8b, v3.8b, #1
    ssra v12.8b, v12.8b, #4
    ssra v16.8b, v24.8b, #8
    ssra v9.16b, v3.16b, #1
    ssra v12.16b, v12.16b, #4
    ssra v16.16b, v24.16b, #8
    ssra v17.4h, v3.4h, #1
    ssra v24.4h, v24.4h, #8
    ssra v0.4h, v16.4h, #16
    ssra v17.8h, v3.8h, #1
    ssra v24.8h, v24.8h, #8
    ssra v0.8h, v16.8h, #16
    ssra v1.2s, v3.2s, #1
    ssra v16.2s, v16.2s, #16
    ssra v0.2s, v0.2s, #32
    ssra v1.4s, v3.4s, #1
    ssra v16.4s, v16.4s, #16
    ssra v0.4s, v0.4s, #32
    ssra v1.2d, v3.2d, #1
    ssra v0.2d, v0.2d, #32
    ssra v0.2d, v0.2d, #64
    usra v9.8b, v3.8b, #1
    usra v12.8b, v12.8b, #4
    usra v16.8b, v24.8b, #8
    usra v9.16b, v3.16b, #1
    usra v12.16b, v12.16b, #4
    usra v16.16b, v24.16b, #8
    usra v17.4h, v3.4h, #1
    usra v24.4h, v24.4h, #8
    usra v0.4h, v16.4h, #16
    usra v17.8h, v3.8h, #1
    usra v24.8h, v24.8h, #8
    usra v0.8h, v16.8h, #16
    usra v1.2s, v3.2s, #1
    usra v16.2s, v16.2s, #16
    usra v0.2s, v0.2s, #32
    usra v1.4s, v3.4s, #1
    usra v16.4s, v16.4s, #16
    usra v0.4s, v0.4s, #32
    usra v1.2d, v3.2d, #1
    usra v0.2d, v0.2d, #32
    usra v0.2d, v0.2d, #64
    sri v9.8b, v3.8b, #1
    sri v12.8b, v12.8b, #4
    sri v16.8b, v24.8b, #8
    sri v9.16b, v3.16b, #1
    sri v12.16b, v12.16b, #4
    sri v16.16b, v24.16b, #8
    sri v17.4h, v3.4h, #1
    sri v24.4h, v24.4h, #8
    sri v0.4h, v16.4h, #16
    sri v17.8h, v3.8h, #1
    sri v24.8h, v24.8h, #8
    sri v0.8h, v16.8h, #16
    sri v1.2s, v3.2s, #1
    sri v16.2s, v16.2s, #16
    sri v0.2s, v0.2s, #32
    sri v1.4s, v3.4s, #1
    sri v16.4s, v16.4s, #16
    sri v0.4s, v0.4s, #32
    sri v1.2d, v3.2d, #1
    sri v0.2d, v0.2d, #32
    sri v0.2d, v0.2d, #64
    shl v8.8b, v0.8b, #0
    shl v9.8b, v3.8b, #1
    shl v15.8b, v21.8b, #7
    shl v8.16b, v0.16b, #0
    shl v9.16b, v3.16b, #1
    shl v15.16b, v21.16b, #7
    shl v16.4h, v0.4h, #0
    shl v17.4h, v3.4h, #1
    shl v31.4h, v13.4h, #15
    shl v16.8h, v0.8h, #0
    shl v17.8h, v3.8h, #1
    shl v31.8h, v13.8h, #15
    shl v0.2s, v0.2s, #0
    shl v1.2s, v3.2s, #1
    shl v31.2s, v29.2s, #31
    shl v0.4s, v0.4s, #0
    shl v1.4s, v3.4s, #1
    shl v31.4s, v29.4s, #31
    shl v0.2d, v0.2d, #0
    shl v1.2d, v3.2d, #1
    shl v31.2d, v29.2d, #63
    sli v8.8b, v0.8b, #0
    sli v9.8b, v3.8b, #1
    sli v15.8b, v21.8b, #7
    sli v8.16b, v0.16b, #0
    sli v9.16b, v3.16b, #1
    sli v15.16b, v21.16b, #7
    sli v16.4h, v0.4h, #0
    sli v17.4h, v3.4h, #1
    sli v31.4h, v13.4h, #15
    sli v16.8h, v0.8h, #0
    sli v17.8h, v3.8h, #1
    sli v31.8h, v13.8h, #15
    sli v0.2s, v0.2s, #0
    sli v1.2s, v3.2s, #1
    sli v31.2s, v29.2s, #31
    sli v0.4s, v0.4s, #0
    sli v1.4s, v3.4s, #1
    sli v31.4s, v29.4s, #31
    sli v0.2d, v0.2d, #0
    sli v1.2d, v3.2d, #1
    sli v31.2d, v29.2d, #63

    // --- Advanced SIMD permute, across lanes
    zip1 v0.16b, v1.16b, v2.16b
    uzp2 v0.4s, v1.4s, v2.4s
    trn1 v0.2d, v1.2d, v2.2d
    zip2 v3.4h, v4.4h, v5.4h
    uzp1 v6.8b, v7.8b, v8.8b
    trn2 v9.8h, v10.8h, v11.8h
    addv b0, v1.16b
    addv h0, v1.4h
    addv s0, v1.4s
    uaddlv h0, v1.8b
    saddlv d0, v1.4s
    umaxv s2, v3.4s
    sminv b2, v3.8b
    smaxv h4, v5.8h
    uminv b6, v7.16b

    // --- scalar floating point: data processing, compare, select, conversions
    fabs s0, s1
    fneg d2, d3
    fsqrt s4, s5
    frintn s0, s1
    frintp d0, d1
    frintm s2, s3
    frintz d4, d5
    frinta s6, s7
    frintx d8, d9
    frinti s10, s11
    fcvt d0, s1
    fcvt h0, s1
    fcvt s0, d1
    fcvt h2, d3
    fcvt s4, h5
    fcvt d6, h7
    fmul s0, s1, s2
    fdiv d0, d1, d2
    fadd s3, s4, s5
    fsub d3, d4, d5
    fmax s6, s7, s8
    fmin d6, d7, d8
    fmaxnm s9, s10, s11
    fminnm d9, d10, d11
    fnmul d0, d1, d2
    fmadd s0, s1, s2, s3
    fmsub d0, d1, d2, d3
    fnmadd s4, s5, s6, s7
    fnmsub d28, d29, d30, d31
    fcmp s0, s1
    fcmp d0, #0.0
    fcmpe d2, d3
    fcmpe s1, #0.0
    fccmp s0, s1, #0x3, ne
    fccmpe d0, d1, #0xf, al
    fcsel d0, d1, d2, lt
    fcsel s3, s4, s5, hi
    fcvtns w0, s1
    fcvtnu x0, d1
    scvtf s0, w1
    ucvtf d0, x1
    fcvtas x0, s1
    fcvtau w2, d3
    fcvtps w4, d5
    fcvtpu x6, s7
    fcvtms x8, d9
    fcvtmu w10, s11
    fcvtzs w0, s1
    fcvtzu x12, d13
    fcvtzs x0, d1, #3
    fcvtzu w0, d1, #32
    scvtf d0, x1, #64
    ucvtf s2, w3, #1

    // --- Advanced SIMD floating point, three same
    fmaxnm v0.4s, v1.4s, v7.4s
    fmla v1.2d, v2.2d, v8.2d
    fadd v2.2s, v3.2s, v9.2s
    fmulx v3.4s, v4.4s, v10.4s
    fcmeq v4.2d, v5.2d, v11.2d
    fmax v5.2s, v6.2s, v12.2s
    frecps v6.4s, v7.4s, v13.4s
    fminnm v7.2d, v8.2d, v14.2d
    fmls v8.2s, v9.2s, v15.2s
    fsub v9.4s, v10.4s, v16.4s
    fmin v10.2d, v11.2d, v17.2d
    frsqrts v11.2s, v12.2s, v18.2s
    fmaxnmp v12.4s, v13.4s, v19.4s
    faddp v13.2d, v14.2d, v20.2d
    fmul v14.2s, v15.2s, v21.2s
    fcmge v15.4s, v16.4s, v22.4s
    facge v16.2d, v17.2d, v23.2d
    fmaxp v17.2s, v18.2s, v24.2s
    fdiv v18.4s, v19.4s, v25.4s
    fminnmp v19.2d, v20.2d, v26.2d
    fabd v20.2s, v21.2s, v27.2s
    fcmgt v21.4s, v22.4s, v28.4s
    facgt v22.2d, v23.2d, v29.2d
    fminp v23.2s, v24.2s, v30.2s

    // --- Advanced SIMD floating point, two-register miscellaneous
    frintn v0.4s, v3.4s
    frintm v1.2d, v4.2d
    fcvtns v2.2s, v5.2s
    fcvtms v3.4s, v6.4s
    fcvtas v4.2d, v7.2d
    scvtf v5.2s, v8.2s
    fabs v6.4s, v9.4s
    frintp v7.2d, v10.2d
    frintz v8.2s, v11.2s
    fcvtps v9.4s, v12.4s
    fcvtzs v10.2d, v13.2d
    frecpe v11.2s, v14.2s
    frinta v12.4s, v15.4s
    frintx v13.2d, v16.2d
    fcvtnu v14.2s, v17.2s
    fcvtmu v15.4s, v18.4s
    fcvtau v16.2d, v19.2d
    ucvtf v17.2s, v20.2s
    fneg v18.4s, v21.4s
    frinti v19.2d, v22.2d
    fcvtpu v20.2s, v23.2s
    fcvtzu v21.4s, v24.4s
    frsqrte v22.2d, v25.2d
    fsqrt v23.2s, v26.2s
    fcmgt v0.4s, v5.4s, #0.0
    fcmeq v1.2d, v6.2d, #0.0
    fcmlt v2.2s, v7.2s, #0.0
    fcmge v3.4s, v8.4s, #0.0
    fcmle v4.2d, v9.2d, #0.0
    fcvtn v0.4h, v1.4s
    fcvtn2 v2.8h, v3.4s
    fcvtn v4.2s, v5.2d
    fcvtn2 v6.4s, v7.2d
    fcvtxn v8.2s, v9.2d
    fcvtxn2 v10.4s, v11.2d
    fcvtl v12.4s, v13.4h
    fcvtl2 v14.4s, v15.8h
    fcvtl v16.2d, v17.2s
    fcvtl2 v18.2d, v19.4s

    fmaxnmv s0, v1.4s
    fminnmv s2, v3.4s
    fmaxv s4, v5.4s
    fminv s6, v7.4s
    faddp s8, v9.2s
    faddp d10, v11.2d
    fmaxp s12, v13.2s
    fminp d14, v15.2d
    fmaxnmp d16, v17.2d
    fminnmp s18, v19.2s

    fmla v0.4s, v1.4s, v2.s[3]
    fmls v3.2s, v4.2s, v31.s[1]
    fmul v5.2d, v6.2d, v7.d[1]
    fmulx v8.4s, v9.4s, v17.s[2]
    fmla s10, s11, v12.s[0]
    fmls d13, d14, v15.d[1]
    fmul s16, s17, v18.s[3]
    fmulx d19, d20, v21.d[0]
    fmulx s0, s1, s2
    fmulx d3, d4, d31
    fcmeq s5, s6, s7
    fcmeq d8, d9, d10
    frecps s11, s12, s13
    frecps d14, d15, d16
    frsqrts s17, s18, s19
    frsqrts d20, d21, d22
    fcmge s23, s24, s25
    fcmge d26, d27, d28
    facge s29, s30, s31
    facge d0, d2, d4
    fabd s1, s3, s5
    fabd d6, d8, d10
    fcmgt s12, s14, s16
    fcmgt d18, d20, d22
    facgt s24, s26, s28
    facgt d30, d29, d27
    urecpe v0.2s, v1.2s
    urecpe v2.4s, v31.4s
    ursqrte v3.2s, v4.2s
    ursqrte v30.4s, v5.4s
    scvtf v0.2s, v1.2s, #1
    scvtf v2.4s, v3.4s, #32
    scvtf v4.2d, v5.2d, #64
    ucvtf v6.2s, v7.2s, #17
    ucvtf v8.2d, v9.2d, #1
    fcvtzs v10.4s, v11.4s, #5
    fcvtzs v12.2d, v13.2d, #33
    fcvtzu v14.2s, v15.2s, #32
    fcvtzu v16.2d, v31.2d, #64
    scvtf s17, s18, #1
    scvtf d19, d20, #64
    ucvtf s21, s22, #32
    ucvtf d23, d24, #7
    fcvtzs s25, s26, #12
    fcvtzs d27, d28, #1
    fcvtzu s29, s30, #31
    fcvtzu d31, d0, #40
    fcvtns s0, s3
    fcvtns d1, d10
    fcvtms s2, s17
    fcvtms d3, d24
    fcvtas s4, s31
    fcvtas d5, d6
    scvtf s6, s13
    scvtf d7, d20
    fcvtps s8, s27
    fcvtps d9, d2
    fcvtzs s10, s9
    fcvtzs d11, d16
    frecpe s12, s23
    frecpe d13, d30
    frecpx s14, s5
    frecpx d15, d12
    fcvtnu s16, s19
    fcvtnu d17, d26
    fcvtmu s18, s1
    fcvtmu d19, d8
    fcvtau s20, s15
    fcvtau d21, d22
    ucvtf s22, s29
    ucvtf d23, d4
    fcvtpu s24, s11
    fcvtpu d25, d18
    fcvtzu s26, s25
    fcvtzu d27, d0
    frsqrte s28, s7
    frsqrte d29, d14
    fcmgt s30, s23, #0.0
    fcmgt d31, d28, #0.0
    fcmeq s0, s1, #0.0
    fcmeq d1, d6, #0.0
    fcmlt s2, s11, #0.0
    fcmlt d3, d16, #0.0
    fcmge s4, s21, #0.0
    fcmge d5, d26, #0.0
    fcmle s6, s31, #0.0
    fcmle d7, d4, #0.0
    fcvtxn s5, d30

    // --- system registers, PSTATE, hints, barriers, SYS
    msr vbar_el2, x0
    mrs x1, CurrentEL
    mrs x2, esr_el2
    msr sctlr_el1, x3
    msr spsr_el2, x4
    msr elr_el2, x5
    mrs x6, far_el2
    mrs x7, hpfar_el2
    msr vttbr_el2, x8
    msr vtcr_el2, x9
    msr ttbr0_el1, x10
    mrs x11, midr_el1
    mrs x12, mpidr_el1
    msr sp_el1, x13
    mrs x14, nzcv
    msr daif, x15
    mrs x16, s3_4_c1_c1_0
    msr s3_0_c15_c2_0, x17
    mrs x18, S2_0_C0_C0_4
    msr spsel, #1
    msr daifset, #2
    msr daifclr, #0xf
    msr DAIFSet, #15
    nop
    yield
    wfe
    wfi
    sev
    sevl
    hint #6
    hint #0x7f
    clrex
    clrex #5
    dsb ish
    dsb ishst
    dsb nsh
    dsb osh
    dsb ld
    dmb sy
    dmb ishld
    dmb oshst
    dmb #8
    isb sy
    isb #3
    tlbi vmalle1is
    tlbi vae1, x0
    tlbi alle2
    tlbi vmalls12e1
    tlbi ipas2e1is, x1
    at s1e1r, x2
    at s12e1w, x3
    dc civac, x4
    ic iallu
    ic ialluis
    ic ivau, x5
    sys #0, c7, c5, #0
    sys #3, c7, c14, #1, x6
    sys #1, c2, c3, #4, x7
    sysl x8, #0, c7, c5, #0

    // --- data in the text section
    .balign 8
data_quad:
    .quad 0x1122334455667788
data_word:
    .word 0xcafef00d
    .hword 0x1234, 0x5678
    .byte 1, 2, 3, 4
    .ascii "ab"
    .asciz "cd"
    .string "ef"
    .align 2
    .word data_word - data_quad, (3 * 4) << 2, 0x100 | 0xf, ~0 & 0xff, 17 % 5, 100 / 7, 6 ^ 3
    .skip 4
    .space 8, 0xaa
    .ltorg
    .p2align 4
far_label:
    ret
