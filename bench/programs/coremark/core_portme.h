/* twostage's CoreMark port (our own; CoreMark's sources are fetched, never committed: bench/programs.ts): bare metal
   at EL2 on the virt board, built with aarch64-linux-gnu-gcc -O2 by bench/programs.ts. Integer only
   (-mgeneral-regs-only: the CPU model has no FP/SIMD instructions yet), the data on the stack, one context, the
   seeds of a 2K performance run compiled in, and time from CNTVCT_EL0. */
#ifndef CORE_PORTME_H
#define CORE_PORTME_H

#include <stddef.h>
#include <stdint.h>

#define HAS_FLOAT 0
#define HAS_TIME_H 0
#define USE_CLOCK 0
#define HAS_STDIO 0
#define HAS_PRINTF 0
#define COMPILER_VERSION "GCC" __VERSION__
#ifndef FLAGS_STR
#define FLAGS_STR "-O2"
#endif
#define COMPILER_FLAGS FLAGS_STR
#define MEM_LOCATION "STACK"

typedef int16_t ee_s16;
typedef uint16_t ee_u16;
typedef int32_t ee_s32;
typedef int32_t ee_f32; /* no floating point: CoreMark uses ee_f32 only in its matrix type, as MATDAT_INT */
typedef uint8_t ee_u8;
typedef uint32_t ee_u32;
typedef uintptr_t ee_ptr_int;
typedef size_t ee_size_t;

#define align_mem(x) (void *)(4 + (((ee_ptr_int)(x)-1) & ~3))

#define CORETIMETYPE uint64_t
typedef uint64_t CORE_TICKS;

#define SEED_METHOD SEED_VOLATILE
#define MEM_METHOD MEM_STACK
#define MULTITHREAD 1
#define USE_PTHREAD 0
#define USE_FORK 0
#define USE_SOCKET 0
#define MAIN_HAS_NOARGC 1
#define MAIN_HAS_NORETURN 0

typedef struct CORE_PORTABLE_S {
  ee_u8 portable_id;
} core_portable;

extern ee_u32 default_num_contexts;

void portable_init(core_portable *p, int *argc, char *argv[]);
void portable_fini(core_portable *p);

#if !defined(PROFILE_RUN) && !defined(PERFORMANCE_RUN) && !defined(VALIDATION_RUN)
#define PERFORMANCE_RUN 1
#endif

int ee_printf(const char *fmt, ...);

#endif
