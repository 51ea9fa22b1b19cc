// Hypervisor data: state, messages, the denied-access log and the stack. Never mapped by any context.
    .balign 8
cur_ctx:    .quad ctx_table   // the context running (or being entered)
fp_owner:   .quad 0           // the entry whose V0–V31, FPCR, FPSR are in the registers (0: none yet; lazy.S fp_trap)
vmid_gen:   .quad 1, 1        // current VMID generation, next free VMID (0 is reserved)
log_count:  .quad 0           // denied accesses seen, all contexts together (per context: deny_seen, config.S)
line_owner: .quad 0           // the context whose output line is open (print.S guest_putc), 0 at the start of a line
banner:     .asciz "[hyp] twostage reference hypervisor at EL2\n"
msg_panic:  .asciz "[hyp] unexpected exception at EL2: ESR "
msg_elr:    .asciz " ELR "
msg_log:    .asciz "log "
msg_slices: .asciz "slices used up\n"
msg_exit:   .asciz "exit "
msg_denied: .asciz "denied: "
msg_far:    .asciz " FAR "
msg_hpfar:  .asciz " HPFAR "
msg_esr:    .asciz " ESR "
msg_no_isv: .asciz "MMIO access to an emulated device without an instruction syndrome (ESR_EL2.ISV = 0): cannot emulate"
msg_psci_off: .asciz "psci SYSTEM_OFF: the VM is off\n"
msg_psci_reset: .asciz "psci SYSTEM_RESET: the VM is stopped (no reboot)\n"
msg_illegal: .asciz "illegal exception return into the context"
msg_trap:   .asciz "trap EC "
msg_level:  .asciz " fault level "
msg_fsc:    .asciz "fault status "
msg_read:   .asciz ", read"
msg_write:  .asciz ", write"
msg_fetch:  .asciz ", instruction fetch"
msg_s1ptw:  .asciz " (stage-1 table walk)"
msg_done:   .asciz "[hyp] all contexts finished; denied accesses: "
    .balign 16
fsc_names:
    .asciz "address size"
    .balign 16
    .asciz "translation"
    .balign 16
    .asciz "access flag"
    .balign 16
    .asciz "permission"
    .balign 16
hyp_stack:  .space 4096
hyp_stack_top:
