/** Sums each metric's samples by name in a Prometheus text exposition. */
export function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (m?.[1] && m[3]) out.set(m[1], (out.get(m[1]) ?? 0) + Number(m[3]));
  }
  return out;
}

/** Fetches a Prometheus text endpoint and returns the sum of each metric's samples by name. */
export async function scrape(url: string): Promise<Map<string, number>> {
  const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return parseMetrics(await res.text());
}

export interface CaptureCounters {
  received: number;
  dropped: number;
}

/** A worker's packet counters among its metrics (0 when it has not exported one yet). */
export function countersOf(metrics: Map<string, number>): CaptureCounters {
  return {
    received: metrics.get("zeek_net_received_packets_total") ?? 0,
    dropped: metrics.get("zeek_net_dropped_packets_total") ?? 0,
  };
}

export async function captureCounters(url: string): Promise<CaptureCounters> {
  return countersOf(await scrape(url));
}
