/**
 * Mutations of a request envelope: a wrong type, a missing field, an unknown field, a huge
 * number, a huge or hostile string, deep nesting, a huge array, an oversized message or a wrong
 * envelope. Values that JSON.stringify cannot make (Infinity, very deep nesting) are kept as
 * placeholders and put into the text by {@link render}.
 */
import { MESSAGES } from "@zeekbus/contracts";
import type { Rng } from "../rng.js";
import { HOSTILE_SUFFIXES, HUGE_LENGTHS, HUGE_NUMBERS, jsonType, OTHER_TYPES } from "./hostile.js";

export type Json = unknown;
type Path = (string | number)[];

const RAW = (i: number) => `@@raw${i}@@`;

function paths(value: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) out.push(...paths(v, [...at, i]));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

function get(root: Json, path: Path): Json {
  return path.reduce<Json>((v, k) => (v as Record<string | number, Json>)?.[k], root);
}

/** Sets the value at `path` (also a key such as `__proto__`); false when its parent is no container. */
function set(root: Record<string, Json>, path: Path, value: Json): boolean {
  const parent = get(root, path.slice(0, -1));
  if (!parent || typeof parent !== "object") return false;
  Object.defineProperty(parent, path[path.length - 1]!, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return true;
}

/** Deep nesting as JSON text (too deep for JSON.stringify to build). */
function nested(depth: number, rng: Rng): string {
  return rng.chance(0.5)
    ? `${"[".repeat(depth)}1${"]".repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

export function restore(env: Record<string, Json>, saved: Record<string, Json>): void {
  for (const k of Object.keys(env)) delete env[k];
  for (const [k, v] of Object.entries(saved))
    Object.defineProperty(env, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/**
 * The body, or undefined when it would exceed `maxBytes` or cannot be written as JSON (elements
 * of a huge array share one object, so a later mutation inside one of them can close a cycle).
 */
export function renderUpTo(env: Record<string, Json>, raws: string[], maxBytes: number): string | undefined {
  try {
    const text = render(env, raws);
    return Buffer.byteLength(text) <= maxBytes ? text : undefined;
  } catch (err) {
    if (err instanceof RangeError || (err instanceof TypeError && /circular/i.test(err.message)))
      return undefined;
    throw err;
  }
}

export function render(env: Record<string, Json>, raws: string[]): string {
  return JSON.stringify(env).replace(/"@@raw(\d+)@@"/g, (_m, i: string) => raws[Number(i)]!);
}

/** The mutable parts of a request: the envelope's fields and everything under `data`. */
function dataPaths(env: Record<string, Json>): Path[] {
  return paths(env.data, ["data"]);
}

export type Mutator = (
  env: Record<string, Json>,
  rng: Rng,
  raws: string[],
  maxBytes: number,
) => string | undefined;

function pickPath(env: Record<string, Json>, rng: Rng, want?: (v: Json) => boolean): Path | undefined {
  const all = dataPaths(env).filter((p) => !want || want(get(env, p)));
  return all.length > 0 ? rng.pick(all) : undefined;
}

const label = (kind: string, p: Path) => `${kind}@${p.join(".")}`;

export const MUTATORS: Record<string, Mutator> = {
  "wrong-type": (env, rng) => {
    const p = pickPath(env, rng)!;
    const was = jsonType(get(env, p));
    set(env, p, rng.pick(OTHER_TYPES.filter((v) => jsonType(v) !== was)));
    return label("wrong-type", p);
  },
  "missing-field": (env, rng) => {
    const p = pickPath(
      env,
      rng,
      (v) => !!v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0,
    );
    if (!p) return undefined;
    const obj = get(env, p) as Record<string, Json>;
    const key = rng.pick(Object.keys(obj));
    delete obj[key];
    return label("missing-field", [...p, key]);
  },
  "extra-field": (env, rng) => {
    const p = pickPath(env, rng, (v) => !!v && typeof v === "object" && !Array.isArray(v)) ?? [];
    const key = rng.pick(["__proto__", "constructor", "prototype", "x", "", "toString", "data"]);
    set(env, [...p, key], rng.pick([{ polluted: true }, 1, "x", null]));
    return label("extra-field", [...p, key]);
  },
  "huge-number": (env, rng, raws) => {
    const p = pickPath(env, rng, (v) => typeof v === "number") ?? pickPath(env, rng)!;
    raws.push(rng.pick(HUGE_NUMBERS));
    set(env, p, RAW(raws.length - 1));
    return label("huge-number", p);
  },
  "huge-string": (env, rng) => {
    const p = pickPath(env, rng, (v) => typeof v === "string") ?? pickPath(env, rng)!;
    const was = get(env, p);
    set(env, p, `${typeof was === "string" ? was : ""}${"x".repeat(rng.pick(HUGE_LENGTHS))}`);
    return label("huge-string", p);
  },
  "hostile-string": (env, rng) => {
    const p = pickPath(env, rng, (v) => typeof v === "string") ?? pickPath(env, rng)!;
    const was = get(env, p);
    set(env, p, `${typeof was === "string" ? was : ""}${rng.pick(HOSTILE_SUFFIXES)}`);
    return label("hostile-string", p);
  },
  "deep-nesting": (env, rng, raws) => {
    const p = pickPath(env, rng)!;
    raws.push(nested(rng.pick([33, 100, 1000, 10_000, 100_000]), rng));
    set(env, p, RAW(raws.length - 1));
    return label("deep-nesting", p);
  },
  "huge-array": (env, rng, raws, maxBytes) => {
    const p = pickPath(env, rng, (v) => Array.isArray(v) && v.length > 0);
    if (!p) return undefined;
    const item = (get(env, p) as Json[])[0];
    const size = render({ item }, raws).length;
    const n = Math.min(rng.pick([1000, 10_000, 100_000]), Math.floor(maxBytes / 2 / size));
    set(env, p, Array(n).fill(item));
    return label("huge-array", p);
  },
  oversized: (env, _rng, raws, maxBytes) => {
    const room = maxBytes - Buffer.byteLength(render(env, raws)) - 1024;
    if (room <= 0) return undefined;
    const at = set(env, ["data", "padding"], "p".repeat(room)) ? ["data", "padding"] : ["padding"];
    if (at.length === 1) set(env, at, "p".repeat(room));
    return label("oversized", at);
  },
  "wrong-envelope": (env, rng) => {
    const field = rng.pick(["type", "id", "ts", "cluster", "data", "extra"]);
    const other = rng.pick(MESSAGES).type;
    const values: Record<string, Json[]> = {
      type: [undefined, other, `${env.type}x`, 1, ""],
      id: [undefined, "", "i".repeat(300), 123],
      ts: [undefined, "yesterday", 0, "2024-13-45T99:99:99Z"],
      cluster: [undefined, "other-cluster", "a.b", ">", "", "c".repeat(300)],
      data: [undefined, null, [], "data"],
      extra: [1],
    };
    const v = rng.pick(values[field]!);
    if (v === undefined) delete env[field];
    else set(env, [field], v);
    return `wrong-envelope@${field}=${JSON.stringify(v)?.slice(0, 40) ?? "missing"}`;
  },
};

/** Mutator names, to draw from. */
export const NAMES = Object.keys(MUTATORS);

/**
 * Mutations that only change a value (a number, a string, an array's length, an added key):
 * when the contract still accepts the result, the harmless base stays harmless. Any other
 * mutation (a changed type, a removed field, nesting) that leaves a valid request is undone:
 * `data: {}` for a stop is a stop of every node.
 */
export const VALUE_ONLY = new Set([
  "huge-number",
  "huge-string",
  "hostile-string",
  "huge-array",
  "extra-field",
  "oversized",
  "wrong-envelope",
]);
