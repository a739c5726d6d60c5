/* zeek-sim: shared types and entry points of every module. */
#ifndef ZEEK_SIM_H
#define ZEEK_SIM_H

#include <stddef.h>
#include <stdint.h>

#define MAX_NODES 256
#define MAX_SCRIPTS 128
#define MAX_REDEFS 256
#define NAME_LEN 128

enum role { ROLE_NONE, ROLE_CONTROL, ROLE_MANAGER, ROLE_LOGGER, ROLE_PROXY, ROLE_WORKER };

struct node {
  char name[NAME_LEN];
  enum role role;
  char ip[64];
  int port;
  int metrics_port;
  char manager[NAME_LEN];
  char iface[NAME_LEN];
};

struct layout {
  struct node nodes[MAX_NODES];
  int n;
  int manager_is_logger;
};

struct redef {
  char key[NAME_LEN];
  char val[256];
};

struct redefs {
  struct redef items[MAX_REDEFS];
  int n;
};

struct opts {
  const char *argv0;
  const char *iface; /* -i value as given, e.g. af_packet::eth0 */
  const char *status_file;
  const char *readfile; /* -r trace */
  int parse_only;
  int bare;
  const char *scripts[MAX_SCRIPTS];
  int nscripts;
  const char *prefixes[MAX_SCRIPTS]; /* -p */
  int nprefixes;
  struct redefs cli; /* Name=value arguments */
};

/* Everything the loaded scripts decided. */
struct config {
  const char *node_name; /* CLUSTER_NODE or NULL */
  struct layout layout;
  int have_layout;
  const struct node *self;
  struct redefs redefs; /* script redefs, then command-line ones */
  int backend_selected;
};

/* Settings derived from redefs after loading. */
struct settings {
  int fanout_id;
  int fanout_mode;
  int enable_fanout;
  int enable_defrag;
  uint64_t buffer_size;
  uint32_t block_size;
  char metrics_address[64];
  int metrics_port;
};

/* util.c */
void die_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void sim_exit(int code) __attribute__((noreturn));
void die_errors(void) __attribute__((noreturn));
int version_at_least(int major, int minor);
const char *sim_version(void);
double now_mono(void);
double now_wall(void);
const char *share_dir(void);
void set_share_dir(const char *argv0);
int env_set(const char *name);

/* status.c */
void status_open(const char *path);
void status_write(const char *state, const char *reason);

/* opts.c */
void opts_parse(struct opts *o, int argc, char **argv);

/* redef.c */
void redef_set(struct redefs *r, const char *key, const char *val);
const char *redef_get(const struct redefs *r, const char *key);
int redef_parse_assignment(const char *text, char *key, size_t klen, char *val, size_t vlen);
void settings_from_redefs(struct settings *s, const struct redefs *r, const struct node *self);

/* scripts.c */
void scripts_load_all(struct config *c, const struct opts *o);
int script_resolve(const char *name, const char *reldir, char *out, size_t outlen);

/* preproc.c */
struct file_text {
  char *data;
  size_t len;
};
int file_read(const char *path, struct file_text *ft);
int syntax_check(const char *path, const struct file_text *ft);
int cond_eval(const char *line, const struct config *c);

/* stmt.c */
void stmt_line(const char *path, int line, const char *text);
void stmt_reset(void);
void stmt_finish(int nparams);

/* layout.c */
int layout_parse_block(const char *path, const char **cursor, int *line, struct layout *l);
const struct node *layout_find(const struct layout *l, const char *name);
const char *role_name(enum role r);

#endif
