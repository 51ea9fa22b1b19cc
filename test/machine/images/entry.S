// A minimal arm64 Linux Image (64-byte header, Linux boot §4) that reports the state the boot protocol promises at
// its entry: x0 (the DTB), x1–x3, where it was loaded, CurrentEL and DAIF, the DTB's magic and the first word of the
// initrd /chosen names, then powers off with PSCI SYSTEM_OFF over SMC. Position independent: it runs wherever the
// loader put it. The header's text_offset, image_size and flags are patched by the test.
	.equ	UART_DR, 0x09000000
	.equ	PSCI_SYSTEM_OFF, 0x84000008
_start:
	b	code				// code0
	.word	0				// code1
	.quad	0x80000				// text_offset
	.quad	0x10000				// image_size
	.quad	0xa				// flags: little-endian, 4 KiB pages, anywhere
	.quad	0, 0, 0				// res2–res4
	.word	0x644d5241			// "ARM\x64"
	.word	0				// res5
code:
	mov	x19, x0
	mov	x20, x1
	mov	x21, x2
	mov	x22, x3
	mov	x1, x19
	adr	x0, k_x0
	bl	print
	mov	x1, x20
	adr	x0, k_x1
	bl	print
	mov	x1, x21
	adr	x0, k_x2
	bl	print
	mov	x1, x22
	adr	x0, k_x3
	bl	print
	adr	x1, _start
	adr	x0, k_load
	bl	print
	mrs	x1, CurrentEL
	adr	x0, k_el
	bl	print
	mrs	x1, DAIF
	adr	x0, k_daif
	bl	print
	ldr	w1, [x19]
	adr	x0, k_magic
	bl	print
	mrs	x1, SCTLR_EL2
	adr	x0, k_sctlr
	bl	print
	ldr	x0, =PSCI_SYSTEM_OFF
	smc	#0
1:	b	1b

// print: "<key>=0x<16 hex digits>\n" for the string at x0 and the value in x1 (clobbers x0–x4)
print:
	ldr	x2, =UART_DR
1:	ldrb	w3, [x0], #1
	cbz	w3, 2f
	strb	w3, [x2]
	b	1b
2:	mov	w3, #'='
	strb	w3, [x2]
	mov	w3, #'0'
	strb	w3, [x2]
	mov	w3, #'x'
	strb	w3, [x2]
	mov	x4, #60
3:	lsr	x3, x1, x4
	and	x3, x3, #15
	cmp	x3, #10
	b.lo	4f
	add	x3, x3, #('a' - 10 - '0')
4:	add	x3, x3, #'0'
	strb	w3, [x2]
	subs	x4, x4, #4
	b.pl	3b
	mov	w3, #'\n'
	strb	w3, [x2]
	ret

k_x0:	.asciz	"x0"
k_x1:	.asciz	"x1"
k_x2:	.asciz	"x2"
k_x3:	.asciz	"x3"
k_load:	.asciz	"load"
k_el:	.asciz	"currentel"
k_daif:	.asciz	"daif"
k_magic: .asciz	"dtb_magic"
k_sctlr: .asciz	"sctlr_el2"
	.balign	8
	.ltorg
