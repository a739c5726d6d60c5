/**
 * pin_cpus against the CPUs the hosts have, before anything is installed or started: a node pinned
 * to a CPU its host lacks fails `taskset -c` on every start — a crash loop, then quarantine. The
 * provisioner collects the facts of each host that has pinned nodes (storing them in
 * `zeekbus_hosts`, as `facts` always does); hosts without pinned nodes are not asked.
 */
import { type DeployFailure, ValidationError } from "@zeekbus/contracts";
import type { ExpandedNode } from "@zeekbus/topology-model";
import type { HostStepContext } from "./host-steps.js";

const cpuRange = (cpus: number) => (cpus === 1 ? "0" : `0-${cpus - 1}`);

/**
 * One `file:line: …` line per node pinned to a CPU its host does not have, naming the node, the
 * CPUs beyond the host and the host's CPU count. `cpus` maps a host to its online CPU count.
 */
export function pinProblems(nodes: readonly ExpandedNode[], cpus: ReadonlyMap<string, number>): string[] {
  const lines: string[] = [];
  for (const n of nodes) {
    const count = cpus.get(n.host);
    const beyond = count === undefined ? [] : n.pinCpus.filter((c) => c >= count);
    if (count === undefined || beyond.length === 0) continue;
    const line = n.keyLines.pin_cpus ?? n.source.line;
    lines.push(
      `${n.source.file}:${line}: node '${n.name}' has pin_cpus ${beyond.join(",")}, but host '${n.host}' has ${count} CPU${count === 1 ? "" : "s"} (${cpuRange(count)})`,
    );
  }
  return lines;
}

/**
 * Checks every pinned node against its host's CPU count. Pins beyond a host's CPUs are a
 * ValidationError; a host whose facts cannot be read ends the deploy at the check step.
 */
export async function checkCpuPins(
  ctx: HostStepContext,
  nodes: readonly ExpandedNode[],
): Promise<DeployFailure | undefined> {
  const pinned = nodes.filter((n) => n.pinCpus.length > 0);
  const hosts = ctx.hosts.filter((h) => pinned.some((n) => n.host === h.host));
  if (hosts.length === 0) return undefined;
  const reply = await ctx.calls.facts({ hosts });
  const unread = reply.results.filter((r) => !r.facts);
  for (const r of unread) {
    ctx.progress.line("check", "failed", r.error ?? `host ${r.host}: facts failed`, { host: r.host });
  }
  if (unread.length > 0) {
    return {
      step: "check",
      message: `cannot check pin_cpus: the CPU count of ${unread.map((r) => r.host).join(", ")} could not be read`,
      failed: unread.map((r) => r.host),
      crashReports: [],
    };
  }
  const cpus = new Map(reply.results.flatMap((r) => (r.facts ? [[r.host, r.facts.cpus] as const] : [])));
  const problems = pinProblems(pinned, cpus);
  if (problems.length > 0) {
    throw new ValidationError(`pin_cpus beyond the host's CPUs: ${problems.join("; ")}`, problems);
  }
  return undefined;
}
