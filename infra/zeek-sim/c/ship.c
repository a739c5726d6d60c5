/* Worker → logger shipping of conn records: one TCP stream per logger, opened on the first record,
 * reopened after failures; records go round robin. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net.h"
#include "runtime.h"

#define MAX_TARGETS 16
#define BUF_CAP (16u << 20)
#define RETRY_S 0.5

struct target {
  const struct node *node;
  int fd;
  int connected;
  double retry_at;
  char *buf;
  size_t off, len;
};

static struct target targets[MAX_TARGETS];
static int ntargets, rr;
static uint64_t dropped_records;

void ship_init(const struct layout *l) {
  for (int i = 0; i < l->n && ntargets < MAX_TARGETS; i++)
    if (l->nodes[i].role == ROLE_LOGGER)
      targets[ntargets++] = (struct target){.node = &l->nodes[i], .fd = -1};
  for (int i = 0; i < l->n && ntargets == 0; i++)
    if (l->nodes[i].role == ROLE_MANAGER)
      targets[ntargets++] = (struct target){.node = &l->nodes[i], .fd = -1};
  for (int i = 0; i < ntargets; i++)
    targets[i].buf = malloc(BUF_CAP);
}

/* A record cut by a dropped connection is resent whole; the logger discards partial lines. */
static void drop_conn(struct target *t) {
  while (t->off > 0 && t->buf[t->off - 1] != '\n')
    t->off--;
  loop_unwatch(t->fd);
  close(t->fd);
  t->fd = -1;
  t->connected = 0;
  t->retry_at = now_mono() + RETRY_S;
}

static void pump(struct target *t) {
  while (t->off < t->len) {
    ssize_t n = send(t->fd, t->buf + t->off, t->len - t->off, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK)
        drop_conn(t);
      break;
    }
    t->off += (size_t)n;
  }
  if (t->off == t->len)
    t->off = t->len = 0;
  if (t->fd >= 0)
    loop_modify(t->fd, (short)(POLLIN | (t->len ? POLLOUT : 0)));
}

static void on_event(void *ctx, int fd, short revents) {
  struct target *t = ctx;
  if (!t->connected) {
    int err = 0;
    socklen_t el = sizeof err;
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el);
    if (err || (revents & (POLLERR | POLLHUP))) {
      drop_conn(t);
      return;
    }
    t->connected = 1;
  }
  if (revents & (POLLIN | POLLHUP | POLLERR)) {
    char sink[256];
    ssize_t n = recv(fd, sink, sizeof sink, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN)) {
      drop_conn(t);
      return;
    }
  }
  pump(t);
}

void ship_tick(void) {
  double now = now_mono();
  for (int i = 0; i < ntargets; i++) {
    struct target *t = &targets[i];
    if (t->fd >= 0 || now < t->retry_at || t->len == t->off)
      continue;
    t->fd = net_connect(t->node->ip, t->node->port);
    if (t->fd < 0) {
      t->retry_at = now + RETRY_S;
      continue;
    }
    loop_watch(t->fd, POLLOUT, on_event, t);
  }
}

void ship_record(const char *line) {
  if (!ntargets)
    return;
  struct target *t = &targets[rr++ % ntargets];
  size_t n = strlen(line);
  if (t->off > 0 && t->len + n + 1 > BUF_CAP) {
    memmove(t->buf, t->buf + t->off, t->len - t->off);
    t->len -= t->off;
    t->off = 0;
  }
  if (t->len + n + 1 > BUF_CAP) {
    dropped_records++;
    return;
  }
  memcpy(t->buf + t->len, line, n);
  t->buf[t->len + n] = '\n';
  t->len += n + 1;
  if (t->connected)
    pump(t);
}

static int pending(void) {
  for (int i = 0; i < ntargets; i++)
    if (targets[i].len > targets[i].off)
      return 1;
  return 0;
}

void ship_flush(double deadline_s) {
  double end = now_mono() + deadline_s;
  while (pending() && now_mono() < end) {
    ship_tick();
    loop_run_once(20);
  }
}
