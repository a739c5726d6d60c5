/**
 * The shape of a directory swap, shared by both implementations: where the staging and old
 * directories go, which subdirectories to create, and the constant script that swaps remotely.
 */
import { randomBytes } from "node:crypto";
import { posix } from "node:path";
import type { DirFiles } from "./types.js";
import { validateSwap } from "./validate.js";

/** Names and order of one swap. */
export interface SwapPlan {
  target: string;
  /** Sibling of target holding the new content until the swap. */
  staging: string;
  /** Sibling name target is moved to during the swap, removed afterwards. */
  old: string;
  /** Subdirectories of the staging dir to create, parents first (relative). */
  dirs: string[];
  /** Relative file paths, sorted. */
  files: string[];
}

/** Validates a swap and names its staging and old directories (random suffix, same parent). */
export function planSwap(target: string, files: DirFiles): SwapPlan {
  validateSwap(target, files);
  const parent = posix.dirname(target);
  const base = posix.basename(target);
  const tag = randomBytes(6).toString("hex");
  const dirs = new Set<string>();
  for (const rel of Object.keys(files)) {
    for (let d = posix.dirname(rel); d !== "."; d = posix.dirname(d)) dirs.add(d);
  }
  return {
    target,
    staging: posix.join(parent, `.${base}.new-${tag}`),
    old: posix.join(parent, `.${base}.old-${tag}`),
    dirs: [...dirs].sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b)),
    files: Object.keys(files).sort(),
  };
}

/**
 * Constant script run as `sh -c SCRIPT sh TARGET OLD STAGING`: moves an existing target aside,
 * renames staging into place, then removes the old directory. Paths arrive only as `$1..$3`.
 */
export const SWAP_SCRIPT =
  'set -e; if [ -e "$1" ]; then mv -T -- "$1" "$2"; fi; mv -T -- "$3" "$1"; rm -rf -- "$2"';
