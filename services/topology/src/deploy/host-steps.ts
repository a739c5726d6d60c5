/**
 * The deploy's host steps through the provisioner — mirror Zeek, check, install the policy
 * files, bootstrap the host agents — each publishing zeekctl-style lines and returning the
 * failure that ends the deploy, if any.
 */
import type {
  BootstrapReply,
  CheckReply,
  DeployFailure,
  InstallReply,
  NodeSpec,
  StagedFiles,
} from "@zeekbus/contracts";
import type { ProvisionerClient } from "@zeekbus/provisioner/client";
import type { Progress } from "./progress.js";

/** A host to act on: its node.cfg name and the address it resolved to. */
export interface DeployHost {
  host: string;
  address: string;
}

/** What the host steps work with. */
export interface HostStepContext {
  calls: ProvisionerClient;
  progress: Progress;
  hosts: DeployHost[];
  files: StagedFiles;
}

function failure(
  step: DeployFailure["step"],
  what: string,
  failed: { name: string; error: string }[],
): DeployFailure {
  return {
    step,
    message: `${what} failed on ${failed.length} host(s): ${failed.map((f) => f.error).join("; ")}`,
    failed: failed.map((f) => f.name),
    crashReports: [],
  };
}

function installFailures(reply: InstallReply): { name: string; error: string }[] {
  return reply.results
    .filter((r) => r.outcome === "install_failed")
    .map((r) => ({ name: r.host, error: r.error ?? `host ${r.host}: install failed` }));
}

/** Mirrors Zeek to hosts that lack it or run another version (no policy file is touched). */
export async function mirrorZeek(
  ctx: HostStepContext,
): Promise<{ reply: InstallReply; failure?: DeployFailure }> {
  ctx.progress.line("install", "started", "installing Zeek on hosts without it or with another version ...");
  const reply = await ctx.calls.install({
    hosts: ctx.hosts.map((h) => ({ ...h, auto: {}, site: {}, policy: false })),
  });
  for (const r of reply.results) {
    if (r.zeek === "mirrored")
      ctx.progress.line("install", "ok", `mirrored the Zeek installation to ${r.host}`, { host: r.host });
  }
  const failed = installFailures(reply);
  for (const f of failed) ctx.progress.line("install", "failed", f.error, { host: f.name });
  return failed.length > 0 ? { reply, failure: failure("install", "installing Zeek", failed) } : { reply };
}

/**
 * zeekctl's check, parse-only against the files about to be installed: every node (`zeekbus
 * check`, like `zeekctl check`) or one node per type (deploy, like `zeekctl deploy`).
 */
export async function checkNodes(
  ctx: HostStepContext,
  specs: NodeSpec[],
  every = false,
): Promise<{ reply: CheckReply; failure?: DeployFailure }> {
  ctx.progress.line("check", "started", "checking configurations ...");
  const reply = await ctx.calls.check({
    nodes: specs,
    stage: ctx.files,
    only: every ? specs.map((s) => s.name) : [],
  });
  const failed = reply.results.filter((r) => r.outcome === "failed");
  for (const r of reply.results) {
    const text = r.outcome === "failed" && r.output ? `${r.message}\n${r.output.trimEnd()}` : r.message;
    ctx.progress.line("check", r.outcome === "ok" ? "ok" : "failed", text, { host: r.host, node: r.node });
  }
  if (failed.length === 0) return { reply };
  return {
    reply,
    failure: {
      step: "check",
      message: failed.map((r) => (r.output ? `${r.message}\n${r.output.trimEnd()}` : r.message)).join("\n"),
      failed: failed.map((r) => r.node),
      crashReports: [],
    },
  };
}

/** Installs the policy files on every host (unchanged hosts are skipped by the provisioner). */
export async function installPolicies(
  ctx: HostStepContext,
): Promise<{ reply: InstallReply; failure?: DeployFailure }> {
  ctx.progress.line("install", "started", "installing ...");
  const reply = await ctx.calls.install({
    hosts: ctx.hosts.map((h) => ({ ...h, ...ctx.files, mirrorZeek: false })),
  });
  for (const r of reply.results) {
    if (r.outcome === "install_failed") continue;
    const what =
      r.outcome === "installed" ? `installed policies in ${r.swapped.join(", ")}` : "policies unchanged";
    ctx.progress.line("install", "ok", `${r.host}: ${what}`, { host: r.host });
  }
  const failed = installFailures(reply);
  for (const f of failed) ctx.progress.line("install", "failed", f.error, { host: f.name });
  return failed.length > 0 ? { reply, failure: failure("install", "installing", failed) } : { reply };
}

/** Makes sure every host runs the zeekbus host agent. */
export async function bootstrapAgents(
  ctx: HostStepContext,
): Promise<{ reply: BootstrapReply; failure?: DeployFailure }> {
  ctx.progress.line("bootstrap", "started", "starting zeekbus agents where none answers ...");
  const reply = await ctx.calls.bootstrap({ hosts: ctx.hosts });
  for (const r of reply.results) {
    if (r.outcome === "bootstrapped") {
      ctx.progress.line("bootstrap", "ok", `started the zeekbus agent on ${r.host}`, { host: r.host });
    }
  }
  const failed = reply.results
    .filter((r) => r.outcome === "bootstrap_failed")
    .map((r) => ({ name: r.host, error: r.error ?? `host ${r.host}: bootstrap failed` }));
  for (const f of failed) ctx.progress.line("bootstrap", "failed", f.error, { host: f.name });
  return failed.length > 0
    ? { reply, failure: failure("bootstrap", "starting the zeekbus agent", failed) }
    : { reply };
}
