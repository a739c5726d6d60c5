/** The sha256 manifest kept in each installed policy directory (pure). */
import { createHash } from "node:crypto";
import { MANIFEST_FILE } from "@zeekbus/contracts";

/** Directory files: name → content. */
export type Files = Record<string, string>;

/** The manifest text of a set of files: `{ "files": { name: sha256 } }`, names sorted. */
export function manifestText(files: Files): string {
  const sums: Record<string, string> = {};
  for (const name of Object.keys(files).sort()) {
    sums[name] = createHash("sha256")
      .update(files[name] ?? "")
      .digest("hex");
  }
  return `${JSON.stringify({ files: sums }, null, 2)}\n`;
}

/** The files to write into a directory: the given ones plus their manifest. */
export function withManifest(files: Files): Files {
  return { ...files, [MANIFEST_FILE]: manifestText(files) };
}

/** True when an installed manifest describes exactly `files`. */
export function manifestMatches(installed: string | undefined, files: Files): boolean {
  return installed === manifestText(files);
}
