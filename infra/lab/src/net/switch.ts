import { run } from "../exec.js";
import { BRIDGE, GEN_NS, ROOT_IP, ROOT_LINK, SWITCH_NS, switchPort } from "../names.js";
import { addNetns, ipn, setNetnsSysctls } from "./netns.js";

const NO_IPV6 = { "net.ipv6.conf.all.disable_ipv6": "1", "net.ipv6.conf.default.disable_ipv6": "1" };

/** Creates the switch namespace with its bridge, the generator namespace and the root-side link. */
export async function createSwitchAndGenerator(): Promise<void> {
  await Promise.all([addNetns(SWITCH_NS), addNetns(GEN_NS)]);
  await Promise.all([setNetnsSysctls(SWITCH_NS, NO_IPV6), setNetnsSysctls(GEN_NS, NO_IPV6)]);
  const ctx = { context: `create bridge ${BRIDGE} in ${SWITCH_NS}` };
  await run(ipn(SWITCH_NS, "link", "add", BRIDGE, "type", "bridge"), ctx);
  await run(ipn(SWITCH_NS, "link", "set", BRIDGE, "up"), ctx);
  const rootCtx = { context: `create root link ${ROOT_LINK}` };
  const peer = switchPort("ctl");
  await run(
    ["ip", "link", "add", ROOT_LINK, "type", "veth", "peer", "name", peer, "netns", SWITCH_NS],
    rootCtx,
  );
  await run(ipn(SWITCH_NS, "link", "set", peer, "master", BRIDGE, "up"), rootCtx);
  await run(["ip", "link", "set", ROOT_LINK, "addrgenmode", "none"], rootCtx);
  await run(["ip", "addr", "add", `${ROOT_IP}/24`, "dev", ROOT_LINK], rootCtx);
  await run(["ip", "link", "set", ROOT_LINK, "up"], rootCtx);
}

/** Creates host namespace `ns` with eth0 = ip/24 attached to the bridge. */
export async function createHostNet(host: string, ns: string, ip: string): Promise<void> {
  const ctx = { context: `create network of host ${host} (${ns})` };
  await addNetns(ns);
  const port = switchPort(host);
  await run(ipn(ns, "link", "add", "eth0", "type", "veth", "peer", "name", port, "netns", SWITCH_NS), ctx);
  await run(ipn(SWITCH_NS, "link", "set", port, "master", BRIDGE, "up"), ctx);
  await run(ipn(ns, "addr", "add", `${ip}/24`, "dev", "eth0"), ctx);
  await run(ipn(ns, "link", "set", "eth0", "up"), ctx);
}
