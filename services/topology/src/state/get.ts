/** `get`: the current desired state of the cluster. */
import { type DesiredState, NotFoundError } from "@zeekbus/contracts";
import type { TopologyDeps } from "../deps.js";

/** Handler of `get`; NotFound before the first apply. */
export async function handleGet(deps: TopologyDeps): Promise<DesiredState> {
  const current = await deps.store.current();
  if (!current) throw new NotFoundError(`no desired state for cluster ${deps.cluster}: apply a config first`);
  return current;
}
