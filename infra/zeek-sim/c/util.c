/* Small helpers: fatal exits, version, clocks, install-relative paths. */
#define _GNU_SOURCE
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sim.h"

static char share[PATH_MAX + 64];

void die_fatal(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  status_write("TERMINATED", "fatal_error");
  sim_exit(1);
}

/* After parse errors (already printed) zeek exits 1 without a further message. */
void die_errors(void) {
  status_write("TERMINATED", "fatal_error");
  sim_exit(1);
}

void sim_exit(int code) {
  fflush(stdout);
  fflush(stderr);
  _exit(code);
}

const char *sim_version(void) {
  const char *v = getenv("ZEEK_SIM_VERSION");
  return v && *v ? v : "8.2.0";
}

int version_at_least(int major, int minor) {
  int ma = 0, mi = 0;
  sscanf(sim_version(), "%d.%d", &ma, &mi);
  return ma > major || (ma == major && mi >= minor);
}

double now_mono(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double now_wall(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* <bindir>/../share/zeek, from /proc/self/exe (the symlink bin/zeek resolves to bin/zeek-sim). */
void set_share_dir(const char *argv0) {
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) {
    snprintf(exe, sizeof exe, "%s", argv0);
    n = (ssize_t)strlen(exe);
  }
  exe[n] = 0;
  char *dir = dirname(exe);
  char joined[PATH_MAX + 32];
  snprintf(joined, sizeof joined, "%s/../share/zeek", dir);
  if (!realpath(joined, share))
    snprintf(share, sizeof share, "%s", joined);
}

const char *share_dir(void) { return share; }

int env_set(const char *name) {
  const char *v = getenv(name);
  return v && *v;
}
