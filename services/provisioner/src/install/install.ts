/**
 * The `install` verb: each host's `site` and `auto` policy directories become exactly the
 * requested files, each replaced with one atomic directory swap and a sha256 manifest. A
 * directory whose manifest already matches is not written. First the Zeek installation is
 * mirrored when the host lacks it or runs another version (mirror.ts); nothing else under the
 * prefix is touched (never `spool` outside the installed scripts, never a node's cwd).
 */
import {
  type HostInstallOutcome,
  type InstallReply,
  type InstallTarget,
  MANIFEST_FILE,
  NotFoundError,
} from "@zeekbus/contracts";
import type { HostExec } from "@zeekbus/hostexec";
import type { Logger } from "@zeekbus/log";
import type { OutcomeEvents } from "../events/publish.js";
import { addressOf, type HostAccess, LOCAL_ADDRESSES } from "../hosts/access.js";
import { hostError } from "../hosts/errors.js";
import { HOST_CONCURRENCY, logFailures, mapBounded, refuseDuplicateHosts } from "../hosts/fan-out.js";
import { installedScriptsDir, policyDirs } from "./layout.js";
import { type Files, manifestMatches, withManifest } from "./manifest.js";
import { mirrorZeek } from "./mirror.js";
import { ZeekSource } from "./zeek-source.js";

/** What the install handler needs. */
export interface InstallDeps {
  access: HostAccess;
  prefix: string;
  /** Local Zeek installation to mirror (ZEEKBUS_ZEEK_SOURCE). */
  source: string;
  log: Logger;
}

const TIMEOUT_MS = 30_000;

async function readManifest(exec: HostExec, dir: string): Promise<string | undefined> {
  try {
    return (await exec.readFile(`${dir}/${MANIFEST_FILE}`)).toString("utf8");
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

async function installHost(
  deps: InstallDeps,
  source: ZeekSource,
  target: InstallTarget,
): Promise<HostInstallOutcome> {
  const address = addressOf(target);
  try {
    const exec = deps.access.exec(address);
    const { zeek, swapped, version, versionProblem } = await mirrorZeek(
      { prefix: deps.prefix, source, log: deps.log },
      exec,
      target.host,
      {
        mirrorZeek: target.mirrorZeek,
        local: LOCAL_ADDRESSES.has(address),
      },
    );
    const zeekVersion = {
      ...(version ? { zeekVersion: version } : {}),
      ...(versionProblem ? { zeekVersionProblem: versionProblem } : {}),
    };
    const dirs = policyDirs(deps.prefix);
    const wanted: [string, Files][] = target.policy
      ? [
          [dirs.site, target.site],
          [dirs.auto, target.auto],
        ]
      : [];
    const stale: [string, Files][] = [];
    for (const [dir, files] of wanted) {
      if (!manifestMatches(await readManifest(exec, dir), files)) stale.push([dir, files]);
    }
    if (stale.length === 0) {
      const outcome = zeek === "mirrored" ? "installed" : "unchanged";
      return { host: target.host, outcome, swapped, zeek, ...zeekVersion };
    }
    const made = await exec.run(["mkdir", "-p", "--", installedScriptsDir(deps.prefix)], {
      timeoutMs: TIMEOUT_MS,
    });
    if (made.code !== 0) throw new Error(`mkdir ${installedScriptsDir(deps.prefix)}: ${made.stderr.trim()}`);
    for (const [dir, files] of stale) await exec.swapDir(dir, withManifest(files));
    deps.log.debug({ host: target.host, swapped: stale.length }, "installed");
    return {
      host: target.host,
      outcome: "installed",
      swapped: [...swapped, ...stale.map(([dir]) => dir)],
      zeek,
      ...zeekVersion,
    };
  } catch (err) {
    const e = hostError(err, target.host, address);
    deps.log.debug({ host: target.host, code: e.code }, e.message);
    return { host: target.host, outcome: "install_failed", swapped: [], error: e.message };
  }
}

/**
 * Installs on the requested hosts in parallel, {@link HOST_CONCURRENCY} at a time; one failing
 * host does not affect the others. Each outcome is published as a host event as soon as it is
 * known. A host named twice is a ValidationError on `hosts`.
 */
export async function handleInstall(
  deps: InstallDeps,
  events: OutcomeEvents,
  hosts: InstallTarget[],
): Promise<InstallReply> {
  refuseDuplicateHosts(hosts);
  const source = new ZeekSource(deps.source);
  const results = await mapBounded(hosts, HOST_CONCURRENCY, async (t) =>
    events.install(await installHost(deps, source, t)),
  );
  logFailures(
    deps.log,
    "install",
    hosts.length,
    results.flatMap((r) => (r.outcome === "install_failed" ? [{ name: r.host, error: r.error }] : [])),
  );
  return { results };
}
