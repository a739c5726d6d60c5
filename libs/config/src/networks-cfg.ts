/**
 * networks.cfg reader (zeekctl's `install.py:read_networks`): one `<CIDR> [tag]` per line (lines
 * end at `\n`, `\r\n` or a lone `\r`, as Python reads text), `#` comments and blank lines skipped.
 * zeekbus additionally rejects entries Zeek would refuse: a bare address without `/len`
 * (zeekctl renders it into a `set[subnet]` and Zeek fails with a type clash) and malformed networks.
 */
import { isIP } from "node:net";
import type { LocalNetwork } from "./model.js";
import { error, type Problem } from "./problem.js";

/** Returns why a networks.cfg entry is unusable, or undefined when it is a valid CIDR network. */
export function checkCidr(cidr: string): string | undefined {
  const slash = cidr.indexOf("/");
  if (slash < 0) {
    return isIP(cidr) === 0
      ? `invalid network '${cidr}': not an address in CIDR notation`
      : `network '${cidr}' has no prefix length: write it as <address>/<length>`;
  }
  const addr = cidr.slice(0, slash);
  const len = cidr.slice(slash + 1);
  const family = isIP(addr);
  if (family === 0) return `invalid network '${cidr}': '${addr}' is not an IP address`;
  const max = family === 4 ? 32 : 128;
  if (!/^\d+$/.test(len) || Number(len) > max) {
    return `invalid network '${cidr}': prefix length must be an integer from 0 to ${max}`;
  }
  return undefined;
}

/** Parses networks.cfg text. Never throws. */
export function parseNetworksCfg(
  text: string,
  file: string,
): { networks: LocalNetwork[]; problems: Problem[] } {
  const networks: LocalNetwork[] = [];
  const problems: Problem[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const trimmed = (lines[i] ?? "").trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const m = /^(\S+)\s*(.*)$/s.exec(trimmed)!;
    const cidr = m[1]!;
    const tag = m[2]!.trim();
    const bad = checkCidr(cidr);
    if (bad) {
      problems.push(error(file, i + 1, bad));
      continue;
    }
    const net: LocalNetwork = { cidr, source: { file, line: i + 1 } };
    if (tag !== "") net.tag = tag;
    networks.push(net);
  }
  return { networks, problems };
}
