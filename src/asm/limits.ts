// What one assembly may ask of the assembler, so that any input ends in bounded time and memory with a diagnostic
// (GNU as has no such limits; real programs stay far below each of them).

/** Assembly text read and expanded in total: the file, its .include files and every macro expansion. */
export const MAX_SOURCE_BYTES = 1 << 20;
/** Bytes of output over all sections (code, data, padding, literal pools). */
export const MAX_OUTPUT_BYTES = 64 << 20;
/**
 * Largest alignment (.balign, .p2align, .align), in bytes: 1 GiB (concatenated 64K-granule stage-2 roots need 1 MiB,
 * a 1 GiB block-aligned region 1 GiB). The padding it costs counts against MAX_OUTPUT_BYTES.
 */
export const MAX_ALIGN = 1 << 30;
/** Sections one assembly may create (an ELF section index is 16 bits). */
export const MAX_SECTIONS = 1024;
/** .include and macro expansions nested inside each other. */
export const MAX_NESTING = 16;
/** Depth of an expression tree: operators, parentheses and unary operators nested inside each other. */
export const MAX_EXPR_DEPTH = 256;
/** Depth of an evaluation: an expression's depth plus those of the symbol definitions it goes through. */
export const MAX_EVAL_DEPTH = 1024;
/** Digits of a number (a 64-bit value needs at most 64 binary digits). */
export const MAX_NUMBER_DIGITS = 64;
/** Errors reported before the assembler stops (clang's default limit is 20). */
export const MAX_DIAGNOSTICS = 100;
