/** Test fixture: a 3-host lab under the machine-wide lab lock, and helpers to reach its hosts. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acquireLabLock, type LabHost, type LabInfo, labDown, labUp } from "@zeekbus/lab";
import type { SshTarget } from "./connect.js";

/** Why lab tests are skipped here, or false when they can run. */
export function labSkipReason(): string | false {
  if (process.getuid?.() !== 0) return "needs root (network namespaces, sshd)";
  return false;
}

/** A running lab and how to tear it down. */
export interface LabFixture {
  lab: LabInfo;
  dir: string;
  down(): Promise<void>;
}

/** Takes the lab lock, brings up `hosts` hosts in a fresh directory. */
export async function startLab(hosts: number): Promise<LabFixture> {
  const release = await acquireLabLock();
  const dir = mkdtempSync(join(tmpdir(), "hx-lab-"));
  try {
    const lab = await labUp({ hosts, dir });
    return {
      lab,
      dir,
      async down() {
        try {
          await labDown(dir);
          rmSync(dir, { recursive: true, force: true });
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    await labDown(dir).catch(() => undefined);
    release();
    throw err;
  }
}

/** The ssh target of a lab host. */
export function targetOf(host: LabHost): SshTarget {
  return { host: host.ip, port: host.sshPort, username: host.sshUser, keyPath: host.keyPath };
}

/** A fresh ed25519 key pair in `dir`: the private key path and the public key's base64 blob. */
export function newKey(dir: string, name: string): { path: string; blob: string } {
  const path = join(dir, name);
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path]);
  return { path, blob: readFileSync(`${path}.pub`, "utf8").split(" ")[1] as string };
}
