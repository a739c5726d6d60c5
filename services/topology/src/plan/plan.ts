/** `plan`: what applying a source would do against the current revision, as data. */
import type { ConfigSource, DesiredState, Plan } from "@zeekbus/contracts";
import { ValidationError } from "@zeekbus/contracts";
import { plan as modelPlan, type Topology } from "@zeekbus/topology-model";
import type { TopologyDeps } from "../deps.js";
import {
  buildFromSource,
  formatWire,
  type KeptInputs,
  keptInputs,
  topologyOfState,
} from "../validate/build.js";
import { toWirePlan } from "./to-wire.js";

/** A planned change: the plan (wire and model form), the next topology and the inputs it inherited. */
export interface Planned {
  plan: Plan;
  model: ReturnType<typeof modelPlan>;
  next: Topology;
  kept: KeptInputs;
}

/**
 * Builds `source` on top of `current` and plans the move; invalid input is a ValidationError.
 * `zeekVersions` (host → version actually installed) override the versions `current` kept.
 */
export async function planAgainst(
  deps: TopologyDeps,
  source: ConfigSource,
  current: DesiredState | undefined,
  zeekVersions: Record<string, string> = {},
): Promise<Planned> {
  const inherited = keptInputs(current, deps.renderContext);
  const kept = { ...inherited, zeekVersions: { ...inherited.zeekVersions, ...zeekVersions } };
  const built = await buildFromSource(source, kept, deps.lookup);
  if (!built.topology) {
    const details = built.problems.filter((p) => p.level === "error").map(formatWire);
    throw new ValidationError(`invalid configuration: ${details.length} error(s)`, details);
  }
  const prev = current ? topologyOfState(current) : undefined;
  const model = modelPlan(prev, built.topology);
  const plan = toWirePlan(model, prev, built.topology, current?.revision ?? 0);
  return { plan, model, next: built.topology, kept };
}

/** Handler of `plan`. */
export async function handlePlan(deps: TopologyDeps, source: ConfigSource): Promise<Plan> {
  return (await planAgainst(deps, source, await deps.store.current())).plan;
}
