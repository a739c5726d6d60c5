/**
 * `zeekbus deploy | install | check <config>`: one topology `deploy` request (stopping after
 * check or install for those verbs), printing its progress lines as they arrive and a hosts ×
 * steps table at the end. `--dry-run` prints the plan only. Exit 1 when the deploy failed, as
 * zeekctl's deploy does.
 */
import { randomBytes } from "node:crypto";
import { type Bus, decodeJson, request } from "@zeekbus/bus";
import { DeployReply, RolloutProgress, TopologyDeploy } from "@zeekbus/contracts";
import type { GlobalOptions } from "../program.js";
import { topologySubject } from "../topology/client.js";
import { planText } from "../topology/output.js";
import { readLocalSource } from "../topology/source.js";
import { printJson, withBus } from "../verb.js";
import { readSiteFiles, siteDirFor } from "./site.js";
import { deploySummary } from "./summary.js";

/** Options of the rollout verbs. */
export interface RolloutOptions {
  site?: string;
  dryRun?: boolean;
}

/** A whole cluster's rollout may take minutes (mirroring Zeek, readiness of every tier). */
export const DEPLOY_TIMEOUT_MS = 15 * 60_000;

function followProgress(bus: Bus, g: GlobalOptions, deployId: string): () => void {
  const sub = bus.nc.subscribe(bus.subjects.evt(g.cluster, "rollout", "progress", deployId));
  void (async () => {
    for await (const msg of sub) {
      const parsed = RolloutProgress.envelope.safeParse(decodeJson(msg));
      if (parsed.success) process.stdout.write(`${parsed.data.data.message}\n`);
    }
  })();
  return () => sub.unsubscribe();
}

/** Runs one of deploy / install / check. */
export async function rolloutVerb(
  g: GlobalOptions,
  until: "check" | "install" | "deploy",
  path: string,
  opts: RolloutOptions,
): Promise<void> {
  const { source } = await readLocalSource(path);
  const siteDir = await siteDirFor(path, opts.site);
  const site = siteDir ? await readSiteFiles(siteDir) : {};
  const deployId = `${until}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const reply = await withBus(g, async (bus) => {
    const stop = g.json || opts.dryRun ? () => undefined : followProgress(bus, g, deployId);
    await bus.nc.flush();
    try {
      const data = { source, site, deployId, until, dryRun: opts.dryRun ?? false };
      return await request(
        bus,
        topologySubject(bus, g, "deploy"),
        TopologyDeploy,
        g.cluster,
        data,
        DeployReply,
        {
          timeoutMs: DEPLOY_TIMEOUT_MS,
        },
      );
    } finally {
      await bus.nc.flush().catch(() => undefined);
      stop();
    }
  });
  if (g.json) printJson(reply);
  else if (opts.dryRun) process.stdout.write(planText(reply.plan));
  else process.stdout.write(deploySummary(reply));
  if (reply.outcome === "deploy_failed") process.exitCode = 1;
}
