/* zeek-sim entry point: parse, validate like zeek, then run the node's role until signalled. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
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

static void install_signals(int ignore_term) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, NULL);
  sa.sa_handler = ignore_term ? SIG_IGN : on_signal;
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);
}

static void validate_cluster(const struct config *c, const struct opts *o) {
  if (!c->node_name || o->bare)
    return;
  if (!c->self) {
    fprintf(stderr,
            "error in %s/base/frameworks/cluster/main.zeek, line 421: '%s' is not a valid node in the "
            "Cluster::nodes configuration\n",
            share_dir(), c->node_name);
    die_fatal("fatal error: errors occurred while initializing");
  }
  if (!c->backend_selected)
    die_fatal("fatal error in %s/base/frameworks/cluster/main.zeek, line 426: Cluster::node set to '%s', but "
              "Cluster::backend is Cluster::CLUSTER_BACKEND_NONE - please select a cluster backend to use.",
              share_dir(), c->node_name);
}

/* "af_packet::eth0" → "eth0"; a bare name is taken as is. */
static const char *iface_name(const char *given) {
  const char *sep = strstr(given, "::");
  if (!sep)
    return given;
  if (strncmp(given, "af_packet::", 11) != 0)
    die_fatal("fatal error: Failed to open packet source: no packet source for prefix '%.*s'",
              (int)(sep - given), given);
  return sep + 2;
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

static void run(const struct config *c, const struct opts *o, const struct settings *s) {
  double started = now_mono();
  if (faults.crash_start)
    fault_crash(faults.crash_start_code);
  sleep_until(started + faults.slow_start_s);
  if (terminate_requested) {
    status_write("TERMINATING", "sig_handler");
    return;
  }
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
  if (o->readfile) {
    status_write("RUNNING", "net_run");
    offline = 1;
    pcap_replay(o->readfile, on_packet);
    status_write("TERMINATING", "done_with_network");
    flows_sweep(0, 1);
    ship_flush(3.0);
    sink_close();
    return;
  }
  struct capture *cap = NULL;
  if (o->iface) {
    const char *ifname = iface_name(o->iface);
    cap = capture_open(o->iface, ifname, s);
    capture_start(cap, on_packet);
    fprintf(stderr, "<params>, line 1: listening on %s\n", ifname);
  }
  status_write("RUNNING", "net_run");
  double next_tick = 0;
  int paused = 0;
  while (!terminate_requested) {
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
  if (cap && !hung)
    capture_stats(cap);
  if (cap)
    final_stats(iface_name(o->iface));
  flows_sweep(now_wall(), 1);
  ship_flush(3.0);
  sink_close();
}

int main(int argc, char **argv) {
  setvbuf(stderr, NULL, _IONBF, 0);
  set_share_dir(argv[0]);
  static struct opts o;
  opts_parse(&o, argc, argv);
  status_open(o.status_file);
  status_write("INITIALIZING", "main");
  if (!o.parse_only) {
    faults_load(&faults);
    install_signals(faults.ignore_sigterm);
  }
  static struct config c;
  const char *node = getenv("CLUSTER_NODE");
  if (!(node && *node))
    node = redef_get(&o.cli, "Cluster::node");
  c.node_name = node && *node ? node : NULL;
  if (c.node_name)
    g_node_label = c.node_name;
  scripts_load_all(&c, &o);
  validate_cluster(&c, &o);
  static struct settings s;
  settings_from_redefs(&s, &c.redefs, c.self);
  if (o.iface)
    iface_name(o.iface);
  if (!o.parse_only)
    run(&c, &o, &s);
  status_write("TERMINATED", "atexit");
  sim_exit(0);
}
