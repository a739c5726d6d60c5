import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { run } from "../exec.js";
import { authorizedKeys, clientKey, knownHosts } from "../paths.js";
import type { LabInfo } from "../types.js";

async function ensureKey(path: string, comment: string): Promise<string> {
  if (!existsSync(path) || !existsSync(`${path}.pub`)) {
    mkdirSync(dirname(path), { recursive: true });
    await run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path], {
      context: `generate ssh key ${path}`,
      input: "y\n",
    });
  }
  return readFileSync(`${path}.pub`, "utf8").trim();
}

/** Generates the lab's client key once and authorizes it; returns the private key path. */
export async function ensureClientKey(dir: string): Promise<string> {
  const pub = await ensureKey(clientKey(dir), "zeekbus-lab");
  writeFileSync(authorizedKeys(dir), `${pub}\n`);
  return clientKey(dir);
}

/** Generates a host key if missing and returns "<type> <base64>" of its public half. */
export async function ensureHostKey(path: string, host: string): Promise<string> {
  const [type, body] = (await ensureKey(path, `zeekbus-lab-${host}`)).split(/\s+/);
  return `${type} ${body}`;
}

/** Writes DIR/known_hosts with one OpenSSH line per host. */
export function writeKnownHosts(dir: string, entries: { ip: string; publicKey: string }[]): string {
  writeFileSync(knownHosts(dir), entries.map((e) => `${e.ip} ${e.publicKey}\n`).join(""));
  return knownHosts(dir);
}

/** Writes to `path` a known_hosts file with the lab's pinned keys except those of `address` (host-key tests). */
export function knownHostsWithout(lab: LabInfo, address: string, path: string): string {
  const lines = readFileSync(lab.knownHostsPath, "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.split(" ")[0]?.split(",").includes(address));
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}
