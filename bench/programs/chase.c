// Benchmark program: pointer chasing. 512 Ki nodes of 16 bytes (8 MiB) linked in one random cycle (Sattolo's
// algorithm), then followed node by node: every load depends on the previous one and lands on a random cache line
// of a different page most of the time. A binary search tree of the same nodes' keys is then searched for each
// key. Prints the sums, which depend on every step.
#include "rt.h"

#ifndef NODES
#define NODES (512 * 1024)
#endif
#ifndef STEPS
#define STEPS (4 * 1024 * 1024)
#endif

struct node {
  struct node *next;
  uint32_t key;
  uint32_t left, right; // tree children as indices + 1 (0: none)
};

static struct node nodes[NODES];
static uint32_t order[NODES];

int main(void) {
  uint64_t s = 0x2545f4914f6cdd1dull;
  for (uint32_t i = 0; i < NODES; i++) order[i] = i;
  for (uint32_t i = NODES - 1; i > 0; i--) { // Sattolo: a single cycle through all nodes
    uint32_t j = (uint32_t)(rand64(&s) % i);
    uint32_t t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  for (uint32_t i = 0; i < NODES; i++) {
    nodes[order[i]].next = &nodes[order[(i + 1) % NODES]];
    nodes[i].key = (uint32_t)rand64(&s);
    nodes[i].left = nodes[i].right = 0;
  }
  uint64_t sum = 0;
  struct node *p = &nodes[0];
  for (uint32_t k = 0; k < STEPS; k++) {
    sum += p->key ^ k;
    p = p->next;
  }
  // a binary search tree over the first quarter of the nodes, in random insertion order, then every key searched
  uint32_t root = order[0] + 1;
  for (uint32_t i = 1; i < NODES / 4; i++) {
    uint32_t n = order[i];
    uint32_t at = root;
    for (;;) {
      struct node *q = &nodes[at - 1];
      uint32_t *side = nodes[n].key < q->key ? &q->left : &q->right;
      if (*side == 0) {
        *side = n + 1;
        break;
      }
      at = *side;
    }
  }
  uint64_t depth = 0;
  for (uint32_t i = 0; i < NODES / 4; i++) {
    uint32_t key = nodes[order[i]].key;
    uint32_t at = root;
    while (at != 0 && nodes[at - 1].key != key) {
      at = key < nodes[at - 1].key ? nodes[at - 1].left : nodes[at - 1].right;
      depth++;
    }
  }
  put_str("chase: ");
  put_dec(STEPS);
  put_str(" steps, sum 0x");
  put_hex(sum, 16);
  put_str(", tree search depth ");
  put_dec(depth);
  put_str("\n");
  return 0;
}
