/* Command-line parsing with zeek's flags, messages and exit codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static void usage(const char *argv0) {
  printf("usage: %s [options] [file ...]\n", argv0);
  printf("    <file>                          | Zeek script file, or read stdin\n");
  printf("    -a|--parse-only                 | exit immediately after parsing scripts\n");
  printf("    -b|--bare-mode                  | don't load scripts from the base/ directory\n");
  printf("    -C|--no-checksums               | ignore checksums\n");
  printf("    -i|--iface <interface>          | read from given interface\n");
  printf("    -r|--readfile <readfile>        | read from given tcpdump file (classic pcap)\n");
  printf("    -N|--print-plugins              | print available plugins and exit\n");
  printf("    -p|--prefix <prefix>            | add given prefix to Zeek script file resolution\n");
  printf("    -U|--status-file <file>         | Record process status in file\n");
  printf("    -v|--version                    | print version and exit\n");
  printf("    -h|--help                       | command line help\n");
  printf("    <var>=<value>                   | redef a variable from the command line\n");
  printf("(zeek-sim: a test stand-in for zeek, not zeek)\n");
}

static void unrecognized(const char *argv0, const char *opt) {
  fprintf(stderr, "ERROR: Unrecognized option %s\n", opt);
  fprintf(stderr, "Try '%s --help' for more information.\n", argv0);
  sim_exit(1);
}

static void print_plugins(int detailed) {
  printf("Zeek::AF_Packet - Packet acquisition via AF_Packet (dynamic, version 4.0.0)\n");
  if (detailed)
    printf("    [Packet Source] AF_PacketReader (interface prefix \"af_packet\"; supports live input)\n\n");
  printf("Zeek::Cluster_Backend_ZeroMQ - Cluster backend using ZeroMQ (built-in)\n");
  if (detailed)
    printf("    [Cluster Backend] ZeroMQ\n\n");
}

static const char *long_to_short(const char *a) {
  static const char *map[][2] = {
      {"--iface", "-i"},      {"--readfile", "-r"},   {"--status-file", "-U"},  {"--prefix", "-p"},  {"--parse-only", "-a"},
      {"--bare-mode", "-b"},  {"--no-checksums", "-C"}, {"--version", "-v"}, {"--print-plugins", "-N"},
      {"--help", "-h"},       {"--writefile", "-w"},    {"--exec", "-e"},    {"--filter", "-f"},
      {"--watchdog", "-W"},   {"--deterministic", "-D"},
  };
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strcmp(a, map[i][0]) == 0)
      return map[i][1];
  return NULL;
}

static void add_positional(struct opts *o, const char *a) {
  const char *eq = strchr(a, '=');
  if (eq && eq != a) {
    char key[NAME_LEN];
    size_t kl = (size_t)(eq - a);
    if (kl > 0 && a[kl - 1] == '+')
      kl--;
    if (kl >= sizeof key)
      kl = sizeof key - 1;
    memcpy(key, a, kl);
    key[kl] = 0;
    redef_set(&o->cli, key, eq + 1);
    return;
  }
  if (strstr(a, "::") && !strchr(a, '/'))
    return; /* plugin activation, e.g. Zeek::AF_Packet */
  if (o->nscripts < MAX_SCRIPTS)
    o->scripts[o->nscripts++] = a;
}

/* Returns 1 if the flag consumed the next argument. */
static int flag(struct opts *o, char f, const char *arg, const char *shown, int *plugins) {
  switch (f) {
  case 'i': o->iface = arg; return 1;
  case 'r': o->readfile = arg; return 1;
  case 'U': o->status_file = arg; return 1;
  case 'p':
    if (o->nprefixes < MAX_SCRIPTS)
      o->prefixes[o->nprefixes++] = arg;
    return 1;
  case 'w': case 'e': case 'f': case 's': return 1;
  case 'a': o->parse_only = 1; return 0;
  case 'b': o->bare = 1; return 0;
  case 'C': case 'W': case 'D': case 'Q': return 0;
  case 'N': (*plugins)++; return 0;
  case 'v': printf("zeek version %s\n", sim_version()); sim_exit(0);
  case 'h': usage(o->argv0); sim_exit(0);
  default: unrecognized(o->argv0, shown);
  }
  return 0;
}

void opts_parse(struct opts *o, int argc, char **argv) {
  memset(o, 0, sizeof *o);
  o->argv0 = argv[0];
  int plugins = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] != '-' || a[1] == 0) {
      add_positional(o, a);
      continue;
    }
    if (a[1] == '-') {
      if (strcmp(a, "--no-unused-warnings") == 0)
        continue;
      char name[64];
      const char *eq = strchr(a, '=');
      snprintf(name, sizeof name, "%.*s", (int)(eq ? eq - a : (long)strlen(a)), a);
      const char *s = long_to_short(name);
      if (!s)
        unrecognized(o->argv0, name);
      const char *arg = eq ? eq + 1 : i + 1 < argc ? argv[i + 1] : NULL;
      if (flag(o, s[1], arg, name, &plugins) && !eq) {
        if (i + 1 >= argc)
          unrecognized(o->argv0, name);
        i++;
      }
      continue;
    }
    for (const char *p = a + 1; *p; p++) {
      char shown[3] = {'-', *p, 0};
      const char *rest = p[1] ? p + 1 : (i + 1 < argc ? argv[i + 1] : NULL);
      if (strchr("irUpwefs", *p) && !rest)
        unrecognized(o->argv0, shown);
      if (flag(o, *p, rest, shown, &plugins)) {
        if (!p[1])
          i++;
        break;
      }
    }
  }
  if (plugins) {
    print_plugins(plugins > 1);
    sim_exit(0);
  }
}
