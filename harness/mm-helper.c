/*
 * mm-helper: runs a planned batch of benchmark runs and reports each one as a JSON line.
 *
 * Built statically so that one binary runs on the host and, bind-mounted read-only, inside
 * musl and glibc containers that have no compiler. It does the timing itself because shell
 * and busybox timers are too coarse (10 ms) for a few-percent regression gate.
 *
 * PLAN (stdin, read completely before the first run)
 *   Tokens separated by one or more spaces or newlines. A string is length-prefixed:
 *   `<decimal byte count>:<bytes>`, so it may hold newlines, spaces and any byte except NUL.
 *
 *     MMPLAN1
 *     variants <n>
 *     variant <id:str> <timeout_ms:uint> <argc:uint> <arg:str>... <cwd:str>
 *             <envc:uint> <KEY=VALUE:str>... <preload:str> <shell:str>     (n times)
 *     runs <m>
 *     run <variant id:str> <kind: proof|warmup|measured> <round:int> <position:int>  (m times,
 *     probe <round:int> <position:int>                                               in any mix)
 *     end
 *
 *   An empty preload or shell string means "none". A `probe` entry runs the calibration probe
 *   (below) in the helper itself, in its place among the runs.
 *
 * OUTPUT (stdout): one JSON object per finished run, in plan order, flushed after each line:
 *   {"variant":str,"kind":str,"round":int,"position":int,
 *    "outcome":"exited"|"signaled"|"timeout"|"oom"|"exec-error",
 *    "exit_code":int|null,"signal":int|null,"wall_ns":int,"user_us":int,"sys_us":int,
 *    "maxrss_kib":int, "minflt":int, "nvcsw":int, "nivcsw":int, ["output_tail":str], ["error":str],
 *    ["leftover_processes":int],
 *    ["processes":[{"pid":int,"exe":str,"execs":int,"static":bool,"mapped":bool,
 *                   "preload_in_env":bool, ["cpu_us":int], ["killed":true]}]]}
 *   A probe entry reports instead, in nanoseconds:
 *   {"kind":"probe","round":int,"position":int,"wall_ns":int,"cpu_ns":int,"compute_ns":int,
 *    "memory_ns":int,"process_ns":int,"process_cpu_ns":int}
 *   (cpu_ns counts the helper thread's CPU time in the probe and that of the probe's processes,
 *   process_cpu_ns the latter alone; wall_ns is the sum of the three parts.)
 *   output_tail (the last 2 KiB of stdout+stderr) is present only for runs that did not exit 0.
 *   leftover_processes is present when processes of the run were still alive after its own child
 *   ended; they were killed (the helper is a child subreaper, so setsid cannot hide them).
 *   processes is present only on proof runs of variants with a preload. It lists thread-group
 *   leaders in the order they appeared; the first is always the run's own child (the process
 *   that exec'd argv[0]), the others are reported when their exit stop was seen. A process that
 *   dies of SIGKILL is let go at that stop without being read: the first one then carries
 *   killed:true (its mapped and preload_in_env mean nothing), the others are left out.
 *
 * Exit status: 0 after all runs (whatever the benchmark did); 2 for a malformed plan; 1 when
 * the helper itself cannot work (message on stderr).
 *
 * OTHER MODES (used by the docker executor between its steps; no plan is read)
 *   mm-helper --kill-all        Kills every process of the container except PID 1 (the init),
 *                               its oldest child (the container's main process) and itself, and
 *                               prints how many it killed. Refuses to run unless its parent is
 *                               outside its PID namespace (a `docker exec`), so it never runs
 *                               loose on a host.
 *   mm-helper --tree-digest DIR One line per entry under DIR, sorted, with its type, mode, owner,
 *                               size, inode, mtime and ctime (and a link's target). ctime cannot
 *                               be set from user space, so any change to the tree changes it.
 *   mm-helper --probe-child     The calibration probe's own child process (below); not for use
 *                               on its own.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef __WALL
#define __WALL 0x40000000
#endif
#ifndef PTRACE_O_EXITKILL
#define PTRACE_O_EXITKILL (1 << 20)
#endif
#define AT_BASE_TAG 7 /* auxv AT_BASE: load address of the program interpreter */
#define TAIL_BYTES 2048

/* ------------------------------------------------------------------ utilities */

static void die(int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("mm-helper: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(code);
}

static void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) die(1, "out of memory (%zu bytes)", n);
  return q;
}

/* Reads a whole file (e.g. under /proc) into a NUL-terminated buffer; NULL on failure. */
static char *read_file(const char *path, size_t *len_out) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  size_t cap = 4096, len = 0;
  char *buf = xrealloc(NULL, cap);
  for (;;) {
    if (len + 1 >= cap) buf = xrealloc(buf, cap *= 2);
    ssize_t n = read(fd, buf + len, cap - len - 1);
    if (n < 0) {
      if (errno == EINTR) continue;
      free(buf);
      close(fd);
      return NULL;
    }
    if (n == 0) break;
    len += (size_t)n;
  }
  close(fd);
  buf[len] = '\0';
  if (len_out) *len_out = len;
  return buf;
}

/* ------------------------------------------------------------------ plan parsing */

typedef struct {
  char *id;
  long timeout_ms;
  char **argv; /* NULL-terminated */
  char *cwd;
  char **env;
  size_t envc;
  char *preload; /* NULL when none */
  char *shell;   /* NULL when none */
  char preload_real[PATH_MAX]; /* the preload resolved inside this filesystem namespace */
} variant_t;

typedef struct {
  size_t variant; /* unused by a probe */
  const char *kind;
  long round, position;
  int probe;
} run_t;

typedef struct {
  const char *p, *end;
} reader_t;

static void skip_space(reader_t *r) {
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t')) r->p++;
}

/* A bare word: everything up to the next separator. */
static char *read_word(reader_t *r, const char *what) {
  skip_space(r);
  const char *s = r->p;
  while (r->p < r->end && *r->p != ' ' && *r->p != '\n' && *r->p != '\r' && *r->p != '\t') r->p++;
  if (r->p == s) die(2, "malformed plan: expected %s, found end of input", what);
  size_t n = (size_t)(r->p - s);
  char *w = xrealloc(NULL, n + 1);
  memcpy(w, s, n);
  w[n] = '\0';
  return w;
}

static void expect_word(reader_t *r, const char *word) {
  char *w = read_word(r, word);
  if (strcmp(w, word) != 0) die(2, "malformed plan: expected '%s', found '%.40s'", word, w);
  free(w);
}

static long read_int(reader_t *r, const char *what, long min) {
  char *w = read_word(r, what);
  char *endp;
  errno = 0;
  long v = strtol(w, &endp, 10);
  if (errno || *endp || v < min) die(2, "malformed plan: %s must be an integer >= %ld, found '%.40s'", what, min, w);
  free(w);
  return v;
}

/* `<len>:<bytes>`; rejects NUL bytes because the string ends up in a C string. */
static char *read_string(reader_t *r, const char *what) {
  skip_space(r);
  const char *s = r->p;
  size_t len = 0;
  while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
    if (len > (SIZE_MAX - 9) / 10) die(2, "malformed plan: length of %s is too large", what);
    len = len * 10 + (size_t)(*r->p - '0');
    r->p++;
  }
  if (r->p == s || r->p >= r->end || *r->p != ':') die(2, "malformed plan: expected <length>:<bytes> for %s", what);
  r->p++;
  if ((size_t)(r->end - r->p) < len) die(2, "malformed plan: %s is cut short (%zu bytes announced)", what, len);
  if (memchr(r->p, '\0', len)) die(2, "malformed plan: %s contains a NUL byte", what);
  char *out = xrealloc(NULL, len + 1);
  memcpy(out, r->p, len);
  out[len] = '\0';
  r->p += len;
  return out;
}

static variant_t *variants;
static size_t nvariants;
static run_t *runs;
static size_t nruns;

static void parse_plan(const char *buf, size_t len) {
  reader_t r = {buf, buf + len};
  expect_word(&r, "MMPLAN1");
  expect_word(&r, "variants");
  nvariants = (size_t)read_int(&r, "variant count", 0);
  variants = xrealloc(NULL, nvariants * sizeof *variants);
  for (size_t i = 0; i < nvariants; i++) {
    variant_t *v = &variants[i];
    memset(v, 0, sizeof *v);
    expect_word(&r, "variant");
    v->id = read_string(&r, "variant id");
    for (size_t j = 0; j < i; j++)
      if (strcmp(variants[j].id, v->id) == 0) die(2, "malformed plan: duplicate variant id '%s'", v->id);
    v->timeout_ms = read_int(&r, "timeout_ms", 1);
    size_t argc = (size_t)read_int(&r, "argc", 1);
    v->argv = xrealloc(NULL, (argc + 1) * sizeof(char *));
    for (size_t a = 0; a < argc; a++) v->argv[a] = read_string(&r, "argument");
    v->argv[argc] = NULL;
    v->cwd = read_string(&r, "cwd");
    v->envc = (size_t)read_int(&r, "envc", 0);
    v->env = xrealloc(NULL, v->envc * sizeof(char *));
    for (size_t e = 0; e < v->envc; e++) {
      v->env[e] = read_string(&r, "environment entry");
      char *eq = strchr(v->env[e], '=');
      if (!eq || eq == v->env[e]) die(2, "malformed plan: environment entry '%.60s' is not KEY=VALUE", v->env[e]);
    }
    v->preload = read_string(&r, "preload");
    v->shell = read_string(&r, "shell");
    if (!*v->preload) v->preload = NULL;
    if (!*v->shell) v->shell = NULL;
  }
  expect_word(&r, "runs");
  nruns = (size_t)read_int(&r, "run count", 0);
  runs = xrealloc(NULL, nruns * sizeof *runs);
  for (size_t i = 0; i < nruns; i++) {
    char *entry = read_word(&r, "run or probe");
    int is_probe = strcmp(entry, "probe") == 0;
    if (!is_probe && strcmp(entry, "run") != 0)
      die(2, "malformed plan: expected 'run' or 'probe', found '%.40s'", entry);
    free(entry);
    memset(&runs[i], 0, sizeof runs[i]);
    if (is_probe) {
      runs[i].probe = 1;
      runs[i].kind = "probe";
      runs[i].round = read_int(&r, "round", 0);
      runs[i].position = read_int(&r, "position", 0);
      continue;
    }
    char *id = read_string(&r, "run variant id");
    size_t k = 0;
    while (k < nvariants && strcmp(variants[k].id, id) != 0) k++;
    if (k == nvariants) die(2, "malformed plan: run %zu names unknown variant '%s'", i, id);
    free(id);
    runs[i].variant = k;
    char *kind = read_word(&r, "run kind");
    if (strcmp(kind, "proof") && strcmp(kind, "warmup") && strcmp(kind, "measured"))
      die(2, "malformed plan: run kind '%.40s' is not proof, warmup or measured", kind);
    runs[i].kind = kind;
    runs[i].round = read_int(&r, "round", -1);
    runs[i].position = read_int(&r, "position", 0);
  }
  expect_word(&r, "end");
  skip_space(&r);
  if (r.p != r.end) die(2, "malformed plan: unexpected data after 'end'");
}

/* ------------------------------------------------------------------ JSON output */

static void json_string(FILE *f, const unsigned char *s, size_t n) {
  fputc('"', f);
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c == '"' || c == '\\') {
      fputc('\\', f);
      fputc(c, f);
      i++;
    } else if (c == '\n') {
      fputs("\\n", f), i++;
    } else if (c == '\t') {
      fputs("\\t", f), i++;
    } else if (c == '\r') {
      fputs("\\r", f), i++;
    } else if (c < 0x20 || c == 0x7f) {
      fprintf(f, "\\u%04x", c), i++;
    } else if (c < 0x80) {
      fputc(c, f), i++;
    } else {
      /* Copy a well-formed UTF-8 sequence; anything else becomes U+FFFD so the line stays valid. */
      size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
      int ok = len > 0 && i + len <= n;
      for (size_t k = 1; ok && k < len; k++) ok = (s[i + k] & 0xc0) == 0x80;
      if (ok && len == 3) ok = !(c == 0xe0 && s[i + 1] < 0xa0) && !(c == 0xed && s[i + 1] >= 0xa0);
      if (ok && len == 4) ok = !(c == 0xf0 && s[i + 1] < 0x90) && !(c == 0xf4 && s[i + 1] >= 0x90);
      if (ok) {
        fwrite(s + i, 1, len, f);
        i += len;
      } else {
        fputs("\\ufffd", f);
        i++;
      }
    }
  }
  fputc('"', f);
}

static void json_cstr(FILE *f, const char *s) { json_string(f, (const unsigned char *)s, strlen(s)); }

static void json_opt_int(FILE *f, int present, long v) {
  if (present)
    fprintf(f, "%ld", v);
  else
    fputs("null", f);
}

/* ------------------------------------------------------------------ OOM counter */

/* The memory cgroup's oom_kill counter, or -1 when it cannot be read (then no run is "oom"). */
static long read_oom_kills(void) {
  char *cg = read_file("/proc/self/cgroup", NULL);
  char paths[4][PATH_MAX];
  int np = 0;
  if (cg) {
    /* Prefer our own cgroup's file; with a cgroup namespace (or inside a container on v1)
     * /sys/fs/cgroup is already our cgroup, which the fallbacks below cover. */
    for (char *line = strtok(cg, "\n"); line; line = strtok(NULL, "\n")) {
      char *c1 = strchr(line, ':');
      char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
      if (!c2) continue;
      if (strncmp(line, "0::", 3) == 0 && np < 4)
        snprintf(paths[np++], PATH_MAX, "/sys/fs/cgroup%s/memory.events", c2 + 1);
      else if (strstr(c1, ":memory:") == c1 && np < 4)
        snprintf(paths[np++], PATH_MAX, "/sys/fs/cgroup/memory%s/memory.oom_control", c2 + 1);
    }
    free(cg);
  }
  if (np < 4) snprintf(paths[np++], PATH_MAX, "/sys/fs/cgroup/memory.events");
  if (np < 4) snprintf(paths[np++], PATH_MAX, "/sys/fs/cgroup/memory/memory.oom_control");
  for (int i = 0; i < np; i++) {
    char *text = read_file(paths[i], NULL);
    if (!text) continue;
    char *hit = strstr(text, "oom_kill ");
    long v = -1;
    /* Both files hold "oom_kill N" at the start of a line (v2 also has oom_kill only at line start). */
    while (hit && hit != text && hit[-1] != '\n') hit = strstr(hit + 1, "oom_kill ");
    if (hit) v = strtol(hit + 9, NULL, 10);
    free(text);
    if (v >= 0) return v;
  }
  return -1;
}

/* ------------------------------------------------------------------ timeout */

static volatile sig_atomic_t timed_out;
static volatile pid_t alarm_target; /* the run's child, also its process group id */

/* Kills from the handler itself (kill is async-signal-safe), so there is no window in which
 * the alarm fires before the parent blocks in wait and is lost. */
static void on_alarm(int sig) {
  (void)sig;
  timed_out = 1;
  if (alarm_target > 0) {
    kill(-alarm_target, SIGKILL);
    kill(alarm_target, SIGKILL);
  }
}

static void arm_timer(long ms) {
  struct itimerval it = {{0, 0}, {ms / 1000, (ms % 1000) * 1000}};
  setitimer(ITIMER_REAL, &it, NULL);
}

static void disarm_timer(void) {
  struct itimerval it = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &it, NULL);
  alarm_target = 0;
}

/* ------------------------------------------------------------------ output tail */

/* The run's stdout and stderr go into a pipe. A reader thread drains it into a ring of the last
 * TAIL_BYTES, so a chatty benchmark neither fills a disk nor blocks on a full pipe, and the
 * measuring thread keeps waiting in wait4 exactly as before. */
typedef struct {
  int fd;      /* read end of the output pipe, non-blocking */
  int stop_fd; /* readable once the run and every leftover of it is gone */
  unsigned char ring[TAIL_BYTES];
  unsigned long long total; /* bytes seen in this run */
} tail_t;

static tail_t tail;
static int output_fd = -1; /* write end of the output pipe: the child's stdout and stderr */
static int stop_write_fd = -1;
static pthread_t tail_thread;

static void ring_put(tail_t *t, const unsigned char *p, size_t n) {
  if (n > TAIL_BYTES) {
    t->total += n - TAIL_BYTES;
    p += n - TAIL_BYTES;
    n = TAIL_BYTES;
  }
  size_t at = (size_t)(t->total % TAIL_BYTES);
  size_t first = TAIL_BYTES - at < n ? TAIL_BYTES - at : n;
  memcpy(t->ring + at, p, first);
  memcpy(t->ring, p + first, n - first);
  t->total += n;
}

/* Reads what the pipe holds; 0 at end of file (every writer gone), 1 when more may come. */
static int drain(tail_t *t) {
  unsigned char buf[16384];
  for (;;) {
    ssize_t n = read(t->fd, buf, sizeof buf);
    if (n > 0) {
      ring_put(t, buf, (size_t)n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    return n < 0 && errno == EAGAIN;
  }
}

static void *tail_reader(void *arg) {
  tail_t *t = arg;
  struct pollfd fds[2] = {{t->fd, POLLIN, 0}, {t->stop_fd, POLLIN, 0}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[1].revents) { /* the run is over: take what is still buffered, then stop */
      drain(t);
      break;
    }
    if (fds[0].revents && !drain(t)) break;
  }
  return NULL;
}

static void start_tail(void) {
  int out[2], stop[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(stop, O_CLOEXEC) != 0) die(1, "pipe2 failed: %s", strerror(errno));
  fcntl(out[0], F_SETFL, fcntl(out[0], F_GETFL) | O_NONBLOCK);
  tail.fd = out[0];
  tail.stop_fd = stop[0];
  tail.total = 0;
  output_fd = out[1];
  stop_write_fd = stop[1];
  /* Signals (the timeout alarm above all) must reach the measuring thread, never this one. */
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  int err = pthread_create(&tail_thread, NULL, tail_reader, &tail);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (err) die(1, "cannot start the output reader: %s", strerror(err));
}

/* Called once no process of the run is left; the ring then holds the run's last output. */
static void stop_tail(void) {
  if (output_fd >= 0) close(output_fd);
  output_fd = -1;
  if (write(stop_write_fd, "x", 1) < 0) { /* the reader then ends at end of file instead */
  }
  pthread_join(tail_thread, NULL);
  close(stop_write_fd);
  close(tail.stop_fd);
  close(tail.fd);
}

static void note_leftover(pid_t pid);

/* ------------------------------------------------------------------ the child */

/* Never returns. Errors before exec go through the CLOEXEC pipe so the parent can report them. */
static void child(const variant_t *v, int err_fd, int traced) {
  char msg[512];
  setpgid(0, 0);
  /* Ignored signals stay ignored across exec: give the benchmark default dispositions. */
  signal(SIGALRM, SIG_DFL);
  signal(SIGPIPE, SIG_DFL);
  if (chdir(v->cwd) != 0) {
    int n = snprintf(msg, sizeof msg, "chdir %s: %s", v->cwd, strerror(errno));
    if (write(err_fd, msg, (size_t)n) < 0) _exit(127);
    _exit(127);
  }
  int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd >= 0) dup2(null_fd, 0);
  dup2(output_fd, 1);
  dup2(output_fd, 2);
  /* An inherited LD_PRELOAD would contaminate the libc-default variant; a variant may still set
   * one explicitly through its environment. */
  unsetenv("LD_PRELOAD");
  for (size_t e = 0; e < v->envc; e++) putenv(v->env[e]);
  if (v->preload) setenv("LD_PRELOAD", v->preload, 1);
  if (traced) {
    ptrace(PTRACE_TRACEME, 0, NULL, NULL);
    raise(SIGSTOP); /* lets the parent set trace options before exec */
  }
  execvp(v->argv[0], v->argv);
  int n = snprintf(msg, sizeof msg, "exec %s: %s", v->argv[0], strerror(errno));
  if (write(err_fd, msg, (size_t)n) < 0) _exit(127);
  _exit(127);
}

/* ------------------------------------------------------------------ tracing (proof runs) */

typedef struct {
  pid_t pid;
  int alive;
  int execs;
  int is_static;
  int reported; /* exit stop seen for a thread-group leader */
  char exe[PATH_MAX];
  int mapped, preload_in_env;
  int killed; /* died of SIGKILL: not inspected at its exit stop, so mapped and preload_in_env are unknown */
  /* CPU time of the whole thread group, summed from each thread's exit stop, in microseconds;
   * -1 until one was read. The proof weighs processes by it. */
  long long cpu_us;
} tracee_t;

static tracee_t *tracees;
static size_t ntracees, cap_tracees;

static tracee_t *find_tracee(pid_t pid) {
  for (size_t i = 0; i < ntracees; i++)
    if (tracees[i].pid == pid && tracees[i].alive) return &tracees[i];
  return NULL;
}

static tracee_t *add_tracee(pid_t pid, int is_static) {
  if (ntracees == cap_tracees) tracees = xrealloc(tracees, (cap_tracees = cap_tracees * 2 + 16) * sizeof *tracees);
  tracee_t *t = &tracees[ntracees++];
  memset(t, 0, sizeof *t);
  t->pid = pid;
  t->alive = 1;
  t->is_static = is_static;
  t->cpu_us = -1;
  return t;
}

/* AT_BASE is 0 when the kernel loaded no interpreter: a statically linked program. */
static int read_is_static(pid_t pid) {
  char path[64];
  size_t len;
  snprintf(path, sizeof path, "/proc/%d/auxv", (int)pid);
  char *buf = read_file(path, &len);
  if (!buf) return 0;
  int result = 1;
  unsigned long *av = (unsigned long *)(void *)buf;
  for (size_t i = 0; i + 1 < len / sizeof(unsigned long); i += 2)
    if (av[i] == AT_BASE_TAG) result = av[i + 1] == 0;
  free(buf);
  return result;
}

static int is_group_leader(pid_t pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
  char *status = read_file(path, NULL);
  if (!status) return 1;
  char *tg = strstr(status, "\nTgid:");
  int leader = !tg || strtol(tg + 6, NULL, 10) == pid;
  free(status);
  return leader;
}

static void read_exe(tracee_t *t) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/exe", (int)t->pid);
  ssize_t n = readlink(path, t->exe, sizeof t->exe - 1);
  t->exe[n > 0 ? n : 0] = '\0';
}

/* The thread group a thread belongs to (its Tgid), or the thread itself when unknown. */
static pid_t thread_group_of(pid_t tid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/status", (int)tid);
  char *status = read_file(path, NULL);
  if (!status) return tid;
  char *tg = strstr(status, "\nTgid:");
  pid_t tgid = tg ? (pid_t)strtol(tg + 6, NULL, 10) : tid;
  free(status);
  return tgid > 0 ? tgid : tid;
}

/* At a thread's exit stop: adds its CPU time to its thread group's tracee. schedstat has
 * nanoseconds (its first field is the time on CPU); stat's utime + stime, in clock ticks, is the
 * fallback where the kernel has no schedstat. */
static void add_thread_cpu(pid_t tid) {
  char path[64];
  long long us = -1;
  snprintf(path, sizeof path, "/proc/%d/schedstat", (int)tid);
  char *sched = read_file(path, NULL);
  if (sched) {
    us = strtoll(sched, NULL, 10) / 1000;
    free(sched);
  } else {
    snprintf(path, sizeof path, "/proc/%d/stat", (int)tid);
    char *stat = read_file(path, NULL);
    char *close_paren = stat ? strrchr(stat, ')') : NULL;
    unsigned long long utime = 0, stime = 0;
    /* After the command name: state, then fields 4..13, then utime (14) and stime (15). */
    if (close_paren && sscanf(close_paren + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime,
                              &stime) == 2) {
      long hz = sysconf(_SC_CLK_TCK);
      us = (long long)((utime + stime) * 1000000ULL / (unsigned long long)(hz > 0 ? hz : 100));
    }
    free(stat);
  }
  if (us < 0) return;
  tracee_t *group = find_tracee(thread_group_of(tid));
  if (group) group->cpu_us = (group->cpu_us < 0 ? 0 : group->cpu_us) + us;
}

/* Called at the exit stop, while the process's mappings and environment are still intact. */
static void inspect_exiting(tracee_t *t, const variant_t *v) {
  char path[64];
  read_exe(t);

  snprintf(path, sizeof path, "/proc/%d/maps", (int)t->pid);
  char *maps = read_file(path, NULL);
  t->mapped = 0;
  if (maps) {
    for (char *line = strtok(maps, "\n"); line && !t->mapped; line = strtok(NULL, "\n")) {
      char *file = strchr(line, '/'); /* the path column is the only one that starts with '/' */
      if (file && (strcmp(file, v->preload_real) == 0 || strcmp(file, v->preload) == 0)) t->mapped = 1;
    }
    free(maps);
  }

  size_t len;
  snprintf(path, sizeof path, "/proc/%d/environ", (int)t->pid);
  char *env = read_file(path, &len);
  t->preload_in_env = 0;
  if (env) {
    for (size_t off = 0; off < len; off += strlen(env + off) + 1)
      if (strncmp(env + off, "LD_PRELOAD=", 11) == 0) t->preload_in_env = 1;
    free(env);
  }
  t->reported = 1;
}

static int is_stop_signal(int sig) { return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU; }

#define GRACE_MS 2000

/* Follows the child and all its descendants until every one of them is gone; returns the
 * child's wait status and rusage, and whether the timeout ended the child. */
static int trace_run(pid_t child_pid, const variant_t *v, struct rusage *ru, int *child_timed_out) {
  int status;
  ntracees = 0;
  while (waitpid(child_pid, &status, __WALL) < 0)
    if (errno != EINTR) die(1, "waitpid for the traced child failed: %s", strerror(errno));
  if (!WIFSTOPPED(status)) { /* died before its first stop, e.g. killed by the timer */
    memset(ru, 0, sizeof *ru);
    *child_timed_out = timed_out;
    return status;
  }
  long opts = PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC |
              PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL;
  if (ptrace(PTRACE_SETOPTIONS, child_pid, NULL, (void *)opts) != 0)
    die(1, "ptrace(PTRACE_SETOPTIONS) failed: %s (is ptrace blocked by seccomp?)", strerror(errno));
  add_tracee(child_pid, 1)->alive = 1;
  ptrace(PTRACE_CONT, child_pid, NULL, NULL);

  int child_status = 0, child_done = 0;
  size_t live = 1;
  while (live > 0) {
    struct rusage r;
    pid_t pid = wait4(-1, &status, __WALL, &r);
    if (pid < 0) {
      /* Before the child is done the alarm handler has already killed it; after, the grace
       * period for its killed descendants is over. */
      if (errno == EINTR) {
        if (child_done) break;
        continue;
      }
      if (errno == ECHILD && child_done) break;
      die(1, "wait4 during a traced run failed: %s", strerror(errno));
    }
    tracee_t *t = find_tracee(pid);
    if (WIFEXITED(status) || WIFSIGNALED(status)) {
      if (t) {
        t->alive = 0;
        live--;
      }
      if (pid == child_pid) {
        child_status = status;
        child_done = 1;
        *ru = r;
        *child_timed_out = timed_out;
        alarm_target = 0;
        arm_timer(GRACE_MS);
        /* Leftover descendants would keep the run going forever: end them now. */
        for (size_t i = 0; i < ntracees; i++) {
          if (!tracees[i].alive) continue;
          if (is_group_leader(tracees[i].pid)) note_leftover(tracees[i].pid);
          kill(tracees[i].pid, SIGKILL);
        }
      }
      continue;
    }
    if (!WIFSTOPPED(status)) continue;
    int sig = WSTOPSIG(status), event = status >> 16;
    if (!t) {
      /* A new auto-attached descendant; its first stop is the attach SIGSTOP, which we swallow.
       * Its fork event may not have been seen yet, so it inherits "static" only from there. */
      t = add_tracee(pid, 0);
      live++;
      if (child_done) kill(pid, SIGKILL);
      ptrace(PTRACE_CONT, pid, NULL, (void *)(long)(sig == SIGSTOP ? 0 : sig));
      continue;
    }
    int inject = 0;
    if (sig == SIGTRAP && event) {
      if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK || event == PTRACE_EVENT_CLONE) {
        unsigned long msg = 0;
        ptrace(PTRACE_GETEVENTMSG, pid, NULL, &msg);
        tracee_t *c = find_tracee((pid_t)msg);
        int parent_static = t->is_static;
        if (!c) {
          c = add_tracee((pid_t)msg, parent_static);
          live++;
          t = find_tracee(pid); /* add_tracee may have moved the array */
        } else {
          c->is_static = parent_static;
        }
      } else if (event == PTRACE_EVENT_EXEC) {
        /* When a non-leader thread execs it takes over the leader's pid and its own tid
         * vanishes without an exit notification: forget it, or we would wait for it forever. */
        unsigned long former = 0;
        ptrace(PTRACE_GETEVENTMSG, pid, NULL, &former);
        tracee_t *gone = (pid_t)former != pid ? find_tracee((pid_t)former) : NULL;
        if (gone) {
          gone->alive = 0;
          live--;
        }
        t->execs++;
        t->is_static = read_is_static(pid);
        read_exe(t); /* refined at exit; kept in case no exit stop comes (SIGKILL) */
      } else if (event == PTRACE_EVENT_EXIT) {
        unsigned long exit_status = 0; /* the wait status the thread is about to exit with */
        ptrace(PTRACE_GETEVENTMSG, pid, NULL, &exit_status);
        if (WIFSIGNALED((int)exit_status) && WTERMSIG((int)exit_status) == SIGKILL) {
          /* Killed, most often by the OOM killer: let it go at once, reading nothing. Until it
           * is continued it keeps all its memory, and every read of /proc allocates (a buffer
           * here, a kernel page there), charged to the same memory cgroup, which is full. That
           * charge would wait on the OOM killer, which waits (2 s) for this victim to exit, then
           * kills another process: the container's own, ending every cell in it. */
          t->killed = 1;
        } else {
          add_thread_cpu(pid);
          if (is_group_leader(pid)) inspect_exiting(t, v);
        }
      }
    } else if (is_stop_signal(sig)) {
      siginfo_t si;
      /* EINVAL from GETSIGINFO marks a group-stop; resume it rather than stall the run. */
      inject = ptrace(PTRACE_GETSIGINFO, pid, NULL, &si) == 0 ? sig : 0;
    } else {
      inject = sig; /* a real signal for the tracee: pass it through */
    }
    ptrace(PTRACE_CONT, pid, NULL, (void *)(long)inject);
  }
  return child_status;
}

/* ------------------------------------------------------------------ processes */

typedef struct {
  pid_t pid, ppid;
  char state;
  unsigned long long start; /* clock ticks after boot */
} proc_t;

/* Every process in /proc with its parent, state and start time. */
static proc_t *list_processes(size_t *count) {
  DIR *dir = opendir("/proc");
  if (!dir) die(1, "cannot list /proc: %s", strerror(errno));
  proc_t *procs = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(dir))) {
    char *end;
    long pid = strtol(e->d_name, &end, 10);
    if (*end || pid <= 0) continue;
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    char *stat = read_file(path, NULL);
    if (!stat) continue; /* gone meanwhile */
    /* The command may hold any byte, ')' too: the fields start after the last ')'. */
    char *after = strrchr(stat, ')');
    proc_t p = {(pid_t)pid, 0, 0, 0};
    int ppid = 0;
    if (after && sscanf(after + 1,
                        " %c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %*d %*d %llu",
                        &p.state, &ppid, &p.start) == 3) {
      p.ppid = (pid_t)ppid;
      if (n == cap) procs = xrealloc(procs, (cap = cap * 2 + 64) * sizeof *procs);
      procs[n++] = p;
    }
    free(stat);
  }
  closedir(dir);
  *count = n;
  return procs;
}

static int by_pid(const void *a, const void *b) {
  pid_t x = ((const proc_t *)a)->pid, y = ((const proc_t *)b)->pid;
  return (x > y) - (x < y);
}

static int is_gone(char state) { return state == 'Z' || state == 'X' || state == 'x'; }

/* Sets below[i] for every process descending from root. */
static void mark_below(proc_t *procs, size_t n, pid_t root, unsigned char *below) {
  qsort(procs, n, sizeof *procs, by_pid);
  memset(below, 0, n);
  for (int changed = 1; changed;) {
    changed = 0;
    for (size_t i = 0; i < n; i++) {
      if (below[i]) continue;
      proc_t key = {procs[i].ppid, 0, 0, 0};
      proc_t *parent = bsearch(&key, procs, n, sizeof *procs, by_pid);
      if (procs[i].ppid == root || (parent && below[parent - procs])) below[i] = changed = 1;
    }
  }
}

/* The processes found alive and killed after the current run (or by --kill-all). */
static pid_t *leftovers;
static size_t nleftovers, cap_leftovers;

static void note_leftover(pid_t pid) {
  for (size_t i = 0; i < nleftovers; i++)
    if (leftovers[i] == pid) return;
  if (nleftovers == cap_leftovers) leftovers = xrealloc(leftovers, (cap_leftovers = cap_leftovers * 2 + 16) * sizeof *leftovers);
  leftovers[nleftovers++] = pid;
}

#define KILL_PATIENCE_NS 10000000000LL

static long long elapsed_ns(const struct timespec *since) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (long long)(now.tv_sec - since->tv_sec) * 1000000000LL + (now.tv_nsec - since->tv_nsec);
}

static void pause_briefly(void) {
  struct timespec ms = {0, 1000000};
  nanosleep(&ms, NULL);
}

/* Once a run's child has ended: kills every process still alive below the helper, notes it,
 * and reaps everything. Orphans are re-parented to the helper (a child subreaper), so a
 * process that left the run's process group with setsid is found as well. */
static void reap_leftovers(pid_t group) {
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (int round = 0;; round++) {
    pid_t r;
    while ((r = waitpid(-1, NULL, WNOHANG | __WALL)) > 0) {
    }
    if (r < 0) return; /* ECHILD: nothing is left below the helper */
    size_t n;
    proc_t *procs = list_processes(&n);
    unsigned char *below = xrealloc(NULL, n);
    mark_below(procs, n, getpid(), below);
    size_t alive = 0;
    for (size_t i = 0; i < n; i++) {
      if (!below[i] || is_gone(procs[i].state)) continue;
      note_leftover(procs[i].pid);
      kill(procs[i].pid, SIGKILL);
      alive++;
    }
    free(below);
    free(procs);
    if (round == 0) kill(-group, SIGKILL);
    if (elapsed_ns(&start) > KILL_PATIENCE_NS) {
      fprintf(stderr, "mm-helper: processes left by a run did not end within 10 s of SIGKILL\n");
      return;
    }
    if (alive == 0) pause_briefly(); /* only exiting processes and zombies are left */
  }
}

/* --kill-all: empties a container between steps (a setup's background processes, a fork bomb)
 * and prints how many processes it killed. PID 1 and the container's main process stay. */
static int kill_all(void) {
  /* Only a process started from outside its PID namespace (docker exec) has no parent in it. */
  if (getppid() != 0) die(1, "--kill-all runs only through docker exec, inside a container");
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (;;) {
    size_t n;
    proc_t *procs = list_processes(&n);
    /* The container's main process is the oldest child of PID 1: nothing can start before it. */
    const proc_t *main_proc = NULL;
    for (size_t i = 0; i < n; i++)
      if (procs[i].ppid == 1 && (!main_proc || procs[i].start < main_proc->start)) main_proc = &procs[i];
    pid_t spare = main_proc ? main_proc->pid : 0;
    size_t alive = 0;
    for (size_t i = 0; i < n; i++) {
      pid_t pid = procs[i].pid;
      if (pid == 1 || pid == spare || pid == getpid() || is_gone(procs[i].state)) continue;
      note_leftover(pid);
      kill(pid, SIGKILL);
      alive++;
    }
    free(procs);
    if (alive == 0) break;
    if (elapsed_ns(&start) > KILL_PATIENCE_NS) die(1, "processes kept running for 10 s after SIGKILL");
    pause_briefly();
  }
  printf("%zu\n", nleftovers);
  return 0;
}

/* ------------------------------------------------------------------ tree digest */

static void digest_entry(const char *root, const char *rel) {
  char full[PATH_MAX];
  if ((size_t)snprintf(full, sizeof full, "%s%s%s", root, *rel ? "/" : "", rel) >= sizeof full)
    die(1, "path too long under %s", root);
  struct stat st;
  if (lstat(full, &st) != 0) die(1, "cannot stat %s: %s", full, strerror(errno));
  json_cstr(stdout, *rel ? rel : ".");
  printf(" %o %u %u %lld %llu %lld.%09ld %lld.%09ld %lu", (unsigned)st.st_mode, (unsigned)st.st_uid,
         (unsigned)st.st_gid, (long long)st.st_size, (unsigned long long)st.st_ino, (long long)st.st_mtim.tv_sec,
         (long)st.st_mtim.tv_nsec, (long long)st.st_ctim.tv_sec, (long)st.st_ctim.tv_nsec, (unsigned long)st.st_nlink);
  if (S_ISLNK(st.st_mode)) {
    char target[PATH_MAX];
    ssize_t k = readlink(full, target, sizeof target - 1);
    target[k > 0 ? k : 0] = '\0';
    putchar(' ');
    json_cstr(stdout, target);
  }
  putchar('\n');
  if (!S_ISDIR(st.st_mode)) return;
  struct dirent **names;
  int count = scandir(full, &names, NULL, alphasort);
  if (count < 0) die(1, "cannot read %s: %s", full, strerror(errno));
  for (int i = 0; i < count; i++) {
    const char *name = names[i]->d_name;
    if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
      char child_rel[PATH_MAX];
      if ((size_t)snprintf(child_rel, sizeof child_rel, "%s%s%s", rel, *rel ? "/" : "", name) >= sizeof child_rel)
        die(1, "path too long under %s", root);
      digest_entry(root, child_rel);
    }
    free(names[i]);
  }
  free(names);
}

/* --tree-digest DIR: lists every entry with the facts that any change to it alters. */
static int tree_digest(const char *dir) {
  digest_entry(dir, "");
  if (fflush(stdout) != 0) die(1, "cannot write the digest: %s", strerror(errno));
  return 0;
}

/* ------------------------------------------------------------------ calibration probe */

/* A small fixed workload that neither an allocator nor the user's code can change, run by the
 * helper itself between the runs of a round: it measures the machine, not the benchmark, so a
 * later comparison against a run from another job can tell a slower machine from slower code.
 * Three parts:
 *   compute  a serial xorshift chain (one core, no memory traffic);
 *   memory   one byte written per cache line over a buffer from mmap (never malloc), bigger than
 *            most L2 caches, mapped and faulted in before the first run of a plan that has probes,
 *            outside any timing, so each probe times the same work;
 *   process  what every benchmark run pays and the other two parts miss: starting a process
 *            (fork, exec of this static binary) that faults in fresh pages of an anonymous map and
 *            exits. A busier machine slows page faults, exec and the kernel's bookkeeping more
 *            than a loop in cache, and a malloc-heavy benchmark spends much of a short run there,
 *            so without this part a benchmark moved about twice as far as the probe between runs.
 *            The child's CPU time (user and system, from wait4) counts in the probe's.
 * Any change to this work must raise PROBE_WORKLOAD in src/results/cross-run-schema.ts. */
#define PROBE_COMPUTE_STEPS 1500000L
#define PROBE_MEMORY_BYTES (8UL << 20)
#define PROBE_MEMORY_PASSES 8
#define PROBE_STRIDE 64
#define PROBE_PROCESSES 1
#define PROBE_PROCESS_BYTES (4UL << 20)
#define PROBE_PAGE 4096UL
#define PROBE_CHILD_FLAG "--probe-child"

static unsigned char *probe_buffer;
static volatile uint64_t probe_sink; /* keeps the compute chain from being optimized away */

static void probe_prepare(void) {
  void *p = mmap(NULL, PROBE_MEMORY_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) die(1, "cannot map the probe's buffer: %s", strerror(errno));
  probe_buffer = p;
  /* The runs' children must not inherit it: copying its page tables would slow every fork. */
  madvise(p, PROBE_MEMORY_BYTES, MADV_DONTFORK);
  memset(probe_buffer, 1, PROBE_MEMORY_BYTES);
}

/* The probe's child process: fault in every page of a fresh map, then exit. */
static int probe_child(void) {
  unsigned char *p = mmap(NULL, PROBE_PROCESS_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return 1;
  for (size_t at = 0; at < PROBE_PROCESS_BYTES; at += PROBE_PAGE) p[at] = (unsigned char)at;
  return p[PROBE_PAGE] == (unsigned char)PROBE_PAGE ? 0 : 1;
}

static long long ns_between(const struct timespec *a, const struct timespec *b) {
  return (long long)(b->tv_sec - a->tv_sec) * 1000000000LL + (b->tv_nsec - a->tv_nsec);
}

/* Starts the probe's child PROBE_PROCESSES times, one after the other, and returns their CPU
 * time (ns). The child is this binary, from /proc/self/exe, so the work does not depend on what
 * the image holds. */
static long long probe_processes(void) {
  long long cpu_ns = 0;
  for (int i = 0; i < PROBE_PROCESSES; i++) {
    pid_t pid = fork();
    if (pid < 0) die(1, "cannot start the probe's process: %s", strerror(errno));
    if (pid == 0) {
      char *args[] = {"mm-helper", PROBE_CHILD_FLAG, NULL};
      char *env[] = {NULL};
      execve("/proc/self/exe", args, env);
      _exit(127);
    }
    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0)
      if (errno != EINTR) die(1, "cannot wait for the probe's process: %s", strerror(errno));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      die(1, "the probe's process failed (status %d): is /proc mounted and the helper executable?", status);
    cpu_ns += ((long long)ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000LL +
              ((long long)ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL;
  }
  return cpu_ns;
}

static void do_probe(const run_t *run) {
  struct timespec w0, w1, w2, w3, c0, c2;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
  clock_gettime(CLOCK_MONOTONIC, &w0);
  uint64_t x = 0x9e3779b97f4a7c15ULL, acc = 0;
  for (long i = 0; i < PROBE_COMPUTE_STEPS; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    acc += x;
  }
  probe_sink = acc;
  clock_gettime(CLOCK_MONOTONIC, &w1);
  volatile unsigned char *buf = probe_buffer;
  for (int pass = 0; pass < PROBE_MEMORY_PASSES; pass++)
    for (size_t at = (size_t)pass * 8; at < PROBE_MEMORY_BYTES; at += PROBE_STRIDE) buf[at] += (unsigned char)pass;
  clock_gettime(CLOCK_MONOTONIC, &w2);
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c2);
  long long child_cpu_ns = probe_processes();
  clock_gettime(CLOCK_MONOTONIC, &w3);
  FILE *f = stdout;
  fprintf(f,
          "{\"kind\":\"probe\",\"round\":%ld,\"position\":%ld,\"wall_ns\":%lld,\"cpu_ns\":%lld,"
          "\"compute_ns\":%lld,\"memory_ns\":%lld,\"process_ns\":%lld,\"process_cpu_ns\":%lld}\n",
          run->round, run->position, ns_between(&w0, &w3), ns_between(&c0, &c2) + child_cpu_ns,
          ns_between(&w0, &w1), ns_between(&w1, &w2), ns_between(&w2, &w3), child_cpu_ns);
  if (fflush(f) != 0) die(1, "cannot write results: %s", strerror(errno));
}

/* ------------------------------------------------------------------ one run */

static void print_tail(FILE *f) {
  if (tail.total == 0) return;
  unsigned char buf[TAIL_BYTES];
  size_t n = tail.total < TAIL_BYTES ? (size_t)tail.total : TAIL_BYTES;
  size_t start = tail.total <= TAIL_BYTES ? 0 : (size_t)(tail.total % TAIL_BYTES);
  for (size_t i = 0; i < n; i++) buf[i] = tail.ring[(start + i) % TAIL_BYTES];
  size_t skip = 0;
  /* The cut may fall inside a UTF-8 sequence: drop its continuation bytes instead of
   * reporting a replacement character the program never printed. */
  while (tail.total > TAIL_BYTES && skip < 3 && skip < n && (buf[skip] & 0xc0) == 0x80) skip++;
  fputs(",\"output_tail\":", f);
  json_string(f, buf + skip, n - skip);
}

static void do_run(const run_t *run) {
  const variant_t *v = &variants[run->variant];
  int traced = strcmp(run->kind, "proof") == 0 && v->preload != NULL;
  int errpipe[2];
  if (pipe2(errpipe, O_CLOEXEC) != 0) die(1, "pipe2 failed: %s", strerror(errno));
  start_tail();
  nleftovers = 0;
  long oom_before = read_oom_kills();
  timed_out = 0;

  struct timespec t0, t1;
  struct rusage ru;
  int status, was_timed_out = 0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) die(1, "fork failed: %s", strerror(errno));
  if (pid == 0) {
    close(errpipe[0]);
    child(v, errpipe[1], traced);
  }
  close(output_fd); /* only the run's processes hold the write end now */
  output_fd = -1;
  /* Also set here: the parent may kill the group before the child ran setpgid. */
  setpgid(pid, pid);
  alarm_target = pid;
  arm_timer(v->timeout_ms);
  if (traced) {
    status = trace_run(pid, v, &ru, &was_timed_out);
  } else {
    while (wait4(pid, &status, 0, &ru) < 0)
      if (errno != EINTR) die(1, "wait4 failed: %s", strerror(errno));
    was_timed_out = timed_out;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  disarm_timer();
  /* Background processes the benchmark left behind must not run into the next measurement. */
  reap_leftovers(pid);
  stop_tail();
  long oom_after = read_oom_kills();

  close(errpipe[1]);
  char err[512];
  ssize_t en = read(errpipe[0], err, sizeof err - 1);
  close(errpipe[0]);
  err[en > 0 ? en : 0] = '\0';

  int exited = WIFEXITED(status), code = exited ? WEXITSTATUS(status) : 0;
  int signaled = WIFSIGNALED(status), sig = signaled ? WTERMSIG(status) : 0;
  int oom_rose = oom_before >= 0 && oom_after > oom_before;
  const char *outcome;
  if (en > 0)
    outcome = "exec-error";
  else if (was_timed_out && signaled && sig == SIGKILL)
    outcome = "timeout";
  /* A shell reports its OOM-killed child as exit code 137, so count that too. */
  else if (oom_rose && ((signaled && sig == SIGKILL) || (exited && code == 128 + SIGKILL)))
    outcome = "oom";
  else if (signaled)
    outcome = "signaled";
  else
    outcome = "exited";

  long long wall_ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
  FILE *f = stdout;
  fputs("{\"variant\":", f);
  json_cstr(f, v->id);
  fprintf(f, ",\"kind\":\"%s\",\"round\":%ld,\"position\":%ld,\"outcome\":\"%s\",\"exit_code\":", run->kind,
          run->round, run->position, outcome);
  json_opt_int(f, exited, code);
  fputs(",\"signal\":", f);
  json_opt_int(f, signaled, sig);
  fprintf(f, ",\"wall_ns\":%lld,\"user_us\":%lld,\"sys_us\":%lld,\"maxrss_kib\":%ld", wall_ns,
          (long long)ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec,
          (long long)ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec, (long)ru.ru_maxrss);
  /* Minor faults and context switches of the child and its waited-for descendants, like maxrss. */
  fprintf(f, ",\"minflt\":%ld,\"nvcsw\":%ld,\"nivcsw\":%ld", (long)ru.ru_minflt, (long)ru.ru_nvcsw,
          (long)ru.ru_nivcsw);
  if (!(exited && code == 0)) print_tail(f);
  if (nleftovers > 0) fprintf(f, ",\"leftover_processes\":%zu", nleftovers);
  if (en > 0) {
    fputs(",\"error\":", f);
    json_cstr(f, err);
  }
  if (traced) {
    fputs(",\"processes\":[", f);
    int first = 1;
    for (size_t i = 0; i < ntracees; i++) {
      const tracee_t *t = &tracees[i];
      /* The run's own child always comes first, even without an exit stop: the proof tells
       * the shell from the benchmark by what that first process exec'd. */
      if (!t->reported && i > 0) continue;
      fprintf(f, "%s{\"pid\":%d,\"exe\":", first ? "" : ",", (int)t->pid);
      json_cstr(f, t->exe);
      fprintf(f, ",\"execs\":%d,\"static\":%s,\"mapped\":%s,\"preload_in_env\":%s", t->execs,
              t->is_static ? "true" : "false", t->mapped ? "true" : "false", t->preload_in_env ? "true" : "false");
      if (t->cpu_us >= 0) fprintf(f, ",\"cpu_us\":%lld", t->cpu_us);
      if (t->killed) fputs(",\"killed\":true", f);
      fputc('}', f);
      first = 0;
    }
    fputc(']', f);
  }
  fputs("}\n", f);
  if (fflush(f) != 0) die(1, "cannot write results: %s", strerror(errno));
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--kill-all") == 0) return kill_all();
  if (argc == 3 && strcmp(argv[1], "--tree-digest") == 0) return tree_digest(argv[2]);
  if (argc == 2 && strcmp(argv[1], PROBE_CHILD_FLAG) == 0) return probe_child();
  if (argc > 1) die(2, "unknown arguments; expected a plan on stdin, --kill-all or --tree-digest DIR");
  /* Read the whole plan first: it is small, and a malformed plan must fail before any run. */
  size_t cap = 65536, len = 0;
  char *plan = xrealloc(NULL, cap);
  for (;;) {
    if (len == cap) plan = xrealloc(plan, cap *= 2);
    ssize_t n = read(0, plan + len, cap - len);
    if (n < 0) {
      if (errno == EINTR) continue;
      die(1, "cannot read the plan from stdin: %s", strerror(errno));
    }
    if (n == 0) break;
    len += (size_t)n;
  }
  parse_plan(plan, len);

  for (size_t i = 0; i < nvariants; i++) {
    variant_t *v = &variants[i];
    /* Resolved here, in the benchmark's filesystem namespace, because /proc/PID/maps shows
     * canonical paths (/lib is a link to usr/lib in Alpaquita). */
    if (v->preload && !realpath(v->preload, v->preload_real)) snprintf(v->preload_real, PATH_MAX, "%s", v->preload);
  }

  /* Orphaned grandchildren are re-parented to us, so they are reaped even when the container's
   * PID 1 does not reap. */
  prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0; /* no SA_RESTART: wait4 must return EINTR */
  sigaction(SIGALRM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);

  for (size_t i = 0; i < nruns && !probe_buffer; i++)
    if (runs[i].probe) probe_prepare();
  for (size_t i = 0; i < nruns; i++) {
    if (runs[i].probe)
      do_probe(&runs[i]);
    else
      do_run(&runs[i]);
  }
  return 0;
}
