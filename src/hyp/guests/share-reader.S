// Body of the protection-table example (share-reader-vm.S / share-reader-app.S define `call`, an HVC or an SVC):
// it reads the first word of memory another context shares with it read-only (scenarios/shared.yaml: at
// 0x8000_0000, where the owner VM has it), logs it, then tries to write it — the write must be denied and logged
// — and reads just past the shared region, which must be denied too.
    .text
    .global _start
_start:
    ldr x20, =0x80000000      // the shared region (the owner's IPA, mapped at the same address here)
    ldr x2, [x20]             // allowed: read
    mov x0, #3                // log it
    mov x1, x2
    call
    mov x2, #0xbad
    str x2, [x20]             // denied: the share is read-only
    ldr x21, =0x80010000      // just past the share: nothing is mapped there
    mov x2, #0xbad
    ldr x2, [x21]             // denied: outside the share
    mov x0, #3
    mov x1, x2
    call
    mov x0, #2                // exit 0
    mov x1, #0
    call
    b .
    .ltorg
