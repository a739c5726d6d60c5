/**
 * Mutations of configuration text: byte flips, line drops and duplicates, hostile snippets
 * (huge counts, ports out of range, interpolation loops), huge numbers and strings, unicode,
 * line-ending changes, truncation, crossover with other seeds and, for YAML, deep nesting,
 * alias bombs and tags. Each call applies 1–4 of them and returns their names.
 */
import type { Rng } from "../rng.js";
import {
  CFG_SNIPPETS,
  HUGE_NUMBERS,
  NETWORK_SNIPPETS,
  NODE_SNIPPETS,
  UNICODE,
  YAML_SNIPPETS,
} from "./hostile.js";

/** Which file a text is: picks the snippets that mean something there. */
export type TextKind = "zeekctl.cfg" | "node.cfg" | "networks.cfg" | "yaml";

type Op = (text: string, rng: Rng, kind: TextKind, donor: string) => string;

const at = (text: string, rng: Rng) => rng.int(text.length + 1);
const insert = (text: string, pos: number, what: string) => text.slice(0, pos) + what + text.slice(pos);

function lines(text: string, rng: Rng, edit: (ls: string[], i: number) => void): string {
  const ls = text.split("\n");
  edit(ls, rng.int(ls.length));
  return ls.join("\n");
}

/** The start of a random line, so an inserted snippet forms lines of its own. */
function lineStart(text: string, rng: Rng): number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return rng.pick(starts);
}

function snippetsOf(kind: TextKind): readonly string[] {
  if (kind === "node.cfg") return NODE_SNIPPETS;
  if (kind === "zeekctl.cfg") return CFG_SNIPPETS;
  if (kind === "networks.cfg") return NETWORK_SNIPPETS;
  return YAML_SNIPPETS;
}

function deepYaml(rng: Rng): string {
  const depth = rng.pick([100, 1000, 10_000, 50_000]);
  return rng.chance(0.5)
    ? `${"[".repeat(depth)}1${"]".repeat(depth)}`
    : `${"{a: ".repeat(depth)}1${"}".repeat(depth)}`;
}

function aliasBomb(rng: Rng): string {
  const levels = 3 + rng.int(8);
  const out = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < levels; i++)
    out.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(", ")}]`,
    );
  return `${out.join("\n")}\n`;
}

/** Largest text a mutation may produce (characters); a bigger result is dropped. */
export const MAX_TEXT = 2_000_000;

const OPS: Record<string, Op> = {
  flip: (t, r) => {
    const p = r.int(Math.max(1, t.length));
    return t.slice(0, p) + String.fromCharCode(r.int(256)) + t.slice(p + 1);
  },
  delete: (t, r) => {
    const p = at(t, r);
    return t.slice(0, p) + t.slice(p + 1 + r.int(16));
  },
  dropLine: (t, r) => lines(t, r, (ls, i) => ls.splice(i, 1)),
  dupLine: (t, r) => lines(t, r, (ls, i) => ls.splice(i, 0, ...Array(r.pick([1, 2, 50])).fill(ls[i] ?? ""))),
  swapLines: (t, r) =>
    lines(t, r, (ls, i) => {
      const j = r.int(ls.length);
      [ls[i], ls[j]] = [ls[j] ?? "", ls[i] ?? ""];
    }),
  snippet: (t, r, k) => insert(t, lineStart(t, r), `${r.pick(snippetsOf(k))}\n`),
  hugeNumber: (t, r) => {
    const runs = [...t.matchAll(/-?[0-9]+/g)];
    if (runs.length === 0) return insert(t, at(t, r), r.pick(HUGE_NUMBERS));
    const m = r.pick(runs);
    return t.slice(0, m.index) + r.pick(HUGE_NUMBERS) + t.slice(m.index + m[0].length);
  },
  hugeString: (t, r) =>
    insert(t, at(t, r), r.pick(["A", "x.", "é", "\\", "%", "$"]).repeat(r.pick([300, 10_000, 200_000]))),
  unicode: (t, r) => insert(t, at(t, r), r.pick(UNICODE)),
  lineEndings: (t, r) => t.replaceAll("\n", r.pick(["\r\n", "\r", "\u2028", "\n\n", "\n\t"])),
  truncate: (t, r) => t.slice(0, at(t, r)),
  crossover: (t, r, _k, donor) => {
    const p = at(t, r);
    const q = r.int(donor.length + 1);
    return t.slice(0, p) + donor.slice(q, q + 1 + r.int(200)) + t.slice(p);
  },
  manyLines: (t, r, k) => {
    const line = `${r.pick(snippetsOf(k)).split("\n")[0] ?? ""}\n`;
    const times = Math.min(r.pick([1000, 20_000]), Math.floor((MAX_TEXT - t.length) / line.length));
    return insert(t, lineStart(t, r), line.repeat(Math.max(0, times)));
  },
  deepYaml: (t, r, k) => (k === "yaml" ? `${t}\nextra: ${deepYaml(r)}\n` : insert(t, at(t, r), deepYaml(r))),
  aliasBomb: (t, r, k) => (k === "yaml" ? `${aliasBomb(r)}${t}` : t),
};

/** Mutations that make big inputs (slow to parse) are drawn a quarter as often as the others. */
const HEAVY = new Set(["hugeString", "manyLines", "deepYaml", "aliasBomb"]);
const NAMES = Object.keys(OPS).flatMap((n) => (HEAVY.has(n) ? [n] : [n, n, n, n]));

/** Applies 1–4 random mutations; `donor` is another seed's text for crossover. */
export function mutateText(
  text: string,
  rng: Rng,
  kind: TextKind,
  donor: string,
): { text: string; ops: string[] } {
  let out = text;
  const ops: string[] = [];
  const steps = 1 + rng.int(4);
  for (let s = 0; s < steps; s++) {
    const name = rng.pick(NAMES);
    const result = OPS[name]!(out, rng, kind, donor);
    if (result.length > MAX_TEXT) continue;
    out = result;
    ops.push(name);
  }
  return { text: out, ops };
}
