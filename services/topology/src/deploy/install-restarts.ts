/**
 * Zeek loads its binary, plugins and scripts once, at start: a node whose host got a new Zeek
 * installation (mirrored) or new site policy scripts runs the old ones until restarted
 * (zeekctl's deploy restarts everything for this). The deploy adds these restarts to the plan's
 * spec changes, so they roll like any other change; nodes that do not run are simply started.
 */
import type { HostInstallOutcome, NodeSpec } from "@zeekbus/contracts";
import type { NodeChange, Plan } from "@zeekbus/topology-model";

/** The installed site policy directory, as the provisioner reports it swapped. */
const SITE_DIR = /\/installed-scripts-do-not-touch\/site$/;

/** Why a host's nodes must restart after its install, or undefined. */
function reasonOf(install: HostInstallOutcome): string | undefined {
  if (install.zeek === "mirrored") return "Zeek installation replaced";
  if (install.swapped.some((d) => SITE_DIR.test(d))) return "site policy scripts changed";
  return undefined;
}

/** The plan's restarts plus every other node on a host whose Zeek or site scripts were replaced. */
export function withInstallRestarts(
  plan: Pick<Plan, "stop" | "restart">,
  specs: readonly NodeSpec[],
  install: readonly HostInstallOutcome[],
): Pick<Plan, "stop" | "restart"> {
  const reasons = new Map(install.flatMap((i) => (reasonOf(i) ? [[i.host, reasonOf(i) as string]] : [])));
  const listed = new Set(plan.restart.map((c) => c.node));
  const extra: NodeChange[] = specs
    .filter((s) => reasons.has(s.host) && !listed.has(s.name))
    .map((s) => ({ node: s.name, host: s.host, type: s.type, reason: reasons.get(s.host) as string }));
  return { stop: plan.stop, restart: [...plan.restart, ...extra] };
}
