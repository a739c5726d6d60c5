/**
 * Replacing a host agent of another version (zeekbus was upgraded): the agent bootstrap
 * started is found by the pid file written at its launch, checked to still be that agent, and
 * stopped with SIGTERM — it detaches from its zeek processes, which keep running, and the new
 * agent adopts them from the same state directory. An agent bootstrap did not start (a systemd
 * unit, say) is left alone.
 */
import { NotFoundError } from "@zeekbus/contracts";
import type { HostExec } from "@zeekbus/hostexec";

const TIMEOUT_MS = 30_000;
/** How long the old agent has to exit after SIGTERM before it gets SIGKILL. */
const EXIT_WAIT_MS = 10_000;

/** The pid recorded in `pidFile`, when the file exists and holds one. */
async function recordedPid(exec: HostExec, pidFile: string): Promise<number | undefined> {
  try {
    const text = (await exec.readFile(pidFile)).toString("utf8").trim();
    return /^[0-9]+$/.test(text) ? Number(text) : undefined;
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

async function isAgent(exec: HostExec, pid: number, agentFile: string): Promise<boolean> {
  const r = await exec.run(["cat", "--", `/proc/${pid}/cmdline`], { timeoutMs: TIMEOUT_MS });
  return r.code === 0 && r.stdout.split("\0").some((arg) => arg.startsWith(agentFile));
}

async function gone(exec: HostExec, pid: number, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const r = await exec.run(["kill", "-0", "--", String(pid)], { timeoutMs: TIMEOUT_MS });
    if (r.code !== 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * Stops the agent bootstrap started (its pid file, its command line under `agentDir`); resolves
 * with its pid, or undefined when there is none of ours to stop.
 */
export async function stopBootstrappedAgent(
  exec: HostExec,
  paths: { pidFile: string; dir: string },
): Promise<number | undefined> {
  const pid = await recordedPid(exec, paths.pidFile);
  if (pid === undefined || !(await isAgent(exec, pid, `${paths.dir}/`))) return undefined;
  await exec.run(["kill", "-TERM", "--", String(pid)], { timeoutMs: TIMEOUT_MS });
  if (!(await gone(exec, pid, EXIT_WAIT_MS))) {
    await exec.run(["kill", "-KILL", "--", String(pid)], { timeoutMs: TIMEOUT_MS });
    await gone(exec, pid, EXIT_WAIT_MS);
  }
  return pid;
}
