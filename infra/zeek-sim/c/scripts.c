/* Script loading: ZEEKPATH resolution, @load recursion, @if blocks, redef collection and checks. */
#define _GNU_SOURCE
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim.h"

#define MAX_LOADED 1024

static char *loaded[MAX_LOADED];
static int nloaded;

static int is_file(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int try_candidates(const char *base, char *out, size_t len) {
  static const char *suffix[] = {"", ".zeek", "/__load__.zeek"};
  for (int i = 0; i < 3; i++) {
    char cand[PATH_MAX + 32];
    snprintf(cand, sizeof cand, "%s%s", base, suffix[i]);
    if (is_file(cand) && realpath(cand, out) && strlen(out) < len)
      return 0;
  }
  return -1;
}

/* Resolve like zeek: as given, relative to reldir (the loading file's dir), then each ZEEKPATH dir. */
int script_resolve(const char *name, const char *reldir, char *out, size_t len) {
  char base[PATH_MAX + NAME_LEN];
  if (name[0] == '/')
    return try_candidates(name, out, len);
  if (reldir) {
    snprintf(base, sizeof base, "%s/%s", reldir, name);
    if (try_candidates(base, out, len) == 0)
      return 0;
  } else if (is_file(name) && realpath(name, out)) {
    return 0;
  }
  const char *zp = getenv("ZEEKPATH");
  char deflt[PATH_MAX * 4];
  if (!zp) {
    const char *s = share_dir();
    snprintf(deflt, sizeof deflt, ".:%s:%s/policy:%s/site:%s/builtin-plugins", s, s, s, s);
    zp = deflt;
  }
  const char *p = zp;
  while (*p) {
    const char *e = strchr(p, ':');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (n > 0 && n < PATH_MAX) {
      snprintf(base, sizeof base, "%.*s/%s", (int)n, p, name);
      if (try_candidates(base, out, len) == 0)
        return 0;
    }
    p += n + (e ? 1 : 0);
  }
  return -1;
}

static int already_loaded(const char *path) {
  for (int i = 0; i < nloaded; i++)
    if (strcmp(loaded[i], path) == 0)
      return 1;
  if (nloaded < MAX_LOADED)
    loaded[nloaded++] = strdup(path);
  return 0;
}

static void load_file(struct config *c, const char *path);

static const struct opts *cur_opts;

/* -p P: after loading X, also load P.X when it exists on ZEEKPATH. */
static void load_prefixed(struct config *c, const char *name) {
  if (!cur_opts || name[0] == '/' || name[0] == '.')
    return;
  for (int i = 0; i < cur_opts->nprefixes; i++) {
    char pname[PATH_MAX], path[PATH_MAX];
    snprintf(pname, sizeof pname, "%s.%s", cur_opts->prefixes[i], name);
    if (script_resolve(pname, NULL, path, sizeof path) == 0)
      load_file(c, path);
  }
}

static void load_name(struct config *c, const char *name, const char *from, int line, const char *reldir) {
  char path[PATH_MAX];
  if (script_resolve(name, reldir, path, sizeof path) < 0)
    die_fatal("fatal error in %s, line %d: can't find %s", from, line, name);
  load_file(c, path);
  load_prefixed(c, name);
}

static const char *directive_arg(const char *s, size_t skip) {
  s += skip;
  while (*s == ' ' || *s == '\t')
    s++;
  return s;
}

struct cond_stack {
  int active[64];
  int taken[64];
  int depth;
};

static int is_active(const struct cond_stack *cs) {
  for (int i = 0; i < cs->depth; i++)
    if (!cs->active[i])
      return 0;
  return 1;
}

static void directive(struct config *c, struct cond_stack *cs, const char *t, const char *path, int line,
                      const char *dir) {
  char arg[PATH_MAX];
  if (strncmp(t, "@ifdef", 6) == 0 || strncmp(t, "@ifndef", 7) == 0 || strncmp(t, "@if", 3) == 0) {
    int v = strncmp(t, "@ifndef", 7) == 0 ? 0 : strncmp(t, "@ifdef", 6) == 0 ? 1 : cond_eval(t, c);
    if (cs->depth == 64)
      die_fatal("error in %s, line %d: @if nested too deeply", path, line);
    cs->active[cs->depth] = v;
    cs->taken[cs->depth++] = v;
  } else if (strncmp(t, "@else", 5) == 0 && cs->depth > 0) {
    cs->active[cs->depth - 1] = !cs->taken[cs->depth - 1];
  } else if (strncmp(t, "@endif", 6) == 0) {
    if (cs->depth == 0)
      die_fatal("error in %s, line %d: syntax error, at or near \"@endif\"", path, line);
    cs->depth--;
  } else if (is_active(cs) && strncmp(t, "@load ", 6) == 0) {
    const char *a = directive_arg(t, 6);
    size_t n = strcspn(a, " \t\r\n#");
    snprintf(arg, sizeof arg, "%.*s", (int)n, a);
    load_name(c, arg, path, line, dir);
  }
}

static void statement(struct config *c, const char *t, const char **cursor, int *line, const char *path) {
  char key[NAME_LEN], val[256];
  if (strncmp(t, "redef Cluster::nodes", 20) == 0) {
    if (layout_parse_block(path, cursor, line, &c->layout) < 0)
      die_errors();
    stmt_reset();
    c->have_layout = 1;
    if (c->node_name)
      c->self = layout_find(&c->layout, c->node_name);
    return;
  }
  if (strncmp(t, "redef ", 6) != 0)
    return;
  size_t n = strcspn(t, "\n");
  char stmt[512];
  snprintf(stmt, sizeof stmt, "%.*s", (int)(n - 6 < sizeof stmt ? n - 6 : sizeof stmt - 1), t + 6);
  if (redef_parse_assignment(stmt, key, sizeof key, val, sizeof val) == 0) {
    redef_set(&c->redefs, key, val);
    if (strcmp(key, "Cluster::backend") == 0)
      c->backend_selected = strcmp(val, "Cluster::CLUSTER_BACKEND_NONE") != 0;
    if (strcmp(key, "Cluster::manager_is_logger") == 0)
      c->layout.manager_is_logger = strcmp(val, "T") == 0;
  }
}

static void load_file(struct config *c, const char *path) {
  if (already_loaded(path))
    return;
  struct file_text ft;
  if (file_read(path, &ft) < 0)
    die_fatal("fatal error: can't open %s", path);
  if (syntax_check(path, &ft) < 0)
    die_errors();
  char dirbuf[PATH_MAX];
  snprintf(dirbuf, sizeof dirbuf, "%s", path);
  const char *dir = dirname(dirbuf);
  struct cond_stack cs = {.depth = 0};
  int line = 1;
  for (const char *s = ft.data; s && *s; line++) {
    const char *t = s;
    while (*t == ' ' || *t == '\t')
      t++;
    if (*t == '@')
      directive(c, &cs, t, path, line, dir);
    else if (is_active(&cs)) {
      stmt_line(path, line, t);
      statement(c, t, &s, &line, path);
    }
    s = strchr(s, '\n');
    if (s)
      s++;
  }
  free(ft.data);
}

static void load_optional(struct config *c, const char *name) {
  char path[PATH_MAX];
  if (script_resolve(name, NULL, path, sizeof path) == 0)
    load_file(c, path);
}

void scripts_load_all(struct config *c, const struct opts *o) {
  cur_opts = o;
  c->backend_selected = !version_at_least(8, 1);
  int cluster = c->node_name && !o->bare;
  if (cluster) {
    char from[PATH_MAX + 64];
    snprintf(from, sizeof from, "%s/base/frameworks/cluster/__load__.zeek", share_dir());
    load_name(c, "cluster-layout", from, 36, NULL);
  }
  for (int i = 0; i < o->nscripts; i++)
    load_name(c, o->scripts[i], "<command line>", 3, NULL);
  load_optional(c, "local-networks");
  load_optional(c, "zeekctl-config");
  if (!c->node_name)
    load_optional(c, "standalone-layout");
  stmt_finish(o->cli.n);
  for (int i = 0; i < o->cli.n; i++)
    redef_set(&c->redefs, o->cli.items[i].key, o->cli.items[i].val);
}
