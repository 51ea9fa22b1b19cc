// A small EL1 guest kernel: it builds and enables its own stage 1 (4K granule, 39-bit VA), then runs an EL0
// task through it. The task's SVCs come to the kernel's vectors, which forward them to the hypervisor by
// HVC #0 (X0 = function: 0 yield, 1 putc, 2 exit, 3 log; X1 = argument). Entered at its IPA with the MMU off.
    .text
    .global _start
    .equ TASK_VA, 0x10000      // the task's code page; its data page follows
    .equ TASK_DATA, 0x11000
_start:
    adr x0, kstack_top
    mov sp, x0
    adr x0, kvectors
    msr vbar_el1, x0
    adr x0, msg_hello
    bl kputs
    adr x1, l1_table
    adr x2, l2_table
    adr x3, l3_table
    // L1[1]: a 1 GiB block, VA 0x4000_0000 → IPA 0x4000_0000 (the kernel itself): EL1 RW, EL0 none, UXN
    ldr x0, =0x0040000040000701
    str x0, [x1, #8]
    // L1[0] → L2, L2[0] → L3 (tables: bits[1:0] = 11)
    orr x0, x2, #3
    str x0, [x1]
    orr x0, x3, #3
    str x0, [x2]
    // L3[16]: the task's code, EL0 and EL1 read-only, PXN, not global; L3[17]: its data, EL0 RW, UXN, PXN
    adr x4, task_code
    ldr x5, =0x0020000000000fc3
    orr x0, x4, x5
    str x0, [x3, #16 * 8]
    adr x4, task_data
    ldr x5, =0x0060000000000f43
    orr x0, x4, x5
    str x0, [x3, #17 * 8]
    // MAIR_EL1.Attr0 = Normal write-back; TCR_EL1: T0SZ = 25, walks WB inner shareable, 4K, EPD1, IPS 44 bits
    mov x0, #0xff
    msr mair_el1, x0
    ldr x0, =0x0000000400803519
    msr tcr_el1, x0
    msr ttbr0_el1, x1
    // table stores visible to the walker, stale entries of this VMID gone, then the MMU on
    dsb ishst
    tlbi vmalle1
    dsb nsh
    isb
    mrs x0, sctlr_el1
    orr x0, x0, #1            // SCTLR_EL1.M
    orr x0, x0, #4            // SCTLR_EL1.C
    orr x0, x0, #0x1000       // SCTLR_EL1.I
    msr sctlr_el1, x0
    isb
    adr x0, msg_mmu
    bl kputs
    // enter the task at EL0 (SPSR_EL1.M = EL0t)
    mov x0, #TASK_VA
    msr elr_el1, x0
    msr spsr_el1, xzr
    ldr x0, =TASK_DATA + 0x1000
    msr sp_el0, x0
    eret

kputc:
    mov x1, x0
    mov x0, #1
    hvc #0
    ret

kputs:
    mov x10, x0
    mov x11, x30
1:  ldrb w0, [x10], #1
    cbz w0, 2f
    bl kputc
    b 1b
2:  mov x30, x11
    ret

// An exception from the task: an SVC is forwarded to the hypervisor; anything else ends the task.
k_lower_sync:
    stp x9, x10, [sp, #-16]!
    mrs x9, esr_el1
    lsr x9, x9, #26
    cmp x9, #0x15             // ESR_EL1.EC = SVC64
    b.ne k_task_fault
    ldp x9, x10, [sp], #16
    hvc #0
    eret
k_task_fault:
    adr x0, msg_fault
    bl kputs
    mov x0, #3
    mrs x1, esr_el1
    hvc #0
    mov x0, #2
    mov x1, #1
    hvc #0
k_panic:
    adr x0, msg_panic
    bl kputs
    mov x0, #2
    mov x1, #2
    hvc #0
    b .

msg_hello: .asciz "guest kernel: EL1, building its own stage 1\n"
msg_mmu:   .asciz "guest kernel: stage 1 on, entering the EL0 task\n"
msg_fault: .asciz "guest kernel: the task faulted\n"
msg_panic: .asciz "guest kernel: unexpected exception\n"
    .ltorg

    .balign 2048
kvectors:
    b k_panic                 // +0x000
    .balign 0x80
    b k_panic
    .balign 0x80
    b k_panic
    .balign 0x80
    b k_panic
    .balign 0x80
    b k_panic                 // +0x200 current EL, SP_EL1
    .balign 0x80
    b k_panic
    .balign 0x80
    b k_panic
    .balign 0x80
    b k_panic
    .balign 0x80
    b k_lower_sync            // +0x400 lower EL AArch64 sync
    .balign 0x80
    b k_panic
    .balign 0x80
    b k_panic
    .balign 0x80
    b k_panic
    .balign 0x80
    b k_panic
    .balign 0x80

// The EL0 task: three ticks, each writing and reading its data page through the kernel's stage 1, then exit.
    .balign 4096
task_code:
    mov x19, #0
1:  adr x2, t_msg
    bl tputs
    add x1, x19, #0x30
    mov x0, #1
    svc #0
    mov x0, #10
    mov x1, x0
    mov x0, #1
    svc #0
    ldr x2, =TASK_DATA
    str x19, [x2]
    ldr x3, [x2]
    cmp x3, x19
    b.ne 2f
    mov x0, #0                // yield
    svc #0
    add x19, x19, #1
    cmp x19, #3
    b.lo 1b
    mov x0, #2                // exit 0
    mov x1, #0
    svc #0
2:  mov x0, #2
    mov x1, #1
    svc #0
tputs:
    ldrb w1, [x2], #1
    cbz w1, 3f
    mov x0, #1
    svc #0
    b tputs
3:  ret
t_msg: .asciz "EL0 task (guest stage 1): tick "
    .ltorg                    // the task's literals stay on its own page
    .balign 4096
task_data:
    .space 4096
l1_table:
    .space 4096
l2_table:
    .space 4096
l3_table:
    .space 4096
    .space 4096
kstack_top:
