/** Fetches a Prometheus text endpoint and returns the sum of each metric's samples by name. */
export async function scrape(url: string): Promise<Map<string, number>> {
  const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  const out = new Map<string, number>();
  for (const line of (await res.text()).split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (m?.[1] && m[3]) out.set(m[1], (out.get(m[1]) ?? 0) + Number(m[3]));
  }
  return out;
}

export interface CaptureCounters {
  received: number;
  dropped: number;
}

export async function captureCounters(url: string): Promise<CaptureCounters> {
  const m = await scrape(url);
  return {
    received: m.get("zeek_net_received_packets_total") ?? 0,
    dropped: m.get("zeek_net_dropped_packets_total") ?? 0,
  };
}
