/** `validate`: every problem of a source at once, and the nodes when it has no error. */
import {
  type ConfigSource,
  MAX_PROBLEMS,
  type ValidateReply,
  type Problem as WireProblem,
} from "@zeekbus/contracts";
import type { z } from "zod";
import type { TopologyDeps } from "../deps.js";
import { buildFromSource, keptInputs, toWireProblem } from "./build.js";

/** At most MAX_PROBLEMS problems: the first ones, then one error counting the rest. */
export function boundedProblems(problems: WireProblem[]): WireProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const kept = problems.slice(0, MAX_PROBLEMS - 1);
  const rest = problems.length - kept.length;
  return [...kept, { level: "error", file: kept.at(-1)!.file, message: `… and ${rest} more problems` }];
}

/** Handler of `validate`: a bad config is an ok=false reply listing its problems, not an error. */
export async function handleValidate(
  deps: TopologyDeps,
  source: ConfigSource,
): Promise<z.input<typeof ValidateReply>> {
  const kept = keptInputs(await deps.store.current(), deps.renderContext);
  const built = await buildFromSource(source, kept, deps.lookup);
  return {
    ok: built.topology !== undefined,
    problems: boundedProblems(built.problems.map(toWireProblem)),
    nodes: built.topology?.specs ?? [],
  };
}
