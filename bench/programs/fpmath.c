// FP-heavy kernels for the FP/SIMD differential (issue 13): matrix products in double and float, an iterative
// radix-2 FFT in double with twiddles from a Taylor series, a float polynomial/division/square-root sweep and an
// integer dot product the vectoriser turns into Advanced SIMD at -O3. Every result is printed as the hex bits of its
// IEEE value (and a 64-bit FNV-1a hash over whole arrays), so a one-ulp difference from QEMU shows.
#include "rt.h"

#ifndef N_MAT
#define N_MAT 24
#endif
#ifndef N_FFT
#define N_FFT 512
#endif
#ifndef ROUNDS
#define ROUNDS 3
#endif

static double ad[N_MAT][N_MAT], bd[N_MAT][N_MAT], cd[N_MAT][N_MAT];
static float af[N_MAT][N_MAT], bf[N_MAT][N_MAT], cf[N_MAT][N_MAT];
static double re[N_FFT], im[N_FFT], tw_re[N_FFT / 2], tw_im[N_FFT / 2];
static float xs[1024], ys[1024];
static int32_t ia[4096], ib[4096];

static uint64_t bits64(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

static uint32_t bits32(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

/** FNV-1a over the bytes of n words. */
static uint64_t fnv(const void *p, size_t n) {
  const uint8_t *b = p;
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ull;
  return h;
}

/** A double in [-1, 1) from 53 random bits. */
static double unit(uint64_t *s) {
  return (double)(int64_t)rand64(s) * 0x1p-63;
}

static void line(const char *what, uint64_t v, int digits) {
  put_str(what);
  put_str(" ");
  put_hex(v, digits);
  put_str("\n");
}

static void matmul(uint64_t *s) {
  for (int i = 0; i < N_MAT; i++)
    for (int j = 0; j < N_MAT; j++) {
      ad[i][j] = unit(s);
      bd[i][j] = unit(s) * 1000.0;
      af[i][j] = (float)unit(s);
      bf[i][j] = (float)(unit(s) * 3.0);
    }
  for (int i = 0; i < N_MAT; i++)
    for (int j = 0; j < N_MAT; j++) {
      double sd = 0.0;
      float sf = 0.0f;
      for (int k = 0; k < N_MAT; k++) {
        sd += ad[i][k] * bd[k][j];
        sf += af[i][k] * bf[k][j];
      }
      cd[i][j] = sd;
      cf[i][j] = sf;
    }
  line("matmul double c[0][0]", bits64(cd[0][0]), 16);
  line("matmul double hash", fnv(cd, sizeof cd), 16);
  line("matmul float c[1][2]", bits32(cf[1][2]), 8);
  line("matmul float hash", fnv(cf, sizeof cf), 16);
}

/** sin and cos of x in [-pi, pi] by their Taylor series to x^25 (no libm). */
static void sincos_series(double x, double *sn, double *cs) {
  double term_s = x, term_c = 1.0, s = x, c = 1.0, x2 = x * x;
  for (int n = 1; n <= 12; n++) {
    term_s *= -x2 / ((2 * n) * (2 * n + 1));
    term_c *= -x2 / ((2 * n - 1) * (2 * n));
    s += term_s;
    c += term_c;
  }
  *sn = s;
  *cs = c;
}

static void fft(uint64_t *s) {
  const double pi = 3.14159265358979323846;
  for (int k = 0; k < N_FFT / 2; k++) sincos_series(-2.0 * pi * k / N_FFT, &tw_im[k], &tw_re[k]);
  for (int i = 0; i < N_FFT; i++) {
    re[i] = unit(s);
    im[i] = unit(s) * 0.5;
  }
  // bit-reversal permutation, then log2(N) butterfly passes
  for (int i = 1, j = 0; i < N_FFT; i++) {
    int bit = N_FFT >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      double t = re[i]; re[i] = re[j]; re[j] = t;
      t = im[i]; im[i] = im[j]; im[j] = t;
    }
  }
  for (int len = 2; len <= N_FFT; len <<= 1) {
    int step = N_FFT / len;
    for (int i = 0; i < N_FFT; i += len)
      for (int k = 0; k < len / 2; k++) {
        double wr = tw_re[k * step], wi = tw_im[k * step];
        double xr = re[i + k + len / 2], xi = im[i + k + len / 2];
        double tr = xr * wr - xi * wi, ti = xr * wi + xi * wr;
        re[i + k + len / 2] = re[i + k] - tr;
        im[i + k + len / 2] = im[i + k] - ti;
        re[i + k] += tr;
        im[i + k] += ti;
      }
  }
  line("fft re[1]", bits64(re[1]), 16);
  line("fft im[N/3]", bits64(im[N_FFT / 3]), 16);
  line("fft hash", fnv(re, sizeof re) ^ fnv(im, sizeof im), 16);
}

static void sweep(uint64_t *s) {
  for (int i = 0; i < 1024; i++) xs[i] = (float)(unit(s) * 100.0);
  float lo = xs[0], hi = xs[0];
  double acc = 0.0;
  int64_t conv = 0;
  for (int i = 0; i < 1024; i++) {
    float x = xs[i];
    float p = ((0.25f * x - 1.5f) * x + 2.0f) * x - 7.0f;
    ys[i] = p / (x * x + 1.0f) + __builtin_sqrtf(x < 0 ? -x : x);
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
    acc += (double)ys[i];
    conv += (int64_t)(ys[i] * 1000.0f) + (int64_t)(double)(int32_t)x;
  }
  line("sweep hash", fnv(ys, sizeof ys), 16);
  line("sweep min max", ((uint64_t)bits32(lo) << 32) | bits32(hi), 16);
  line("sweep sum", bits64(acc), 16);
  line("sweep conversions", (uint64_t)conv, 16);
}

static void dot(uint64_t *s) {
  for (int i = 0; i < 4096; i++) {
    ia[i] = (int32_t)rand64(s) >> 12;
    ib[i] = (int32_t)rand64(s) >> 16;
  }
  int64_t d = 0;
  int32_t m = 0;
  for (int i = 0; i < 4096; i++) {
    d += (int64_t)ia[i] * ib[i];
    m ^= ia[i] + ib[i];
  }
  line("dot", (uint64_t)d, 16);
  line("dot xor", (uint32_t)m, 8);
}

int main(void) {
  uint64_t s = 0x9e3779b97f4a7c15ull;
  for (int r = 0; r < ROUNDS; r++) {
    matmul(&s);
    fft(&s);
    sweep(&s);
    dot(&s);
  }
  return 0;
}
