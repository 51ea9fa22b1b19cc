// Test helper: an exception vector table (16 entries of 128 bytes, assembler source) that skips the instruction that
// took the exception: ELR_ELx += 4, x26 counts the exceptions, x27 keeps the last return address.
export const skipVectors = (el: number): string =>
  `    mrs x27, elr_el${el}\n    add x27, x27, #4\n    msr elr_el${el}, x27\n    add x26, x26, #1\n    eret\n    .balign 128\n`.repeat(16);
