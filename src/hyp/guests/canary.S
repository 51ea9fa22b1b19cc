// Body of the neighbour of a page-edge probe (canary-vm.S / canary-app.S define `call`): its memory starts right
// after the probe's in PA, with a known doubleword. It yields once (the probe runs meanwhile), then logs that
// doubleword, which must be intact, and exits 0.
    .text
    .global _start
_start:
    b 1f
    .word 0x5afe5afe          // with the branch: the doubleword 0x5afe5afe14000002
1:  mov x0, #0                // yield
    call
    adr x2, _start
    ldr x1, [x2]
    mov x0, #3                // log it
    call
    mov x0, #2                // exit 0
    mov x1, #0
    call
    b .
