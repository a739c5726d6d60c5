/**
 * The site policy scripts a deploy installs: the files of `--site <dir>`, else of `site/` inside
 * the config directory, else of `share/zeek/site` beside it (zeekctl's SitePolicyPath when the
 * config is `<prefix>/etc`). Hidden files are skipped; anything but plain files and directories
 * is refused by name.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { ValidationError } from "@zeekbus/contracts";

async function isDir(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** The site directory to use for a config at `configPath`, or undefined when there is none. */
export async function siteDirFor(configPath: string, explicit?: string): Promise<string | undefined> {
  if (explicit) {
    if (!(await isDir(explicit)))
      throw new ValidationError(`--site ${explicit} is not a directory`, [`--site: ${explicit}`]);
    return explicit;
  }
  const base = (await isDir(configPath)) ? configPath : dirname(configPath);
  for (const dir of [join(base, "site"), join(base, "..", "share", "zeek", "site")]) {
    if (await isDir(dir)) return dir;
  }
  return undefined;
}

/** Every plain file under `dir` by relative path → content. */
export async function readSiteFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out[relative(dir, path)] = await readFile(path, "utf8");
      else
        throw new ValidationError(`site policy ${path} is not a plain file`, [
          `${path}: not a file or directory`,
        ]);
    }
  };
  await walk(dir);
  return out;
}
