/* twostage's CoreMark port (core_portme.h): the seeds, the timer, and a small ee_printf on the PL011 UART. */
#include <stdarg.h>
#include "coremark.h"
#include "../rt.h"

/* the 2K performance run's seeds (CoreMark's README: 0, 0, 0x66), read as volatiles so no compiler folds them */
volatile ee_s32 seed1_volatile = 0x0;
volatile ee_s32 seed2_volatile = 0x0;
volatile ee_s32 seed3_volatile = 0x66;
volatile ee_s32 seed4_volatile = ITERATIONS;
volatile ee_s32 seed5_volatile = 0;

ee_u32 default_num_contexts = 1;

/* CNTVCT_EL0 at CNTFRQ_EL0 = 62.5 MHz on both machines (on twostage one tick per instruction) */
#define TICKS_PER_SEC 62500000u

static CORE_TICKS start_ticks, stop_ticks;

static CORE_TICKS counter(void) {
  uint64_t v;
  __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
  return v;
}

void start_time(void) { start_ticks = counter(); }
void stop_time(void) { stop_ticks = counter(); }
CORE_TICKS get_time(void) { return stop_ticks - start_ticks; }
secs_ret time_in_secs(CORE_TICKS ticks) { return (secs_ret)(ticks / TICKS_PER_SEC); }

void portable_init(core_portable *p, int *argc, char *argv[]) {
  (void)argc;
  (void)argv;
  p->portable_id = 1;
}

void portable_fini(core_portable *p) { p->portable_id = 0; }

/* ee_printf: the conversions core_main.c uses (%d %u %lu %x with a width and 0 flag, %s, %c) */
int ee_printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  for (const char *f = fmt; *f != 0; f++) {
    if (*f != '%') {
      put_char(*f);
      continue;
    }
    f++;
    int width = 0;
    while (*f == '0') f++;
    while (*f >= '1' && *f <= '9') width = width * 10 + (*f++ - '0');
    int isLong = 0;
    while (*f == 'l') {
      isLong = 1;
      f++;
    }
    switch (*f) {
      case 'd': {
        long v = isLong ? va_arg(ap, long) : va_arg(ap, int);
        if (v < 0) {
          put_char('-');
          v = -v;
        }
        put_dec((uint64_t)v);
        break;
      }
      case 'u': put_dec(isLong ? va_arg(ap, unsigned long) : va_arg(ap, unsigned)); break;
      case 'x': put_hex(isLong ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), width); break;
      case 's': put_str(va_arg(ap, const char *)); break;
      case 'c': put_char((char)va_arg(ap, int)); break;
      case '%': put_char('%'); break;
      default: put_char('?'); break;
    }
  }
  va_end(ap);
  return 0;
}
