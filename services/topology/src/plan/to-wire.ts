/** topology-model's plan → the contracts Plan that travels on the bus. */
import type { Plan } from "@zeekbus/contracts";
import type { plan as modelPlan, Topology } from "@zeekbus/topology-model";

type ModelPlan = ReturnType<typeof modelPlan>;

function hostsOf(t: Topology | undefined): string[] {
  return [...new Set((t?.nodes ?? []).map((n) => n.host))];
}

/**
 * Converts a model plan. Generated files are the same on every host, so a changed file is listed
 * as `host:file` for each host that has it (after the change, or before it when removed).
 */
export function toWirePlan(
  p: ModelPlan,
  prev: Topology | undefined,
  next: Topology,
  baseRevision: number,
): Plan {
  const step = (c: ModelPlan["start"][number]) => ({ node: c.node, host: c.host, reason: c.reason });
  const files = p.files.flatMap((f) =>
    (f.change === "removed" ? hostsOf(prev) : hostsOf(next)).map((h) => `${h}:${f.file}`),
  );
  return {
    start: p.start.map(step),
    stop: p.stop.map(step),
    restart: p.restart.map(step),
    files,
    fanout: p.fanout.map((f) => ({
      host: f.host,
      interface: f.interface,
      id: f.idAfter ?? f.idBefore ?? 0,
      before: f.before,
      after: f.after,
      movedShare: f.movedShare,
    })),
    baseRevision,
  };
}
