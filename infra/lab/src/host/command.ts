import { findHost } from "../state.js";
import type { LabInfo } from "../types.js";

export interface HostCommandOptions {
  /** Working directory as seen inside the host (resolved after entering its mount namespace). */
  cwd?: string;
}

/**
 * The argv that runs `argv` on a lab host: in its network, UTS and mount namespaces, so
 * 127.0.0.1 is the host's loopback, `hostname` is its name and /opt/zeek is its private dir.
 */
export function hostCommand(
  lab: LabInfo,
  host: string,
  argv: readonly string[],
  opts: HostCommandOptions = {},
) {
  const h = findHost(lab, host);
  const wd = opts.cwd === undefined ? [] : [`--wdns=${opts.cwd}`];
  return ["nsenter", `--target=${h.nsPid}`, "--net", "--uts", "--mount", ...wd, "--", ...argv];
}
