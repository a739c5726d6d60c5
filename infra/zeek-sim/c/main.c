/* zeek-sim entry point: parse argv and scripts, validate like zeek, then run the node. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

static void validate_cluster(const struct config *c, const struct opts *o) {
  if (!c->node_name || o->bare)
    return;
  if (!c->self) {
    fprintf(stderr,
            "error in %s/base/frameworks/cluster/main.zeek, line 421: '%s' is not a valid node in the "
            "Cluster::nodes configuration\n",
            share_dir(), c->node_name);
    die_fatal("fatal error: errors occurred while initializing");
  }
  if (!c->backend_selected)
    die_fatal("fatal error in %s/base/frameworks/cluster/main.zeek, line 426: Cluster::node set to '%s', but "
              "Cluster::backend is Cluster::CLUSTER_BACKEND_NONE - please select a cluster backend to use.",
              share_dir(), c->node_name);
}

/* "af_packet::eth0" → "eth0"; a bare name is taken as is. */
const char *iface_name(const char *given) {
  const char *sep = strstr(given, "::");
  if (!sep)
    return given;
  if (strncmp(given, "af_packet::", 11) != 0)
    die_fatal("fatal error: Failed to open packet source: no packet source for prefix '%.*s'",
              (int)(sep - given), given);
  return sep + 2;
}

int main(int argc, char **argv) {
  setvbuf(stderr, NULL, _IONBF, 0);
  set_share_dir(argv[0]);
  static struct opts o;
  opts_parse(&o, argc, argv);
  status_open(o.status_file);
  status_write("INITIALIZING", "main");
  if (!o.parse_only)
    run_prepare();
  static struct config c;
  const char *node = getenv("CLUSTER_NODE");
  if (!(node && *node))
    node = redef_get(&o.cli, "Cluster::node");
  c.node_name = node && *node ? node : NULL;
  if (c.node_name)
    g_node_label = c.node_name;
  scripts_load_all(&c, &o);
  validate_cluster(&c, &o);
  static struct settings s;
  settings_from_redefs(&s, &c.redefs, c.self);
  if (o.iface)
    iface_name(o.iface);
  if (!o.parse_only)
    run_node(&c, &o, &s);
  status_write("TERMINATED", "atexit");
  sim_exit(0);
}
