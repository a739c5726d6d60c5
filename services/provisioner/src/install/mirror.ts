/**
 * Mirroring the Zeek installation as zeekctl's install does: a host without `<prefix>/bin/zeek`,
 * or whose `zeek -v` version differs from the source's, gets each of the source's `lib`, `share`
 * and `bin` swapped in atomically (`bin` last, so a half-done mirror is retried next time).
 * Nothing else under the prefix is touched (never `spool` or a node's cwd).
 */
import type { ZEEK_MIRROR_OUTCOMES } from "@zeekbus/contracts";
import type { HostExec } from "@zeekbus/hostexec";
import type { Logger } from "@zeekbus/log";
import { readZeekVersion, type ZeekVersionRead } from "../facts/zeek-version.js";
import type { ZeekSource } from "./zeek-source.js";

/** What an install did with a host's Zeek installation. */
export type MirrorOutcome = (typeof ZEEK_MIRROR_OUTCOMES)[number];

/** Whether a host's installation needs a look at all (pure). */
export function mirrorWanted(opts: {
  mirrorZeek: boolean;
  local: boolean;
  source: string;
  prefix: string;
}): boolean {
  return opts.mirrorZeek && !(opts.local && opts.source === opts.prefix);
}

/** `mirrored` is needed unless the host runs the source's version (pure). */
export function mirrorNeeded(hostVersion: string | undefined, sourceVersion: string): boolean {
  return hostVersion !== sourceVersion;
}

const TIMEOUT_MS = 30_000;

/** What `<prefix>/bin/zeek -v` says on the host; undefined when there is no zeek. */
export function hostZeekVersion(exec: HostExec, prefix: string): Promise<ZeekVersionRead | undefined> {
  return readZeekVersion(exec, `${prefix}/bin/zeek`, TIMEOUT_MS);
}

/** What {@link mirrorZeek} needs. */
export interface MirrorDeps {
  prefix: string;
  source: ZeekSource;
  log: Logger;
}

/**
 * Mirrors the source to one host when needed (→ the directories swapped and the version now
 * there, when it was looked at); throws naming the source.
 */
export async function mirrorZeek(
  deps: MirrorDeps,
  exec: HostExec,
  host: string,
  opts: { mirrorZeek: boolean; local: boolean },
): Promise<{ zeek: MirrorOutcome; swapped: string[] } & ZeekVersionRead> {
  const { prefix, source } = deps;
  if (!opts.mirrorZeek) return { zeek: "skipped", swapped: [] };
  if (!mirrorWanted({ ...opts, source: source.path, prefix })) {
    return { zeek: "skipped", swapped: [], ...(await hostZeekVersion(exec, prefix)) };
  }
  const [wanted, read] = await Promise.all([source.version(), hostZeekVersion(exec, prefix)]);
  const found = read?.version;
  if (!mirrorNeeded(found, wanted)) return { zeek: "current", swapped: [], version: wanted };
  const dirs = await source.dirs();
  const made = await exec.run(["mkdir", "-p", "--", prefix], { timeoutMs: TIMEOUT_MS });
  if (made.code !== 0) throw new Error(`mkdir ${prefix}: ${made.stderr.trim()}`);
  const t0 = performance.now();
  for (const dir of dirs) await exec.swapDir(`${prefix}/${dir.name}`, dir.files, { modes: dir.modes });
  deps.log.info(
    { host, from: found ?? null, to: wanted, ms: Math.round(performance.now() - t0) },
    "zeek installation mirrored",
  );
  return { zeek: "mirrored", swapped: dirs.map((d) => `${prefix}/${d.name}`), version: wanted };
}
