/* Running a node: its listeners and sink, live capture or a trace, faults, and shutdown. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "runtime.h"

struct counters g_counters;
const char *g_node_label = "zeek";

static volatile sig_atomic_t terminate_requested;
static struct faults faults;
static int hung;
static int offline;
static double next_offline_sweep;

static void on_signal(int sig) {
  (void)sig;
  terminate_requested = 1;
}

void run_prepare(void) {
  faults_load(&faults);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, NULL);
  sa.sa_handler = faults.ignore_sigterm ? SIG_IGN : on_signal;
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);
}

static void on_packet(const uint8_t *frame, uint32_t caplen, uint32_t wirelen, double ts) {
  if (hung)
    return;
  g_counters.received_pkts++;
  g_counters.received_bytes += wirelen;
  if (faults.crash_after_pkts && g_counters.received_pkts >= faults.crash_after_pkts)
    fault_crash(faults.crash_after_code);
  if (faults.hang_after_pkts && g_counters.received_pkts >= faults.hang_after_pkts)
    hung = 1;
  faults_packet_cost(&faults);
  struct pkt p;
  if (decode_frame(frame, caplen, &p) == 0)
    flows_packet(&p, ts);
  if (offline && ts >= next_offline_sweep) {
    flows_sweep(ts, 0);
    next_offline_sweep = ts + 0.5;
  }
}

static int layout_has(const struct layout *l, enum role r) {
  for (int i = 0; i < l->n; i++)
    if (l->nodes[i].role == r)
      return 1;
  return 0;
}

/* The summary zeek prints on exit after live capture. */
static void final_stats(const char *ifname) {
  uint64_t rx = g_counters.received_pkts, drop = g_counters.dropped_pkts;
  double total = (double)(rx + drop);
  fprintf(stderr, "%llu packets received on interface %s, %llu (%.2f%%) dropped, 0 (0.00%%) not processed\n",
          (unsigned long long)rx, ifname, (unsigned long long)drop, total > 0 ? 100.0 * (double)drop / total : 0.0);
}

static void sleep_until(double deadline) {
  while (!terminate_requested && now_mono() < deadline) {
    struct timespec ts = {0, 50 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
}

/* Log sink (standalone, loggers, or the manager without loggers), listeners, and the flow output. */
static void start_role(const struct config *c, const struct settings *s) {
  const struct node *self = c->self;
  int sink = !self || self->role == ROLE_LOGGER || (self->role == ROLE_MANAGER && !layout_has(&c->layout, ROLE_LOGGER));
  int listen = !env_set("ZEEKCTL_DISABLE_LISTEN") && !env_set("ZEEKCTL_CHECK_CONFIG");
  if (sink)
    sink_init();
  if (listen && self && self->role != ROLE_WORKER && self->role != ROLE_CONTROL && self->port > 0)
    sink_listen(self->ip, self->port, sink);
  if (self && self->role == ROLE_MANAGER)
    metrics_services(&c->layout);
  if (listen && s->metrics_port > 0)
    metrics_listen(s->metrics_address, s->metrics_port);
  if (!sink)
    ship_init(&c->layout);
  flows_init(sink ? sink_write : ship_record, g_node_label);
}

static void finish_output(double now) {
  flows_sweep(now, 1);
  ship_flush(3.0);
  sink_close();
}

static void run_trace(const char *path) {
  status_write("RUNNING", "net_run");
  offline = 1;
  pcap_replay(path, on_packet);
  status_write("TERMINATING", "done_with_network");
  finish_output(0);
}

static void run_live(const char *iface, const struct settings *s, double started) {
  struct capture *cap = NULL;
  if (iface) {
    cap = capture_open(iface, iface_name(iface), s);
    capture_start(cap, on_packet);
    fprintf(stderr, "<params>, line 1: listening on %s\n", iface_name(iface));
  }
  status_write("RUNNING", "net_run");
  int paused = 0;
  for (double next_tick = 0; !terminate_requested;) {
    loop_run_once(100);
    ship_tick();
    double now = now_mono();
    if (now < next_tick)
      continue;
    next_tick = now + 0.5;
    faults_tick(&faults, started, g_counters.received_pkts, &hung);
    faults_memory(&faults, started);
    if (hung && cap && !paused) {
      capture_pause(cap);
      paused = 1;
    }
    if (cap && (!hung || faults.stall))
      capture_stats(cap);
    if (!hung)
      flows_sweep(now_wall(), 0);
  }
  status_write("TERMINATING", "sig_handler");
  fprintf(stderr, "received termination signal\n");
  if (faults.crash_on_shutdown)
    fault_crash(faults.crash_on_shutdown_code);
  if (cap && (!hung || faults.stall))
    capture_stats(cap);
  if (cap)
    final_stats(iface_name(iface));
  finish_output(now_wall());
}

void run_node(const struct config *c, const struct opts *o, const struct settings *s) {
  double started = now_mono();
  if (faults.crash_start)
    fault_crash(faults.crash_start_code);
  sleep_until(started + faults.slow_start_s);
  if (terminate_requested) {
    status_write("TERMINATING", "sig_handler");
    return;
  }
  start_role(c, s);
  if (o->readfile)
    run_trace(o->readfile);
  else
    run_live(o->iface, s, started);
}
