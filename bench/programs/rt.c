// The benchmark programs' runtime (rt.h). Built with -fno-builtin -fno-tree-loop-distribute-patterns, so that
// memset and memcpy are not compiled into calls to themselves.
#include "rt.h"

#define UART_DR ((volatile uint32_t *)0x09000000) // PL011 UARTDR of the virt board

void put_char(char c) { *UART_DR = (uint8_t)c; }

void put_str(const char *s) {
  while (*s != 0) put_char(*s++);
}

void put_dec(uint64_t v) {
  char buf[21];
  int i = 0;
  do {
    buf[i++] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (i > 0) put_char(buf[--i]);
}

void put_hex(uint64_t v, int digits) {
  char buf[16];
  int i = 0;
  do {
    buf[i++] = "0123456789abcdef"[v & 15];
    v >>= 4;
  } while (v != 0 || i < digits);
  while (i > 0) put_char(buf[--i]);
}

void *memset(void *d, int c, size_t n) {
  uint8_t *p = d;
  while (n-- > 0) *p++ = (uint8_t)c;
  return d;
}

void *memcpy(void *d, const void *s, size_t n) {
  uint8_t *p = d;
  const uint8_t *q = s;
  while (n-- > 0) *p++ = *q++;
  return d;
}

int memcmp(const void *a, const void *b, size_t n) {
  const uint8_t *p = a, *q = b;
  for (; n > 0; n--, p++, q++)
    if (*p != *q) return *p < *q ? -1 : 1;
  return 0;
}

uint64_t rand64(uint64_t *state) {
  uint64_t x = *state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * 0x2545f4914f6cdd1dull;
}
