/* The -U status file: "<STATE> [<reason>]\n", replaced atomically (write + rename) on every transition. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

static const char *status_path;

void status_open(const char *path) { status_path = path; }

void status_write(const char *state, const char *reason) {
  if (!status_path)
    return;
  char line[128];
  int n = snprintf(line, sizeof line, "%s [%s]\n", state, reason);
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp", status_path);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return;
  int ok = write(fd, line, (size_t)n) == n;
  close(fd);
  if (!ok || rename(tmp, status_path) < 0)
    unlink(tmp);
}
