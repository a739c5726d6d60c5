/**
 * The rollout of a deploy as data: which agent commands run, in which order, gated how. Pure:
 * `planRollout(desired, plan, observed)` returns phases; a thin executor sends the commands and
 * waits for their outcomes. Level-based: what to do follows from desired specs, the plan's
 * changes and the states the host agents report, never from what happened before.
 *
 * - Nodes the plan stops (removed, or moved to another host) are stopped first, workers first.
 * - Then tier by tier (loggers → manager → proxies → workers), each tier a phase the executor
 *   finishes (its nodes RUNNING) before the next: changed nodes that run are restarted with the
 *   new spec; every other node that does not run is started; nodes that run unchanged are left.
 * - Workers that run and changed restart one at a time per (host, interface), each waiting for
 *   rejoin, so a fanout group loses at most one member at once.
 */
import { type NodeSpec, type NodeState, type NodeType, START_ORDER } from "@zeekbus/contracts";
import type { Plan } from "../plan.js";

/** One command for one host's agent. `restart` = stop, then start with the new specs. */
export type RolloutCommand =
  | { id: string; verb: "stop"; host: string; nodes: string[] }
  | { id: string; verb: "start" | "restart"; host: string; specs: NodeSpec[]; waitRejoin: boolean };

/** A tier's work: batches run one after the other, the commands of a batch in parallel. */
export interface RolloutPhase {
  /** `stop` for the stops of removed nodes, else the tier's node type. */
  tier: NodeType | "stop";
  batches: RolloutCommand[][];
}

/** What a rollout is planned from. */
export interface RolloutInput {
  cluster: string;
  /** The desired revision being rolled out (part of every command id). */
  revision: number;
  /** Every node of the desired revision. */
  specs: readonly NodeSpec[];
  /** The plan from the stored revision to this one (its stops and restarts). */
  plan: Pick<Plan, "stop" | "restart">;
  /** State of each node by host, then node name, as the hosts' agents report it. */
  observed: ReadonlyMap<string, ReadonlyMap<string, NodeState>>;
}

/** States in which a node has a process or is bringing one back: nothing to start. */
const ALIVE: ReadonlySet<NodeState> = new Set([
  "starting",
  "running",
  "crashed",
  "backoff",
  "restarting",
  "rejoining",
]);

/** Whether the agent of `host` reports `node` with a process (or recovering one). */
export function isAlive(observed: RolloutInput["observed"], host: string, node: string): boolean {
  const state = observed.get(host)?.get(node);
  return state !== undefined && ALIVE.has(state);
}

function groupByHost<T extends { host: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(item.host, [...(out.get(item.host) ?? []), item]);
  return out;
}

function commandId(input: RolloutInput, verb: string, host: string, nodes: string[]): string {
  return [input.cluster, input.revision, verb, host, nodes.join("+")].join(".");
}

function specCommands(
  input: RolloutInput,
  verb: "start" | "restart",
  specs: NodeSpec[],
  waitRejoin: boolean,
): RolloutCommand[] {
  return [...groupByHost(specs)].map(([host, list]) => ({
    id: commandId(
      input,
      verb,
      host,
      list.map((s) => s.name),
    ),
    verb,
    host,
    specs: list,
    waitRejoin,
  }));
}

/** Worker restarts in rounds: round k restarts the k-th changed worker of every (host, interface). */
function workerRounds(input: RolloutInput, workers: NodeSpec[]): RolloutCommand[][] {
  const groups = new Map<string, NodeSpec[]>();
  for (const w of workers) {
    const key = `${w.host}\u0000${w.fanout?.interface ?? w.interface ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  const rounds = Math.max(0, ...[...groups.values()].map((g) => g.length));
  const out: RolloutCommand[][] = [];
  for (let k = 0; k < rounds; k++) {
    const round = [...groups.values()].flatMap((g) => g.slice(k, k + 1));
    out.push(specCommands(input, "restart", round, true));
  }
  return out;
}

function stopPhase(input: RolloutInput): RolloutPhase | undefined {
  const running = input.plan.stop.filter((c) => isAlive(input.observed, c.host, c.node));
  const batches: RolloutCommand[][] = [];
  for (const type of [...START_ORDER].reverse()) {
    const tier = running.filter((c) => c.type === type);
    if (tier.length === 0) continue;
    batches.push(
      [...groupByHost(tier)].map(([host, list]) => {
        const nodes = list.map((c) => c.node);
        return { id: commandId(input, "stop", host, nodes), verb: "stop" as const, host, nodes };
      }),
    );
  }
  return batches.length > 0 ? { tier: "stop", batches } : undefined;
}

/** Plans the rollout: the stop phase (if any), then one phase per tier that has work. */
export function planRollout(input: RolloutInput): RolloutPhase[] {
  const changed = new Set(input.plan.restart.map((c) => c.node));
  const phases: RolloutPhase[] = [];
  const stops = stopPhase(input);
  if (stops) phases.push(stops);
  for (const type of START_ORDER) {
    const tier = input.specs.filter((s) => s.type === type);
    const alive = (s: NodeSpec) => isAlive(input.observed, s.host, s.name);
    const restarts = tier.filter((s) => changed.has(s.name) && alive(s));
    const starts = tier.filter((s) => !alive(s));
    const first = specCommands(input, "start", starts, false);
    const batches: RolloutCommand[][] =
      type === "worker"
        ? [first, ...workerRounds(input, restarts)]
        : [[...first, ...specCommands(input, "restart", restarts, false)]];
    const nonEmpty = batches.filter((b) => b.length > 0);
    if (nonEmpty.length > 0) phases.push({ tier: type, batches: nonEmpty });
  }
  return phases;
}
