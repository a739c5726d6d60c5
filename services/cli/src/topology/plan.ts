/**
 * `zeekbus plan <dir|file>`: what applying the config would do against the current revision.
 * `zeekbus apply <dir|file>`: plans, prints the plan, then applies with the revision it planned
 * against, so a change stored in between makes the apply fail with Conflict instead of overwriting it.
 */
import { request } from "@zeekbus/bus";
import { ApplyReply, Plan, TopologyApply, TopologyPlan } from "@zeekbus/contracts";
import type { GlobalOptions } from "../program.js";
import { printJson, runVerb, withBus } from "../verb.js";
import { TOPOLOGY_TIMEOUT_MS, topologySubject } from "./client.js";
import { planText } from "./output.js";
import { readLocalSource } from "./source.js";

/** Runs `plan`. */
export function planVerb(g: GlobalOptions, path: string): Promise<void> {
  return runVerb(g.json, async () => {
    const { source } = await readLocalSource(path);
    const plan = await withBus(g, (bus) =>
      request(bus, topologySubject(bus, g, "plan"), TopologyPlan, g.cluster, source, Plan, {
        timeoutMs: TOPOLOGY_TIMEOUT_MS,
      }),
    );
    if (g.json) printJson(plan);
    else process.stdout.write(planText(plan));
  });
}

/** Runs `apply`. */
export function applyVerb(g: GlobalOptions, path: string): Promise<void> {
  return runVerb(g.json, async () => {
    const { source } = await readLocalSource(path);
    const reply = await withBus(g, async (bus) => {
      const opts = { timeoutMs: TOPOLOGY_TIMEOUT_MS };
      const plan = await request(
        bus,
        topologySubject(bus, g, "plan"),
        TopologyPlan,
        g.cluster,
        source,
        Plan,
        opts,
      );
      if (!g.json) process.stdout.write(planText(plan));
      const data = { source, baseRevision: plan.baseRevision ?? 0 };
      return request(bus, topologySubject(bus, g, "apply"), TopologyApply, g.cluster, data, ApplyReply, opts);
    });
    if (g.json) printJson(reply);
    else process.stdout.write(`Applied revision ${reply.revision}.\n`);
  });
}
