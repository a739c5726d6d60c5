import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HostStartError } from "../errors.js";
import { run, waitFor } from "../exec.js";
import { TAG_ENV } from "../names.js";
import { authorizedKeys, hostDir, sshdConfig } from "../paths.js";
import { isAlive, readPidFile } from "./procs.js";

export const SSHD = "/usr/sbin/sshd";

export interface SshdPaths {
  config: string;
  hostKey: string;
  pidFile: string;
  log: string;
}

export function sshdPaths(dir: string, host: string): SshdPaths {
  const base = hostDir(dir, host);
  return {
    config: sshdConfig(dir, host),
    hostKey: join(base, "ssh_host_ed25519_key"),
    pidFile: join(base, "sshd.pid"),
    log: join(base, "sshd.log"),
  };
}

function configText(dir: string, ip: string, p: SshdPaths): string {
  return [
    `ListenAddress ${ip}`,
    "Port 22",
    `HostKey ${p.hostKey}`,
    `PidFile ${p.pidFile}`,
    `AuthorizedKeysFile ${authorizedKeys(dir)}`,
    "PermitRootLogin prohibit-password",
    "PubkeyAuthentication yes",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "UsePAM no",
    "StrictModes no",
    "UseDNS no",
    "PrintMotd no",
    "PrintLastLog no",
    "MaxSessions 64",
    "MaxStartups 100:30:200",
    "Subsystem sftp internal-sftp",
    "",
  ].join("\n");
}

/** Writes the host's sshd config and starts sshd inside the host (via the holder pid). */
export async function startSshd(dir: string, host: string, ip: string, holderPid: number): Promise<number> {
  const paths = sshdPaths(dir, host);
  writeFileSync(paths.config, configText(dir, ip, paths));
  writeFileSync(paths.pidFile, "");
  const argv = [
    "nsenter",
    `--target=${holderPid}`,
    "--net",
    "--uts",
    "--mount",
    "--",
    SSHD,
    "-f",
    paths.config,
  ];
  await run([...argv, "-E", paths.log], {
    context: `start sshd on host ${host}`,
    env: { ...process.env, [TAG_ENV]: `sshd-${host}` },
  });
  const pid = await waitFor(() => {
    const p = readPidFile(paths.pidFile);
    return p !== undefined && isAlive(p) ? p : undefined;
  }, 3000);
  if (pid === undefined) {
    const log = readFileSync(paths.log, "utf8").trim().split("\n").slice(-3).join(" | ");
    throw new HostStartError(`sshd on host ${host} (${ip}) did not write ${paths.pidFile}: ${log}`);
  }
  return pid;
}
