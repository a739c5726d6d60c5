/* A small poll(2) reactor shared by capture, listeners and connections. */
#include <errno.h>
#include <poll.h>
#include <string.h>

#include "runtime.h"

#define MAX_WATCH 512

struct watcher {
  int fd;
  short events;
  watch_cb cb;
  void *ctx;
};

static struct watcher watchers[MAX_WATCH];
static int nwatch;

static int find(int fd) {
  for (int i = 0; i < nwatch; i++)
    if (watchers[i].fd == fd)
      return i;
  return -1;
}

void loop_watch(int fd, short events, watch_cb cb, void *ctx) {
  int i = find(fd);
  if (i < 0) {
    if (nwatch == MAX_WATCH)
      return;
    i = nwatch++;
  }
  watchers[i] = (struct watcher){fd, events, cb, ctx};
}

void loop_modify(int fd, short events) {
  int i = find(fd);
  if (i >= 0)
    watchers[i].events = events;
}

void loop_unwatch(int fd) {
  int i = find(fd);
  if (i < 0)
    return;
  watchers[i] = watchers[--nwatch];
}

void loop_run_once(int timeout_ms) {
  struct pollfd pfds[MAX_WATCH];
  int n = nwatch;
  for (int i = 0; i < n; i++)
    pfds[i] = (struct pollfd){.fd = watchers[i].fd, .events = watchers[i].events};
  int r = poll(pfds, (nfds_t)n, timeout_ms);
  if (r <= 0)
    return;
  for (int i = 0; i < n; i++) {
    if (!pfds[i].revents)
      continue;
    int w = find(pfds[i].fd);
    if (w >= 0 && watchers[w].events)
      watchers[w].cb(watchers[w].ctx, pfds[i].fd, pfds[i].revents);
  }
}
