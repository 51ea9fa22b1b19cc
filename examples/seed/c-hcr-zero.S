// Design note snippet (c), as written: "disabling S2" before running the native app.
// Runs with: twostage check examples/seed/c-hcr-zero.S --scenario scenarios/seed.yaml --from vm1 --to app
// Disable S2 translation by clearing HCR_EL2.VM
MOV x0, #0
MSR HCR_EL2, x0
