/**
 * `zeekbus start|stop|restart|status|unquarantine`: zeekctl's control verbs over the bus.
 * Role groups go in order (stop in reverse), one request per host per group; a failed group
 * stops the rest, and any failure exits 1, as zeekctl does.
 */
import type { NodeOutcome, NodeSpec } from "@zeekbus/contracts";
import { NotFoundError } from "@zeekbus/contracts";
import type { GlobalOptions } from "../program.js";
import { fetchDesired } from "../topology/client.js";
import { printJson, withBus } from "../verb.js";
import { nodeStatuses, startNodes, stopNodes, unquarantineNode } from "./agents.js";
import { groupWord, roleGroups, selectNodes } from "./selection.js";
import { statusTable } from "./status-table.js";

type Step = (nodes: NodeSpec[]) => Promise<NodeOutcome[]>;

const FAILED = new Set(["start_failed", "stop_failed", "restart_failed", "crashed_during_shutdown"]);

async function byGroups(verb: "starting" | "stopping", groups: NodeSpec[][], step: Step, json?: boolean) {
  const all: NodeOutcome[] = [];
  for (const group of groups) {
    if (!json) console.log(`${verb} ${groupWord(group)} ...`);
    const outcomes = await step(group);
    all.push(...outcomes);
    for (const o of outcomes) {
      if (json) continue;
      if (o.outcome === "start_failed")
        console.error(`Error: cannot start ${o.node}; ${o.error ?? "see its crash report"}`);
      else if (o.outcome === "crashed_during_shutdown") console.log(`${o.node} crashed during shutdown`);
      else if (o.outcome === "stop_failed")
        console.error(`Error: unable to stop ${o.node}: ${o.error ?? ""}`);
    }
    if (outcomes.some((o) => FAILED.has(o.outcome))) break;
  }
  return all;
}

function finish(outcomes: NodeOutcome[], json?: boolean): void {
  if (json) printJson({ results: outcomes });
  if (outcomes.some((o) => FAILED.has(o.outcome))) process.exitCode = 1;
}

export function startVerb(g: GlobalOptions, args: string[]): Promise<void> {
  return withBus(g, async (bus) => {
    const nodes = selectNodes((await fetchDesired(bus, g)).nodes, args);
    finish(await byGroups("starting", roleGroups(nodes), (grp) => startNodes(bus, g, grp), g.json), g.json);
  });
}

export function stopVerb(g: GlobalOptions, args: string[]): Promise<void> {
  return withBus(g, async (bus) => {
    const nodes = selectNodes((await fetchDesired(bus, g)).nodes, args);
    finish(
      await byGroups("stopping", roleGroups(nodes).reverse(), (grp) => stopNodes(bus, g, grp), g.json),
      g.json,
    );
  });
}

export function restartVerb(g: GlobalOptions, args: string[]): Promise<void> {
  return withBus(g, async (bus) => {
    const nodes = selectNodes((await fetchDesired(bus, g)).nodes, args);
    const stopped = await byGroups(
      "stopping",
      roleGroups(nodes).reverse(),
      (grp) => stopNodes(bus, g, grp),
      g.json,
    );
    if (stopped.some((o) => FAILED.has(o.outcome))) return finish(stopped, g.json);
    finish(await byGroups("starting", roleGroups(nodes), (grp) => startNodes(bus, g, grp), g.json), g.json);
  });
}

export function statusVerb(g: GlobalOptions, args: string[]): Promise<void> {
  return withBus(g, async (bus) => {
    const nodes = selectNodes((await fetchDesired(bus, g)).nodes, args);
    const statuses = await nodeStatuses(bus, g, nodes);
    if (g.json)
      printJson(nodes.map((n) => ({ node: n.name, type: n.type, host: n.host, ...statuses.get(n.name) })));
    else console.log(statusTable(nodes, statuses));
    if (nodes.some((n) => statuses.get(n.name)?.state !== "running")) process.exitCode = 1;
  });
}

export function unquarantineVerb(g: GlobalOptions, name: string): Promise<void> {
  return withBus(g, async (bus) => {
    const node = (await fetchDesired(bus, g)).nodes.find((n) => n.name === name);
    if (!node) throw new NotFoundError(`unknown node '${name}'`);
    const state = await unquarantineNode(bus, g, node);
    if (g.json) printJson({ node: name, state });
    else console.log(`${name} ${state}`);
    if (state !== "running") process.exitCode = 1;
  });
}
