/**
 * Hostile values for bus payloads: numbers past every bound (Node's timer limit, safe
 * integers, values JSON turns into Infinity), strings that probe names, paths and shells,
 * and replacements of another JSON type.
 */

/** Numbers as JSON text: some parse to values no schema should take (Infinity, -0, fractions). */
export const HUGE_NUMBERS = [
  "2147483648",
  "3000000000",
  "4294967296",
  "9007199254740992",
  "9007199254740993",
  "123456789012345678901234567890",
  "1e21",
  "1e308",
  "1e400",
  "-1e400",
  "-1",
  "-2147483649",
  "0.5",
  "-0",
  "1e-7",
];

/** Suffixes that make a string hostile: separators, wildcards, paths, shells, control and odd unicode. */
export const HOSTILE_SUFFIXES = [
  "\u0000",
  ".",
  " x",
  "*",
  ">",
  "/../../etc/passwd",
  "$(reboot)",
  "`id`",
  "; rm -rf /",
  "\n[worker-9]\ntype=worker",
  "\u202E",
  "\uD800",
  "\u001B[2J",
  "😀",
  "é",
  "%s%n",
  "\\",
  '"',
];

/** Lengths of huge strings: past a node name, a text, an argv string. */
export const HUGE_LENGTHS = [300, 5000, 70_000, 200_000];

/** Replacement values of each JSON type. */
export const OTHER_TYPES: unknown[] = [null, true, false, 0, -1, "", "x", [], [1, 2], {}, { a: 1 }];

/** The JSON type of a value. */
export function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

/** Bodies that are not JSON, or not the JSON a request is. */
export const RAW_BODIES = [
  "",
  " ",
  "null",
  "[]",
  "0",
  '"string"',
  "{",
  "}",
  "{'single': 'quotes'}",
  '{"a":NaN}',
  '{"a":undefined}',
  "\uFEFF{}",
  "{}garbage",
  '{"__proto__":{"polluted":true}}',
];
