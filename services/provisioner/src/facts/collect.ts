/**
 * Collecting one host's facts: four read-only commands, run in parallel. A zeek whose version
 * cannot be read is in the facts with the reason, not with a guessed version.
 */
import { type HostFacts, InternalError } from "@zeekbus/contracts";
import type { HostExec, RunResult } from "@zeekbus/hostexec";
import { DF_SCRIPT, INTERFACES_SCRIPT, parseCpuCount, parseDfAvail, parseInterfaces } from "./parse.js";
import { readZeekVersion } from "./zeek-version.js";

const TIMEOUT_MS = 15_000;

function failed(exec: HostExec, what: string, r: RunResult): InternalError {
  const why = (r.stderr || r.stdout).trim().split("\n")[0] ?? "";
  return new InternalError(`Reading ${what} on host ${exec.host} failed (exit ${r.code}): ${why}`);
}

/** Reads cpus, interfaces, zeek version and free disk of one host; throws naming the host. */
export async function collectFacts(
  exec: HostExec,
  target: { host: string; address: string },
  prefix: string,
): Promise<HostFacts> {
  const zeekPath = `${prefix}/bin/zeek`;
  const [nproc, ifs, version, df] = await Promise.all([
    exec.run(["nproc"], { timeoutMs: TIMEOUT_MS }),
    exec.run(["sh", "-c", INTERFACES_SCRIPT], { timeoutMs: TIMEOUT_MS }),
    readZeekVersion(exec, zeekPath, TIMEOUT_MS),
    exec.run(["sh", "-c", DF_SCRIPT, "sh", prefix], { timeoutMs: TIMEOUT_MS }),
  ]);
  const cpus = nproc.code === 0 ? parseCpuCount(nproc.stdout) : undefined;
  if (cpus === undefined) throw failed(exec, "the cpu count", nproc);
  const free = df.code === 0 ? parseDfAvail(df.stdout) : undefined;
  if (free === undefined) throw failed(exec, `free disk on ${prefix}`, df);
  if (ifs.code !== 0) throw failed(exec, "interfaces", ifs);
  return {
    host: target.host,
    address: target.address,
    cpus,
    interfaces: parseInterfaces(ifs.stdout),
    ...(version ? { zeek: { path: zeekPath, ...version } } : {}),
    freeDiskBytes: free,
    collectedAt: new Date().toISOString(),
  };
}
