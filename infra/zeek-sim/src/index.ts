/**
 * Paths of the zeek-sim build, for packages that run it in place of zeek.
 * `zeekSimBin` is `bin/zeek` (a symlink to `bin/zeek-sim`, built by `make -C infra/zeek-sim/c`);
 * `zeekSimShare` is the stub script prefix it finds by default as `<bindir>/../share/zeek`.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const zeekSimBin = fileURLToPath(new URL("../bin/zeek", import.meta.url));
export const zeekSimShare = fileURLToPath(new URL("../share/zeek", import.meta.url));

/** ZEEKPATH the way zeekctl builds it: the generated-files dir first, then the stub prefix. */
export function zeekPath(generatedDir: string, share: string = zeekSimShare): string {
  return [generatedDir, share, `${share}/policy`, `${share}/site`, `${share}/builtin-plugins`].join(":");
}

/** Installs zeek-sim as a Zeek installation under `prefix` (bin/zeek, share/zeek): a tree to mirror to hosts. */
export function installZeekSim(prefix: string): void {
  const src = fileURLToPath(new URL("../c", import.meta.url));
  execFileSync("make", ["-s", "-C", src, "install", `PREFIX=${prefix}`]);
}
