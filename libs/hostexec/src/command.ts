/**
 * Builds the one command line a remote login shell receives. Every piece that comes from the
 * caller is validated, then quoted by shell-quote; the only unquoted text is constant.
 */
import { quote } from "shell-quote";
import { DEFAULT_PATH } from "./types.js";
import { validateAbsPath, validateArgv, validateEnv, validateTimeout } from "./validate.js";

/** What shapes a remote command line. */
export interface CommandSpec {
  argv: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** When set, coreutils `timeout` kills the command (SIGKILL) after this many milliseconds. */
  timeoutMs?: number;
}

/** Quotes each element for a POSIX shell (shell-quote) and joins them with spaces. */
export function quoteArgs(args: readonly string[]): string {
  return quote(args);
}

/** The environment a command gets: `PATH` (default {@link DEFAULT_PATH}) and the caller's variables. */
export function commandEnv(env: Record<string, string> | undefined): Record<string, string> {
  return { PATH: DEFAULT_PATH, ...env };
}

/** Constant prefix: the shell reports its pid (the command's, after the execs) as stderr's first line. */
export const PID_LINE = 'echo "$$" >&2; ';

/**
 * `echo "$$" >&2; [cd -- DIR &&] exec [timeout --signal=KILL Ns] env -i -- PATH=… K=V … argv…`, every variable
 * piece quoted. `env -i` gives a clean environment; `--` before the assignments ends env's options.
 */
export function buildCommandLine(spec: CommandSpec): string {
  validateArgv(spec.argv);
  validateEnv(spec.env);
  validateTimeout(spec.timeoutMs);
  if (spec.cwd !== undefined) validateAbsPath(spec.cwd, "cwd");
  const assignments = Object.entries(commandEnv(spec.env)).map(([k, v]) => `${k}=${v}`);
  const cd = spec.cwd === undefined ? "" : `cd -- ${quoteArgs([spec.cwd])} && `;
  const killer = spec.timeoutMs === undefined ? "" : `timeout --signal=KILL ${seconds(spec.timeoutMs)} `;
  return `${PID_LINE}${cd}exec ${killer}env -i -- ${quoteArgs(assignments)} ${quoteArgs(spec.argv)}`;
}

function seconds(ms: number): string {
  return `${(Math.max(ms, 1) / 1000).toFixed(3)}s`;
}

/** A short printable form of an argv for error messages. */
export function describeArgv(argv: readonly string[]): string {
  const text = quoteArgs(argv.map((a) => String(a)));
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
