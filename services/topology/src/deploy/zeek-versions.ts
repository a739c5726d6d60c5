/**
 * The Zeek version of each host as the deploy's mirror step found it: the versions to render
 * for, and a line for every host whose version could not be read, naming the version its
 * files are rendered for instead (kept from the current revision, or the default).
 */
import type { HostInstallOutcome, NodeSpec } from "@zeekbus/contracts";

/** host → Zeek version, for the hosts whose version was read. */
export function foundVersions(install: HostInstallOutcome[]): Record<string, string> {
  return Object.fromEntries(install.flatMap((r) => (r.zeekVersion ? [[r.host, r.zeekVersion]] : [])));
}

/** A deploy line per host whose Zeek version could not be read. */
export function unknownVersionLines(
  install: HostInstallOutcome[],
  specs: NodeSpec[],
): { host: string; message: string }[] {
  return install.flatMap((r) => {
    if (!r.zeekVersionProblem) return [];
    const rendered = specs.find((s) => s.host === r.host)?.zeekVersion;
    const instead = rendered ? `files rendered for Zeek ${rendered}` : "no files rendered for it";
    return [
      { host: r.host, message: `${r.host}: Zeek version unknown (${r.zeekVersionProblem}); ${instead}` },
    ];
  });
}

/** The policy install's results with what the mirror step found of each host's Zeek. */
export function withMirrorFacts(
  installed: HostInstallOutcome[],
  mirrored: HostInstallOutcome[],
): HostInstallOutcome[] {
  return installed.map((r) => {
    const { zeek, zeekVersion, zeekVersionProblem } = mirrored.find((m) => m.host === r.host) ?? {};
    return {
      ...r,
      ...(zeek ? { zeek } : {}),
      ...(zeekVersion ? { zeekVersion } : {}),
      ...(zeekVersionProblem ? { zeekVersionProblem } : {}),
    };
  });
}
