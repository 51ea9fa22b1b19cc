// share-reader.S as a VM at EL1 (MMU off, VA == IPA): calls are HVC #0.
    .macro call
    hvc #0
    .endm
    .include "share-reader.S"
