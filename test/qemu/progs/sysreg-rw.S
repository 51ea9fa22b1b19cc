// Write/read-back of plain storage system registers at EL2 (no RES0/RES1 masking involved).
	.include "lib.inc"
main:
	ldr	x0, =0x0123456789abcdef
	msr	tpidr_el0, x0
	msr	tpidr_el1, x0
	msr	tpidr_el2, x0
	msr	tpidrro_el0, x0
	msr	elr_el1, x0
	msr	elr_el2, x0
	msr	far_el1, x0
	msr	far_el2, x0
	msr	mair_el1, x0
	msr	mair_el2, x0
	msr	ttbr0_el1, x0
	msr	ttbr1_el1, x0
	PRINTSYS tpidr_el0, tpidr_el0
	PRINTSYS tpidr_el1, tpidr_el1
	PRINTSYS tpidr_el2, tpidr_el2
	PRINTSYS tpidrro_el0, tpidrro_el0
	PRINTSYS elr_el1, elr_el1
	PRINTSYS elr_el2, elr_el2
	PRINTSYS far_el1, far_el1
	PRINTSYS far_el2, far_el2
	PRINTSYS mair_el1, mair_el1
	PRINTSYS mair_el2, mair_el2
	PRINTSYS ttbr0_el1, ttbr0_el1
	PRINTSYS ttbr1_el1, ttbr1_el1
	ldr	x0, =0x40081800
	msr	vbar_el1, x0
	PRINTSYS vbar_el1, vbar_el1
	mov	x1, #0x2222
	msr	sp_el0, x1
	PRINTSYS sp_el0, sp_el0
	ldr	x1, =lib_stack_el0_top
	msr	sp_el0, x1
	ret
