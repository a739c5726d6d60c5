/**
 * The version of a Zeek, read as zeekctl reads it (config.py, `_get_zeek_version`): `zeek -v`
 * with stderr merged into stdout, the last line of its output, `.* version ([^ ]*)`, `-debug`
 * stripped. Every zeek knows `-v` (zeekctl's own test stand-in knows nothing else). When the
 * version cannot be read, the reason is kept, in zeekctl's words, instead of a version guessed.
 */
import { MAX_SHORT_TEXT } from "@zeekbus/contracts";
import type { HostExec } from "@zeekbus/hostexec";

/** What reading a present zeek's version found: the version, or why there is none (one of them). */
export interface ZeekVersionRead {
  version?: string;
  versionProblem?: string;
}

/**
 * `$1 -v`, stderr into stdout, when `$1` exists (a dangling symlink counts, as zeekctl's
 * `lexists`); otherwise `missing` on stderr (which zeek's own output never reaches) and exit 1.
 */
export const ZEEK_VERSION_SCRIPT =
  '[ -e "$1" ] || [ -L "$1" ] || { echo missing >&2; exit 1; }; exec "$1" -v 2>&1';

const QUOTED_MAX = 300;

function quoted(text: string): string {
  return text.length > QUOTED_MAX ? `${text.slice(0, QUOTED_MAX)}…` : text;
}

/** The version on the last line of `zeek -v`'s output; undefined when that line has none. */
export function parseZeekVersion(output: string): string | undefined {
  const last = output.trimEnd().split("\n").at(-1) ?? "";
  const version = /.* version ([^ ]*).*$/.exec(last)?.[1]?.replace(/-debug$/, "");
  return version && version.length <= MAX_SHORT_TEXT ? version : undefined;
}

/** The result of {@link ZEEK_VERSION_SCRIPT} → what it says; undefined when there is no zeek. */
export function zeekVersionOf(r: {
  code: number | null;
  stdout: string;
  stderr: string;
}): ZeekVersionRead | undefined {
  if (r.code === 1 && r.stdout === "" && r.stderr.trim() === "missing") return undefined;
  const output = r.stdout.trim();
  if (r.code !== 0 || output === "") {
    const why = output === "" ? "with no output" : `with output: ${quoted(output)}`;
    return { versionProblem: `running "zeek -v" failed ${why}` };
  }
  const version = parseZeekVersion(output);
  if (version) return { version };
  const last = output.split("\n").at(-1)?.trim() ?? "";
  return { versionProblem: `cannot determine Zeek version ("zeek -v" output: ${quoted(last)})` };
}

/** Reads the version of the zeek at `path` on a host; undefined when there is no zeek there. */
export async function readZeekVersion(
  exec: HostExec,
  path: string,
  timeoutMs: number,
): Promise<ZeekVersionRead | undefined> {
  return zeekVersionOf(await exec.run(["sh", "-c", ZEEK_VERSION_SCRIPT, "sh", path], { timeoutMs }));
}
