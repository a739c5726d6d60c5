/**
 * The local Zeek installation install mirrors (ZEEKBUS_ZEEK_SOURCE): its version, read once per
 * request, and the files of `bin`, `share` and `lib`, read only when a host needs them.
 */
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { NotFoundError, ValidationError } from "@zeekbus/contracts";
import { type DirFiles, LocalExec } from "@zeekbus/hostexec";
import { readZeekVersion } from "../facts/zeek-version.js";

/** The directories of a prefix that make up a Zeek installation, in the order they are swapped. */
export const MIRRORED_DIRS = ["lib", "share", "bin"] as const;

/** One mirrored directory: files (symlinks followed) and their modes. */
export interface SourceDir {
  name: (typeof MIRRORED_DIRS)[number];
  files: DirFiles;
  modes: Record<string, number>;
}

/** Mode a mirrored file gets: 0755 when any execute bit is set, else 0644. */
export function mirroredMode(mode: number): number {
  return (mode & 0o111) !== 0 ? 0o755 : 0o644;
}

async function walk(root: string, rel: string, seen: Set<string>, out: SourceDir): Promise<void> {
  const dir = rel ? `${root}/${rel}` : root;
  const real = await realpath(dir);
  if (seen.has(real)) return;
  const inner = new Set(seen).add(real);
  for (const entry of await readdir(dir)) {
    const path = `${dir}/${entry}`;
    const name = rel ? `${rel}/${entry}` : entry;
    const st = await stat(path).catch(() => undefined);
    if (!st) continue;
    if (st.isDirectory()) await walk(root, name, inner, out);
    else if (st.isFile()) {
      out.files[name] = await readFile(path);
      out.modes[name] = mirroredMode(st.mode);
    }
  }
}

/** A Zeek installation on this machine, read lazily and at most once. */
export class ZeekSource {
  private versionP: Promise<string> | undefined;
  private dirsP: Promise<SourceDir[]> | undefined;

  constructor(readonly path: string) {}

  /** `<source>/bin/zeek -v`, read as zeekctl does; fails naming ZEEKBUS_ZEEK_SOURCE and the path. */
  version(): Promise<string> {
    this.versionP ??= this.readVersion();
    return this.versionP;
  }

  /** The files of each of `bin`, `share`, `lib` that exists in the source. */
  dirs(): Promise<SourceDir[]> {
    this.dirsP ??= this.readDirs();
    return this.dirsP;
  }

  private async readVersion(): Promise<string> {
    const zeek = `${this.path}/bin/zeek`;
    const st = await stat(zeek).catch(() => undefined);
    if (!st?.isFile()) {
      throw new NotFoundError(`ZEEKBUS_ZEEK_SOURCE ${this.path} has no Zeek to mirror: ${zeek} not found`);
    }
    const read = await readZeekVersion(new LocalExec(), zeek, 15_000);
    if (read?.version) return read.version;
    const why = read?.versionProblem ?? "not found";
    throw new ValidationError(`ZEEKBUS_ZEEK_SOURCE ${this.path}: no version from ${zeek}: ${why}`);
  }

  private async readDirs(): Promise<SourceDir[]> {
    const out: SourceDir[] = [];
    for (const name of MIRRORED_DIRS) {
      const root = `${this.path}/${name}`;
      const st = await stat(root).catch(() => undefined);
      if (!st?.isDirectory()) continue;
      const dir: SourceDir = { name, files: {}, modes: {} };
      await walk(root, "", new Set(), dir);
      out.push(dir);
    }
    return out;
  }
}
