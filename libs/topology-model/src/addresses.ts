/** Address resolution without DNS: the caller supplies host facts; literals and localhost resolve themselves. */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** True for a dotted-quad IPv4 address. */
export function isIPv4(text: string): boolean {
  const m = IPV4.exec(text);
  return m?.slice(1).every((o) => Number(o) <= 255) ?? false;
}

/** True for an IPv6 address (loose check: hex groups and colons, optional embedded IPv4). */
export function isIPv6(text: string): boolean {
  if (!text.includes(":") || text.split("::").length > 2) return false;
  const groups = text.split(":");
  const last = groups[groups.length - 1] ?? "";
  const tail = isIPv4(last) ? groups.slice(0, -1) : groups;
  return tail.length <= 8 && tail.every((g) => /^[0-9A-Fa-f]{0,4}$/.test(g));
}

/** Resolves a node.cfg host to an address, or undefined when unknown. `%zone` is stripped. */
export function resolveAddress(host: string, known: Record<string, string> = {}): string | undefined {
  const given = known[host];
  const candidate = (given ?? host).split("%")[0] ?? "";
  if (isIPv4(candidate) || isIPv6(candidate)) return candidate;
  if (given === undefined && host === "localhost") return "127.0.0.1";
  return undefined;
}

/** Renders an address as Zeek writes it: IPv6 in brackets. */
export function zeekAddr(addr: string): string {
  return addr.includes(":") ? `[${addr}]` : addr;
}
