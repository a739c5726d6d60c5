/**
 * `apply`: stores a new desired revision. The caller names the revision it planned against; if the
 * stored one is newer (or a concurrent apply wins the compare-and-set) the answer is Conflict and
 * nothing is written. After a successful write a `topology.applied` event goes to the stream (a
 * failed publish is logged: the revision is stored and readers reconcile from the bucket).
 */
import { publishEvent } from "@zeekbus/bus";
import { type ApplyReply, type ConfigSource, ConflictError, TopologyApplied } from "@zeekbus/contracts";
import { withContext } from "@zeekbus/log";
import type { z } from "zod";
import type { TopologyDeps } from "../deps.js";
import { planAgainst } from "../plan/plan.js";
import { stateOf } from "../validate/build.js";

/** Handler of `apply`. */
export async function handleApply(
  deps: TopologyDeps,
  input: { source: ConfigSource; baseRevision: number },
): Promise<z.input<typeof ApplyReply>> {
  const current = await deps.store.current();
  const currentRevision = current?.revision ?? 0;
  if (input.baseRevision !== currentRevision) {
    throw new ConflictError(
      `desired state is at revision ${currentRevision}, not ${input.baseRevision}: plan again`,
      [`baseRevision: stale (current ${currentRevision})`],
    );
  }
  const planned = await planAgainst(deps, input.source, current);
  const revision = await deps.store.write(stateOf(input.source, planned.next, planned.kept), currentRevision);
  const plan = { ...planned.plan, baseRevision: currentRevision };
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
