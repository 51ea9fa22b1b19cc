// Correct: dispatches on the incoming context's kind through a jump table of code addresses (BR), a VM path and
// a native-app path, each loading what that kind needs.
// check: --from vm1 --to app
// expect: none
// check: --from app --to vm2
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_KIND, 0x38

    ldr x2, [x20, #C_KIND]
    adr x9, paths
    ldr x10, [x9, x2, lsl #3]
    br x10
vm_path:
    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    b done
app_path:
    ldr x0, =0x80080038             // stage 2 off for a native app
    ldr x1, [x20, #C_VTTBR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
done:
    isb
    eret
    .ltorg
    .balign 8
paths:
    .quad vm_path, app_path
