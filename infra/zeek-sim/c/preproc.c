/* Script text: reading, a cheap bracket-balance syntax check, and @if condition evaluation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

int file_read(const char *path, struct file_text *ft) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  size_t n;
  while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len < 2) {
      cap *= 2;
      buf = realloc(buf, cap);
    }
  }
  fclose(f);
  if (!buf)
    return -1;
  buf[len] = 0;
  ft->data = buf;
  ft->len = len;
  return 0;
}

static int syntax_error(const char *path, int line, char near) {
  fprintf(stderr, "error in %s, line %d: syntax error, at or near \"%c\"\n", path, line, near);
  return -1;
}

/* Balanced {} and () outside strings and comments. Returns 0 when balanced. */
int syntax_check(const char *path, const struct file_text *ft) {
  char stack[512];
  int lines[512];
  int depth = 0, line = 1, in_str = 0, in_comment = 0;
  for (size_t i = 0; i < ft->len; i++) {
    char ch = ft->data[i];
    if (ch == '\n') {
      line++;
      in_comment = 0;
      continue;
    }
    if (in_comment)
      continue;
    if (in_str) {
      if (ch == '\\')
        i++;
      else if (ch == '"')
        in_str = 0;
      continue;
    }
    if (ch == '"') {
      in_str = 1;
    } else if (ch == '#') {
      in_comment = 1;
    } else if (ch == '{' || ch == '(') {
      if (depth == (int)sizeof stack)
        return syntax_error(path, line, ch);
      lines[depth] = line;
      stack[depth++] = ch;
    } else if (ch == '}' || ch == ')') {
      char want = ch == '}' ? '{' : '(';
      if (depth == 0 || stack[depth - 1] != want)
        return syntax_error(path, line, ch);
      depth--;
    }
  }
  if (depth > 0)
    return syntax_error(path, lines[depth - 1], stack[depth - 1]);
  return 0;
}

static int quoted_after(const char *s, char *out, size_t len) {
  const char *q = strchr(s, '"');
  if (!q)
    return -1;
  const char *e = strchr(q + 1, '"');
  if (!e || (size_t)(e - q - 1) >= len)
    return -1;
  memcpy(out, q + 1, (size_t)(e - q - 1));
  out[e - q - 1] = 0;
  return 0;
}

static const char *self_role(const struct config *c) {
  return c->self ? role_name(c->self->role) : "Cluster::NONE";
}

/* Conditions zeekctl renders; anything else counts as true. */
int cond_eval(const char *line, const struct config *c) {
  char arg[NAME_LEN];
  int negate = strstr(line, "!=") != NULL;
  int result = 1;
  if (strstr(line, "peer_description") && quoted_after(line, arg, sizeof arg) == 0) {
    const char *me = c->node_name ? c->node_name : "zeek";
    result = strcmp(me, arg) == 0;
  } else if (strstr(line, "Cluster::local_node_type()")) {
    const char *eq = strstr(line, "==");
    const char *ne = strstr(line, "!=");
    const char *rhs = eq ? eq + 2 : ne ? ne + 2 : "";
    while (*rhs == ' ')
      rhs++;
    const char *role = self_role(c);
    result = strncmp(rhs, role, strlen(role)) == 0;
  } else if (strstr(line, "getenv(") && quoted_after(line, arg, sizeof arg) == 0) {
    const char *v = getenv(arg);
    result = !(v && *v);
  } else if (strstr(line, "|Telemetry::metrics_address|")) {
    const char *v = redef_get(&c->redefs, "Telemetry::metrics_address");
    const char *env = getenv("ZEEK_DEFAULT_LISTEN_ADDRESS");
    result = !(v && *v) && !(env && *env);
  } else {
    return 1;
  }
  return negate ? !result : result;
}
