/* Preloaded into a client program under `verify --command`: its sleeps and I/O time-outs become timers of
 * the check's virtual clock. libfaketime (loaded after this) makes the program read that clock; this shim
 * makes it wait on it. Each wait is sent to the runner over a Unix socket ("S <id> <ms>"); the runner fires
 * it when the check's virtual time gets there and answers "W <id>". An I/O wait ("I <id> <ms>") polls its
 * descriptors in short real slices meanwhile and cancels ("C <id>") when they are ready first.
 * Environment: OAUTH_DOUBLES_CLOCK_SOCKET (the runner's socket path). Without it, every call passes through. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static __thread int sock = -1;
static __thread unsigned long next_id = 0;
static __thread char inbuf[256];
static __thread size_t inlen = 0;
static __thread int busy = 0; /* our own socket calls must not recurse into the wrappers */

#define REAL(ret, name, args) static ret(*real_##name) args
REAL(int, nanosleep, (const struct timespec *, struct timespec *));
REAL(int, clock_nanosleep, (clockid_t, int, const struct timespec *, struct timespec *));
REAL(int, poll, (struct pollfd *, nfds_t, int));
REAL(int, ppoll, (struct pollfd *, nfds_t, const struct timespec *, const sigset_t *));
REAL(int, select, (int, fd_set *, fd_set *, fd_set *, struct timeval *));
REAL(int, epoll_wait, (int, struct epoll_event *, int, int));
REAL(int, epoll_pwait, (int, struct epoll_event *, int, int, const sigset_t *));

static void resolve_all(void) {
  if (real_poll) return;
  real_nanosleep = dlsym(RTLD_NEXT, "nanosleep");
  real_clock_nanosleep = dlsym(RTLD_NEXT, "clock_nanosleep");
  real_poll = dlsym(RTLD_NEXT, "poll");
  real_ppoll = dlsym(RTLD_NEXT, "ppoll");
  real_select = dlsym(RTLD_NEXT, "select");
  real_epoll_wait = dlsym(RTLD_NEXT, "epoll_wait");
  real_epoll_pwait = dlsym(RTLD_NEXT, "epoll_pwait");
}

static void after_fork_child(void) {
  if (sock >= 0) close(sock);
  sock = -1;
  inlen = 0;
}

static int connect_runner(void) {
  if (sock >= 0) return sock;
  const char *path = getenv("OAUTH_DOUBLES_CLOCK_SOCKET");
  if (!path || !*path) return -1;
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  strncpy(addr.sun_path, path, sizeof addr.sun_path - 1);
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  char hello[64];
  int n = snprintf(hello, sizeof hello, "H %ld\n", (long)getpid());
  if (write(fd, hello, (size_t)n) != n) {
    close(fd);
    return -1;
  }
  sock = fd;
  return sock;
}

__attribute__((constructor)) static void shim_init(void) {
  resolve_all();
  pthread_atfork(NULL, NULL, after_fork_child);
  busy = 1;
  connect_runner();
  busy = 0;
}

static int send_line(const char *line) {
  size_t len = strlen(line), off = 0;
  while (off < len) {
    ssize_t n = write(sock, line + off, len - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    off += (size_t)n;
  }
  return 0;
}

/* Reads what the runner sent; 1 when "W <id>" arrived, 0 when not yet (non-blocking), -1 on a broken socket. */
static int woke(unsigned long id, int blocking) {
  for (;;) {
    char *nl = memchr(inbuf, '\n', inlen);
    while (nl) {
      unsigned long got = 0;
      int match = sscanf(inbuf, "W %lu", &got) == 1 && got == id;
      size_t used = (size_t)(nl - inbuf) + 1;
      memmove(inbuf, inbuf + used, inlen - used);
      inlen -= used;
      if (match) return 1;
      nl = memchr(inbuf, '\n', inlen);
    }
    if (inlen >= sizeof inbuf) inlen = 0;
    ssize_t n = recv(sock, inbuf + inlen, sizeof inbuf - inlen, blocking ? 0 : MSG_DONTWAIT);
    if (n > 0) {
      inlen += (size_t)n;
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
    if (n < 0 && errno == EINTR) continue;
    return -1;
  }
}

/* Registers a virtual wait of `ms` ('S' a sleep, 'I' an I/O time-out); returns its id, or 0 with no runner to ask. */
static unsigned long begin_wait(char kind, long long ms) {
  if (busy || connect_runner() < 0) return 0;
  char line[64];
  unsigned long id = ++next_id;
  snprintf(line, sizeof line, "%c %lu %lld\n", kind, id, ms < 0 ? 0 : ms);
  busy = 1;
  int ok = send_line(line) == 0;
  busy = 0;
  return ok ? id : 0;
}

static void cancel_wait(unsigned long id) {
  char line[64];
  snprintf(line, sizeof line, "C %lu\n", id);
  busy = 1;
  send_line(line);
  busy = 0;
}

/* A pure sleep: blocks until the runner's virtual clock reached it. 0 when slept virtually, -1 to sleep for real. */
static int virtual_sleep(long long ms) {
  unsigned long id = begin_wait('S', ms);
  if (!id) return -1;
  busy = 1;
  int r = woke(id, 1);
  busy = 0;
  return r == 1 ? 0 : -1;
}

static long long ts_ms(const struct timespec *ts) { return (long long)ts->tv_sec * 1000 + ts->tv_nsec / 1000000; }

/* libfaketime shares its start time with child processes through a semaphore and shared memory that the first
 * process creates and unlinks when it exits; a forked subshell (bash's `$(…)`) runs that clean-up too and pulls
 * them from under its parent's later children. They are kept; the runner removes them when the program is done. */
static int (*real_sem_unlink)(const char *);
static int (*real_shm_unlink)(const char *);
static int ours(const char *name) { return name && strncmp(name, "/faketime_", 10) == 0; }

int sem_unlink(const char *name) {
  if (ours(name)) return 0;
  if (!real_sem_unlink) real_sem_unlink = dlsym(RTLD_NEXT, "sem_unlink");
  return real_sem_unlink(name);
}

int shm_unlink(const char *name) {
  if (ours(name)) return 0;
  if (!real_shm_unlink) real_shm_unlink = dlsym(RTLD_NEXT, "shm_unlink");
  return real_shm_unlink(name);
}

int nanosleep(const struct timespec *req, struct timespec *rem) {
  resolve_all();
  if (req && !busy && virtual_sleep(ts_ms(req)) == 0) {
    if (rem) rem->tv_sec = rem->tv_nsec = 0;
    return 0;
  }
  return real_nanosleep(req, rem);
}

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req, struct timespec *rem) {
  resolve_all();
  if (req && !busy) {
    long long ms = ts_ms(req);
    if (flags & TIMER_ABSTIME) {
      struct timespec now;
      clock_gettime(clock, &now); /* libfaketime's: the virtual clock */
      ms -= ts_ms(&now);
    }
    if (virtual_sleep(ms) == 0) return 0;
  }
  return real_clock_nanosleep(clock, flags, req, rem);
}

int usleep(useconds_t usec) {
  struct timespec ts = {usec / 1000000, (long)(usec % 1000000) * 1000};
  return nanosleep(&ts, NULL);
}

unsigned int sleep(unsigned int seconds) {
  struct timespec ts = {seconds, 0};
  nanosleep(&ts, NULL);
  return 0;
}

/* An I/O wait with a time-out: real polls in slices of at most 5 ms until the descriptors are ready (the
 * virtual wait is cancelled) or the runner says the virtual time-out has passed (0: timed out). */
#define SLICE_MS 5
#define IO_WAIT(call_slice)                        \
  do {                                             \
    unsigned long io_id = begin_wait('I', timeout_ms);  \
    if (!io_id) break;                             \
    for (;;) {                                     \
      int io_ready = (call_slice);                 \
      if (io_ready != 0) {                         \
        cancel_wait(io_id);                        \
        return io_ready;                           \
      }                                            \
      busy = 1;                                    \
      int io_woke = woke(io_id, 0);                \
      busy = 0;                                    \
      if (io_woke == 1) return 0;                  \
      if (io_woke < 0) break;                      \
    }                                              \
  } while (0)

int poll(struct pollfd *fds, nfds_t nfds, int timeout) {
  resolve_all();
  long long timeout_ms = timeout;
  if (timeout > 0 && !busy) {
    if (nfds == 0) {
      if (virtual_sleep(timeout_ms) == 0) return 0;
    } else {
      IO_WAIT(real_poll(fds, nfds, SLICE_MS));
    }
  }
  return real_poll(fds, nfds, timeout);
}

int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *tmo, const sigset_t *mask) {
  resolve_all();
  if (tmo && !busy) {
    long long timeout_ms = ts_ms(tmo);
    if (timeout_ms > 0) {
      struct timespec slice = {0, SLICE_MS * 1000000L};
      if (nfds == 0) {
        if (virtual_sleep(timeout_ms) == 0) return 0;
      } else {
        IO_WAIT(real_ppoll(fds, nfds, &slice, mask));
      }
    }
  }
  return real_ppoll(fds, nfds, tmo, mask);
}

int select(int nfds, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv) {
  resolve_all();
  if (tv && !busy) {
    long long timeout_ms = (long long)tv->tv_sec * 1000 + tv->tv_usec / 1000;
    if (timeout_ms > 0) {
      if (nfds == 0) {
        if (virtual_sleep(timeout_ms) == 0) return 0;
      } else {
        fd_set r0, w0, e0;
        if (r) r0 = *r;
        if (w) w0 = *w;
        if (e) e0 = *e;
        IO_WAIT(({
          struct timeval slice = {0, SLICE_MS * 1000};
          if (r) *r = r0;
          if (w) *w = w0;
          if (e) *e = e0;
          real_select(nfds, r, w, e, &slice);
        }));
        if (r) *r = r0;
        if (w) *w = w0;
        if (e) *e = e0;
      }
    }
  }
  return real_select(nfds, r, w, e, tv);
}

int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout) {
  resolve_all();
  long long timeout_ms = timeout;
  if (timeout > 0 && !busy) IO_WAIT(real_epoll_wait(epfd, events, maxevents, SLICE_MS));
  return real_epoll_wait(epfd, events, maxevents, timeout);
}

int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout, const sigset_t *mask) {
  resolve_all();
  long long timeout_ms = timeout;
  if (timeout > 0 && !busy) IO_WAIT(real_epoll_pwait(epfd, events, maxevents, SLICE_MS, mask));
  return real_epoll_pwait(epfd, events, maxevents, timeout, mask);
}
