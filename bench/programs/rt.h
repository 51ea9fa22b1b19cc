// What the benchmark programs have of a C library: the PL011 UART of the virt board and a few helpers.
#ifndef BENCH_RT_H
#define BENCH_RT_H
#include <stddef.h>
#include <stdint.h>

void put_char(char c);
void put_str(const char *s);
/** Unsigned decimal. */
void put_dec(uint64_t v);
/** Hexadecimal, at least `digits` digits. */
void put_hex(uint64_t v, int digits);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
/** xorshift64*: the programs' own deterministic pseudo-random numbers. */
uint64_t rand64(uint64_t *state);
#endif
