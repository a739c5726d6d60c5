/** zeekctl's `status` table: `Name Type Host Status Pid Started`. */
import type { NodeSpec, NodeStatus } from "@zeekbus/contracts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** zeekctl's default TimeFmt `%d %b %H:%M:%S`. */
export function zeekctlTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getDate())} ${MONTHS[d.getMonth()]} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The table text for the nodes, in the given order. */
export function statusTable(nodes: NodeSpec[], statuses: Map<string, NodeStatus | { state: "???" }>): string {
  const lines = [
    `${"Name".padEnd(12)} ${"Type".padEnd(7)} ${"Host".padEnd(16)} ${"Status".padEnd(9)} ${"Pid".padEnd(6)} Started`,
  ];
  for (const n of nodes) {
    const st = statuses.get(n.name);
    const state = st?.state ?? "???";
    const pid = st && "pid" in st ? st.pid : undefined;
    if (pid === undefined) lines.push(`${n.name.padEnd(12)} ${n.type} ${n.host} ${state}`);
    else {
      const started = st && "startedAt" in st && st.startedAt ? zeekctlTime(st.startedAt) : "";
      lines.push(
        `${n.name.padEnd(12)} ${n.type.padEnd(7)} ${n.host.padEnd(16)} ${state.padEnd(9)} ${String(pid).padEnd(6)} ${started}`,
      );
    }
  }
  return lines.join("\n");
}
