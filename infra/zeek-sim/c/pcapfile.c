/* Offline input (-r FILE): classic pcap, either byte order, micro- or nanosecond timestamps. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

#define MAX_SNAP 262144

static uint32_t rd32(const uint8_t *p, int swap) {
  uint32_t v;
  memcpy(&v, p, 4);
  return swap ? __builtin_bswap32(v) : v;
}

/* Feeds every Ethernet frame of FILE to cb; returns the number of frames. */
uint64_t pcap_replay(const char *path, packet_cb cb) {
  FILE *f = fopen(path, "rb");
  if (!f)
    die_fatal("fatal error: problem with trace file %s (%s)", path, strerror(errno));
  uint8_t gh[24];
  if (fread(gh, 1, sizeof gh, f) != sizeof gh)
    die_fatal("fatal error: problem with trace file %s (truncated header)", path);
  uint32_t magic;
  memcpy(&magic, gh, 4);
  int swap = magic == 0xd4c3b2a1u || magic == 0x4d3cb2a1u;
  uint32_t m = swap ? __builtin_bswap32(magic) : magic;
  if (m != 0xa1b2c3d4u && m != 0xa1b23c4du)
    die_fatal("fatal error: problem with trace file %s (unknown file format)", path);
  double frac = m == 0xa1b23c4du ? 1e9 : 1e6;
  if (rd32(gh + 20, swap) != 1)
    die_fatal("fatal error: problem with trace file %s (unsupported link type)", path);
  uint8_t *buf = malloc(MAX_SNAP);
  uint8_t rh[16];
  uint64_t n = 0;
  while (buf && fread(rh, 1, sizeof rh, f) == sizeof rh) {
    uint32_t caplen = rd32(rh + 8, swap), wirelen = rd32(rh + 12, swap);
    if (caplen > MAX_SNAP || fread(buf, 1, caplen, f) != caplen)
      break;
    cb(buf, caplen, wirelen, (double)rd32(rh, swap) + (double)rd32(rh + 4, swap) / frac);
    n++;
  }
  free(buf);
  fclose(f);
  return n;
}
