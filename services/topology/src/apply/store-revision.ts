/**
 * Storing a planned revision: compare-and-set on the revision it was planned against, then a
 * `topology.applied` event (a failed publish is logged: the revision is stored and readers
 * reconcile from the bucket). Shared by `apply` and `deploy`.
 */
import { publishEvent } from "@zeekbus/bus";
import { type ConfigSource, type Plan, TopologyApplied } from "@zeekbus/contracts";
import { withContext } from "@zeekbus/log";
import type { TopologyDeps } from "../deps.js";
import type { Planned } from "../plan/plan.js";
import { stateOf } from "../validate/build.js";

/** Writes the planned state as the successor of `baseRevision`; returns it and the plan. */
export async function storeRevision(
  deps: TopologyDeps,
  source: ConfigSource,
  planned: Planned,
  baseRevision: number,
): Promise<{ revision: number; plan: Plan }> {
  const revision = await deps.store.write(stateOf(source, planned.next, planned.kept), baseRevision);
  const plan = { ...planned.plan, baseRevision };
  const subject = deps.bus.subjects.evt(deps.cluster, "topology", "applied", String(revision));
  const log = withContext(deps.bus.log, { cluster: deps.cluster });
  const id = `${deps.cluster}.topology.applied.${revision}`;
  try {
    await publishEvent(deps.bus, subject, TopologyApplied, deps.cluster, { revision, plan }, { id });
  } catch (err) {
    log.error({ err, revision }, "revision stored but topology.applied could not be published");
  }
  log.info({ revision }, "desired state applied");
  return { revision, plan };
}
