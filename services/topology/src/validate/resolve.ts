/**
 * Host name resolution for the hosts of a config: IP literals and `localhost` resolve themselves
 * (topology-model handles them); every other host is looked up once. A failed lookup is a problem
 * naming the host, at the line of the first node that uses it.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import type { ClusterConfig, Problem } from "@zeekbus/config";
import { isIPv4, isIPv6 } from "@zeekbus/topology-model";

/** Resolves one host name to an address; rejects when it cannot. */
export type Lookup = (host: string) => Promise<string>;

/** Resolves through the system resolver (node:dns lookup), giving up after `timeoutMs`. */
export function systemLookup(timeoutMs = 3000): Lookup {
  return async (host) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error("timeout"), { code: "ETIMEOUT" })), timeoutMs);
    });
    try {
      const found = await Promise.race([dnsLookup(host), timeout]);
      return found.address;
    } finally {
      clearTimeout(timer);
    }
  };
}

/** True when the host needs no lookup (an address literal, possibly with `%zone`, or localhost). */
export function isLiteralHost(host: string): boolean {
  const bare = host.split("%")[0] ?? "";
  return host === "localhost" || isIPv4(bare) || isIPv6(bare);
}

/** The message topology-model and zeekctl use for a host that does not resolve. */
export function lookupFailedMessage(host: string, why: string): string {
  return `hostname lookup failed for '${host}' in node config [${why}]`;
}

/** Looks up every non-literal host of the config; returns the addresses found and a problem per failure. */
export async function resolveHosts(
  config: ClusterConfig,
  lookup: Lookup,
): Promise<{ addresses: Record<string, string>; problems: Problem[] }> {
  const firstUse = new Map<string, { file: string; line: number }>();
  for (const n of config.nodes) {
    if (isLiteralHost(n.host) || firstUse.has(n.host)) continue;
    firstUse.set(n.host, { file: n.source.file, line: n.keyLines.host ?? n.source.line });
  }
  const addresses: Record<string, string> = {};
  const problems: Problem[] = [];
  await Promise.all(
    [...firstUse].map(async ([host, at]) => {
      try {
        addresses[host] = await lookup(host);
      } catch (err) {
        const why = (err as { code?: string }).code ?? (err as Error).message;
        problems.push({
          level: "error",
          file: at.file,
          line: at.line,
          message: lookupFailedMessage(host, why),
        });
      }
    }),
  );
  problems.sort((a, b) => a.line - b.line);
  return { addresses, problems };
}
