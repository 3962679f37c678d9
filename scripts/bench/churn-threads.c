/*
 * The churn benchmark on several threads at once: each thread runs the hot loop of
 * __tests__/fixtures/churn.c on a pool of its own, so the allocator's per-thread caches and any
 * contention between threads are exercised. EXTRA_PERCENT adds that many percent more
 * allocations to every thread's loop: the benchmark changes it in a commit to make a real,
 * known slowdown.
 * Usage: churn-threads [operations per thread] [threads] (defaults 150000 and 2).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef EXTRA_PERCENT
#define EXTRA_PERCENT 0
#endif

#define POOL 2048
#define MAX_THREADS 64

struct worker {
    pthread_t thread;
    long operations;
    uint64_t state;
    uint64_t checksum;
    unsigned char *pool[POOL];
    size_t sizes[POOL];
};

static uint64_t next_random(struct worker *w) {
    w->state ^= w->state << 13;
    w->state ^= w->state >> 7;
    w->state ^= w->state << 17;
    return w->state;
}

static void *work(void *arg) {
    struct worker *w = arg;
    long total = w->operations + w->operations * EXTRA_PERCENT / 100;
    for (long i = 0; i < total; i++) {
        size_t slot = next_random(w) % POOL;
        if (w->pool[slot] != NULL) {
            w->checksum += w->pool[slot][w->sizes[slot] - 1];
            free(w->pool[slot]);
        }
        w->sizes[slot] = 16 + next_random(w) % 2000;
        w->pool[slot] = malloc(w->sizes[slot]);
        if (w->pool[slot] == NULL) exit(1);
        memset(w->pool[slot], (int)(i & 0xff), w->sizes[slot]);
    }
    for (size_t i = 0; i < POOL; i++) free(w->pool[i]);
    return NULL;
}

int main(int argc, char **argv) {
    long operations = argc > 1 ? atol(argv[1]) : 150000;
    int threads = argc > 2 ? atoi(argv[2]) : 2;
    if (threads < 1 || threads > MAX_THREADS) {
        fprintf(stderr, "churn-threads: threads must be 1 to %d\n", MAX_THREADS);
        return 2;
    }
    static struct worker workers[MAX_THREADS];
    uint64_t checksum = 0;
    for (int t = 0; t < threads; t++) {
        workers[t].operations = operations;
        workers[t].state = 88172645463325252ULL + (uint64_t)t * 0x9e3779b97f4a7c15ULL;
        if (pthread_create(&workers[t].thread, NULL, work, &workers[t]) != 0) return 1;
    }
    for (int t = 0; t < threads; t++) {
        pthread_join(workers[t].thread, NULL);
        checksum += workers[t].checksum;
    }
    printf("checksum %llu\n", (unsigned long long)checksum);
    return 0;
}
