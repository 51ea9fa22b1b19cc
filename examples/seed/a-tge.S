// Design note snippet (a), as written: switching to the native app.
// Runs with: twostage check examples/seed/a-tge.S --scenario scenarios/seed.yaml --from vm1 --to app
// (all five snippets together: twostage run scenarios/seed.yaml --hosting seed-literal)
// Set HCR_EL2.TGE to disable entry to EL1
MOV x0, #(1 << 27) // TGE bit
MSR HCR_EL2, x0
