export type SimRole = "control" | "manager" | "logger" | "proxy" | "worker";

export interface SimNode {
  name: string;
  role: SimRole;
  port: number;
  metricsPort?: number;
}

const TYPES: Record<SimRole, string> = {
  control: "CONTROL",
  manager: "MANAGER",
  logger: "LOGGER",
  proxy: "PROXY",
  worker: "WORKER",
};

/** cluster-layout.zeek as zeekctl renders it (all nodes on 127.0.0.1, i.e. one host). */
export function layoutText(nodes: readonly SimNode[]): string {
  const manager = nodes.find((n) => n.role === "manager")?.name ?? "manager";
  const hasLogger = nodes.some((n) => n.role === "logger");
  const lines = nodes.map((n) => {
    const fields = [`$node_type=Cluster::${TYPES[n.role]}`, "$ip=127.0.0.1", `$p=${n.port}/tcp`];
    if (n.role === "proxy" || n.role === "worker") fields.push(`$manager="${manager}"`);
    if (n.metricsPort !== undefined) fields.push(`$metrics_port=${n.metricsPort}/tcp`);
    return `\t["${n.name}"] = [${fields.join(", ")}],\n`;
  });
  return [
    "# Automatically generated. Do not edit.\n",
    `redef Cluster::manager_is_logger = ${hasLogger ? "F" : "T"};\n`,
    "redef Cluster::nodes = {\n",
    ...lines,
    "};\n",
  ].join("");
}

/** A zeekctl-numbered layout: control, manager, logger, proxy-1 and `workers` workers. */
export function standardLayout(workers: number): SimNode[] {
  const nodes: SimNode[] = [
    { name: "control", role: "control", port: 27762 },
    { name: "manager", role: "manager", port: 27763, metricsPort: 9991 },
    { name: "logger", role: "logger", port: 27764, metricsPort: 9992 },
    { name: "proxy-1", role: "proxy", port: 27765, metricsPort: 9993 },
  ];
  for (let i = 1; i <= workers; i++) {
    nodes.push({ name: `worker-${i}`, role: "worker", port: 27765 + i, metricsPort: 9993 + i });
  }
  return nodes;
}
