import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readlinkSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { HostStartError } from "../errors.js";
import { run, waitFor } from "../exec.js";
import { TAG_ENV, ZEEK_PREFIX } from "../names.js";
import { isAlive, nsInode } from "./procs.js";

/**
 * Starts a process that holds the host's UTS and mount namespaces (inside its netns) and
 * returns its pid, the target for `nsenter`. It sleeps until `down` kills it.
 */
export async function startHolder(host: string, ns: string): Promise<number> {
  const argv = [
    "netns",
    "exec",
    ns,
    "unshare",
    "--uts",
    "--mount",
    "--propagation",
    "private",
    "sleep",
    "infinity",
  ];
  const child = spawn("ip", argv, {
    detached: true,
    stdio: "ignore",
    env: { ...process.env, [TAG_ENV]: ns },
  });
  child.unref();
  await new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (err) =>
      reject(new HostStartError(`could not start the namespace holder of host ${host}: ${err.message}`)),
    );
  });
  const pid = child.pid;
  if (pid === undefined) throw new HostStartError(`could not start the namespace holder of host ${host}`);
  const ownUts = nsInode(process.pid, "uts");
  const ready = await waitFor(() => {
    if (!isAlive(pid)) return false;
    try {
      const exe = readlinkSync(`/proc/${pid}/exe`);
      return exe.endsWith("/sleep") && nsInode(pid, "uts") !== ownUts ? true : undefined;
    } catch {
      return undefined;
    }
  }, 5000);
  if (ready !== true) throw new HostStartError(`namespace holder of host ${host} (pid ${pid}) did not start`);
  return pid;
}

/** Sets the hostname and the private mounts (/opt/zeek, an empty ~/.bashrc) of a host. */
export async function configureHostNamespaces(host: string, pid: number, privateDir: string, empty: string) {
  const enter = (...ns: string[]) => ["nsenter", `--target=${pid}`, ...ns, "--"];
  const ctx = (what: string) => ({ context: `${what} on host ${host}` });
  mkdirSync(ZEEK_PREFIX, { recursive: true });
  mkdirSync(privateDir, { recursive: true });
  await run([...enter("--uts"), "hostname", host], ctx("set hostname"));
  await run([...enter("--mount"), "mount", "--bind", privateDir, ZEEK_PREFIX], ctx(`bind ${ZEEK_PREFIX}`));
  const bashrc = join(userInfo().homedir, ".bashrc");
  if (existsSync(bashrc))
    await run([...enter("--mount"), "mount", "--bind", empty, bashrc], ctx(`blank ${bashrc}`));
}
