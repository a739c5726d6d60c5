/* Prometheus text endpoint: GET /metrics on the node's metrics_port (and /services.json on the manager). */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net.h"
#include "runtime.h"

struct http_client {
  int fd;
  size_t len;
  char req[2048];
};

static size_t metric(char *out, size_t len, const char *name, const char *type, const char *help, double v) {
  const char *label = version_at_least(8, 0) ? "node" : "endpoint";
  const char *fmt = v == (double)(uint64_t)v ? "# HELP %s %s\n# TYPE %s %s\n%s{%s=\"%s\"} %.0f\n"
                                                : "# HELP %s %s\n# TYPE %s %s\n%s{%s=\"%s\"} %.6f\n";
  int n = snprintf(out, len, fmt, name, help, name, type, name, label, g_node_label, v);
  return n < 0 ? 0 : (size_t)n < len ? (size_t)n : len;
}

static double resident_bytes(double *virt) {
  long pages_total = 0, pages_res = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (f) {
    if (fscanf(f, "%ld %ld", &pages_total, &pages_res) != 2)
      pages_total = pages_res = 0;
    fclose(f);
  }
  double page = (double)sysconf(_SC_PAGESIZE);
  *virt = (double)pages_total * page;
  return (double)pages_res * page;
}

static const char *services_json;

/* Prometheus HTTP service discovery as Zeek's manager serves it: every node's metrics target. */
void metrics_services(const struct layout *l) {
  static char buf[MAX_NODES * 32 + 64];
  size_t n = (size_t)snprintf(buf, sizeof buf, "[{\"targets\":[");
  int first = 1;
  for (int i = 0; i < l->n && n < sizeof buf - 64; i++) {
    const struct node *nd = &l->nodes[i];
    if (!nd->metrics_port)
      continue;
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s\"%s:%d\"", first ? "" : ",", nd->ip, nd->metrics_port);
    first = 0;
  }
  snprintf(buf + n, sizeof buf - n, "],\"labels\":{}}]");
  services_json = buf;
}

static size_t version_info(char *out, size_t len) {
  int ma = 0, mi = 0, pa = 0;
  sscanf(sim_version(), "%d.%d.%d", &ma, &mi, &pa);
  const char *label = version_at_least(8, 0) ? "node" : "endpoint";
  int n = snprintf(out, len,
                   "# HELP zeek_version_info The Zeek version\n# TYPE zeek_version_info gauge\n"
                   "zeek_version_info{%s=\"%s\",version_number=\"%d\",major=\"%d\",minor=\"%d\",patch=\"%d\","
                   "version=\"%s\"} 1\n",
                   label, g_node_label, ma * 10000 + mi * 100 + pa, ma, mi, pa, sim_version());
  return n < 0 ? 0 : (size_t)n < len ? (size_t)n : len;
}

static size_t render(char *out, size_t len) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
               ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1e6;
  double virt, rss = resident_bytes(&virt);
  size_t n = version_info(out, len);
  n += metric(out + n, len - n, "zeek_net_received_packets_total", "counter", "Total number of packets received",
              (double)g_counters.received_pkts);
  n += metric(out + n, len - n, "zeek_net_received_bytes_total", "counter", "Total number of bytes received",
              (double)g_counters.received_bytes);
  n += metric(out + n, len - n, "zeek_net_dropped_packets_total", "counter", "Total number of packets dropped",
              (double)g_counters.dropped_pkts);
  n += metric(out + n, len - n, "zeek_net_link_packets_total", "counter", "Total number of packets on the link",
              (double)g_counters.link_pkts);
  n += metric(out + n, len - n, "zeek_active_sessions", "gauge", "Number of active sessions",
              (double)flows_active());
  n += metric(out + n, len - n, "process_resident_memory_bytes", "gauge", "Resident memory size", rss);
  n += metric(out + n, len - n, "process_virtual_memory_bytes", "gauge", "Virtual memory size", virt);
  n += metric(out + n, len - n, "process_cpu_seconds_total", "counter", "Total user and system CPU time spent",
              cpu);
  return n;
}

static void respond(struct http_client *c) {
  char body[MAX_NODES * 32 + 8192], head[256];
  const char *type = "text/plain; version=0.0.4";
  size_t blen;
  int ok = 1;
  if (strncmp(c->req, "GET /metrics ", 13) == 0 || strncmp(c->req, "GET /metrics?", 13) == 0) {
    blen = render(body, sizeof body);
  } else if (services_json && strncmp(c->req, "GET /services.json ", 19) == 0) {
    blen = (size_t)snprintf(body, sizeof body, "%s", services_json);
    type = "application/json";
  } else {
    blen = (size_t)snprintf(body, sizeof body, "not found\n");
    ok = 0;
  }
  int hlen = snprintf(head, sizeof head,
                      "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
                      ok ? "200 OK" : "404 Not Found", type, blen);
  if (send(c->fd, head, (size_t)hlen, MSG_NOSIGNAL) == hlen)
    send(c->fd, body, blen, MSG_NOSIGNAL);
}

static void on_client(void *ctx, int fd, short revents) {
  (void)revents;
  struct http_client *c = ctx;
  ssize_t n = recv(fd, c->req + c->len, sizeof c->req - 1 - c->len, MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EINTR))
    return;
  if (n > 0) {
    c->len += (size_t)n;
    c->req[c->len] = 0;
    if (!strstr(c->req, "\r\n\r\n") && !strstr(c->req, "\n\n") && c->len < sizeof c->req - 1)
      return;
    respond(c);
  }
  loop_unwatch(fd);
  close(fd);
  free(c);
}

static void on_accept(void *ctx, int fd, short revents) {
  (void)ctx;
  (void)revents;
  int cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (cfd < 0)
    return;
  struct http_client *c = calloc(1, sizeof *c);
  c->fd = cfd;
  loop_watch(cfd, POLLIN, on_client, c);
}

void metrics_listen(const char *ip, int port) {
  int fd = net_listen(ip, port);
  if (fd < 0)
    die_fatal("fatal error: failed to start Prometheus endpoint on %s:%d (%s)", ip, port, strerror(errno));
  loop_watch(fd, POLLIN, on_accept, NULL);
}
