/** A check of files not installed yet: the node's ZEEKPATH pointed at staged copies (pure). */
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
