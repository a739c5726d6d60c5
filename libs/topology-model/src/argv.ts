/**
 * The zeek command line zeekctl builds (`control.py:_make_zeek_params`, live) and the backend
 * script chosen by the host's Zeek version.
 */
import { type ClusterConfig, optBool, optString } from "@zeekbus/config";
import { shellWords } from "./shell.js";
import type { ExpandedNode } from "./types.js";

function versionTuple(version: string): [number, number] {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

const atLeast = (v: [number, number], major: number, minor: number) =>
  v[0] > major || (v[0] === major && v[1] >= minor);

/**
 * The script that enables the cluster backend: ZeroMQ `policy/frameworks/cluster/backend/zeromq`
 * (8.1+) or `frameworks/cluster/backend/zeromq/connect` (7.1–8.0); Broker
 * `policy/frameworks/cluster/backend/broker` (8.1+) or nothing (≤ 8.0, Broker is built in).
 * Returns an error text when the version cannot run the backend.
 */
export function backendScript(zeroMq: boolean, version: string): { script?: string; error?: string } {
  const v = versionTuple(version);
  if (zeroMq) {
    if (atLeast(v, 8, 1)) return { script: "policy/frameworks/cluster/backend/zeromq" };
    if (atLeast(v, 7, 1)) return { script: "frameworks/cluster/backend/zeromq/connect" };
    return { error: `ClusterBackend ZeroMQ needs Zeek 7.1 or newer (found ${version})` };
  }
  return atLeast(v, 8, 1) ? { script: "policy/frameworks/cluster/backend/broker" } : {};
}

/**
 * The arguments after the zeek binary for one node, as zeekctl passes them. ZeekArgs goes through
 * the shell in zeekctl, so it is split into words here with `$VAR` expanded from `hostEnv`.
 */
export function zeekArgv(
  config: ClusterConfig,
  node: ExpandedNode,
  script: string | undefined,
  hostEnv: Record<string, string> = {},
): string[] {
  const o = config.options;
  const standalone = node.type === "standalone";
  const argv: string[] = [];
  if (node.interface !== undefined) argv.push("-i", node.interface);
  if (optBool(o, "SaveTraces")) argv.push("-w", "trace.pcap");
  argv.push("-U", ".status", "-p", "zeekctl", "-p", "zeekctl-live");
  if (standalone) argv.push("-p", "standalone");
  for (const prefix of optString(o, "Prefixes").split(":")) if (prefix !== "") argv.push("-p", prefix);
  argv.push("-p", node.name);
  if (script) argv.push(script);
  argv.push(...optString(o, "SitePolicyScripts").split(/\s+/).filter(Boolean));
  argv.push("zeekctl");
  if (standalone) argv.push("zeekctl/standalone");
  argv.push("zeekctl/auto");
  if (node.auxScripts) argv.push(...node.auxScripts.split(/\s+/).filter(Boolean));
  argv.push(...shellWords(optString(o, "ZeekArgs"), hostEnv));
  return argv;
}
