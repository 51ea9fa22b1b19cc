// The initial value of a number field that will hold values outside V8's small-integer range.

/**
 * Initial value of a number field of a long-lived object on the hot path that later holds addresses, uint32 words or
 * flag words (values ≥ 2^30). V8 gives a field the representation of its first value: a small integer there, and the
 * first large value changes the field to a double, deprecates the object's hidden class and deoptimizes every compiled
 * function that has seen the object (Debian's kernel boot: three such events on Cpu, TlbFill and WalkOut threw away
 * ≈ 60 compiled handlers each, ≈ 190 "wrong map" deoptimizations). -0 is a heap number, so the field is a double from
 * its first store; it is 0 in every integer operation and comparison (only Object.is tells them apart).
 */
export const WIDE_ZERO = -0;
