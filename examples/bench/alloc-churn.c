/*
 * alloc-churn: a small, allocation-heavy benchmark for malloc-matrix's examples and demo.
 * It keeps a pool of live blocks and replaces them at random with blocks of mixed sizes,
 * as a server handling requests would, so allocator speed and fragmentation both show.
 * Usage: alloc-churn [operations] (default 1000000). Prints a checksum so work is not elided.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POOL 4096

static uint64_t state = 0x9e3779b97f4a7c15ULL;

static uint64_t next_random(void) {
    /* xorshift64: fast and deterministic, so every allocator sees the same sequence. */
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static size_t pick_size(void) {
    uint64_t r = next_random();
    switch (r % 8) {
    case 0: return 4096 + (r >> 8) % 60000; /* an occasional large buffer */
    case 1:
    case 2: return 256 + (r >> 8) % 768;
    default: return 16 + (r >> 8) % 112;     /* mostly small objects */
    }
}

int main(int argc, char **argv) {
    long operations = argc > 1 ? atol(argv[1]) : 1000000;
    if (operations <= 0) {
        fprintf(stderr, "usage: %s [operations > 0]\n", argv[0]);
        return 2;
    }
    static unsigned char *pool[POOL];
    static size_t sizes[POOL];
    uint64_t checksum = 0;
    for (long i = 0; i < operations; i++) {
        size_t slot = next_random() % POOL;
        if (pool[slot] != NULL) {
            checksum += pool[slot][sizes[slot] - 1];
            free(pool[slot]);
        }
        sizes[slot] = pick_size();
        pool[slot] = malloc(sizes[slot]);
        if (pool[slot] == NULL) {
            fprintf(stderr, "out of memory\n");
            return 1;
        }
        memset(pool[slot], (int)(i & 0xff), sizes[slot]);
    }
    for (size_t i = 0; i < POOL; i++) free(pool[i]);
    printf("checksum %llu\n", (unsigned long long)checksum);
    return 0;
}
