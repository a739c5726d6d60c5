/** `validate`: every problem of a source at once, and the nodes when it has no error. */
import type { ConfigSource, ValidateReply } from "@zeekbus/contracts";
import type { z } from "zod";
import type { TopologyDeps } from "../deps.js";
import { buildFromSource, keptInputs, toWireProblem } from "./build.js";

/** Handler of `validate`: a bad config is an ok=false reply listing its problems, not an error. */
export async function handleValidate(
  deps: TopologyDeps,
  source: ConfigSource,
): Promise<z.input<typeof ValidateReply>> {
  const kept = keptInputs(await deps.store.current(), deps.renderContext);
  const built = await buildFromSource(source, kept, deps.lookup);
  return {
    ok: built.topology !== undefined,
    problems: built.problems.map(toWireProblem),
    nodes: built.topology?.specs ?? [],
  };
}
