/**
 * The host half of a deploy, before anything is stored or started: mirror Zeek → render for the
 * Zeek version now on each host (a host whose version cannot be read gets a line saying so and
 * naming the version its files are rendered for) → check the staged files → install them, with
 * the host agents bootstrapped alongside (an agent touches no node, and starting it is the
 * slowest per-host step). The first failure in order — mirror, check, install, agents — is the one reported; the
 * agents' work is always awaited.
 */
import type { DeployFailure, DeployReply, NodeSpec, PolicyFiles } from "@zeekbus/contracts";
import type { z } from "zod";
import {
  bootstrapAgents,
  checkNodes,
  type HostStepContext,
  installPolicies,
  mirrorZeek,
} from "./host-steps.js";
import { foundVersions, unknownVersionLines, withMirrorFacts } from "./zeek-versions.js";

/** What preparing the hosts gave, for the reply. */
export type Prepared = Pick<DeployReply, "check" | "install" | "bootstrap"> & { failure?: DeployFailure };

/** Renders for the Zeek version found on each host (host → version): the specs and generated files. */
export type Render = (
  versions: Record<string, string>,
) => Promise<{ specs: NodeSpec[]; auto: z.infer<typeof PolicyFiles> }>;

/** Runs the host steps up to `until` (`check`: no install, no agents). */
export async function prepareHosts(
  ctx: HostStepContext,
  until: "check" | "install" | "deploy",
  render: Render,
): Promise<Prepared> {
  const agents =
    until === "check"
      ? undefined
      : bootstrapAgents(ctx).catch((err: Error) => ({
          reply: { results: [] },
          failure: { step: "bootstrap" as const, message: err.message, failed: [], crashReports: [] },
        }));
  const out: Prepared = { check: [], install: [], bootstrap: [] };
  try {
    const mirrored = await mirrorZeek(ctx);
    out.install = mirrored.reply.results;
    if (mirrored.failure) return { ...out, failure: mirrored.failure };
    const rendered = await render(foundVersions(out.install));
    for (const { host, message } of unknownVersionLines(out.install, rendered.specs)) {
      ctx.progress.line("install", "failed", message, { host });
    }
    const staged: HostStepContext = { ...ctx, files: { ...ctx.files, auto: rendered.auto } };
    const checked = await checkNodes(staged, rendered.specs, until === "check");
    out.check = checked.reply.results;
    if (checked.failure || until === "check") {
      return { ...out, ...(checked.failure ? { failure: checked.failure } : {}) };
    }
    const installed = await installPolicies(staged);
    out.install = withMirrorFacts(installed.reply.results, out.install);
    if (installed.failure) return { ...out, failure: installed.failure };
  } finally {
    const started = await agents;
    if (started) out.bootstrap = started.reply.results;
  }
  const started = await agents;
  return started?.failure ? { ...out, failure: started.failure } : out;
}
