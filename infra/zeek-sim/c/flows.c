/* Flow table: both directions of a 5-tuple are one flow; records are emitted when flows end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flow.h"

#define BUCKETS (1u << 18)
#define MAX_FLOWS 2000000
#define CLOSE_LINGER_S 1.0

static struct flow *table[BUCKETS];
static struct flow *all;
static uint64_t nflows;
static emit_fn emit_line;
static const char *node_name;
static double idle_timeout = 5.0;
static uint64_t rng;

static uint64_t next_rand(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static void make_uid(char *uid) {
  static const char b62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  uint64_t a = next_rand(), b = next_rand();
  uid[0] = 'C';
  for (int i = 1; i < 18; i++) {
    uint64_t *src = i < 10 ? &a : &b;
    uid[i] = b62[*src % 62];
    *src /= 62;
  }
  uid[18] = 0;
}

void flows_init(emit_fn emit, const char *node) {
  emit_line = emit;
  node_name = node;
  rng = ((uint64_t)getpid() << 32) ^ (uint64_t)(now_wall() * 1e6) ^ 0x9e3779b97f4a7c15ull;
  const char *t = getenv("ZEEK_SIM_FLOW_TIMEOUT");
  if (t && atof(t) > 0)
    idle_timeout = atof(t);
}

uint64_t flows_active(void) { return nflows; }

static uint32_t hash_end(const uint8_t *a, uint16_t port, int n) {
  uint32_t h = 2166136261u;
  for (int i = 0; i < n; i++)
    h = (h ^ a[i]) * 16777619u;
  return (h ^ port) * 2654435761u;
}

static uint32_t key_hash(const struct flow_key *k) {
  int n = k->family == 6 ? 16 : 4;
  return (hash_end(k->src, k->sport, n) ^ hash_end(k->dst, k->dport, n) ^ k->proto) & (BUCKETS - 1);
}

/* 0: same orientation, 1: reversed, -1: different flow. */
static int key_match(const struct flow_key *f, const struct flow_key *k) {
  if (f->family != k->family || f->proto != k->proto)
    return -1;
  int n = k->family == 6 ? 16 : 4;
  if (f->sport == k->sport && f->dport == k->dport && !memcmp(f->src, k->src, n) && !memcmp(f->dst, k->dst, n))
    return 0;
  if (f->sport == k->dport && f->dport == k->sport && !memcmp(f->src, k->dst, n) && !memcmp(f->dst, k->src, n))
    return 1;
  return -1;
}

static void unlink_flow(struct flow *f) {
  struct flow **pp = &table[key_hash(&f->k)];
  while (*pp && *pp != f)
    pp = &(*pp)->next;
  if (*pp)
    *pp = f->next;
  if (f->lprev)
    f->lprev->lnext = f->lnext;
  else
    all = f->lnext;
  if (f->lnext)
    f->lnext->lprev = f->lprev;
  nflows--;
}

static void finish(struct flow *f) {
  char line[1024];
  conn_render(f, node_name, line, sizeof line);
  emit_line(line);
  unlink_flow(f);
  free(f);
}

/* The first packet came from the responder: a SYN-ACK, or mid-stream from a well-known port. */
static int reversed_start(const struct pkt *p) {
  uint8_t pr = p->key.proto;
  if (pr == 6 && (p->tcp_flags & 0x12) == 0x12)
    return 1;
  if (pr == 6 && (p->tcp_flags & 0x02))
    return 0;
  return (pr == 6 || pr == 17) && p->key.sport < 1024 && p->key.dport >= 1024;
}

static struct flow *create(const struct pkt *p, double ts) {
  struct flow *f = calloc(1, sizeof *f);
  if (!f)
    return NULL;
  f->k = p->key;
  if (reversed_start(p)) {
    f->k.sport = p->key.dport;
    f->k.dport = p->key.sport;
    memcpy(f->k.src, p->key.dst, 16);
    memcpy(f->k.dst, p->key.src, 16);
  }
  f->first = f->last = ts;
  make_uid(f->uid);
  uint32_t h = key_hash(&f->k);
  f->next = table[h];
  table[h] = f;
  f->lnext = all;
  if (all)
    all->lprev = f;
  all = f;
  nflows++;
  return f;
}

static void note(struct flow *f, int dir, uint8_t bit, char letter) {
  if (f->seen[dir] & bit)
    return;
  f->seen[dir] |= bit;
  if (f->hlen < (int)sizeof f->history - 1)
    f->history[f->hlen++] = dir ? (char)(letter + ('a' - 'A')) : letter;
  f->history[f->hlen] = 0;
}

static void tcp_update(struct flow *f, int dir, const struct pkt *p) {
  uint8_t fl = p->tcp_flags;
  if ((fl & 0x12) == 0x12)
    note(f, dir, SEEN_SYNACK, 'H');
  else if (fl & 0x02)
    note(f, dir, SEEN_SYN, 'S');
  if ((fl & 0x10) && !(fl & 0x02))
    note(f, dir, SEEN_ACK, 'A');
  if (p->payload_len)
    note(f, dir, SEEN_DATA, 'D');
  if (fl & 0x01)
    note(f, dir, SEEN_FIN, 'F');
  if (fl & 0x04)
    note(f, dir, SEEN_RST, 'R');
  if ((fl & 0x04) || ((f->seen[0] & SEEN_FIN) && (f->seen[1] & SEEN_FIN)))
    f->closed = 1;
}

void flows_packet(const struct pkt *p, double ts) {
  struct flow *f = table[key_hash(&p->key)];
  int dir = -1;
  for (; f; f = f->next)
    if ((dir = key_match(&f->k, &p->key)) >= 0)
      break;
  if (f && f->closed && p->key.proto == 6 && (p->tcp_flags & 0x12) == 0x02) {
    finish(f);
    f = NULL;
  }
  if (!f) {
    if (nflows >= MAX_FLOWS || !(f = create(p, ts)))
      return;
    dir = key_match(&f->k, &p->key);
  }
  f->last = ts;
  f->pkts[dir]++;
  f->bytes[dir] += p->payload_len;
  f->ip_bytes[dir] += p->ip_len;
  if (p->key.proto == 6 && p->has_l4)
    tcp_update(f, dir, p);
}

void flows_sweep(double now, int flush_all) {
  struct flow *f = all;
  while (f) {
    struct flow *n = f->lnext;
    double idle = now - f->last;
    if (flush_all || idle >= idle_timeout || (f->closed && idle >= CLOSE_LINGER_S))
      finish(f);
    f = n;
  }
}
