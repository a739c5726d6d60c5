/* Redef table (script and command-line assignments) and the settings derived from it. */
#include <ctype.h>
#include <linux/if_packet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static void trim_copy(char *dst, size_t len, const char *s, size_t n) {
  while (n && isspace((unsigned char)*s))
    s++, n--;
  while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == ';'))
    n--;
  if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
    s++, n -= 2;
  if (n >= len)
    n = len - 1;
  memcpy(dst, s, n);
  dst[n] = 0;
}

void redef_set(struct redefs *r, const char *key, const char *val) {
  for (int i = 0; i < r->n; i++)
    if (strcmp(r->items[i].key, key) == 0) {
      trim_copy(r->items[i].val, sizeof r->items[i].val, val, strlen(val));
      return;
    }
  if (r->n == MAX_REDEFS)
    return;
  struct redef *d = &r->items[r->n++];
  snprintf(d->key, sizeof d->key, "%s", key);
  trim_copy(d->val, sizeof d->val, val, strlen(val));
}

const char *redef_get(const struct redefs *r, const char *key) {
  for (int i = 0; i < r->n; i++)
    if (strcmp(r->items[i].key, key) == 0)
      return r->items[i].val;
  return NULL;
}

/* "redef X = V;" (text after "redef") → key, value. Returns 0 on success. */
int redef_parse_assignment(const char *text, char *key, size_t klen, char *val, size_t vlen) {
  const char *eq = strchr(text, '=');
  if (!eq || eq[1] == '=')
    return -1;
  const char *kend = eq;
  if (kend > text && (kend[-1] == '+' || kend[-1] == '-'))
    kend--;
  trim_copy(key, klen, text, (size_t)(kend - text));
  trim_copy(val, vlen, eq + 1, strlen(eq + 1));
  return key[0] ? 0 : -1;
}

/* Integer expressions as zeekctl renders them: "134217728", "128 * 1024 * 1024", "9991/tcp". */
static int64_t eval_int(const char *key, const char *v) {
  int64_t acc = 1;
  const char *p = v;
  for (;;) {
    while (isspace((unsigned char)*p))
      p++;
    char *end;
    long long x = strtoll(p, &end, 0);
    if (end == p)
      die_fatal("error in <command line>, line 1: bad value for %s: \"%s\"", key, v);
    acc *= x;
    p = end;
    while (isspace((unsigned char)*p))
      p++;
    if (*p == '*') {
      p++;
      continue;
    }
    if (*p == 0 || strcmp(p, "/tcp") == 0 || strcmp(p, "/udp") == 0)
      return acc;
    die_fatal("error in <command line>, line 1: bad value for %s: \"%s\"", key, v);
  }
}

static int eval_bool(const char *key, const char *v) {
  if (strcmp(v, "T") == 0)
    return 1;
  if (strcmp(v, "F") == 0)
    return 0;
  die_fatal("error in <command line>, line 1: bad value for %s: \"%s\"", key, v);
}

static int eval_fanout_mode(const char *v) {
  const char *m = strncmp(v, "AF_Packet::", 11) == 0 ? v + 11 : v;
  if (strcmp(m, "FANOUT_HASH") == 0)
    return PACKET_FANOUT_HASH;
  if (strcmp(m, "FANOUT_CPU") == 0)
    return PACKET_FANOUT_CPU;
  if (strcmp(m, "FANOUT_QM") == 0)
    return PACKET_FANOUT_QM;
  if (strcmp(m, "FANOUT_CBPF") == 0)
    return PACKET_FANOUT_CBPF;
  if (strcmp(m, "FANOUT_EBPF") == 0)
    return PACKET_FANOUT_EBPF;
  die_fatal("error in <command line>, line 1: unknown identifier %s, at or near \"%s\"", v, v);
}

void settings_from_redefs(struct settings *s, const struct redefs *r, const struct node *self) {
  const char *v;
  s->fanout_id = 23;
  s->fanout_mode = PACKET_FANOUT_HASH;
  s->enable_fanout = 1;
  s->enable_defrag = 0;
  s->buffer_size = 128ull * 1024 * 1024;
  s->block_size = 4096 * 8;
  const char *addr = getenv("ZEEK_DEFAULT_LISTEN_ADDRESS");
  snprintf(s->metrics_address, sizeof s->metrics_address, "%s", addr && *addr ? addr : "0.0.0.0");
  s->metrics_port = self ? self->metrics_port : 0;
  if ((v = redef_get(r, "AF_Packet::fanout_id")))
    s->fanout_id = (int)eval_int("AF_Packet::fanout_id", v);
  if ((v = redef_get(r, "AF_Packet::fanout_mode")))
    s->fanout_mode = eval_fanout_mode(v);
  if ((v = redef_get(r, "AF_Packet::enable_fanout")))
    s->enable_fanout = eval_bool("AF_Packet::enable_fanout", v);
  if ((v = redef_get(r, "AF_Packet::enable_defrag")))
    s->enable_defrag = eval_bool("AF_Packet::enable_defrag", v);
  if ((v = redef_get(r, "AF_Packet::buffer_size")))
    s->buffer_size = (uint64_t)eval_int("AF_Packet::buffer_size", v);
  if ((v = redef_get(r, "AF_Packet::block_size")))
    s->block_size = (uint32_t)eval_int("AF_Packet::block_size", v);
  if ((v = redef_get(r, "Telemetry::metrics_address")) && *v)
    snprintf(s->metrics_address, sizeof s->metrics_address, "%s", v);
  if ((v = redef_get(r, "Telemetry::metrics_port")))
    s->metrics_port = strcmp(v, "Cluster::local_node_metrics_port()") == 0
                          ? (self ? self->metrics_port : 0)
                          : (int)eval_int("Telemetry::metrics_port", v);
}
