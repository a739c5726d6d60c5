/**
 * Zeek loads its scripts once, at start: a node whose host got new site policy scripts must be
 * restarted to run them (zeekctl's deploy restarts everything for this). The deploy adds these
 * restarts to the plan's spec changes, so they roll like any other change.
 */
import type { HostInstallOutcome, NodeSpec } from "@zeekbus/contracts";
import type { NodeChange, Plan } from "@zeekbus/topology-model";

/** The installed site policy directory, as the provisioner reports it swapped. */
const SITE_DIR = /\/installed-scripts-do-not-touch\/site$/;

/** The plan's restarts plus every other node on a host whose site directory was replaced. */
export function withSiteRestarts(
  plan: Pick<Plan, "stop" | "restart">,
  specs: readonly NodeSpec[],
  install: readonly HostInstallOutcome[],
): Pick<Plan, "stop" | "restart"> {
  const hosts = new Set(install.filter((i) => i.swapped.some((d) => SITE_DIR.test(d))).map((i) => i.host));
  const listed = new Set(plan.restart.map((c) => c.node));
  const extra: NodeChange[] = specs
    .filter((s) => hosts.has(s.host) && !listed.has(s.name))
    .map((s) => ({ node: s.name, host: s.host, type: s.type, reason: "site policy scripts changed" }));
  return { stop: plan.stop, restart: [...plan.restart, ...extra] };
}
