import { LabOptionError, UnknownHostError } from "../errors.js";
import { run } from "../exec.js";
import { TAG_ENV } from "../names.js";
import { findHost } from "../state.js";
import type { LabInfo } from "../types.js";
import { resolveTrace } from "./trace.js";

export interface ReplayOptions {
  host: string;
  /** Capture interface on the host (default mon0). */
  iface?: string;
  /** Path, or a file name in the shared traces directory; `.pcap.gz` is gunzipped first. */
  trace: string;
  /** Packets per second; without it the replay runs at top speed. */
  pps?: number;
  /** Replays the trace this many times (default 1). */
  loop?: number;
}

export interface ReplayResult {
  host: string;
  iface: string;
  packets: number;
  seconds: number;
  pps: number;
  failed: number;
}

function parseStats(out: string): Omit<ReplayResult, "host" | "iface"> {
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? Number.NaN);
  return {
    packets: num(/Actual: (\d+) packets/),
    seconds: num(/sent in ([\d.]+) seconds/),
    pps: num(/([\d.]+) pps/),
    failed: num(/Failed packets:\s+(\d+)/),
  };
}

/** Replays a trace with tcpreplay from the generator namespace into a host's capture interface. */
export async function replay(lab: LabInfo, opts: ReplayOptions): Promise<ReplayResult> {
  const host = findHost(lab, opts.host);
  const iface = opts.iface ?? "mon0";
  const link = host.capture.find((c) => c.iface === iface);
  if (!link) {
    const have = host.capture.map((c) => c.iface).join(", ");
    throw new UnknownHostError(`host ${host.name} has no capture interface ${iface} (has ${have})`);
  }
  const loop = opts.loop ?? 1;
  if (!Number.isInteger(loop) || loop < 1)
    throw new LabOptionError(`replay loop must be an integer >= 1, got ${loop}`);
  if (opts.pps !== undefined && !(opts.pps > 0))
    throw new LabOptionError(`replay pps must be > 0, got ${opts.pps}`);
  const rate = opts.pps === undefined ? ["--topspeed"] : [`--pps=${opts.pps}`];
  const trace = await resolveTrace(opts.trace);
  try {
    const argv = [
      "ip",
      "netns",
      "exec",
      lab.generatorNetns,
      "tcpreplay",
      "-q",
      `--intf1=${link.generatorIface}`,
    ];
    const { stdout } = await run([...argv, ...rate, `--loop=${loop}`, trace.path], {
      context: `replay ${opts.trace} into ${host.name}:${iface}`,
      env: { ...process.env, [TAG_ENV]: "tcpreplay" },
    });
    return { host: host.name, iface, ...parseStats(stdout) };
  } finally {
    trace.cleanup();
  }
}
