/**
 * Continuous traffic: real traces replayed with tcpreplay from the lab's generator namespace
 * into a host's capture interface, paced with nanosleep (`--timer=nano`: the default busy-wait
 * would take a whole core) and looped until the demo stops them. Replayed frames go only into
 * the lab's capture veths.
 */
import { type ChildProcess, spawn } from "node:child_process";
import type { LabInfo } from "@zeekbus/lab";
import { resolveTrace } from "@zeekbus/lab";
import { info } from "./say.js";
import { DemoError, type Teardown } from "./teardown.js";

/** One replay: which trace into which host, and how fast. */
export interface Replay {
  host: string;
  trace: string;
  pps: number;
}

/** Enough loops to outlast any demo; the teardown stops the replay. */
const LOOPS = 1_000_000;

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Starts the replays (returns their pids); each is stopped, its trace copy removed, at teardown. */
export async function startTraffic(lab: LabInfo, replays: Replay[], td: Teardown): Promise<number[]> {
  const pids: number[] = [];
  for (const r of replays) {
    const host = lab.hosts.find((h) => h.name === r.host);
    const link = host?.capture[0];
    if (!host || !link) throw new DemoError(`no lab host ${r.host} with a capture interface`);
    const trace = await resolveTrace(r.trace);
    td.add(`remove the temporary copy of ${r.trace}`, trace.cleanup);
    const argv = [
      "netns",
      "exec",
      lab.generatorNetns,
      "tcpreplay",
      "-q",
      "--timer=nano",
      `--intf1=${link.generatorIface}`,
      `--pps=${r.pps}`,
      `--loop=${LOOPS}`,
      trace.path,
    ];
    // ZEEKBUS_LAB tags it for the lab's teardown too, should the demo itself be killed.
    const child = spawn("ip", argv, {
      env: { ...process.env, ZEEKBUS_LAB: "tcpreplay" },
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
    });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    td.add(`stop the replay into ${r.host}`, () => stop(child));
    const early = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 500);
      child.once("exit", (code) => {
        clearTimeout(timer);
        resolve(code ?? -1);
      });
      child.once("error", (err) => {
        clearTimeout(timer);
        stderr += err.message;
        resolve(-1);
      });
    });
    if (early !== null) throw new DemoError(`tcpreplay into ${r.host} exited (${early}): ${stderr.trim()}`);
    if (child.pid) pids.push(child.pid);
    info(`${r.trace} → ${r.host}:${link.iface} at ${r.pps} packets/s, looped (tcpreplay pid ${child.pid})`);
  }
  return pids;
}
