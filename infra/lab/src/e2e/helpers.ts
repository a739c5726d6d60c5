import { spawnSync } from "node:child_process";
import type { LabInfo } from "../types.js";

export { acquireLabLock } from "../lock.js";

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
