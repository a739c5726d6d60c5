/* The -U status file: "<STATE> [<reason>]\n", rewritten on every transition. */
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
  int fd = open(status_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return;
  if (write(fd, line, (size_t)n) != n)
    fprintf(stderr, "warning: short write to %s\n", status_path);
  close(fd);
}
