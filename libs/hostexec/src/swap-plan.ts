/**
 * The shape of a directory swap, shared by both implementations. `target` becomes a symlink to
 * a versioned sibling directory (`.<name>.<tag>`); a swap writes a new complete sibling, points a
 * fresh symlink at it and renames that symlink over `target` — one atomic rename, so a reader
 * resolving `target` sees the old or the new directory, never a partial one. The previous
 * version is removed after the rename. A target that is still a plain directory (first swap) is
 * moved aside first: only that one-time migration has a short window where `target` is absent.
 */
import { randomBytes } from "node:crypto";
import { posix } from "node:path";
import type { DirFiles } from "./types.js";
import { validateSwap } from "./validate.js";

/** Names and order of one swap. */
export interface SwapPlan {
  target: string;
  /** New versioned sibling directory holding the content (stays after the swap). */
  version: string;
  /** Its name relative to the parent: what the symlink points to. */
  versionName: string;
  /** Temporary symlink renamed over `target`. */
  link: string;
  /** Where a plain-directory target is moved during the first swap. */
  aside: string;
  /** Name prefix of this target's versioned siblings (only those are ever removed). */
  versionPrefix: string;
  /** Subdirectories to create in the version dir, parents first (relative). */
  dirs: string[];
  /** Relative file paths, sorted. */
  files: string[];
}

/** Validates a swap and names its version, link and aside paths (random tag, same parent). */
export function planSwap(target: string, files: DirFiles): SwapPlan {
  validateSwap(target, files);
  const parent = posix.dirname(target);
  const base = posix.basename(target);
  const tag = `${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
  const dirs = new Set<string>();
  for (const rel of Object.keys(files)) {
    for (let d = posix.dirname(rel); d !== "."; d = posix.dirname(d)) dirs.add(d);
  }
  const versionPrefix = `.${base}.v-`;
  return {
    target,
    version: posix.join(parent, `${versionPrefix}${tag}`),
    versionName: `${versionPrefix}${tag}`,
    link: posix.join(parent, `.${base}.link-${tag}`),
    aside: posix.join(parent, `${versionPrefix}${tag}-old`),
    versionPrefix,
    dirs: [...dirs].sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b)),
    files: Object.keys(files).sort(),
  };
}

/** Whether `linkValue` (what target pointed to) is a version directory of this target, safe to remove. */
export function isOwnVersion(plan: SwapPlan, linkValue: string): boolean {
  return (
    linkValue.startsWith(plan.versionPrefix) && !linkValue.includes("/") && linkValue !== plan.versionName
  );
}

/**
 * Constant script run as `sh -c SCRIPT sh TARGET LINK ASIDE PREFIX VERSIONNAME` after the version
 * dir is written: points LINK at VERSIONNAME, renames it over TARGET (moving a plain directory
 * aside first), then removes the previous version. Paths arrive only as positional parameters.
 */
export const SWAP_SCRIPT = [
  "set -e",
  'ln -s -- "$5" "$2"',
  'prev=""',
  'if [ -L "$1" ]; then prev=$(readlink -- "$1"); elif [ -e "$1" ]; then mv -T -- "$1" "$3"; fi',
  'mv -T -- "$2" "$1" || { if [ -e "$3" ]; then mv -T -- "$3" "$1"; fi; rm -f -- "$2"; exit 1; }',
  'rm -rf -- "$3"',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template
  'case "$prev" in */*) ;; "$5") ;; "$4"*) rm -rf -- "${1%/*}/$prev" ;; esac',
].join("\n");

/** The argv that runs {@link SWAP_SCRIPT} for a plan (paths only ever as positional arguments). */
export function swapArgv(plan: SwapPlan): string[] {
  return [
    "sh",
    "-c",
    SWAP_SCRIPT,
    "sh",
    plan.target,
    plan.link,
    plan.aside,
    plan.versionPrefix,
    plan.versionName,
  ];
}
