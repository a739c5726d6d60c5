/* Log sink: conn.log in the cwd, fed locally (standalone) or by workers over TCP (logger/manager). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "net.h"
#include "runtime.h"

#define CLIENT_BUF 65536

struct client {
  int fd;
  int records;
  size_t len;
  char buf[CLIENT_BUF];
};

static int log_fd = -1;

void sink_init(void) {
  log_fd = open("conn.log", O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0)
    die_fatal("fatal error: can't open conn.log: %s", strerror(errno));
  char hdr[2048];
  conn_header(hdr, sizeof hdr, now_wall());
  if (write(log_fd, hdr, strlen(hdr)) < 0)
    die_fatal("fatal error: can't write conn.log: %s", strerror(errno));
}

static void write_all(const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(log_fd, p, n);
    if (w <= 0)
      return;
    p += w;
    n -= (size_t)w;
  }
}

void sink_write(const char *line) {
  if (log_fd < 0)
    return;
  char buf[1100];
  int n = snprintf(buf, sizeof buf, "%s\n", line);
  write_all(buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void close_client(struct client *c) {
  loop_unwatch(c->fd);
  close(c->fd);
  free(c);
}

static void on_client(void *ctx, int fd, short revents) {
  (void)revents;
  struct client *c = ctx;
  ssize_t n = recv(fd, c->buf + c->len, CLIENT_BUF - c->len, MSG_DONTWAIT);
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
    close_client(c);
    return;
  }
  if (n < 0)
    return;
  c->len += (size_t)n;
  char *last = memrchr(c->buf, '\n', c->len);
  if (!last) {
    if (c->len == CLIENT_BUF)
      c->len = 0;
    return;
  }
  size_t whole = (size_t)(last - c->buf) + 1;
  if (c->records && log_fd >= 0)
    write_all(c->buf, whole);
  memmove(c->buf, c->buf + whole, c->len - whole);
  c->len -= whole;
}

static void on_accept(void *ctx, int fd, short revents) {
  (void)revents;
  int cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (cfd < 0)
    return;
  struct client *c = malloc(sizeof *c);
  c->fd = cfd;
  c->records = ctx != NULL;
  c->len = 0;
  loop_watch(cfd, POLLIN, on_client, c);
}

void sink_listen(const char *ip, int port, int accept_records) {
  int fd = net_listen(ip, port);
  if (fd < 0)
    die_fatal("fatal error: failed to listen on %s:%d (%s)", ip, port, strerror(errno));
  loop_watch(fd, POLLIN, on_accept, accept_records ? (void *)1 : NULL);
}

void sink_close(void) {
  if (log_fd < 0)
    return;
  char line[64], stamp[32];
  time_t t = time(NULL);
  struct tm tm;
  localtime_r(&t, &tm);
  strftime(stamp, sizeof stamp, "%Y-%m-%d-%H-%M-%S", &tm);
  snprintf(line, sizeof line, "#close\t%s\n", stamp);
  write_all(line, strlen(line));
  close(log_fd);
  log_fd = -1;
}
