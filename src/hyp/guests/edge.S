// Body of the page-edge probe (edge-vm.S / edge-app.S define `call`, an HVC or an SVC, and enter it with x20 = the
// last byte of the context's memory): an 8-byte store and an 8-byte load at that byte. One byte is its own, the
// other seven lie in the next page, which its translation does not give it — in PA they are the first bytes of the
// context placed right after it. Both accesses must be denied and logged, and the store must write no byte: it logs
// its own last byte after the store (still 0) and the loaded register (still 0xbad), then exits 0.
    ldr x2, =0x1122334455667788
    str x2, [x20]             // denied: crosses into the next page
    ldrb w2, [x20]            // its own last byte: the denied store wrote none of its bytes
    mov x0, #3                // log it
    mov x1, x2
    call
    mov x2, #0xbad
    ldr x2, [x20]             // denied: crosses into the next page
    mov x0, #3                // log x2: unchanged
    mov x1, x2
    call
    mov x0, #2                // exit 0
    mov x1, #0
    call
    b .
    .ltorg
