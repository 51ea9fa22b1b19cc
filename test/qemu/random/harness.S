// The random-instruction differential harness (test/qemu/random/README.md). Built once with GNU as/ld into
// harness.elf; every program is a blob (program.ts) that `-device loader` (QEMU) or the in-process runner (twostage)
// places at BLOB. Entered at EL2h (QEMU virt,virtualization=on), the harness maps RAM at EL1, drops to EL1, loads
// the blob's initial state and runs the blob's slots at EL1t (SPSel = 0: the words own SP_EL0, the harness keeps SP_EL1). Each slot is
// [random word][BRK #0]: every synchronous exception — the word's own fault or the BRK after it — enters `sync`,
// which dumps one record per word (X0–X30, SP_EL0, SPSR_EL1, FPCR, FPSR, ESR and FAR of the word's fault, index,
// V0–V31), reloads the state from that record, applies the next slot's base-register setup and returns to the next
// slot (or, when REF_PTR names reference records, reloads the reference's record for that word instead: every
// word then starts from the reference's state). After the last word the records go to stdout through semihosting
// (":tt", SYS_WRITE) and the program exits 0.
	.equ BLOB, 0x44000000
	.equ HDR_COUNT, 0          // u64 number of words
	.equ HDR_STATE, 0x40       // initial state, laid out as a record
	.equ HDR_SETUP, 0x400      // per slot: u64 v1, u64 v2, u8 r1, u8 r2 (r = 0xff: none, 31: SP_EL0), pad,
	.equ SETUP_FPCR, 20        //   u32 FPCR,
	.equ SETUP_FPSR, 24        //   u32 FPSR, pad to 32
	.equ CODE, BLOB + 0x40000  // slots: 8 bytes each
	.equ OUT, 0x48000000       // records
	// u64 address of reference records to resume from, or 0 (twostage.ts writes it; QEMU's RAM reads 0). Outside the
	// blob and out of every word's reach (LDR literal: CODE ± 1 MiB; loads/stores: the scratch), so no word reads a
	// value that differs between the two runs.
	.equ REF_PTR, 0x4bfffff8
	.equ REC, 816              // record: 38 u64 + 32 × 16 bytes
	.equ R_SP, 31 * 8
	.equ R_SPSR, 32 * 8
	.equ R_FPCR, 33 * 8
	.equ R_FPSR, 34 * 8
	.equ R_ESR, 35 * 8
	.equ R_FAR, 36 * 8
	.equ R_INDEX, 37 * 8
	.equ R_V, 38 * 8
	.equ CHUNK, 0x80000        // semihosting writes of at most 512 KiB

	.text
	.global _start
_start:
	mov x0, #(1 << 31)                 // HCR_EL2.RW: EL1 is AArch64; nothing traps to EL2
	msr hcr_el2, x0
	mov x0, #0x33ff                    // CPTR_EL2: RES1 bits, TFP = 0
	msr cptr_el2, x0
	mov x0, #(3 << 20)                 // CPACR_EL1.FPEN = 0b11: FP/SIMD at EL1 untrapped
	msr cpacr_el1, x0
	// EL1 stage 1: RAM (1 GiB at 0x4000_0000) identity-mapped Normal write-back, every other address a
	// Translation fault. With stage 1 off every data access would be Device-nGnRnE and each unaligned one an
	// Alignment fault, which QEMU 7.2 does not take (test/qemu/DEVIATIONS.md D4): the words would test that only.
	adr x0, ttb
	msr ttbr0_el1, x0
	mov x0, #0xff                      // MAIR_EL1.Attr0: Normal, inner/outer write-back
	msr mair_el1, x0
	ldr x0, =0x100803519               // TCR_EL1: T0SZ = 25, IRGN0/ORGN0 = WB, SH0 = inner, TG0 = 4K, EPD1, IPS = 36 bits
	msr tcr_el1, x0
	tlbi vmalle1
	dsb sy
	isb
	ldr x0, =0x30d01805                // SCTLR_EL1: RES1 bits, M = C = I = 1; A = SA = SA0 = 0 (QEMU checks no SP alignment: D10)
	msr sctlr_el1, x0
	adr x0, vectors
	msr vbar_el1, x0
	adr x0, stack_top
	msr sp_el1, x0
	mov x0, #0x3c5                     // SPSR_EL2: EL1h, DAIF masked
	msr spsr_el2, x0
	adr x0, el1_entry
	msr elr_el2, x0
	isb
	eret

el1_entry:
	adr x9, next_index
	str xzr, [x9]
	ldr x0, =BLOB + HDR_STATE
	b load_record

// The slots' exception entry: x0–x30 to the frame, then decide what the exception was.
sync:
	stp x0, x1, [sp, #0]
	stp x2, x3, [sp, #16]
	stp x4, x5, [sp, #32]
	stp x6, x7, [sp, #48]
	stp x8, x9, [sp, #64]
	stp x10, x11, [sp, #80]
	stp x12, x13, [sp, #96]
	stp x14, x15, [sp, #112]
	stp x16, x17, [sp, #128]
	stp x18, x19, [sp, #144]
	stp x20, x21, [sp, #160]
	stp x22, x23, [sp, #176]
	stp x24, x25, [sp, #192]
	stp x26, x27, [sp, #208]
	stp x28, x29, [sp, #224]
	str x30, [sp, #240]
	adr x9, next_index
	ldr x10, [x9]                      // x10 = index of the word that just ran
	ldr x11, =CODE
	add x11, x11, x10, lsl #3          // x11 = its slot
	mrs x12, elr_el1
	mov x13, xzr                       // ESR of the word's fault (0: none)
	mov x14, xzr                       // FAR of the word's fault
	cmp x12, x11
	b.eq word_fault
	add x11, x11, #4
	cmp x12, x11
	b.ne broken                        // neither the word nor its BRK: the harness lost control
	b dump
word_fault:
	mrs x13, esr_el1
	lsr x15, x13, #26
	sub x15, x15, #0x20                // ESR_EL1.EC 0x20–0x25: instruction/data abort, PC alignment: FAR is valid
	cmp x15, #5
	b.hi dump
	mrs x14, far_el1
dump:
	ldr x15, =OUT
	mov x16, #REC
	madd x15, x10, x16, x15            // x15 = this word's record
	mov x16, #0
1:	ldr x17, [sp, x16, lsl #3]         // x0–x30 from the frame
	str x17, [x15, x16, lsl #3]
	add x16, x16, #1
	cmp x16, #31
	b.ne 1b
	mrs x17, sp_el0
	str x17, [x15, #R_SP]
	mrs x17, spsr_el1
	str x17, [x15, #R_SPSR]
	mrs x17, fpcr
	str x17, [x15, #R_FPCR]
	mrs x17, fpsr
	str x17, [x15, #R_FPSR]
	stp x13, x14, [x15, #R_ESR]
	str x10, [x15, #R_INDEX]
	add x16, x15, #R_V
	stp q0, q1, [x16, #0]
	stp q2, q3, [x16, #32]
	stp q4, q5, [x16, #64]
	stp q6, q7, [x16, #96]
	stp q8, q9, [x16, #128]
	stp q10, q11, [x16, #160]
	stp q12, q13, [x16, #192]
	stp q14, q15, [x16, #224]
	stp q16, q17, [x16, #256]
	stp q18, q19, [x16, #288]
	stp q20, q21, [x16, #320]
	stp q22, q23, [x16, #352]
	stp q24, q25, [x16, #384]
	stp q26, q27, [x16, #416]
	stp q28, q29, [x16, #448]
	stp q30, q31, [x16, #480]
	add x10, x10, #1
	str x10, [x9]
	ldr x11, =BLOB + HDR_COUNT
	ldr x11, [x11]
	cmp x10, x11
	b.hs finish
	mov x0, x15
	ldr x12, =REF_PTR
	ldr x12, [x12]
	cbz x12, load_record
	ldr x13, =OUT                      // reference records: the next word starts from the reference's state
	sub x0, x0, x13
	add x0, x0, x12
// Load the state in the record at x0 (but FPCR and FPSR), apply slot next_index's setup, enter that slot at EL1t.
load_record:
	mov x1, #0
1:	ldr x2, [x0, x1, lsl #3]           // x0–x30 to the frame
	str x2, [sp, x1, lsl #3]
	add x1, x1, #1
	cmp x1, #31
	b.ne 1b
	ldr x2, [x0, #R_SP]
	msr sp_el0, x2
	ldr x2, [x0, #R_SPSR]
	msr spsr_el1, x2
	add x1, x0, #R_V
	ldp q0, q1, [x1, #0]
	ldp q2, q3, [x1, #32]
	ldp q4, q5, [x1, #64]
	ldp q6, q7, [x1, #96]
	ldp q8, q9, [x1, #128]
	ldp q10, q11, [x1, #160]
	ldp q12, q13, [x1, #192]
	ldp q14, q15, [x1, #224]
	ldp q16, q17, [x1, #256]
	ldp q18, q19, [x1, #288]
	ldp q20, q21, [x1, #320]
	ldp q22, q23, [x1, #352]
	ldp q24, q25, [x1, #384]
	ldp q26, q27, [x1, #416]
	ldp q28, q29, [x1, #448]
	ldp q30, q31, [x1, #480]
	adr x9, next_index
	ldr x10, [x9]
	ldr x11, =BLOB + HDR_SETUP
	mov x12, #32
	madd x11, x10, x12, x11            // x11 = this slot's setup
	ldr w12, [x11, #SETUP_FPCR]        // the slot's FPCR and FPSR (the record's are the previous slot's)
	msr fpcr, x12
	ldr w12, [x11, #SETUP_FPSR]
	msr fpsr, x12
	ldr x12, [x11, #0]
	ldrb w13, [x11, #16]
	bl apply
	ldr x12, [x11, #8]
	ldrb w13, [x11, #17]
	bl apply
	ldr x11, =CODE
	add x11, x11, x10, lsl #3
	msr elr_el1, x11
	ldp x0, x1, [sp, #0]
	ldp x2, x3, [sp, #16]
	ldp x4, x5, [sp, #32]
	ldp x6, x7, [sp, #48]
	ldp x8, x9, [sp, #64]
	ldp x10, x11, [sp, #80]
	ldp x12, x13, [sp, #96]
	ldp x14, x15, [sp, #112]
	ldp x16, x17, [sp, #128]
	ldp x18, x19, [sp, #144]
	ldp x20, x21, [sp, #160]
	ldp x22, x23, [sp, #176]
	ldp x24, x25, [sp, #192]
	ldp x26, x27, [sp, #208]
	ldp x28, x29, [sp, #224]
	ldr x30, [sp, #240]
	eret

// Setup entry: register w13 (0–30: the frame, 31: SP_EL0, 0xff: none) gets x12.
apply:
	cmp w13, #31
	b.hi 2f
	b.eq 1f
	str x12, [sp, x13, lsl #3]
	ret
1:	msr sp_el0, x12
2:	ret

// All records to stdout: SYS_OPEN(":tt", "wb"), SYS_WRITE in chunks until none is left, SYS_EXIT(0).
finish:
	adr x1, open_blk
	mov w0, #0x01
	hlt #0xf000
	adr x19, write_blk
	str x0, [x19]
	ldr x20, =OUT
	mov x21, #REC
	mul x21, x21, x10                  // bytes left
2:	cbz x21, 3f
	mov x22, #CHUNK
	cmp x21, x22
	csel x22, x21, x22, lo
	stp x20, x22, [x19, #8]
	mov x1, x19
	mov w0, #0x05
	hlt #0xf000
	sub x22, x22, x0                   // SYS_WRITE returns the bytes not written
	add x20, x20, x22
	sub x21, x21, x22
	b 2b
3:	adr x1, exit_ok
	mov w0, #0x18
	hlt #0xf000
broken:
	adr x1, exit_broken
	mov w0, #0x18
	hlt #0xf000
	b broken

	.balign 2048
vectors:
	b sync                             // current EL with SP_EL0, synchronous: the slots
	.balign 128
	.rept 15
	b broken                           // anything else (IRQ, or a fault in the harness itself)
	.balign 128
	.endr

	.data
	.balign 8
next_index: .quad 0
open_blk: .quad tt, 5, 3
write_blk: .quad 0, 0, 0
exit_ok: .quad 0x20026, 0
exit_broken: .quad 0x20026, 3
tt: .asciz ":tt"

	.balign 4096
ttb:	.quad 0                            // level 1, 1 GiB each: 0x0–0x3fff_ffff unmapped (no device is reachable)
	.quad 0x40000701                   // 0x4000_0000: block, AF, inner shareable, AttrIndx 0, EL1 read/write
	.fill 510, 8, 0

	.bss
	.balign 16
stack: .space 4096
stack_top:
