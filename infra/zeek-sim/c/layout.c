/* Parser for zeekctl's `redef Cluster::nodes = { ... };` block (cluster-layout.zeek). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static const char *roles[] = {"Cluster::NONE", "Cluster::CONTROL", "Cluster::MANAGER",
                              "Cluster::LOGGER", "Cluster::PROXY", "Cluster::WORKER"};

const char *role_name(enum role r) { return roles[r]; }

const struct node *layout_find(const struct layout *l, const char *name) {
  for (int i = 0; i < l->n; i++)
    if (strcmp(l->nodes[i].name, name) == 0)
      return &l->nodes[i];
  return NULL;
}

struct lp {
  const char *path;
  int line;
};

static int near(const struct lp *p, const char *at) {
  char tok[64];
  size_t n = 0;
  while (at[n] && at[n] != '\n' && at[n] != ',' && at[n] != ' ' && n < sizeof tok - 1)
    n++;
  if (n == 0 && at[0] && at[0] != '\n')
    n = 1;
  memcpy(tok, at, n);
  tok[n] = 0;
  if (strcmp(at, "end of file") == 0)
    snprintf(tok, sizeof tok, "%s", at);
  fprintf(stderr, "error in %s, line %d: syntax error, at or near \"%s\"\n", p->path, p->line,
          tok[0] ? tok : "end of line");
  return -1;
}

static const char *skip_ws(const char *s) {
  while (*s == ' ' || *s == '\t' || *s == '\r')
    s++;
  return s;
}

/* Copy a value up to the next top-level ',' or the record's closing ']'. */
static const char *value_end(const char *s) {
  int in_str = 0, depth = 0;
  for (; *s && *s != '\n'; s++) {
    if (in_str) {
      if (*s == '"')
        in_str = 0;
    } else if (*s == '"') {
      in_str = 1;
    } else if (*s == '[') {
      depth++;
    } else if (*s == ']') {
      if (depth == 0)
        return s;
      depth--;
    } else if (*s == ',' && depth == 0) {
      return s;
    }
  }
  return s;
}

static int set_port(const struct lp *p, const char *v, size_t vn, int *out) {
  char *end;
  long port = strtol(v, &end, 10);
  int proto_ok = (size_t)(end - v) + 4 == vn && (strncmp(end, "/tcp", 4) == 0 || strncmp(end, "/udp", 4) == 0);
  if (end == v || !proto_ok || port < 0 || port > 65535)
    return near(p, v);
  *out = (int)port;
  return 0;
}

static int set_str(const struct lp *p, const char *v, size_t n, char *out, size_t len) {
  if (n < 2 || v[0] != '"' || v[n - 1] != '"' || n - 2 >= len)
    return near(p, v);
  memcpy(out, v + 1, n - 2);
  out[n - 2] = 0;
  return 0;
}

static int set_field(const struct lp *p, struct node *nd, const char *f, const char *v, size_t vn) {
  size_t fl = (size_t)(strchr(f, '=') - f);
  if (fl == 9 && strncmp(f, "node_type", 9) == 0) {
    for (int r = ROLE_CONTROL; r <= ROLE_WORKER; r++)
      if (strlen(roles[r]) == vn && strncmp(v, roles[r], vn) == 0) {
        nd->role = (enum role)r;
        return 0;
      }
    fprintf(stderr, "error in %s, line %d: unknown identifier %.*s, at or near \"%.*s\"\n", p->path, p->line,
            (int)vn, v, (int)vn, v);
    return -1;
  }
  if (fl == 2 && strncmp(f, "ip", 2) == 0) {
    if (vn == 0 || vn >= sizeof nd->ip || !(isxdigit((unsigned char)v[0]) || v[0] == '['))
      return near(p, v);
    size_t off = v[0] == '[' ? 1 : 0;
    memcpy(nd->ip, v + off, vn - 2 * off);
    nd->ip[vn - 2 * off] = 0;
    return 0;
  }
  if (fl == 1 && f[0] == 'p')
    return set_port(p, v, vn, &nd->port);
  if (fl == 12 && strncmp(f, "metrics_port", 12) == 0)
    return set_port(p, v, vn, &nd->metrics_port);
  if (fl == 7 && strncmp(f, "manager", 7) == 0)
    return set_str(p, v, vn, nd->manager, sizeof nd->manager);
  if (fl == 9 && strncmp(f, "interface", 9) == 0)
    return set_str(p, v, vn, nd->iface, sizeof nd->iface);
  return 0;
}

/* One line: ["name"] = [$k=v, ...], */
static int parse_entry(const struct lp *p, const char *s, struct node *nd) {
  memset(nd, 0, sizeof *nd);
  if (s[0] != '[' || s[1] != '"')
    return near(p, s);
  const char *q = strchr(s + 2, '"');
  if (!q || q[1] != ']' || (size_t)(q - s - 2) >= sizeof nd->name)
    return near(p, s);
  memcpy(nd->name, s + 2, (size_t)(q - s - 2));
  s = skip_ws(q + 2);
  if (*s != '=')
    return near(p, s);
  s = skip_ws(s + 1);
  if (*s != '[')
    return near(p, s);
  s = skip_ws(s + 1);
  while (*s == '$') {
    const char *eq = strchr(s, '=');
    if (!eq || eq > value_end(s))
      return near(p, s);
    const char *v = eq + 1, *e = value_end(v);
    if (set_field(p, nd, s + 1, v, (size_t)(e - v)) < 0)
      return -1;
    s = skip_ws(*e == ',' ? e + 1 : e);
  }
  if (*s != ']')
    return near(p, s);
  s = skip_ws(s + 1);
  if (*s == ',')
    s = skip_ws(s + 1);
  if (*s && *s != '\n' && *s != '#')
    return near(p, s);
  if (nd->role == ROLE_NONE || !nd->ip[0])
    return near(p, "]");
  return 0;
}

int layout_parse_block(const char *path, const char **cursor, int *line, struct layout *l) {
  struct lp p = {path, *line};
  const char *s = strchr(*cursor, '{');
  const char *nl = strchr(*cursor, '\n');
  if (!s || (nl && s > nl))
    return near(&p, *cursor);
  l->n = 0;
  for (s = nl; s; s = strchr(s, '\n')) {
    s++;
    p.line++;
    const char *t = skip_ws(s);
    if (*t == '\n' || *t == '#')
      continue;
    if (*t == 0 || *t == '}') {
      if (t[0] != '}' || t[1] != ';')
        return near(&p, *t ? t : "end of file");
      *cursor = t;
      *line = p.line;
      return 0;
    }
    if (l->n == MAX_NODES)
      return near(&p, t);
    if (parse_entry(&p, t, &l->nodes[l->n]) < 0)
      return -1;
    l->n++;
  }
  p.line++;
  return near(&p, "end of file");
}
