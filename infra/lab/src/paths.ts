import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sshdConfigName } from "./names.js";

/** The monorepo root: the nearest ancestor of this module whose package.json declares workspaces. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && "workspaces" in (JSON.parse(readFileSync(pkg, "utf8")) as object)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export const defaultLabDir = (): string => join(repoRoot(), ".lab");

/** Directory of the shared traces: env ZEEKBUS_TRACES, else `<repo>/../shared/traces`. */
export function tracesDir(): string {
  return process.env.ZEEKBUS_TRACES ?? resolve(repoRoot(), "..", "shared", "traces");
}

export const labFile = (dir: string): string => join(dir, "lab.json");
export const clientKey = (dir: string): string => join(dir, "id_ed25519");
export const knownHosts = (dir: string): string => join(dir, "known_hosts");
export const authorizedKeys = (dir: string): string => join(dir, "authorized_keys");
export const emptyFile = (dir: string): string => join(dir, "empty");
export const hostDir = (dir: string, host: string): string => join(dir, "hosts", host);
export const hostZeekDir = (dir: string, host: string): string => join(hostDir(dir, host), "zeek");
export const sshdConfig = (dir: string, host: string): string =>
  join(hostDir(dir, host), sshdConfigName(host));
