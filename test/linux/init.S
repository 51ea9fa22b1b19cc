// An integer-only /init for Linux (no FP/SIMD instruction, no libc): writes one line to the console, then powers the
// machine off with reboot(LINUX_REBOOT_CMD_POWER_OFF). Assembled by twostage's own assembler (initramfs.ts).
	.equ	SYS_write, 64
	.equ	SYS_reboot, 142
_start:
	mov	x0, #1				// stdout: /dev/console
	adr	x1, msg
	mov	x2, #(msgend - msg)
	mov	x8, #SYS_write
	svc	#0
	ldr	x0, =0xfee1dead			// LINUX_REBOOT_MAGIC1
	ldr	x1, =0x28121969			// LINUX_REBOOT_MAGIC2
	ldr	x2, =0x4321fedc			// LINUX_REBOOT_CMD_POWER_OFF
	mov	x8, #SYS_reboot
	svc	#0
1:	b	1b
msg:	.ascii	"init: integer-only /init running\n"
msgend:
	.balign	8
	.ltorg
