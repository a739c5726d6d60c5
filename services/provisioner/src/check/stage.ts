/** A check of files not installed yet: the node's ZEEKPATH pointed at staged copies (pure). */
import type { StagedFiles } from "@zeekbus/contracts";
import { policyDirs } from "../install/layout.js";

/** Where a check stages `site` and `auto`: inside its temporary directory, as zeekctl's check does. */
export function stagedDirs(checkDir: string): { auto: string; site: string } {
  return { auto: `${checkDir}/auto`, site: `${checkDir}/site` };
}

function strip(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

/**
 * `ZEEKPATH` with each entry equal to an installed policy directory of `prefix` replaced by its
 * staged copy; every other entry (the empty one included) stays where it was. `replaced` counts
 * the entries changed.
 */
export function stageZeekPath(
  zeekPath: string,
  prefix: string,
  checkDir: string,
): { zeekPath: string; replaced: number } {
  const installed = policyDirs(prefix);
  const staged = stagedDirs(checkDir);
  let replaced = 0;
  const entries = zeekPath.split(":").map((entry) => {
    const e = strip(entry);
    if (e === installed.site || e === installed.auto) {
      replaced++;
      return e === installed.site ? staged.site : staged.auto;
    }
    return entry;
  });
  return { zeekPath: entries.join(":"), replaced };
}

/** The node's check env with ZEEKPATH pointed at the staged directories (see {@link stageZeekPath}). */
export function stagedEnv(
  env: Record<string, string>,
  prefix: string,
  checkDir: string,
): { env: Record<string, string>; replaced: number } {
  if (env.ZEEKPATH === undefined) return { env, replaced: 0 };
  const { zeekPath, replaced } = stageZeekPath(env.ZEEKPATH, prefix, checkDir);
  return { env: { ...env, ZEEKPATH: zeekPath }, replaced };
}

/** Every directory staging needs (both dirs and the parents of nested files), parents first. */
export function stagedFileDirs(checkDir: string, stage: StagedFiles): string[] {
  const to = stagedDirs(checkDir);
  const dirs = new Set<string>([to.site, to.auto]);
  for (const [base, files] of [
    [to.site, stage.site],
    [to.auto, stage.auto],
  ] as const) {
    for (const name of Object.keys(files)) {
      const parts = name.split("/").slice(0, -1);
      for (let i = 1; i <= parts.length; i++) dirs.add(`${base}/${parts.slice(0, i).join("/")}`);
    }
  }
  return [...dirs].sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
}

/** Absolute path → content of every staged file. */
export function stagedFilePaths(checkDir: string, stage: StagedFiles): [string, string][] {
  const to = stagedDirs(checkDir);
  return [
    ...Object.entries(stage.site).map(([n, c]): [string, string] => [`${to.site}/${n}`, c]),
    ...Object.entries(stage.auto).map(([n, c]): [string, string] => [`${to.auto}/${n}`, c]),
  ];
}
