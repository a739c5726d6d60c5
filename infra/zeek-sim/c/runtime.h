/* zeek-sim runtime: event loop, capture, flows, shipping, log sink, metrics, faults. */
#ifndef ZEEK_SIM_RUNTIME_H
#define ZEEK_SIM_RUNTIME_H

#include <netinet/in.h>
#include <stdint.h>

#include "sim.h"

/* main.c, run.c */
const char *iface_name(const char *given);
void run_prepare(void);
void run_node(const struct config *c, const struct opts *o, const struct settings *s);

/* loop.c: a poll(2) reactor. */
typedef void (*watch_cb)(void *ctx, int fd, short revents);
void loop_watch(int fd, short events, watch_cb cb, void *ctx);
void loop_modify(int fd, short events);
void loop_unwatch(int fd);
void loop_run_once(int timeout_ms);

/* Counters shown on /metrics. */
struct counters {
  uint64_t received_pkts;
  uint64_t received_bytes;
  uint64_t dropped_pkts;
  uint64_t link_pkts;
};
extern struct counters g_counters;
extern const char *g_node_label;

/* decode.c */
struct flow_key {
  uint8_t family; /* 4 or 6 */
  uint8_t proto;
  uint16_t sport, dport;
  uint8_t src[16], dst[16];
};
struct pkt {
  struct flow_key key;
  uint32_t ip_len;
  uint32_t payload_len;
  uint8_t tcp_flags;
  int has_l4;
};
int decode_frame(const uint8_t *frame, uint32_t len, struct pkt *p);

/* flows.c */
typedef void (*emit_fn)(const char *line);
void flows_init(emit_fn emit, const char *node);
void flows_packet(const struct pkt *p, double ts);
void flows_sweep(double now, int flush_all);
uint64_t flows_active(void);

/* conn.c: conn.log rendering. */
struct flow;
void conn_header(char *buf, size_t len, double opened);
void conn_format_addr(const struct flow_key *k, int orig, char *out, size_t len);

/* capture.c */
struct capture;
struct capture *capture_open(const char *shown, const char *ifname, const struct settings *s);
typedef void (*packet_cb)(const uint8_t *frame, uint32_t caplen, uint32_t wirelen, double ts);
void capture_start(struct capture *c, packet_cb cb);
void capture_pause(struct capture *c);
void capture_stats(struct capture *c);

/* pcapfile.c */
uint64_t pcap_replay(const char *path, packet_cb cb);

/* ship.c: worker → logger records. */
void ship_init(const struct layout *l);
void ship_record(const char *line);
void ship_tick(void);
void ship_flush(double deadline_s);

/* sink.c: conn.log writer and its listener. */
void sink_init(void);
void sink_write(const char *line);
void sink_listen(const char *ip, int port, int accept_records);
void sink_close(void);

/* httpd.c */
void metrics_listen(const char *ip, int port);
void metrics_services(const struct layout *l);

/* faults.c */
struct faults {
  int crash_start, crash_start_code;
  double crash_after_s;
  uint64_t crash_after_pkts;
  int crash_after_code;
  double hang_after_s;
  uint64_t hang_after_pkts;
  int hang;
  int stall; /* a hang that keeps sampling kernel counters (link and drops rise) */
  int ignore_sigterm;
  double slow_start_s;
  double mem_grow_mb_s;
  double packet_cost_s; /* busy time spent per packet */
  int crash_on_shutdown, crash_on_shutdown_code;
};
void faults_load(struct faults *f);
void fault_crash(int code) __attribute__((noreturn));
void faults_tick(struct faults *f, double started, uint64_t pkts, int *hung);
void faults_memory(const struct faults *f, double started);
void faults_packet_cost(const struct faults *f);

#endif
