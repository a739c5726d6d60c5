/* Fault injection from ZEEK_SIM_FAULTS or ./zeek-sim-faults (grammar in README.md). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime.h"

static void bad_spec(const char *tok) { die_fatal("fatal error: zeek-sim: bad fault spec \"%s\"", tok); }

/* "5", "5s", "2.5s" → seconds; "100p", "100pkts" → packets (returned via *pkts). */
static void parse_when(const char *tok, const char *v, double *secs, uint64_t *pkts) {
  char *end;
  double x = strtod(v, &end);
  if (end == v || x < 0)
    bad_spec(tok);
  if (pkts && (strcmp(end, "p") == 0 || strcmp(end, "pkts") == 0))
    *pkts = (uint64_t)x;
  else if (*end == 0 || strcmp(end, "s") == 0)
    *secs = x;
  else
    bad_spec(tok);
}

static int exit_code(const char *tok, const char *suffix) {
  if (!suffix)
    return -1;
  if (strncmp(suffix, ":exit=", 6) != 0)
    bad_spec(tok);
  return atoi(suffix + 6) & 255;
}

static void apply(struct faults *f, char *tok) {
  char *colon = strstr(tok, ":exit=");
  int code = exit_code(tok, colon);
  char *eq = strchr(tok, '=');
  if (eq && (!colon || eq < colon))
    *eq++ = 0;
  else
    eq = NULL;
  if (colon)
    *colon = 0;
  if (strcmp(tok, "crash-start") == 0) {
    f->crash_start = 1;
    f->crash_start_code = code;
  } else if (strcmp(tok, "crash-after") == 0 && eq) {
    parse_when(tok, eq, &f->crash_after_s, &f->crash_after_pkts);
    f->crash_after_code = code;
  } else if (strcmp(tok, "hang") == 0 || strcmp(tok, "stall") == 0) {
    f->hang = 1;
    f->stall = tok[0] == 's';
  } else if ((strcmp(tok, "hang-after") == 0 || strcmp(tok, "stall-after") == 0) && eq) {
    parse_when(tok, eq, &f->hang_after_s, &f->hang_after_pkts);
    f->stall = tok[0] == 's';
  } else if (strcmp(tok, "ignore-sigterm") == 0) {
    f->ignore_sigterm = 1;
  } else if (strcmp(tok, "slow-start") == 0 && eq) {
    parse_when(tok, eq, &f->slow_start_s, NULL);
  } else if (strcmp(tok, "slow-packets") == 0 && eq) {
    f->packet_cost_s = atof(eq) / 1e6;
  } else if (strcmp(tok, "mem-grow") == 0 && eq) {
    f->mem_grow_mb_s = atof(eq);
  } else if (strcmp(tok, "crash-on-shutdown") == 0) {
    f->crash_on_shutdown = 1;
    f->crash_on_shutdown_code = code;
  } else {
    bad_spec(tok);
  }
}

void faults_load(struct faults *f) {
  memset(f, 0, sizeof *f);
  char buf[1024] = "";
  const char *env = getenv("ZEEK_SIM_FAULTS");
  if (env && *env) {
    snprintf(buf, sizeof buf, "%s", env);
  } else {
    FILE *fp = fopen("zeek-sim-faults", "r");
    if (!fp)
      return;
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = 0;
    fclose(fp);
  }
  for (char *save = NULL, *tok = strtok_r(buf, ", \t\r\n", &save); tok; tok = strtok_r(NULL, ", \t\r\n", &save))
    apply(f, tok);
}

void fault_crash(int code) {
  if (code >= 0) {
    fprintf(stderr, "fatal error: zeek-sim fault: exit %d\n", code);
    status_write("TERMINATED", "fatal_error");
    sim_exit(code);
  }
  fflush(stderr);
  signal(SIGSEGV, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGSEGV);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(SIGSEGV);
  _exit(139);
}

void faults_tick(struct faults *f, double started, uint64_t pkts, int *hung) {
  double up = now_mono() - started;
  if ((f->crash_after_s > 0 && up >= f->crash_after_s) || (f->crash_after_pkts > 0 && pkts >= f->crash_after_pkts))
    fault_crash(f->crash_after_code);
  if (f->hang || (f->hang_after_s > 0 && up >= f->hang_after_s) ||
      (f->hang_after_pkts > 0 && pkts >= f->hang_after_pkts))
    *hung = 1;
}

void faults_memory(const struct faults *f, double started) {
  static void *chain;
  static double allocated_mb;
  if (f->mem_grow_mb_s <= 0)
    return;
  double want = f->mem_grow_mb_s * (now_mono() - started);
  while (allocated_mb + 1 <= want) {
    size_t sz = 1u << 20;
    char *chunk = malloc(sz);
    if (!chunk)
      return;
    memset(chunk, 0xa5, sz);
    memcpy(chunk, &chain, sizeof chain);
    chain = chunk;
    allocated_mb += 1;
  }
}

/* slow-packets: burn CPU per packet, so that a fast sender overruns the ring for real. */
void faults_packet_cost(const struct faults *f) {
  if (f->packet_cost_s <= 0)
    return;
  double until = now_mono() + f->packet_cost_s;
  while (now_mono() < until)
    continue;
}
