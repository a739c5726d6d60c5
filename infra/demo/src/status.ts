/**
 * Live status: zeekctl's status columns for every node, as the hosts' supervisors report them
 * (the same agent `status` request `zeekbus status` makes), plus each worker's packet counter
 * and rate from its Prometheus metrics port, read on the worker's host (zeekctl binds metrics to
 * 127.0.0.1 there). In a terminal the table redraws in place unless other lines were printed
 * since the last one.
 */
import type { Bus } from "@zeekbus/bus";
import type { NodeSpec, NodeStatus } from "@zeekbus/contracts";
import { hostCaptureCounters, type LabInfo } from "@zeekbus/lab";
import { AgentClient } from "@zeekbus/process-supervisor/client";
import { clock, print, printedLines } from "./say.js";

/** One row's observed facts. */
interface Row {
  spec: NodeSpec;
  status?: NodeStatus;
  packets?: number;
  rate?: number;
}

function hhmmss(iso?: string): string {
  return iso ? new Date(iso).toISOString().slice(11, 19) : "";
}

/** Polls the supervisors and the workers' metrics; renders the table. */
export class LiveStatus {
  private readonly last = new Map<string, { packets: number; at: number }>();
  private drawn: { at: number; height: number } | undefined;

  constructor(
    private readonly bus: Bus,
    readonly cluster: string,
    readonly nodes: NodeSpec[],
    private readonly lab: LabInfo,
  ) {}

  /** Every node's status by name; a host that does not answer leaves its nodes out. */
  async statuses(): Promise<Map<string, NodeStatus>> {
    const hosts = [...new Set(this.nodes.map((n) => n.host))];
    const replies = await Promise.all(
      hosts.map((h) => new AgentClient(this.bus, this.cluster, h).status([], 1500).catch(() => undefined)),
    );
    return new Map(replies.flatMap((r) => r?.nodes ?? []).map((s) => [s.name, s]));
  }

  /** A worker's received-packets counter, read on its host (undefined while it does not answer). */
  async packets(node: NodeSpec): Promise<number | undefined> {
    if (!node.metricsPort) return undefined;
    return (await hostCaptureCounters(this.lab, node.host, node.metricsPort))?.received;
  }

  private async sample(): Promise<Row[]> {
    const statuses = await this.statuses();
    const now = Date.now();
    return Promise.all(
      this.nodes.map(async (spec): Promise<Row> => {
        const status = statuses.get(spec.name);
        if (spec.type !== "worker") return { spec, ...(status ? { status } : {}) };
        const packets = await this.packets(spec);
        const prev = this.last.get(spec.name);
        let rate: number | undefined;
        if (packets !== undefined) {
          if (prev && packets >= prev.packets) rate = ((packets - prev.packets) * 1000) / (now - prev.at);
          this.last.set(spec.name, { packets, at: now });
        }
        return {
          spec,
          ...(status ? { status } : {}),
          ...(packets !== undefined ? { packets } : {}),
          ...(rate !== undefined ? { rate } : {}),
        };
      }),
    );
  }

  /** Samples once and prints (or redraws) the table. */
  async show(): Promise<void> {
    const rows = await this.sample();
    const head = `[${clock()}]     cluster ${this.cluster}: ${rows.filter((r) => r.status?.state === "running").length}/${rows.length} nodes running`;
    const lines = [
      head,
      `          ${"Name".padEnd(12)} ${"Type".padEnd(7)} ${"Host".padEnd(10)} ${"Status".padEnd(11)} ${"Pid".padEnd(7)} ${"Started".padEnd(8)} ${"Restarts".padStart(8)} ${"Packets".padStart(9)} ${"pkt/s".padStart(6)}`,
      ...rows.map((r) => {
        const s = r.status;
        const packets = r.spec.type !== "worker" ? "" : r.packets === undefined ? "-" : String(r.packets);
        const rate = r.rate === undefined ? "" : String(Math.round(r.rate));
        return `          ${r.spec.name.padEnd(12)} ${r.spec.type.padEnd(7)} ${r.spec.host.padEnd(10)} ${(s?.state ?? "???").padEnd(11)} ${String(s?.pid ?? "").padEnd(7)} ${hhmmss(s?.startedAt).padEnd(8)} ${String(s?.restarts ?? "").padStart(8)} ${packets.padStart(9)} ${rate.padStart(6)}`;
      }),
    ];
    // Redraw in place only when nothing came between and no line wraps (the height would be off).
    const fits = lines.every((l) => l.length < (process.stdout.columns ?? 0));
    if (process.stdout.isTTY && fits && this.drawn && this.drawn.at === printedLines()) {
      process.stdout.write(`\x1b[${this.drawn.height}A\x1b[0J`);
    }
    print(lines.join("\n"));
    this.drawn = { at: printedLines(), height: lines.length };
  }
}
