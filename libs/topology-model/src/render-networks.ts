/** local-networks.zeek, byte-equal to zeekctl's `install.py:make_local_networks`. */
import type { LocalNetwork } from "@zeekbus/config";

function zeekSubnet(cidr: string): string {
  const slash = cidr.indexOf("/");
  const addr = cidr.slice(0, slash);
  return addr.includes(":") ? `[${addr}]${cidr.slice(slash)}` : cidr;
}

/** Renders local-networks.zeek from networks.cfg entries. */
export function renderLocalNetworks(networks: readonly LocalNetwork[]): string {
  const body = networks.map((n) => `\t${zeekSubnet(n.cidr)},${n.tag ? `\t# ${n.tag}` : ""}\n`).join("");
  return `# Automatically generated. Do not edit.\n\nredef Site::local_nets = {\n${body}};\n\n`;
}
