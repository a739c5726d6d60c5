/* Frame decoding: Ethernet (+VLAN), IPv4/IPv6, TCP/UDP/ICMP ports, IPv4 fragments. */
#include <arpa/inet.h>
#include <string.h>

#include "runtime.h"

#define FRAG_SLOTS 4096

/* Non-first IPv4 fragments carry no ports: borrow them from the first fragment. */
struct frag {
  uint8_t src[4], dst[4];
  uint16_t id;
  uint8_t proto;
  uint16_t sport, dport;
};
static struct frag frags[FRAG_SLOTS];

static unsigned frag_slot(const uint8_t *src, const uint8_t *dst, uint16_t id) {
  uint32_t h = id;
  for (int i = 0; i < 4; i++)
    h = h * 31 + src[i] + dst[i] * 7u;
  return h % FRAG_SLOTS;
}

/* Like Zeek: a request/reply type pair shares one conn (orig_p = request type, resp_p = reply type). */
static uint16_t icmp_counterpart(uint8_t proto, uint8_t type, uint8_t code) {
  static const uint8_t v4[][2] = {{8, 0}, {13, 14}, {15, 16}, {17, 18}, {10, 9}};
  static const uint8_t v6[][2] = {{128, 129}, {133, 134}, {135, 136}, {130, 131}};
  const uint8_t(*pairs)[2] = proto == 1 ? v4 : v6;
  size_t n = proto == 1 ? sizeof v4 / sizeof v4[0] : sizeof v6 / sizeof v6[0];
  for (size_t i = 0; i < n; i++) {
    if (pairs[i][0] == type)
      return pairs[i][1];
    if (pairs[i][1] == type)
      return pairs[i][0];
  }
  return code;
}

static void ports(struct pkt *p, const uint8_t *l4, uint32_t avail) {
  uint8_t pr = p->key.proto;
  if ((pr == 6 && avail >= 20) || (pr == 17 && avail >= 8)) {
    p->key.sport = (uint16_t)(l4[0] << 8 | l4[1]);
    p->key.dport = (uint16_t)(l4[2] << 8 | l4[3]);
    if (pr == 6) {
      p->tcp_flags = l4[13];
      uint32_t hl = (uint32_t)(l4[12] >> 4) * 4;
      p->payload_len = p->payload_len > hl ? p->payload_len - hl : 0;
    } else {
      p->payload_len = p->payload_len > 8 ? p->payload_len - 8 : 0;
    }
    p->has_l4 = 1;
  } else if ((pr == 1 || pr == 58) && avail >= 4) {
    p->key.sport = l4[0];
    p->key.dport = icmp_counterpart(pr, l4[0], l4[1]);
    p->payload_len = p->payload_len > 8 ? p->payload_len - 8 : 0;
    p->has_l4 = 1;
  }
}

static int ipv4(const uint8_t *ip, uint32_t len, struct pkt *p) {
  if (len < 20 || (ip[0] >> 4) != 4)
    return -1;
  uint32_t hl = (uint32_t)(ip[0] & 15) * 4;
  uint32_t total = (uint32_t)(ip[2] << 8 | ip[3]);
  if (hl < 20 || hl > len)
    return -1;
  p->key.family = 4;
  p->key.proto = ip[9];
  memcpy(p->key.src, ip + 12, 4);
  memcpy(p->key.dst, ip + 16, 4);
  p->ip_len = total;
  p->payload_len = total > hl ? total - hl : 0;
  uint16_t id = (uint16_t)(ip[4] << 8 | ip[5]);
  uint16_t off = (uint16_t)((ip[6] & 0x1f) << 8 | ip[7]);
  int more = ip[6] & 0x20;
  struct frag *f = &frags[frag_slot(ip + 12, ip + 16, id)];
  if (off == 0) {
    ports(p, ip + hl, len - hl);
    if (more)
      *f = (struct frag){{ip[12], ip[13], ip[14], ip[15]}, {ip[16], ip[17], ip[18], ip[19]}, id,
                         p->key.proto, p->key.sport, p->key.dport};
  } else if (f->id == id && memcmp(f->src, ip + 12, 4) == 0 && memcmp(f->dst, ip + 16, 4) == 0) {
    p->key.sport = f->sport;
    p->key.dport = f->dport;
    p->has_l4 = 1;
  }
  return 0;
}

static int ipv6(const uint8_t *ip, uint32_t len, struct pkt *p) {
  if (len < 40 || (ip[0] >> 4) != 6)
    return -1;
  p->key.family = 6;
  p->key.proto = ip[6];
  memcpy(p->key.src, ip + 8, 16);
  memcpy(p->key.dst, ip + 24, 16);
  p->payload_len = (uint32_t)(ip[4] << 8 | ip[5]);
  p->ip_len = p->payload_len + 40;
  ports(p, ip + 40, len - 40);
  return 0;
}

int decode_frame(const uint8_t *frame, uint32_t len, struct pkt *p) {
  memset(p, 0, sizeof *p);
  if (len < 14)
    return -1;
  uint16_t et = (uint16_t)(frame[12] << 8 | frame[13]);
  uint32_t off = 14;
  while ((et == 0x8100 || et == 0x88a8) && len >= off + 4) {
    et = (uint16_t)(frame[off + 2] << 8 | frame[off + 3]);
    off += 4;
  }
  if (et == 0x0800)
    return ipv4(frame + off, len - off, p);
  if (et == 0x86dd)
    return ipv6(frame + off, len - off, p);
  return -1;
}
