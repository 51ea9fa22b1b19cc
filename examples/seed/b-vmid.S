// Design note snippet (b), as written: giving the native app its VMID (UNIQUE_VMID = 5).
// Runs with: twostage check examples/seed/b-vmid.S --scenario scenarios/seed.yaml --from vm1 --to app
    .equ UNIQUE_VMID, 5
// Assign a unique VMID to the native application
MOV x0, #(UNIQUE_VMID << 16) // VMID in the upper 16 bits
MSR VTTBR_EL2, x0
