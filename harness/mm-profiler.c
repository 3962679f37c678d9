/*
 * mm-profiler: a counting malloc interposer. Preloaded in front of a cell's allocator
 * (LD_PRELOAD="mm-profiler.so <allocator>"), it forwards every call to the next definition and
 * counts what the program asks of malloc.
 *
 * WHY ONE FREESTANDING OBJECT
 *   The Alpaquita images have no compiler, and the runner may have a different libc than the
 *   image. This object is built with -nostdlib -ffreestanding: it makes system calls itself and
 *   imports exactly one symbol, dlsym, which both musl (in its loader) and glibc >= 2.34 (in
 *   libc.so.6) export. So one build made on the runner, with the same compiler that builds the
 *   measuring helper, runs in both images.
 *
 * WHAT IT COUNTS, per call kind (malloc, calloc, realloc, free, posix_memalign, aligned_alloc,
 *   memalign, valloc, pvalloc, reallocarray): calls, bytes requested, a power-of-two histogram of
 *   the requested sizes (bucket b holds sizes in [2^(b-1), 2^b), bucket 0 holds size 0), and the
 *   most frequent exact sizes. Per process: the peak of live requested bytes, measured with the
 *   next allocator's malloc_usable_size, and how many threads allocated.
 *
 * THREADS: each thread counts into its own block (initial-exec TLS, no atomic per call). A thread
 *   registers its block once, with one compare-and-swap. Live bytes are kept per thread and folded
 *   into the process total when the thread's running delta passes LIVE_FOLD bytes, so the peak is
 *   exact for one thread and within threads x LIVE_FOLD for several.
 *
 * PROCESSES: every process writes its own record when it exits (a destructor, or _exit/_Exit),
 *   and before an exec (the counts so far, as a segment). A child of fork starts from zero.
 *   Records go to $MM_PROFILE_DIR/<pid>-<segment>.json, one JSON object each.
 *
 * WHAT THE ALLOCATOR LACKS: an allocator without one of the optional functions (musl's mimalloc
 *   has no aligned_alloc, jemalloc no pvalloc) leaves the libc's in its place, whose memory the
 *   allocator's free cannot take. Only the functions of the object that defines the next malloc
 *   are called (dladdr, itself found through dlsym, tells the objects apart); the others are
 *   served by the allocator's own aligned allocation. The calls are counted as they were made.
 *
 * VFORK: a vfork child shares its parent's memory; it writes no record and resets nothing, so
 *   the parent's counts stay the parent's (the exec'd program writes its own record).
 *
 * BOOTSTRAP: glibc's dlsym may call calloc/malloc before the next malloc is known; those calls
 *   are served from a small static arena, never freed, and not counted.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define EXPORT __attribute__((visibility("default")))
#define HIDDEN __attribute__((visibility("hidden")))
#define TLS __thread __attribute__((tls_model("initial-exec")))

extern void *dlsym(void *handle, const char *symbol);
#define RTLD_NEXT ((void *)-1l)

/* ---- system calls (no libc) ------------------------------------------------------------- */
#if defined(__x86_64__)
#define SYS_write 1
#define SYS_open 2
#define SYS_close 3
#define SYS_mmap 9
#define SYS_getpid 39
#define SYS_getppid 110
#define SYS_readlink 89
#define SYS_exit_group 231
static long sys6(long n, long a, long b, long c, long d, long e, long f) {
  long ret;
  register long r10 __asm__("r10") = d;
  register long r8 __asm__("r8") = e;
  register long r9 __asm__("r9") = f;
  __asm__ volatile("syscall"
                   : "=a"(ret)
                   : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                   : "rcx", "r11", "memory");
  return ret;
}
#elif defined(__aarch64__)
#define SYS_write 64
#define SYS_openat 56
#define SYS_close 57
#define SYS_mmap 222
#define SYS_getpid 172
#define SYS_getppid 173
#define SYS_readlinkat 78
#define SYS_exit_group 94
static long sys6(long n, long a, long b, long c, long d, long e, long f) {
  register long x8 __asm__("x8") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x3 __asm__("x3") = d;
  register long x4 __asm__("x4") = e;
  register long x5 __asm__("x5") = f;
  __asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5) : "memory");
  return x0;
}
#else
#error "mm-profiler supports x86_64 and aarch64"
#endif

#define O_WRONLY 01
#define O_CREAT 0100
#define O_EXCL 0200
#define O_CLOEXEC 02000000
#define AT_FDCWD -100

static long sys_open(const char *path, int flags, int mode) {
#if defined(__x86_64__)
  return sys6(SYS_open, (long)path, flags, mode, 0, 0, 0);
#else
  return sys6(SYS_openat, AT_FDCWD, (long)path, flags, mode, 0, 0);
#endif
}
static long sys_readlink(const char *path, char *buf, long size) {
#if defined(__x86_64__)
  return sys6(SYS_readlink, (long)path, (long)buf, size, 0, 0, 0);
#else
  return sys6(SYS_readlinkat, AT_FDCWD, (long)path, (long)buf, size, 0, 0);
#endif
}
static long current_pid(void) { return sys6(SYS_getpid, 0, 0, 0, 0, 0, 0); }
static void *sys_mmap_anon(size_t size) {
  long p = sys6(SYS_mmap, 0, (long)size, 3 /* RW */, 0x22 /* PRIVATE|ANON */, -1, 0);
  return (p < 0 && p > -4096) ? (void *)0 : (void *)p;
}

/* The compiler may emit calls to these for struct copies; keep them inside this object. */
HIDDEN void *memset(void *d, int c, size_t n) {
  unsigned char *p = d;
  while (n--) *p++ = (unsigned char)c;
  return d;
}
HIDDEN void *memcpy(void *d, const void *s, size_t n) {
  unsigned char *a = d;
  const unsigned char *b = s;
  while (n--) *a++ = *b++;
  return d;
}

/* ---- counters ------------------------------------------------------------------------------ */
enum kind { K_MALLOC, K_CALLOC, K_REALLOC, K_FREE, K_POSIX_MEMALIGN, K_ALIGNED_ALLOC, K_MEMALIGN,
            K_VALLOC, K_PVALLOC, K_REALLOCARRAY, K_COUNT };
static const char *const KIND_NAMES[K_COUNT] = {"malloc", "calloc", "realloc", "free",
                                                "posix_memalign", "aligned_alloc", "memalign",
                                                "valloc", "pvalloc", "reallocarray"};
#define BUCKETS 65
#define SIZE_SLOTS 256 /* distinct exact sizes tracked per kind and thread; more go to `untracked` */
#define TOP_SIZES 10
/* Small enough that a few threads holding a few KiB each show in the peak (at 64 KiB, four
 * threads holding 54 KiB each at once reported only what the main thread held before they
 * started); large enough that a churning thread folds only every few dozen calls. */
#define LIVE_FOLD (4 * 1024)

struct size_slot { uint64_t size, count; };
struct kind_counts {
  uint64_t calls, bytes, untracked;
  uint64_t hist[BUCKETS];
  struct size_slot sizes[SIZE_SLOTS];
};
struct thread_block {
  struct thread_block *next;
  struct kind_counts k[K_COUNT];
  int64_t live_delta;
};

static TLS struct thread_block *my_block;
/* Set while this thread is inside an interposed call: a libc that implements one call with
 * another (musl's memalign calls aligned_alloc) must not count twice. */
static TLS int inside;
static struct thread_block *blocks;  /* all threads' blocks, pushed with CAS */
static int64_t live_bytes, live_peak; /* process totals, folded from threads */
static int segment;
/* The process these counts belong to. A vfork child (posix_spawn, Python's subprocess) shares
 * this memory with its suspended parent: it must neither write the parent's counts as its own nor
 * reset them before its exec. */
static long owner_pid;

static struct thread_block *block(void) {
  struct thread_block *b = my_block;
  if (b) return b;
  b = sys_mmap_anon(sizeof *b);
  if (!b) return (void *)0;
  struct thread_block *head = __atomic_load_n(&blocks, __ATOMIC_ACQUIRE);
  do b->next = head;
  while (!__atomic_compare_exchange_n(&blocks, &head, b, 1, __ATOMIC_RELEASE, __ATOMIC_ACQUIRE));
  my_block = b;
  return b;
}

static int bucket_of(uint64_t size) { return size == 0 ? 0 : 64 - __builtin_clzll(size); }

static void count(enum kind k, uint64_t size) {
  if (inside > 1) return;
  struct thread_block *b = block();
  if (!b) return;
  struct kind_counts *c = &b->k[k];
  c->calls++;
  if (k == K_FREE) return;
  c->bytes += size;
  c->hist[bucket_of(size)]++;
  /* Open addressing on the exact size; a full table counts the size as untracked. */
  unsigned h = (unsigned)((size * 0x9E3779B97F4A7C15ull) >> 56);
  for (int i = 0; i < SIZE_SLOTS; i++) {
    struct size_slot *s = &c->sizes[(h + i) % SIZE_SLOTS];
    if (s->count == 0) { s->size = size; s->count = 1; return; }
    if (s->size == size) { s->count++; return; }
  }
  c->untracked++;
}

static void fold_live(struct thread_block *b) {
  int64_t d = b->live_delta;
  b->live_delta = 0;
  int64_t now = __atomic_add_fetch(&live_bytes, d, __ATOMIC_RELAXED);
  int64_t peak = __atomic_load_n(&live_peak, __ATOMIC_RELAXED);
  while (now > peak &&
         !__atomic_compare_exchange_n(&live_peak, &peak, now, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
  }
}

/* ---- the next allocator -------------------------------------------------------------------- */
static void *(*next_malloc)(size_t);
static void *(*next_calloc)(size_t, size_t);
static void *(*next_realloc)(void *, size_t);
static void (*next_free)(void *);
static int (*next_posix_memalign)(void **, size_t, size_t);
static void *(*next_aligned_alloc)(size_t, size_t);
static void *(*next_memalign)(size_t, size_t);
static void *(*next_valloc)(size_t);
static void *(*next_pvalloc)(size_t);
static void *(*next_reallocarray)(void *, size_t, size_t);
static size_t (*next_usable_size)(void *);
static int (*next_fork)(void);
static int (*next_execve)(const char *, char *const[], char *const[]);
static int (*next_execvp)(const char *, char *const[]);
static int (*next_execvpe)(const char *, char *const[], char *const[]);
static int (*next_fexecve)(int, char *const[], char *const[]);
static void (*next__exit)(int) __attribute__((noreturn));
static void (*next__Exit)(int) __attribute__((noreturn));

static int state; /* 0 not started, 1 resolving (bootstrap), 2 ready */
/* Set in the one thread that resolves the next allocator: its own calls from inside dlsym are
 * bootstrap calls, served from the arena. Another thread that allocates meanwhile (a program
 * whose first allocation happens in several threads at once) waits, and is counted. */
static TLS int resolving;
static _Alignas(16) unsigned char arena[64 * 1024];
static size_t arena_used;

static int in_arena(const void *p) {
  return (const unsigned char *)p >= arena && (const unsigned char *)p < arena + sizeof arena;
}
static void *arena_alloc(size_t size) {
  if (size > sizeof arena) return (void *)0;
  size_t need = (size + 15 + 16) & ~(size_t)15;
  size_t at = __atomic_fetch_add(&arena_used, need, __ATOMIC_RELAXED);
  if (at + need > sizeof arena) return (void *)0;
  *(size_t *)(arena + at) = size;
  return arena + at + 16;
}
static size_t arena_size(const void *p) { return *(const size_t *)((const unsigned char *)p - 16); }

/* dladdr, looked up at run time so that dlsym stays the only import (musl and glibc >= 2.34 have
 * it in libc). */
struct dl_info { const char *fname; void *fbase; const char *sname; void *saddr; };
static const void *object_of(int (*dladdr_fn)(const void *, struct dl_info *), void *fn) {
  struct dl_info info;
  return fn && dladdr_fn && dladdr_fn(fn, &info) ? info.fbase : (void *)0;
}
/* An allocator that lacks one of the optional functions (musl's mimalloc has no aligned_alloc,
 * jemalloc no pvalloc) leaves the libc's in its place, and memory from the libc's heap must not
 * reach the allocator's free. Only functions of the object that defines the next malloc are
 * kept; the others are served through the allocator's own aligned allocation below. */
static void keep_allocator_own(void) {
  int (*dladdr_fn)(const void *, struct dl_info *) =
      (int (*)(const void *, struct dl_info *))dlsym((void *)0 /* RTLD_DEFAULT */, "dladdr");
  const void *home = object_of(dladdr_fn, (void *)next_malloc);
  if (!home) return;
#define KEEP_OWN(fn) if (object_of(dladdr_fn, (void *)fn) != home) fn = 0
  KEEP_OWN(next_posix_memalign); KEEP_OWN(next_aligned_alloc); KEEP_OWN(next_memalign);
  KEEP_OWN(next_valloc); KEEP_OWN(next_pvalloc); KEEP_OWN(next_reallocarray); KEEP_OWN(next_usable_size);
#undef KEEP_OWN
}

#define RESOLVE(name) next_##name = (__typeof__(next_##name))dlsym(RTLD_NEXT, #name)
static void resolve(void) {
  int expected = 0;
  if (!__atomic_compare_exchange_n(&state, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    while (__atomic_load_n(&state, __ATOMIC_ACQUIRE) != 2) {
    }
    return;
  }
  resolving = 1;
  RESOLVE(malloc); RESOLVE(calloc); RESOLVE(realloc); RESOLVE(free);
  RESOLVE(posix_memalign); RESOLVE(aligned_alloc); RESOLVE(memalign); RESOLVE(valloc);
  RESOLVE(pvalloc); RESOLVE(reallocarray); RESOLVE(fork); RESOLVE(execve); RESOLVE(execvp);
  RESOLVE(execvpe); RESOLVE(fexecve); RESOLVE(_exit); RESOLVE(_Exit);
  next_usable_size = (__typeof__(next_usable_size))dlsym(RTLD_NEXT, "malloc_usable_size");
  keep_allocator_own();
  resolving = 0;
  __atomic_store_n(&state, 2, __ATOMIC_RELEASE);
}
static int ready(void) {
  if (__atomic_load_n(&state, __ATOMIC_ACQUIRE) == 2) return 1;
  if (resolving) return 0; /* this thread is inside dlsym: bootstrap */
  resolve();               /* resolves, or waits for the thread that does */
  return 1;
}

/* Adds `delta` live bytes for this thread. While the process has one allocating thread the
 * totals are updated in place (exact peak, no atomic); with several, through LIVE_FOLD batches. */
static void track_live(void *p, int sign) {
  if (!p || !next_usable_size || inside > 1) return;
  struct thread_block *b = block();
  if (!b) return;
  int64_t delta = sign * (int64_t)next_usable_size(p);
  if (__atomic_load_n(&blocks, __ATOMIC_RELAXED) == b && !b->next) {
    live_bytes += delta;
    if (live_bytes > live_peak) live_peak = live_bytes;
    return;
  }
  b->live_delta += delta;
  if (b->live_delta >= LIVE_FOLD || b->live_delta <= -LIVE_FOLD) fold_live(b);
}
static void track_alloc(void *p) { track_live(p, 1); }
static void track_free(void *p) { track_live(p, -1); }

static uint64_t mul_sat(size_t a, size_t b) {
  size_t r;
  return __builtin_mul_overflow(a, b, &r) ? UINT64_MAX : r;
}

/* ---- the interposed functions -------------------------------------------------------------- */
static void *counted_malloc(size_t size) {
  if (!ready()) return arena_alloc(size);
  count(K_MALLOC, size);
  void *p = next_malloc(size);
  track_alloc(p);
  return p;
}
static void *counted_calloc(size_t n, size_t size) {
  if (!ready()) return arena_alloc(mul_sat(n, size)); /* the arena is zeroed static memory */
  count(K_CALLOC, mul_sat(n, size));
  void *p = next_calloc(n, size);
  track_alloc(p);
  return p;
}
static void counted_free(void *p) {
  if (in_arena(p)) return;
  if (!ready()) return;
  count(K_FREE, 0);
  track_free(p);
  next_free(p);
}
static void *realloc_from_arena(void *old, size_t size) {
  void *p = next_malloc(size);
  size_t have = arena_size(old);
  if (p) memcpy(p, old, have < size ? have : size);
  track_alloc(p);
  return p;
}
/* During bootstrap only arena memory can exist, so `old` is NULL or in the arena. */
static void *arena_realloc(void *old, size_t size) {
  void *p = arena_alloc(size);
  if (p && old && in_arena(old)) {
    size_t have = arena_size(old);
    memcpy(p, old, have < size ? have : size);
  }
  return p;
}
static void *counted_realloc(void *old, size_t size) {
  if (!ready()) return arena_realloc(old, size);
  count(K_REALLOC, size);
  if (in_arena(old)) return realloc_from_arena(old, size);
  track_free(old);
  void *p = next_realloc(old, size);
  track_alloc(p ? p : (size ? old : (void *)0));
  return p;
}
static void *counted_reallocarray(void *old, size_t n, size_t size) {
  if (!ready()) return arena_realloc(old, mul_sat(n, size));
  count(K_REALLOCARRAY, mul_sat(n, size));
  if (in_arena(old)) return realloc_from_arena(old, mul_sat(n, size));
  track_free(old);
  void *p = next_reallocarray ? next_reallocarray(old, n, size) : next_realloc(old, mul_sat(n, size));
  /* NULL with a size of 0 means freed (glibc); with a size, failed and `old` is still live. */
  track_alloc(p ? p : (mul_sat(n, size) ? old : (void *)0));
  return p;
}
/* Aligned memory from whichever aligned function the allocator has; NULL when it has none. */
static void *allocator_aligned(size_t align, size_t size) {
  if (next_memalign) return next_memalign(align, size);
  if (next_aligned_alloc) return next_aligned_alloc(align, size);
  void *p;
  if (next_posix_memalign && next_posix_memalign(&p, align < sizeof(void *) ? sizeof(void *) : align, size) == 0)
    return p;
  return (void *)0;
}
static int counted_posix_memalign(void **out, size_t align, size_t size) {
  ready();
  count(K_POSIX_MEMALIGN, size);
  int r;
  if (next_posix_memalign) {
    r = next_posix_memalign(out, align, size);
  } else {
    void *p = allocator_aligned(align, size);
    r = p ? 0 : 12 /* ENOMEM */;
    if (p) *out = p;
  }
  if (r == 0) track_alloc(*out);
  return r;
}
static void *counted_aligned_alloc(size_t align, size_t size) {
  ready();
  count(K_ALIGNED_ALLOC, size);
  void *p = next_aligned_alloc ? next_aligned_alloc(align, size) : allocator_aligned(align, size);
  track_alloc(p);
  return p;
}
static void *counted_memalign(size_t align, size_t size) {
  ready();
  count(K_MEMALIGN, size);
  void *p = next_memalign ? next_memalign(align, size) : allocator_aligned(align, size);
  track_alloc(p);
  return p;
}
static void *counted_valloc(size_t size) {
  ready();
  count(K_VALLOC, size);
  void *p = next_valloc ? next_valloc(size) : allocator_aligned(4096, size);
  track_alloc(p);
  return p;
}
static void *counted_pvalloc(size_t size) {
  ready();
  count(K_PVALLOC, size);
  void *p = next_pvalloc ? next_pvalloc(size) : allocator_aligned(4096, (size + 4095) & ~(size_t)4095);
  track_alloc(p);
  return p;
}

/* The exported names: count only the outermost call of a thread. */
EXPORT void *malloc(size_t size) {
  inside++;
  void *r = counted_malloc(size);
  inside--;
  return r;
}
EXPORT void *calloc(size_t n, size_t size) {
  inside++;
  void *r = counted_calloc(n, size);
  inside--;
  return r;
}
EXPORT void free(void *p) {
  inside++;
  counted_free(p);
  inside--;
}
EXPORT void *realloc(void *old, size_t size) {
  inside++;
  void *r = counted_realloc(old, size);
  inside--;
  return r;
}
EXPORT void *reallocarray(void *old, size_t n, size_t size) {
  inside++;
  void *r = counted_reallocarray(old, n, size);
  inside--;
  return r;
}
EXPORT int posix_memalign(void **out, size_t align, size_t size) {
  inside++;
  int r = counted_posix_memalign(out, align, size);
  inside--;
  return r;
}
EXPORT void *aligned_alloc(size_t align, size_t size) {
  inside++;
  void *r = counted_aligned_alloc(align, size);
  inside--;
  return r;
}
EXPORT void *memalign(size_t align, size_t size) {
  inside++;
  void *r = counted_memalign(align, size);
  inside--;
  return r;
}
EXPORT void *valloc(size_t size) {
  inside++;
  void *r = counted_valloc(size);
  inside--;
  return r;
}
EXPORT void *pvalloc(size_t size) {
  inside++;
  void *r = counted_pvalloc(size);
  inside--;
  return r;
}

/* ---- records ------------------------------------------------------------------------------- */
struct out { char buf[8192]; int len; long fd; };
static void flush(struct out *o) {
  int off = 0;
  while (off < o->len) {
    long n = sys6(SYS_write, o->fd, (long)(o->buf + off), o->len - off, 0, 0, 0);
    if (n <= 0) break;
    off += (int)n;
  }
  o->len = 0;
}
static void put(struct out *o, const char *s) {
  for (; *s; s++) {
    if (o->len == (int)sizeof o->buf) flush(o);
    o->buf[o->len++] = *s;
  }
}
static void put_u(struct out *o, uint64_t v) {
  char tmp[24];
  int i = 23;
  tmp[i] = 0;
  do tmp[--i] = (char)('0' + v % 10);
  while ((v /= 10) != 0);
  put(o, tmp + i);
}
/* A JSON string: the executable path is the only one that is not ours. */
static void put_json_str(struct out *o, const char *s) {
  put(o, "\"");
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    char e[7] = {0};
    if (c == '"' || c == '\\') { e[0] = '\\'; e[1] = (char)c; }
    else if (c < 0x20) { e[0] = '\\'; e[1] = 'u'; e[2] = '0'; e[3] = '0'; e[4] = "0123456789abcdef"[c >> 4]; e[5] = "0123456789abcdef"[c & 15]; }
    else e[0] = (char)c;
    put(o, e);
  }
  put(o, "\"");
}

/* Sums every thread's counts of one kind into `sum` (sizes merged by exact value). */
static void merge_kind(int k, struct kind_counts *sum) {
  memset(sum, 0, sizeof *sum);
  for (struct thread_block *b = __atomic_load_n(&blocks, __ATOMIC_ACQUIRE); b; b = b->next) {
    const struct kind_counts *c = &b->k[k];
    sum->calls += c->calls;
    sum->bytes += c->bytes;
    sum->untracked += c->untracked;
    for (int i = 0; i < BUCKETS; i++) sum->hist[i] += c->hist[i];
    for (int i = 0; i < SIZE_SLOTS; i++) {
      const struct size_slot *s = &c->sizes[i];
      if (s->count == 0) continue;
      unsigned h = (unsigned)((s->size * 0x9E3779B97F4A7C15ull) >> 56);
      int placed = 0;
      for (int j = 0; j < SIZE_SLOTS && !placed; j++) {
        struct size_slot *t = &sum->sizes[(h + j) % SIZE_SLOTS];
        if (t->count == 0) { *t = *s; placed = 1; }
        else if (t->size == s->size) { t->count += s->count; placed = 1; }
      }
      if (!placed) sum->untracked += s->count;
    }
  }
}

static void write_record(const char *ending) {
  static const char *dir_env = "MM_PROFILE_DIR=";
  extern char **environ __attribute__((weak));
  const char *dir = (void *)0;
  if (&environ && environ) {
    for (char **e = environ; *e && !dir; e++) {
      const char *a = *e, *b = dir_env;
      while (*b && *a == *b) a++, b++;
      if (!*b) dir = a;
    }
  }
  if (!dir || !*dir) return;
  long pid = current_pid();
  static struct out o;
  static struct kind_counts sum;
  o.len = 0;
  o.fd = -1;
  /* A process image after an exec has the same pid and starts its segments from 0 again: take
   * the next free number. */
  for (int tries = 0; tries < 256 && o.fd < 0; tries++) {
    static struct out name;
    char path[512];
    name.len = 0;
    put(&name, dir);
    put(&name, "/");
    put_u(&name, (uint64_t)pid);
    put(&name, "-");
    put_u(&name, (uint64_t)segment++);
    put(&name, ".json");
    if (name.len >= (int)sizeof path) return;
    memcpy(path, name.buf, (size_t)name.len);
    path[name.len] = 0;
    o.fd = sys_open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (o.fd != -17 /* EEXIST */ && o.fd < 0) return;
  }
  if (o.fd < 0) return;
  char exe[512];
  long n = sys_readlink("/proc/self/exe", exe, sizeof exe - 1);
  exe[n > 0 ? n : 0] = 0;
  int threads = 0;
  for (struct thread_block *b = blocks; b; b = b->next) threads++;
  for (struct thread_block *b = blocks; b; b = b->next) fold_live(b);
  put(&o, "{\"pid\":"); put_u(&o, (uint64_t)pid);
  put(&o, ",\"ppid\":"); put_u(&o, (uint64_t)sys6(SYS_getppid, 0, 0, 0, 0, 0, 0));
  put(&o, ",\"segment\":"); put_u(&o, (uint64_t)(segment - 1));
  put(&o, ",\"ending\":\""); put(&o, ending);
  put(&o, "\",\"exe\":"); put_json_str(&o, exe);
  put(&o, ",\"threads\":"); put_u(&o, (uint64_t)threads);
  put(&o, ",\"usableSize\":"); put(&o, next_usable_size ? "true" : "false");
  put(&o, ",\"peakLiveBytes\":"); put_u(&o, live_peak > 0 ? (uint64_t)live_peak : 0);
  put(&o, ",\"kinds\":{");
  int first = 1;
  for (int k = 0; k < K_COUNT; k++) {
    merge_kind(k, &sum);
    if (sum.calls == 0) continue;
    if (!first) put(&o, ",");
    first = 0;
    put(&o, "\""); put(&o, KIND_NAMES[k]); put(&o, "\":{\"calls\":"); put_u(&o, sum.calls);
    put(&o, ",\"bytes\":"); put_u(&o, sum.bytes);
    put(&o, ",\"untrackedSizes\":"); put_u(&o, sum.untracked);
    put(&o, ",\"histogram\":[");
    int last = BUCKETS - 1;
    while (last > 0 && sum.hist[last] == 0) last--;
    for (int i = 0; i <= last; i++) { if (i) put(&o, ","); put_u(&o, sum.hist[i]); }
    put(&o, "],\"topSizes\":[");
    /* The TOP_SIZES largest counts, by selection: the table is small. */
    for (int t = 0; t < TOP_SIZES; t++) {
      int best = -1;
      for (int i = 0; i < SIZE_SLOTS; i++) {
        const struct size_slot *s = &sum.sizes[i];
        if (s->count == 0) continue;
        if (best < 0 || s->count > sum.sizes[best].count ||
            (s->count == sum.sizes[best].count && s->size < sum.sizes[best].size))
          best = i;
      }
      if (best < 0) break;
      if (t) put(&o, ",");
      put(&o, "["); put_u(&o, sum.sizes[best].size); put(&o, ","); put_u(&o, sum.sizes[best].count); put(&o, "]");
      sum.sizes[best].count = 0;
    }
    put(&o, "]}");
  }
  put(&o, "}}\n");
  flush(&o);
  sys6(SYS_close, o.fd, 0, 0, 0, 0, 0);
}

static int shares_parent_memory(void) { return owner_pid != 0 && current_pid() != owner_pid; }

static void reset_counts(void) {
  for (struct thread_block *b = blocks; b; b = b->next) {
    memset(b->k, 0, sizeof b->k);
  }
}

__attribute__((constructor)) static void at_start(void) { owner_pid = current_pid(); }
__attribute__((destructor)) static void at_exit(void) { write_record("exit"); }

/* A vfork child that could not exec ends here: the counts are its parent's, not its own. */
EXPORT void _exit(int status) {
  ready();
  if (!shares_parent_memory()) write_record("exit");
  next__exit(status);
}
EXPORT void _Exit(int status) {
  ready();
  if (!shares_parent_memory()) write_record("exit");
  next__Exit(status);
}

/* A child of fork starts counting from zero, with only the forking thread; its inherited live
 * bytes stay as its starting point. */
EXPORT int fork(void) {
  ready();
  int pid = next_fork();
  if (pid == 0) {
    struct thread_block *mine = my_block;
    blocks = mine;
    if (mine) mine->next = (void *)0;
    reset_counts();
    segment = 0;
    live_peak = live_bytes;
    owner_pid = current_pid();
  }
  return pid;
}

/* Before an exec replaces the process, its counts so far are written as a segment; if the exec
 * fails the process goes on counting from zero. A vfork child leaves them to its parent. */
static void before_exec(void) {
  ready();
  if (shares_parent_memory()) return;
  write_record("exec");
  reset_counts();
}
EXPORT int execve(const char *path, char *const argv[], char *const envp[]) {
  before_exec();
  return next_execve(path, argv, envp);
}
EXPORT int execv(const char *path, char *const argv[]) {
  extern char **environ __attribute__((weak));
  before_exec();
  return next_execve(path, argv, &environ ? environ : (char *const[]){(void *)0});
}
EXPORT int execvp(const char *file, char *const argv[]) {
  before_exec();
  return next_execvp(file, argv);
}
EXPORT int execvpe(const char *file, char *const argv[], char *const envp[]) {
  before_exec();
  return next_execvpe(file, argv, envp);
}
EXPORT int fexecve(int fd, char *const argv[], char *const envp[]) {
  before_exec();
  return next_fexecve(fd, argv, envp);
}

/* execl, execlp, execle: the variadic arguments are counted, copied into an array on this
 * thread's stack, then passed on as execv/execvp/execve do. */
#define COLLECT_ARGS(ap, arg, args)                                        \
  size_t n_ = 1;                                                           \
  va_list count_;                                                          \
  va_copy(count_, ap);                                                     \
  for (const char *a_ = arg; a_; a_ = va_arg(count_, const char *)) n_++;  \
  va_end(count_);                                                          \
  char *args[n_];                                                          \
  size_t i_ = 0;                                                           \
  for (const char *a_ = arg; a_; a_ = va_arg(ap, const char *)) args[i_++] = (char *)a_; \
  args[i_] = (void *)0
EXPORT int execl(const char *path, const char *arg, ...) {
  va_list ap;
  va_start(ap, arg);
  COLLECT_ARGS(ap, arg, args);
  va_end(ap);
  return execv(path, args);
}
EXPORT int execlp(const char *file, const char *arg, ...) {
  va_list ap;
  va_start(ap, arg);
  COLLECT_ARGS(ap, arg, args);
  va_end(ap);
  return execvp(file, args);
}
EXPORT int execle(const char *path, const char *arg, ...) {
  va_list ap;
  va_start(ap, arg);
  COLLECT_ARGS(ap, arg, args);
  char *const *envp = va_arg(ap, char *const *);
  va_end(ap);
  return execve(path, args, envp);
}
