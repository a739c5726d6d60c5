/* Flow record shared by the flow table and the conn.log renderer. */
#ifndef ZEEK_SIM_FLOW_H
#define ZEEK_SIM_FLOW_H

#include "runtime.h"

enum { SEEN_SYN = 1, SEEN_SYNACK = 2, SEEN_ACK = 4, SEEN_DATA = 8, SEEN_FIN = 16, SEEN_RST = 32 };

struct flow {
  struct flow_key k; /* oriented originator → responder */
  double first, last;
  uint64_t bytes[2], pkts[2], ip_bytes[2];
  uint8_t seen[2];
  char history[24];
  int hlen;
  int closed;
  char uid[20];
  struct flow *next;          /* hash chain */
  struct flow *lprev, *lnext; /* list of all flows */
};

/* Renders one conn.log line (without trailing newline). */
void conn_render(const struct flow *f, const char *node, char *out, size_t len);

#endif
