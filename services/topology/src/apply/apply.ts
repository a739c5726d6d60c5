/**
 * `apply`: stores a new desired revision. The caller names the revision it planned against; if the
 * stored one is newer (or a concurrent apply wins the compare-and-set) the answer is Conflict and
 * nothing is written.
 */
import { type ApplyReply, type ConfigSource, ConflictError } from "@zeekbus/contracts";
import type { z } from "zod";
import type { TopologyDeps } from "../deps.js";
import { planAgainst } from "../plan/plan.js";
import { storeRevision } from "./store-revision.js";

/** Conflict unless the stored revision is `expected`. */
export function assertBaseRevision(current: number, expected: number): void {
  if (expected !== current) {
    throw new ConflictError(`desired state is at revision ${current}, not ${expected}: plan again`, [
      `baseRevision: stale (current ${current})`,
    ]);
  }
}

/** Handler of `apply`. */
export async function handleApply(
  deps: TopologyDeps,
  input: { source: ConfigSource; baseRevision: number },
): Promise<z.input<typeof ApplyReply>> {
  const current = await deps.store.current();
  const currentRevision = current?.revision ?? 0;
  assertBaseRevision(currentRevision, input.baseRevision);
  const planned = await planAgainst(deps, input.source, current);
  return storeRevision(deps, input.source, planned, currentRevision);
}
