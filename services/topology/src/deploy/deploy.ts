/**
 * `deploy`: zeekctl's deploy, safe and incremental. validate → plan → pin_cpus against the hosts'
 * CPUs → mirror Zeek → check (the files about to be installed) → install → host agents → store
 * the revision → rollout (see topology-model's planRollout). A failing step ends the deploy
 * before anything later runs: a failed check touches no host's policy files and no running node.
 * One deploy at a time per cluster (a lease in KV, see lease.ts); `baseRevision` guards against
 * deploying over a revision the caller has not seen.
 */
import type { DeployReply, TopologyDeploy } from "@zeekbus/contracts";
import { withContext } from "@zeekbus/log";
import { ProvisionerClient } from "@zeekbus/provisioner/client";
import { planRollout } from "@zeekbus/topology-model";
import type { z } from "zod";
import { assertBaseRevision } from "../apply/apply.js";
import { storeRevision } from "../apply/store-revision.js";
import type { TopologyDeps } from "../deps.js";
import { planAgainst } from "../plan/plan.js";
import { checkCpuPins } from "./cpu-pins.js";
import { runRollout } from "./execute.js";
import type { DeployHost, HostStepContext } from "./host-steps.js";
import { withInstallRestarts } from "./install-restarts.js";
import { observeHosts } from "./observe.js";
import { prepareHosts } from "./prepare.js";
import { Progress } from "./progress.js";

type DeployInput = z.output<(typeof TopologyDeploy)["data"]>;

/** Handler of `deploy`; refuses (Conflict) while another deploy of the cluster holds the lease. */
export async function handleDeploy(deps: TopologyDeps, input: DeployInput): Promise<DeployReply> {
  if (input.dryRun) return deploy(deps, input);
  const release = await deps.leases.acquire(input.deployId);
  try {
    return await deploy(deps, input);
  } finally {
    await release();
  }
}

async function deploy(deps: TopologyDeps, input: DeployInput): Promise<DeployReply> {
  const log = withContext(deps.bus.log, { cluster: deps.cluster, reqId: input.deployId });
  const progress = new Progress(deps.bus, deps.cluster, input.deployId);
  const current = await deps.store.current();
  const currentRevision = current?.revision ?? 0;
  if (input.baseRevision !== undefined) assertBaseRevision(currentRevision, input.baseRevision);
  const planned = await planAgainst(deps, input.source, current);
  progress.line("validate", "ok", `configuration is valid: ${planned.next.specs.length} node(s)`);
  const reply: DeployReply = {
    deployId: input.deployId,
    outcome: "planned",
    revision: currentRevision,
    plan: planned.plan,
    check: [],
    install: [],
    bootstrap: [],
    nodes: [],
  };
  if (input.dryRun) return reply;
  const failed = (failure: DeployReply["failure"]): DeployReply => {
    log.warn({ step: failure?.step, failed: failure?.failed }, failure?.message ?? "deploy failed");
    return { ...reply, outcome: "deploy_failed", ...(failure ? { failure } : {}) };
  };

  const hosts: DeployHost[] = [];
  for (const n of planned.next.nodes) {
    if (!hosts.some((h) => h.host === n.host)) hosts.push({ host: n.host, address: n.addr });
  }
  const ctx: HostStepContext = {
    calls: new ProvisionerClient(deps.bus, deps.cluster),
    progress,
    hosts,
    files: { auto: planned.next.files, site: input.site },
  };
  const pins = await checkCpuPins(ctx, planned.next.nodes);
  if (pins) return failed(pins);
  let final = planned;
  const prepared = await prepareHosts(ctx, input.until, async (versions) => {
    const stale = planned.next.specs.filter((s) => versions[s.host] && versions[s.host] !== s.zeekVersion);
    if (stale.length > 0) {
      final = await planAgainst(deps, input.source, current, versions);
      const found = [...new Set(stale.map((s) => `${s.host}: Zeek ${versions[s.host]}`))];
      progress.line("validate", "ok", `rendered for the Zeek found on the hosts (${found.join(", ")})`);
    }
    return { specs: final.next.specs, auto: final.next.files };
  });
  reply.plan = final.plan;
  reply.install = prepared.install;
  reply.check = prepared.check;
  reply.bootstrap = prepared.bootstrap;
  if (prepared.failure) return failed(prepared.failure);
  if (input.until === "check") return { ...reply, outcome: "checked" };
  if (input.until === "install") return { ...reply, outcome: "installed" };

  const specs = final.next.specs;
  const changes = final.plan.start.length + final.plan.stop.length + final.plan.restart.length;
  const store = !current || changes > 0 || JSON.stringify(current.source) !== JSON.stringify(input.source);
  if (store) {
    progress.line("apply", "started", "storing the new revision ...");
    reply.revision = (await storeRevision(deps, input.source, final, currentRevision)).revision;
    progress.line("apply", "ok", `revision ${reply.revision} stored`);
  }
  const stopHosts = final.model.stop.map((c) => c.host);
  const { observed, unreachable } = await observeHosts(deps.bus, deps.cluster, [
    ...new Set([...hosts.map((h) => h.host), ...stopHosts]),
  ]);
  const needed = unreachable.filter((u) => hosts.some((h) => h.host === u.host));
  for (const u of unreachable)
    progress.line("start", "failed", `host ${u.host}: agent does not answer: ${u.error}`, { host: u.host });
  if (needed.length > 0) {
    return failed({
      step: "start",
      message: `the zeekbus agent does not answer on ${needed.map((u) => u.host).join(", ")}`,
      failed: needed.map((u) => u.host),
      crashReports: [],
    });
  }
  const phases = planRollout({
    cluster: deps.cluster,
    revision: reply.revision,
    specs,
    plan: withInstallRestarts(final.model, specs, reply.install),
    observed,
  });
  const result = await runRollout(deps.bus, deps.cluster, reply.revision, phases, progress);
  reply.nodes = result.outcomes;
  if (result.failure) return failed(result.failure);
  const quiet =
    !store &&
    phases.length === 0 &&
    reply.install.every((r) => r.outcome === "unchanged" && r.zeek !== "mirrored") &&
    reply.bootstrap.every((r) => r.outcome === "already_running");
  log.info(
    { revision: reply.revision, commands: phases.length },
    quiet ? "deploy: nothing to do" : "deployed",
  );
  return { ...reply, outcome: quiet ? "unchanged" : "deployed" };
}
