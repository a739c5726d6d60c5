/**
 * The demo's world: the machine-wide lab lock, a 3-host lab of network namespaces (each with
 * its own sshd and /opt/zeek) and the "Zeek installation" the provisioner mirrors to the hosts,
 * which is zeek-sim, a stand-in (see infra/zeek-sim/README.md).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { acquireLabLock, type LabInfo, labDown, labUp, repoRoot } from "@zeekbus/lab";
import { info } from "./say.js";
import { checkStop, DemoError, type Teardown } from "./teardown.js";

const exec = promisify(execFile);
const LOCK_PID = "/run/zb-lab.lock/pid";

/** Takes the lab lock, waiting (interruptibly) while another lab user holds it. */
async function takeLock(signal: AbortSignal): Promise<() => void> {
  let told = false;
  for (;;) {
    checkStop(signal);
    try {
      return await acquireLabLock(1000);
    } catch (err) {
      if (!/still held/.test((err as Error).message)) throw err;
      if (!told) {
        const holder = existsSync(LOCK_PID) ? readFileSync(LOCK_PID, "utf8").trim() : "?";
        info(
          `waiting for the lab lock (another lab user, pid ${holder}, holds it; tests take a few minutes)`,
        );
        told = true;
      }
    }
  }
}

/**
 * Temporary directories of an earlier demo that was killed -9: with the lab lock held no other
 * demo runs, and labUp has just torn down whatever that demo had left running.
 */
function removeStaleDirs(keep: string): void {
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!/^zeekbus-demo-(lab|zeek|state)-/.test(name) || path === keep) continue;
    info(`removing ${path} (left by an earlier demo that did not tear down)`);
    rmSync(path, { recursive: true, force: true });
  }
}

/** Lock + lab up; the teardown takes the lab down and releases the lock. */
export async function startLab(
  hosts: number,
  td: Teardown,
  signal: AbortSignal,
): Promise<{ lab: LabInfo; lockWaitMs: number }> {
  if (process.getuid?.() !== 0)
    throw new DemoError("the demo needs root (network namespaces, sshd, AF_PACKET)");
  const since = Date.now();
  const release = await takeLock(signal);
  const lockWaitMs = Date.now() - since;
  td.add("release the lab lock", release);
  const dir = mkdtempSync(join(tmpdir(), "zeekbus-demo-lab-"));
  td.add("lab down (namespaces, sshds, every process in them, guard route)", async () => {
    await labDown(dir);
    rmSync(dir, { recursive: true, force: true });
  });
  const lab = await labUp({ hosts, dir });
  removeStaleDirs(dir);
  for (const h of lab.hosts) {
    const caps = h.capture.map((c) => `${c.iface} (${c.queues} queues)`).join(", ");
    info(`${h.name}  ${h.ip.padEnd(10)} sshd pid ${h.sshdPid}, ${h.prefix} private, capture ${caps}`);
  }
  info(`root namespace address ${lab.rootIp}; everything else in 10.99.0.0/16 is unreachable (guard route)`);
  return { lab, lockWaitMs };
}

/** What was installed: the prefix and the version `zeek -v` reports (as zeekctl reads it). */
export interface ZeekInstall {
  prefix: string;
  version: string;
}

/** Builds and installs zeek-sim into a temporary prefix: the local installation to mirror. */
export async function installZeekSim(td: Teardown, signal: AbortSignal): Promise<ZeekInstall> {
  const dir = mkdtempSync(join(tmpdir(), "zeekbus-demo-zeek-"));
  td.add("remove the temporary Zeek installation", () => rmSync(dir, { recursive: true, force: true }));
  const prefix = join(dir, "zeek");
  const src = join(repoRoot(), "infra", "zeek-sim", "c");
  try {
    await exec("make", ["-s", "-C", src, "install", `PREFIX=${prefix}`], { signal });
  } catch (err) {
    checkStop(signal);
    const e = err as { stderr?: string; message: string };
    throw new DemoError(`building zeek-sim failed: ${(e.stderr || e.message).trim()}`);
  }
  const { stdout } = await exec(join(prefix, "bin", "zeek"), ["-v"], { signal });
  const version = stdout.trim().split(/\s+/).pop() ?? "?";
  return { prefix, version };
}
