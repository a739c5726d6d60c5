/*
 * Top-level `redef` statements must end with `;` (Zeek's grammar: TOK_REDEF global_id ... ';').
 * Tokens are followed as Zeek's lexer hands them to the parser: across @if blocks (inactive
 * lines are never seen) and from one loaded file into the next. A statement or declaration
 * keyword at bracket depth 0 before the `;` is Zeek's syntax error at that keyword.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "sim.h"

static struct {
  int pending;             /* inside a redef, before its ';' */
  int depth;               /* ( [ { nesting inside it */
  int operand;             /* the last token ends an operand (a '/' after it divides) */
  char tok_file[PATH_MAX]; /* file of the last token */
  int tok_line;
} st;

static const char *const stops[] = {"redef", "event", "global", "const",  "option", "type",   "module",
                                    "export", "hook",  "print",  "local",  "if",     "for",    "while",
                                    "when",   "return", "add",   "delete", "switch", "break",  "next",
                                    NULL};

static int is_stop(const char *tok, size_t n) {
  for (int i = 0; stops[i]; i++)
    if (strlen(stops[i]) == n && strncmp(stops[i], tok, n) == 0)
      return 1;
  return 0;
}

static void syntax_error(const char *path, int line, const char *tok, size_t n) {
  if (strcmp(st.tok_file, path) != 0)
    fprintf(stderr, "error in %s, line %d: syntax error, at or near \"%.*s\" or end of file %s\n", path, line,
            (int)n, tok, st.tok_file);
  else
    fprintf(stderr, "error in %s, line %d: syntax error, at or near \"%.*s\"\n", path, line, (int)n, tok);
  die_errors();
}

static void token(const char *path, int line, const char *tok, size_t n, int operand) {
  if (!st.pending) {
    if (n == 5 && strncmp(tok, "redef", 5) == 0) {
      st.pending = 1;
      st.depth = 0;
    }
  } else if (st.depth == 0 && is_stop(tok, n)) {
    syntax_error(path, line, tok, n);
  } else if (n == 1 && strchr("([{", *tok)) {
    st.depth++;
  } else if (n == 1 && strchr(")]}", *tok) && st.depth > 0) {
    st.depth--;
  } else if (n == 1 && *tok == ';' && st.depth == 0) {
    st.pending = 0;
  }
  st.operand = operand;
  snprintf(st.tok_file, sizeof st.tok_file, "%s", path);
  st.tok_line = line;
}

static int word_char(char ch) { return isalnum((unsigned char)ch) || ch == '_' || ch == ':' || ch == '.'; }

/* Skips a quoted string or a /regex/ starting at s; returns the character after it. */
static const char *skip_quoted(const char *s, char quote) {
  for (s++; *s && *s != '\n' && *s != quote; s++)
    if (*s == '\\' && s[1] && s[1] != '\n')
      s++;
  return *s == quote ? s + 1 : s;
}

void stmt_line(const char *path, int line, const char *s) {
  while (*s && *s != '\n') {
    const char *b = s;
    int operand = 1;
    if (isspace((unsigned char)*s)) {
      s++;
      continue;
    }
    if (*s == '#')
      return;
    if (*s == '"' || (*s == '/' && st.pending && !st.operand)) {
      s = skip_quoted(s, *s);
    } else if (word_char(*s) || ((*s == '&' || *s == '$' || *s == '@') && word_char(s[1]))) {
      for (s++; word_char(*s); s++)
        ;
    } else {
      operand = *s == ')' || *s == ']' || *s == '}';
      s++;
    }
    token(path, line, b, (size_t)(s - b), operand);
  }
}

void stmt_reset(void) { st.pending = 0; }

void stmt_finish(int nparams) {
  if (!st.pending)
    return;
  if (nparams > 0)
    fprintf(stderr, "error in <params>, line 1: syntax error, at or near \"redef\" or end of file %s\n",
            st.tok_file);
  else
    fprintf(stderr, "error in %s, line %d: syntax error, at end of file %s\n", st.tok_file, st.tok_line,
            st.tok_file);
  die_errors();
}
