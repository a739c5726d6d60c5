import { run } from "../exec.js";
import { GEN_NS, genIface, monIface } from "../names.js";
import { ipn, setNetnsSysctls } from "../net/netns.js";
import type { CaptureLink } from "../types.js";

const OFFLOADS_OFF = ["rx", "off", "tx", "off", "sg", "off", "tso", "off", "gso", "off", "gro", "off"];

/**
 * Creates `count` multi-queue veths from the generator namespace into host namespace `ns`:
 * generator end g-<host>-k, host end mon<k>, both up, the host end promiscuous without IPv6
 * (so the kernel never transmits on it) and with offloads off as far as veth allows.
 */
export async function createCaptureLinks(
  host: string,
  ns: string,
  count: number,
  queues: number,
): Promise<CaptureLink[]> {
  const links: CaptureLink[] = [];
  for (let k = 0; k < count; k++) {
    const iface = monIface(k);
    const generatorIface = genIface(host, k);
    const q = String(queues);
    await run(
      ipn(
        GEN_NS,
        "link",
        "add",
        generatorIface,
        "numtxqueues",
        q,
        "numrxqueues",
        q,
        "type",
        "veth",
        "peer",
      ).concat(["name", iface, "netns", ns, "numtxqueues", q, "numrxqueues", q]),
      { context: `create capture link ${iface} of host ${host}` },
    );
    links.push({ iface, generatorIface, queues });
  }
  const ifaceKeys = Object.fromEntries(links.map((l) => [`net.ipv6.conf.${l.iface}.disable_ipv6`, "1"]));
  await setNetnsSysctls(ns, ifaceKeys);
  await Promise.all(
    links.flatMap((l) => [
      run(ipn(ns, "link", "set", l.iface, "promisc", "on", "up"), {
        context: `bring up ${l.iface} on ${host}`,
      }),
      run(ipn(GEN_NS, "link", "set", l.generatorIface, "up"), { context: `bring up ${l.generatorIface}` }),
      run(["ip", "netns", "exec", ns, "ethtool", "-K", l.iface, ...OFFLOADS_OFF], { allowFail: true }),
      run(["ip", "netns", "exec", GEN_NS, "ethtool", "-K", l.generatorIface, ...OFFLOADS_OFF], {
        allowFail: true,
      }),
    ]),
  );
  return links;
}
