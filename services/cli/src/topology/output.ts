/** Output shared by the topology verbs: problems, plans, errors and exit codes as zeekctl prints them. */
import type { Plan } from "@zeekbus/contracts";
import { formatWire } from "@zeekbus/topology";

/** A problem as it arrives (wire or local), printed `file:line: message` with the operator's path. */
export interface ShownProblem {
  level: "error" | "warning";
  file: string;
  line?: number;
  message: string;
}

/** `file:line: message` lines; warnings carry `warning:` after the location. */
export function problemLines(problems: readonly ShownProblem[], display: (file: string) => string): string[] {
  return problems.map((p) => {
    const text = formatWire({ ...p, file: display(p.file) });
    if (p.level === "error") return text;
    const at = text.length - p.message.length;
    return `${text.slice(0, at)}warning: ${p.message}`;
  });
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** A plan as text; `No changes.` when it does nothing. */
export function planText(plan: Plan): string {
  const lines = [`Planned against revision ${plan.baseRevision ?? 0}.`];
  const steps = (title: string, list: Plan["start"]) => {
    if (list.length === 0) return;
    lines.push(`${title}:`);
    for (const s of list) lines.push(`  ${s.node} on ${s.host}: ${s.reason}`);
  };
  steps("stop", plan.stop);
  steps("start", plan.start);
  steps("restart", plan.restart);
  if (plan.files.length > 0) lines.push("files:", ...plan.files.map((f) => `  ${f}`));
  if (plan.fanout.length > 0) {
    lines.push("fanout:");
    for (const f of plan.fanout) {
      lines.push(
        `  ${f.host} ${f.interface} (id ${f.id}): ${f.before.join(",") || "-"} -> ${f.after.join(",") || "-"} (${percent(f.movedShare)} of flows move)`,
      );
    }
  }
  if (lines.length === 1) lines.push("No changes.");
  return `${lines.join("\n")}\n`;
}
