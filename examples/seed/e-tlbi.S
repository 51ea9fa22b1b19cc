// Design note snippet (e), as written: flushing "the native app's" TLB entries.
// Runs with: twostage check examples/seed/e-tlbi.S --scenario scenarios/seed.yaml --from vm1 --to app
// Invalidate TLB entries for the native application
TLBI VMALLE1
DSB SY
ISB
