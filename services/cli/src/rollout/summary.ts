/** The end of a deploy as text: the failure (with crash reports) and a hosts × steps table. */
import type { DeployReply } from "@zeekbus/contracts";

const COLUMNS = ["zeek", "check", "install", "agent", "nodes"] as const;

function hostsOf(r: DeployReply): string[] {
  const hosts = [
    ...r.install.map((i) => i.host),
    ...r.check.map((c) => c.host),
    ...r.bootstrap.map((b) => b.host),
  ];
  return [...new Set(hosts)];
}

function cells(r: DeployReply, host: string): Record<(typeof COLUMNS)[number], string> {
  const inst = r.install.find((i) => i.host === host);
  const checks = r.check.filter((c) => c.host === host);
  const agent = r.bootstrap.find((b) => b.host === host);
  const nodes = r.nodes.filter((n) => n.host === host);
  const failedNodes = nodes.filter((n) => n.outcome.endsWith("_failed")).length;
  return {
    zeek: `${inst?.zeek ?? "-"}${inst?.zeekVersionProblem ? " (version unknown)" : ""}`,
    check: checks.length === 0 ? "-" : checks.every((c) => c.outcome === "ok") ? "ok" : "failed",
    install: inst?.outcome ?? "-",
    agent: agent?.outcome ?? "-",
    nodes: nodes.length === 0 ? "-" : failedNodes > 0 ? `${failedNodes} failed` : `${nodes.length} ok`,
  };
}

/** The table and closing lines for a deploy reply. */
export function deploySummary(r: DeployReply): string {
  const hosts = hostsOf(r);
  const rows = [["host", ...COLUMNS], ...hosts.map((h) => [h, ...Object.values(cells(r, h))])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines =
    hosts.length > 0
      ? rows.map((row) =>
          row
            .map((c, i) => c.padEnd(widths[i]!))
            .join("  ")
            .trimEnd(),
        )
      : [];
  if (r.failure?.step === "check") lines.push(`Error: check failed for ${r.failure.failed.join(", ")}`);
  else if (r.failure) {
    lines.push(`Error: ${r.failure.step} failed: ${r.failure.message}`);
    for (const dir of r.failure.crashReports) lines.push(`  crash report: ${dir}`);
  } else if (r.outcome === "unchanged")
    lines.push(`Nothing to do: revision ${r.revision} is deployed and running.`);
  else if (r.outcome === "deployed") lines.push(`Deployed revision ${r.revision}.`);
  return `${lines.join("\n")}\n`;
}
