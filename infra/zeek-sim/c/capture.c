/* AF_PACKET capture with a TPACKET_V3 mmap ring and Zeek's fanout settings. */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "runtime.h"

struct capture {
  int fd;
  uint8_t *map;
  size_t map_len;
  struct tpacket_req3 req;
  unsigned block;
  packet_cb cb;
  double joined; /* frames stamped earlier arrived before the fanout join, outside the group */
};

static void problem(const char *shown, const char *context) {
  if (context)
    die_fatal("fatal error: problem with interface %s (%s: %s)", shown, context, strerror(errno));
  die_fatal("fatal error: problem with interface %s (%s)", shown, strerror(errno));
}

static void check_up(int fd, const char *shown, const char *ifname) {
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", ifname);
  if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
    problem(shown, NULL);
  if (!(ifr.ifr_flags & IFF_UP))
    die_fatal("fatal error: problem with interface %s (interface is down)", shown);
}

static void setup_ring(struct capture *c, const char *shown, const struct settings *s) {
  int v = TPACKET_V3;
  if (setsockopt(c->fd, SOL_PACKET, PACKET_VERSION, &v, sizeof v) < 0)
    problem(shown, "failed to set TPACKET_V3");
  c->req.tp_block_size = s->block_size;
  c->req.tp_block_nr = (unsigned)(s->buffer_size / (s->block_size ? s->block_size : 1));
  c->req.tp_frame_size = TPACKET_ALIGNMENT << 7;
  c->req.tp_frame_nr = c->req.tp_frame_size ? (s->block_size / c->req.tp_frame_size) * c->req.tp_block_nr : 0;
  c->req.tp_retire_blk_tov = 10;
  if (setsockopt(c->fd, SOL_PACKET, PACKET_RX_RING, &c->req, sizeof c->req) < 0)
    problem(shown, "failed to create rx-ring");
  c->map_len = (size_t)c->req.tp_block_size * c->req.tp_block_nr;
  c->map = mmap(NULL, c->map_len, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, 0);
  if (c->map == MAP_FAILED)
    problem(shown, "failed to map rx-ring");
}

struct capture *capture_open(const char *shown, const char *ifname, const struct settings *s) {
  struct capture *c = calloc(1, sizeof *c);
  c->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
  if (c->fd < 0)
    problem(shown, "failed to create socket");
  unsigned idx = if_nametoindex(ifname);
  if (!idx)
    problem(shown, NULL);
  check_up(c->fd, shown, ifname);
  setup_ring(c, shown, s);
  struct sockaddr_ll sll = {.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL), .sll_ifindex = (int)idx};
  if (bind(c->fd, (struct sockaddr *)&sll, sizeof sll) < 0)
    problem(shown, "failed to bind");
  struct packet_mreq mr = {.mr_ifindex = (int)idx, .mr_type = PACKET_MR_PROMISC};
  if (setsockopt(c->fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr) < 0)
    problem(shown, "failed to set promiscuous mode");
  if (s->enable_fanout) {
    uint32_t mode = (uint32_t)s->fanout_mode | (s->enable_defrag ? PACKET_FANOUT_FLAG_DEFRAG : 0);
    uint32_t arg = ((uint32_t)s->fanout_id & 0xffff) | (mode << 16);
    if (setsockopt(c->fd, SOL_PACKET, PACKET_FANOUT, &arg, sizeof arg) < 0)
      problem(shown, "failed to join fanout group");
    c->joined = now_wall();
  }
  return c;
}

static void walk_block(struct capture *c, struct tpacket_block_desc *bd) {
  uint32_t n = bd->hdr.bh1.num_pkts;
  struct tpacket3_hdr *h = (struct tpacket3_hdr *)((uint8_t *)bd + bd->hdr.bh1.offset_to_first_pkt);
  for (uint32_t i = 0; i < n; i++) {
    const struct sockaddr_ll *sll =
        (const struct sockaddr_ll *)((uint8_t *)h + TPACKET_ALIGN(sizeof(struct tpacket3_hdr)));
    double ts = (double)h->tp_sec + (double)h->tp_nsec / 1e9;
    if (sll->sll_pkttype != PACKET_OUTGOING && ts >= c->joined)
      c->cb((uint8_t *)h + h->tp_mac, h->tp_snaplen, h->tp_len, ts);
    h = (struct tpacket3_hdr *)((uint8_t *)h + h->tp_next_offset);
  }
}

static void on_readable(void *ctx, int fd, short revents) {
  (void)fd;
  (void)revents;
  struct capture *c = ctx;
  for (unsigned budget = c->req.tp_block_nr; budget > 0; budget--) {
    struct tpacket_block_desc *bd = (struct tpacket_block_desc *)(c->map + (size_t)c->block * c->req.tp_block_size);
    if (!(__atomic_load_n(&bd->hdr.bh1.block_status, __ATOMIC_ACQUIRE) & TP_STATUS_USER))
      return;
    walk_block(c, bd);
    __atomic_store_n(&bd->hdr.bh1.block_status, TP_STATUS_KERNEL, __ATOMIC_RELEASE);
    c->block = (c->block + 1) % c->req.tp_block_nr;
  }
}

void capture_start(struct capture *c, packet_cb cb) {
  c->cb = cb;
  loop_watch(c->fd, POLLIN, on_readable, c);
}

void capture_pause(struct capture *c) { loop_unwatch(c->fd); }

void capture_stats(struct capture *c) {
  struct tpacket_stats_v3 st;
  socklen_t len = sizeof st;
  if (getsockopt(c->fd, SOL_PACKET, PACKET_STATISTICS, &st, &len) < 0)
    return;
  g_counters.link_pkts += st.tp_packets;
  g_counters.dropped_pkts += st.tp_drops;
}
