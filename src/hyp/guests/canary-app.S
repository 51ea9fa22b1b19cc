// canary.S as a native app: calls are SVC #0.
    .macro call
    svc #0
    .endm
    .include "canary.S"
