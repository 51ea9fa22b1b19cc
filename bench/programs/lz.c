// Benchmark program: an LZ77 compressor with a hash chain (greedy, 64 KiB window, matches of 4..258 bytes) and its
// decompressor, over 256 KiB of generated text (words of a small vocabulary, drawn with a skew). Each round
// compresses, decompresses and checks that the bytes come back; it prints the compressed size and a checksum of the
// compressed stream. Byte loads and stores, hashing, data-dependent branches, short copy loops.
#include "rt.h"

#ifndef INPUT_SIZE
#define INPUT_SIZE (256 * 1024)
#endif
#define WINDOW 65536
#define HASH_BITS 15
#define MIN_MATCH 4
#define MAX_MATCH 258
#define MAX_CHAIN 32
#ifndef ROUNDS
#define ROUNDS 3
#endif

static uint8_t input[INPUT_SIZE];
static uint8_t packed[INPUT_SIZE + INPUT_SIZE / 8 + 16];
static uint8_t unpacked[INPUT_SIZE];
static int32_t head[1 << HASH_BITS];
static int32_t chain[WINDOW];

static const char *const WORDS[] = {
  "the", "of", "and", "translation", "stage", "table", "descriptor", "level", "a", "to", "is", "hypervisor",
  "exception", "register", "EL2", "VMID", "in", "for", "guest", "memory", "page", "fault", "TLB", "walk",
};

static void generate(uint64_t seed) {
  uint64_t s = seed;
  size_t n = 0;
  while (n < INPUT_SIZE) {
    uint64_t r = rand64(&s);
    // skewed: the first words far more often than the last
    unsigned k = (unsigned)((r & 0xff) * (r >> 8 & 0xff) >> 11) % (sizeof WORDS / sizeof WORDS[0]);
    for (const char *w = WORDS[k]; *w != 0 && n < INPUT_SIZE; w++) input[n++] = (uint8_t)*w;
    if (n < INPUT_SIZE) input[n++] = (r >> 20 & 15) == 0 ? '\n' : ' ';
  }
}

static uint32_t hash4(const uint8_t *p) {
  uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
  return (v * 2654435761u) >> (32 - HASH_BITS);
}

/** Tokens: a flag byte for each 8, then a literal byte or a match (length - MIN_MATCH, distance as 2 bytes). */
static size_t compress(const uint8_t *in, size_t n, uint8_t *out) {
  for (size_t i = 0; i < (1u << HASH_BITS); i++) head[i] = -1;
  size_t o = 0, flagAt = 0;
  int bit = 8;
  size_t i = 0;
  while (i < n) {
    if (bit == 8) {
      flagAt = o++;
      out[flagAt] = 0;
      bit = 0;
    }
    size_t best = 0, bestDist = 0;
    if (i + MIN_MATCH <= n) {
      uint32_t h = hash4(in + i);
      int32_t cand = head[h];
      size_t limit = n - i < MAX_MATCH ? n - i : MAX_MATCH;
      for (int depth = 0; cand >= 0 && i - (size_t)cand < WINDOW && depth < MAX_CHAIN; depth++) {
        size_t len = 0;
        while (len < limit && in[cand + len] == in[i + len]) len++;
        if (len > best) {
          best = len;
          bestDist = i - (size_t)cand;
          if (len == limit) break;
        }
        cand = chain[cand & (WINDOW - 1)];
      }
      chain[i & (WINDOW - 1)] = head[h];
      head[h] = (int32_t)i;
    }
    if (best >= MIN_MATCH) {
      out[flagAt] |= (uint8_t)(1 << bit);
      out[o++] = (uint8_t)(best - MIN_MATCH);
      out[o++] = (uint8_t)(bestDist & 0xff);
      out[o++] = (uint8_t)(bestDist >> 8);
      // the skipped positions enter the hash chains too
      for (size_t k = i + 1; k < i + best && k + MIN_MATCH <= n; k++) {
        uint32_t h = hash4(in + k);
        chain[k & (WINDOW - 1)] = head[h];
        head[h] = (int32_t)k;
      }
      i += best;
    } else {
      out[o++] = in[i++];
    }
    bit++;
  }
  return o;
}

static size_t decompress(const uint8_t *in, size_t n, uint8_t *out) {
  size_t i = 0, o = 0;
  while (i < n) {
    uint8_t flags = in[i++];
    for (int bit = 0; bit < 8 && i < n; bit++) {
      if (flags & (1 << bit)) {
        size_t len = (size_t)in[i] + MIN_MATCH;
        size_t dist = (size_t)in[i + 1] | (size_t)in[i + 2] << 8;
        i += 3;
        for (size_t k = 0; k < len; k++, o++) out[o] = out[o - dist];
      } else {
        out[o++] = in[i++];
      }
    }
  }
  return o;
}

int main(void) {
  uint32_t check = 2166136261u; // FNV-1a over every round's compressed stream
  size_t size = 0;
  for (int round = 0; round < ROUNDS; round++) {
    generate(0x9e3779b97f4a7c15ull + (uint64_t)round);
    size = compress(input, INPUT_SIZE, packed);
    if (decompress(packed, size, unpacked) != INPUT_SIZE || memcmp(unpacked, input, INPUT_SIZE) != 0) {
      put_str("lz: round trip FAILED\n");
      return 1;
    }
    for (size_t i = 0; i < size; i++) check = (check ^ packed[i]) * 16777619u;
  }
  put_str("lz: ");
  put_dec(ROUNDS);
  put_str(" rounds of 262144 bytes, last packed to ");
  put_dec(size);
  put_str(", checksum 0x");
  put_hex(check, 8);
  put_str("\n");
  return 0;
}
