import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { sleep } from "../exec.js";
import { isAlive, readPidFile } from "../host/procs.js";
import type { LabInfo } from "../types.js";

export const isRoot = (): boolean => process.getuid?.() === 0;

/** OpenSSH client argv to run `remote` on a lab host with the lab key and pinned host keys. */
export function sshArgv(lab: LabInfo, host: string, remote: string): string[] {
  const h = lab.hosts.find((x) => x.name === host);
  if (!h) throw new Error(`no host ${host}`);
  return [
    "ssh",
    "-i",
    h.keyPath,
    "-o",
    `UserKnownHostsFile=${h.knownHostsPath}`,
    "-o",
    "StrictHostKeyChecking=yes",
    "-o",
    "BatchMode=yes",
    "-o",
    "ConnectTimeout=5",
    `${h.sshUser}@${h.ip}`,
    remote,
  ];
}

export function runSync(argv: string[]): { code: number | null; stdout: string; stderr: string } {
  const [cmd, ...args] = argv;
  const r = spawnSync(cmd as string, args, { encoding: "utf8", timeout: 20000 });
  return { code: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

const LOCK = "/run/zb-lab-test.lock";

/**
 * Serialises lab suites across test processes (only one lab can be up per machine). Waits for
 * the lock, taking it over when its owner has exited; returns the release function.
 */
export async function acquireLabLock(timeoutMs = 300_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(`${LOCK}/pid`, String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const owner = readPidFile(`${LOCK}/pid`);
    if (owner !== undefined && !isAlive(owner)) rmSync(LOCK, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`lab test lock ${LOCK} still held by pid ${owner}`);
    await sleep(100);
  }
}
