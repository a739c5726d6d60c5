/**
 * Rejoin detection for workers: a restarted worker has rejoined its fanout group when its own
 * Prometheus counter `zeek_net_received_packets_total` rises above zero, or, when the link
 * carries no traffic at all, once the link's receive counter stays flat for a quiet period.
 */
import { readFileSync } from "node:fs";

/** Sums a counter over every label set in a Prometheus text exposition. */
export function counterValue(text: string, metric: string): number | undefined {
  let total: number | undefined;
  for (const line of text.split("\n")) {
    if (!line.startsWith(metric)) continue;
    const rest = line.slice(metric.length);
    if (rest[0] !== "{" && rest[0] !== " ") continue;
    const value = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (Number.isFinite(value)) total = (total ?? 0) + value;
  }
  return total;
}

/** Scrapes a node's received-packets counter; undefined when it does not answer. */
export async function receivedPackets(port: number, host = "127.0.0.1"): Promise<number | undefined> {
  try {
    const res = await fetch(`http://${host}:${port}/metrics`, { signal: AbortSignal.timeout(500) });
    return counterValue(await res.text(), "zeek_net_received_packets_total");
  } catch {
    return undefined;
  }
}

/** Packets the kernel received on an interface (in the caller's network namespace). */
export function linkRxPackets(iface: string): number | undefined {
  try {
    return Number(readFileSync(`/sys/class/net/${iface}/statistics/rx_packets`, "utf8"));
  } catch {
    return undefined;
  }
}

/** The interface name without a packet-source prefix (`af_packet::eth0` → `eth0`). */
export function linkName(iface: string): string {
  return iface.includes("::") ? iface.slice(iface.lastIndexOf("::") + 2) : iface;
}

/** How a wait for rejoin ended. */
export type RejoinOutcome = "packets" | "no_traffic";

/** Resolves when the worker receives packets, or when its link stays quiet for `quietMs`. */
export async function waitRejoin(options: {
  metricsPort: number;
  iface?: string;
  quietMs?: number;
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
}): Promise<RejoinOutcome> {
  const quietMs = options.quietMs ?? 1000;
  const link = options.iface ? linkName(options.iface) : undefined;
  let lastRx = link ? linkRxPackets(link) : undefined;
  let quietSince = Date.now();
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (options.signal?.aborted) throw new Error("rejoin wait cancelled");
    if (((await receivedPackets(options.metricsPort)) ?? 0) > 0) return "packets";
    const rx = link ? linkRxPackets(link) : undefined;
    if (rx !== lastRx) {
      lastRx = rx;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) return "no_traffic";
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 10));
  }
  throw new Error(`no packets within ${options.timeoutMs} ms`);
}
