/** Throw-away network namespaces (named zbsim-*) with veth pairs, and tcpreplay inside them. */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { tracesDir } from "./fixtures.js";

function ip(args: string[]): void {
  execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"] });
}

/** Why capture tests cannot run here, or undefined when they can. */
export function netnsUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return "needs root for network namespaces and AF_PACKET";
  if (spawnSync("ip", ["-V"]).status !== 0) return "iproute2 (ip) not installed";
  if (spawnSync("tcpreplay", ["-V"]).status !== 0) return "tcpreplay not installed";
  return undefined;
}

/** Why a capture suite that replays the shared traces must skip, or undefined when it can run. */
export function captureSkipReason(): string | undefined {
  return netnsUnavailable() ?? (tracesDir() ? undefined : "traces not found (set ZEEKBUS_TRACES)");
}

export function deleteNetns(name: string): void {
  if (existsSync(`/run/netns/${name}`)) spawnSync("ip", ["netns", "del", name]);
}

/** Creates `name` with loopback up and one veth pair per [capture, sender] (no addresses). */
export function createNetns(name: string, pairs: [string, string][]): void {
  if (!name.startsWith("zbsim-")) throw new Error(`refusing netns name ${name}`);
  deleteNetns(name);
  ip(["netns", "add", name]);
  ip(["-n", name, "link", "set", "lo", "up"]);
  for (const [mon, tx] of pairs) {
    ip([
      "-n",
      name,
      "link",
      "add",
      mon,
      "numrxqueues",
      "4",
      "type",
      "veth",
      "peer",
      "name",
      tx,
      "numtxqueues",
      "4",
    ]);
    ip(["-n", name, "link", "set", mon, "up"]);
    ip(["-n", name, "link", "set", tx, "up"]);
  }
}

export interface ReplayResult {
  packets: number;
  pps: number;
}

/** tcpreplay inside the namespace; returns the packets sent and the rate tcpreplay reports. */
export function replay(
  ns: string,
  iface: string,
  pcap: string,
  rate: string[] = ["--topspeed"],
): ReplayResult {
  const r = spawnSync("ip", ["netns", "exec", ns, "tcpreplay", "-i", iface, ...rate, pcap], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`tcpreplay failed: ${r.stderr}`);
  const packets = Number(/Actual: (\d+) packets/.exec(r.stdout)?.[1] ?? "0");
  const pps = Number(/Rated: [\d.]+ Bps, [\d.]+ Mbps, ([\d.]+) pps/.exec(r.stdout)?.[1] ?? "0");
  return { packets, pps };
}
