/** Where zeekctl's layout puts the installed policy directories under a prefix (pure). */

/** `<prefix>/spool/installed-scripts-do-not-touch`, the parent of `site` and `auto`. */
export function installedScriptsDir(prefix: string): string {
  return `${prefix}/spool/installed-scripts-do-not-touch`;
}

/** The two directories install replaces, by the request field that fills them. */
export function policyDirs(prefix: string): { auto: string; site: string } {
  const base = installedScriptsDir(prefix);
  return { auto: `${base}/auto`, site: `${base}/site` };
}
