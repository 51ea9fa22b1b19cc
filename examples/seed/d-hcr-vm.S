// Design note snippet (d), as written: "re-enabling S2" when going back to a VM.
// Runs with: twostage check examples/seed/d-hcr-vm.S --scenario scenarios/seed.yaml --from app --to vm1
// Re-enable S2 translation by setting HCR_EL2.VM
MOV x0, #(1 << 0) // VM bit
MSR HCR_EL2, x0
