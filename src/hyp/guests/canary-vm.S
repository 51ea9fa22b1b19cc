// canary.S as a VM: calls are HVC #0.
    .macro call
    hvc #0
    .endm
    .include "canary.S"
