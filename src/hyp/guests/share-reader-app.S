// share-reader.S as a native app at EL0: calls are SVC #0 (the EL1 shim forwards them).
    .macro call
    svc #0
    .endm
    .include "share-reader.S"
