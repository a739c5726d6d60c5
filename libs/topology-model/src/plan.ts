/**
 * plan(previous, next): which processes to start, stop and restart (and which fields changed),
 * which generated files change, and per (host, interface) how the AF_PACKET fanout group changes
 * with the predicted share of flows that move to another worker. Pure data, no effects.
 */
import { type NodeSpec, type NodeType, START_ORDER } from "@zeekbus/contracts";
import { HASH_SPACE, movedHashes, slotsAfter } from "./fanout-share.js";
import type { ExpandedNode, Topology } from "./types.js";

/** One node in a plan, with the reason it is listed. */
export interface NodeChange {
  node: string;
  host: string;
  type: NodeType;
  reason: string;
  /** For restarts: the spec fields that differ (`env`, `argv`, `port` …). */
  fields?: string[];
}

/** A generated file that is added, removed or changed. */
export interface FileChange {
  file: string;
  change: "added" | "removed" | "changed";
}

/** How one fanout group changes, with the predicted disturbance. */
export interface FanoutChange {
  host: string;
  interface: string;
  idBefore?: number;
  idAfter?: number;
  /** Kernel slot order before. */
  before: string[];
  /** Predicted kernel slot order after the plan ran. */
  after: string[];
  left: string[];
  joined: string[];
  /** Hash values (of 2^32) whose worker changes. */
  movedHashes: number;
  /** movedHashes / 2^32. */
  movedShare: number;
}

/** The difference between two revisions, as data. */
export interface Plan {
  /** Stops, workers first (reverse start order). */
  stop: NodeChange[];
  /** Starts, loggers first. */
  start: NodeChange[];
  /** Restarts of changed nodes, loggers first. */
  restart: NodeChange[];
  unchanged: string[];
  files: FileChange[];
  fanout: FanoutChange[];
}

const rank = (t: NodeType) => START_ORDER.indexOf(t);
const byStart = (a: NodeChange, b: NodeChange) => rank(a.type) - rank(b.type);
const SPEC_FIELDS: ReadonlyArray<keyof NodeSpec> = [
  "type",
  "interface",
  "zeek",
  "argv",
  "env",
  "cwd",
  "pinCpus",
  "metricsPort",
  "fanout",
  "zeekVersion",
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changedFields(a: NodeSpec, b: NodeSpec, pa?: ExpandedNode, pb?: ExpandedNode): string[] {
  const fields: string[] = SPEC_FIELDS.filter((f) => !same(a[f], b[f]));
  if (pa?.port !== pb?.port) fields.push("port");
  return fields;
}

function diffFiles(prev: Record<string, string>, next: Record<string, string>): FileChange[] {
  const names = [...new Set([...Object.keys(prev), ...Object.keys(next)])].sort();
  const out: FileChange[] = [];
  for (const file of names) {
    if (prev[file] === next[file]) continue;
    out.push({
      file,
      change: prev[file] === undefined ? "added" : next[file] === undefined ? "removed" : "changed",
    });
  }
  return out;
}

function diffFanout(prev: Topology | undefined, next: Topology, restarted: Set<string>): FanoutChange[] {
  const key = (g: { host: string; interface: string }) => `${g.host}\u0000${g.interface}`;
  const before = new Map((prev?.fanout ?? []).map((g) => [key(g), g]));
  const after = new Map(next.fanout.map((g) => [key(g), g]));
  const out: FanoutChange[] = [];
  for (const k of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(k);
    const b = after.get(k);
    const slots = a?.members ?? [];
    const regroup = a !== undefined && b !== undefined && a.id !== b.id;
    const nextMembers = b?.members ?? [];
    const left = regroup ? slots : slots.filter((m) => !nextMembers.includes(m) || restarted.has(m));
    const joined = regroup ? nextMembers : nextMembers.filter((m) => !slots.includes(m) || restarted.has(m));
    if (left.length === 0 && joined.length === 0) continue;
    const final = slotsAfter(slots, left, joined);
    const moved = movedHashes(slots, final);
    const change: FanoutChange = {
      host: (a ?? b)!.host,
      interface: (a ?? b)!.interface,
      before: [...slots],
      after: final,
      left,
      joined,
      movedHashes: moved,
      movedShare: moved / HASH_SPACE,
    };
    if (a) change.idBefore = a.id;
    if (b) change.idAfter = b.id;
    out.push(change);
  }
  return out;
}

/** Plans the move from `previous` (undefined = nothing running) to `next`. */
export function plan(previous: Topology | undefined, next: Topology): Plan {
  const prevSpecs = new Map((previous?.specs ?? []).map((s) => [s.name, s]));
  const nextSpecs = new Map(next.specs.map((s) => [s.name, s]));
  const prevNodes = new Map((previous?.nodes ?? []).map((n) => [n.name, n]));
  const nextNodes = new Map(next.nodes.map((n) => [n.name, n]));
  const result: Plan = { stop: [], start: [], restart: [], unchanged: [], files: [], fanout: [] };
  const entry = (s: NodeSpec, reason: string): NodeChange => ({
    node: s.name,
    host: s.host,
    type: s.type,
    reason,
  });
  for (const [name, old] of prevSpecs) {
    const now = nextSpecs.get(name);
    if (!now) result.stop.push(entry(old, "removed from the config"));
    else if (old.host !== now.host) {
      result.stop.push(entry(old, `moves to host ${now.host}`));
      result.start.push(entry(now, `moved from host ${old.host}`));
    }
  }
  for (const [name, now] of nextSpecs) {
    const old = prevSpecs.get(name);
    if (!old) result.start.push(entry(now, "added to the config"));
    else if (old.host === now.host) {
      const fields = changedFields(old, now, prevNodes.get(name), nextNodes.get(name));
      if (fields.length === 0) result.unchanged.push(name);
      else result.restart.push({ ...entry(now, `changed: ${fields.join(", ")}`), fields });
    }
  }
  result.stop.sort((a, b) => byStart(b, a));
  result.start.sort(byStart);
  result.restart.sort(byStart);
  result.files = diffFiles(previous?.files ?? {}, next.files);
  result.fanout = diffFanout(previous, next, new Set(result.restart.map((r) => r.node)));
  return result;
}
