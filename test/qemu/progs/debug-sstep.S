// Software step (ARM §D2 "Software Step exceptions"; SSAdvance, DebugExceptionReturnSS): with MDSCR_EL1.SS = 1, an
// ERET with SPSR.SS = 1 steps one instruction, then EC 0x32 (0x33 at the same EL) with ISV = 1, EX = 1 after a
// load-exclusive, IFSC 0x22, ELR = the next instruction (debug.inc's handler prints step_* and steps on). An ERET
// with SPSR.SS = 0 enters the active-pending state: the exception comes before any instruction, ISV = 0. An SVC
// completes its step (SPSR.SS = 0); an instruction that takes another exception (UDF) does not (SPSR.SS = 1). Step
// has priority over a breakpoint on the same instruction.
	.include "lib.inc"
	.include "debug.inc"
	DEBUG_EL1_MAIN
	ldr	x20, =sdata
	mov	x0, #MDSCR_SS
	msr	mdscr_el1, x0
	isb
	PRINTI	el0_step, 1
	mov	x27, #100
	EL0_RUN	el0_code, SPSR_SS
	PRINTI	el0_pending, 2
	mov	x0, #MDSCR_SS
	msr	mdscr_el1, x0
	mov	x27, #2				// two steps, then MDSCR_EL1.SS = 0
	EL0_RUN	el0_short, 0
	PRINTI	el0_svc_udf, 3
	mov	x0, #MDSCR_SS
	msr	mdscr_el1, x0
	mov	x27, #100
	EL0_RUN	el0_exc, SPSR_SS
	// a breakpoint on a stepped instruction: the step exception of the active-pending state comes first; the
	// breakpoint then fires in the active-not-pending state (SPSR.SS = 1), before the instruction executes
	PRINTI	step_and_bp, 31
	ldr	x0, =bp_step
	msr	dbgbvr0_el1, x0
	ldr	x0, =(BCR_BAS | (2 << 1) | BCR_E)
	msr	dbgbcr0_el1, x0
	ldr	x0, =(MDSCR_SS | MDSCR_MDE)
	msr	mdscr_el1, x0
	mov	x27, #100
	EL0_RUN	el0_bp, SPSR_SS
	msr	dbgbcr0_el1, xzr
	// stepping EL1 itself: KDE = 1 and the return to EL1 with SPSR.D = 0
	PRINTI	el1_step, 4
	ldr	x0, =(MDSCR_SS | MDSCR_KDE)
	msr	mdscr_el1, x0
	mov	x27, #3
	ERET_TO	el1, (SPSR_SS | 0x1c5), el1_stepped
el1_stepped:
	mov	x1, #1
	mov	x1, #2
	mov	x1, #3
	mov	x1, #4
	msr	daifset, #8
	PRINTI	kde0_no_step, 5
	mov	x0, #MDSCR_SS			// KDE = 0: no step at EL1 even with D = 0
	msr	mdscr_el1, x0
	mov	x27, #100
	ERET_TO	el1, (SPSR_SS | 0x1c5), el1_unstepped
el1_unstepped:
	mov	x1, #5
	msr	daifset, #8
	msr	mdscr_el1, xzr
	PRINTI	done, 6
	EXIT

	.balign	64
el0_code:
	mov	x1, #1
	ldxr	x2, [x20]
	clrex
	add	x1, x1, #1
	b	1f
	nop
1:	mov	x1, #3
	svc	#0x42

el0_short:
	mov	x1, #1
	mov	x1, #2
	mov	x1, #3
	svc	#0x42

el0_bp:
	mov	x1, #1
bp_step:
	mov	x1, #2
	mov	x1, #3
	svc	#0x42

el0_exc:
	mov	x1, #1
	svc	#1
	mov	x1, #2
	udf	#7
	mov	x1, #3
	msr	mdscr_el1, xzr			// EL0: UNDEFINED, still stepped
	svc	#0x42
	.ltorg

	.data
	.balign	16
sdata:	.quad	0x1234
