/* conn.log rendering: Zeek's ASCII writer layout plus the sim's trailing _node column. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "flow.h"

static const char *fields =
    "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\t"
    "conn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\t"
    "resp_ip_bytes\ttunnel_parents\t_node";
static const char *types = "time\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\t"
                           "bool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\tstring";

void conn_header(char *buf, size_t len, double opened) {
  char stamp[32];
  time_t t = (time_t)opened;
  struct tm tm;
  localtime_r(&t, &tm);
  strftime(stamp, sizeof stamp, "%Y-%m-%d-%H-%M-%S", &tm);
  snprintf(buf, len,
           "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
           "#open\t%s\n#fields\t%s\n#types\t%s\n",
           stamp, fields, types);
}

void conn_format_addr(const struct flow_key *k, int orig, char *out, size_t len) {
  inet_ntop(k->family == 6 ? AF_INET6 : AF_INET, orig ? k->src : k->dst, out, (socklen_t)len);
}

static const char *proto_name(uint8_t p) {
  switch (p) {
  case 6: return "tcp";
  case 17: return "udp";
  case 1: case 58: return "icmp";
  default: return "unknown_transport";
  }
}

static const char *tcp_state(const struct flow *f) {
  uint8_t o = f->seen[0], r = f->seen[1];
  if (!(o & SEEN_SYN))
    return (o & SEEN_RST) ? "RSTOS0" : (r & SEEN_RST) ? "RSTRH" : "OTH";
  if (!(r & SEEN_SYNACK)) {
    if (r & SEEN_RST)
      return "REJ";
    return f->pkts[1] ? "OTH" : (o & SEEN_RST) ? "RSTOS0" : "S0";
  }
  if (o & SEEN_RST)
    return "RSTO";
  if (r & SEEN_RST)
    return "RSTR";
  if ((o & SEEN_FIN) && (r & SEEN_FIN))
    return "SF";
  if (o & SEEN_FIN)
    return "S2";
  if (r & SEEN_FIN)
    return "S3";
  return "S1";
}

void conn_render(const struct flow *f, const char *node, char *out, size_t len) {
  char oh[INET6_ADDRSTRLEN], rh[INET6_ADDRSTRLEN];
  conn_format_addr(&f->k, 1, oh, sizeof oh);
  conn_format_addr(&f->k, 0, rh, sizeof rh);
  const char *state = f->k.proto == 6 ? tcp_state(f) : f->pkts[1] ? "SF" : "S0";
  snprintf(out, len,
           "%.6f\t%s\t%s\t%u\t%s\t%u\t%s\t-\t%.6f\t%llu\t%llu\t%s\t-\t-\t0\t%s\t%llu\t%llu\t%llu\t%llu\t-\t%s",
           f->first, f->uid, oh, f->k.sport, rh, f->k.dport, proto_name(f->k.proto), f->last - f->first,
           (unsigned long long)f->bytes[0], (unsigned long long)f->bytes[1], state,
           f->hlen ? f->history : "-", (unsigned long long)f->pkts[0], (unsigned long long)f->ip_bytes[0],
           (unsigned long long)f->pkts[1], (unsigned long long)f->ip_bytes[1], node);
}
