import { run } from "../exec.js";
import { PREFIX } from "../names.js";

export const ipn = (ns: string, ...args: string[]): string[] => ["ip", "-n", ns, ...args];

/** Names of all network namespaces starting with the lab prefix. */
export async function listLabNetns(): Promise<string[]> {
  const { stdout } = await run(["ip", "-j", "netns", "list"]);
  const list = JSON.parse(stdout.trim() || "[]") as { name: string }[];
  return list.map((n) => n.name).filter((n) => n.startsWith(PREFIX));
}

/** Creates a namespace with loopback up; fails if it exists. */
export async function addNetns(ns: string): Promise<void> {
  await run(["ip", "netns", "add", ns], { context: `create namespace ${ns}` });
  await run(ipn(ns, "link", "set", "lo", "up"), { context: `bring up lo in ${ns}` });
}

/** Sets per-namespace sysctls (never the root namespace's). */
export async function setNetnsSysctls(ns: string, settings: Record<string, string>): Promise<void> {
  const pairs = Object.entries(settings).map(([k, v]) => `${k}=${v}`);
  await run(["ip", "netns", "exec", ns, "sysctl", "-q", "-w", ...pairs], { context: `set sysctls in ${ns}` });
}

export async function pidsInNetns(ns: string): Promise<number[]> {
  const { stdout } = await run(["ip", "netns", "pids", ns], { allowFail: true });
  return stdout
    .split(/\s+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

export async function deleteNetns(ns: string): Promise<void> {
  await run(["ip", "netns", "del", ns], { context: `delete namespace ${ns}` });
}

/** Root-namespace links named with the lab prefix. */
export async function listLabRootLinks(): Promise<string[]> {
  const { stdout } = await run(["ip", "-j", "link", "show"]);
  const links = JSON.parse(stdout || "[]") as { ifname: string }[];
  return links.map((l) => l.ifname).filter((n) => n.startsWith(PREFIX));
}
