/**
 * Validation of everything that reaches a command line or a file system path. Every function
 * throws `ValidationError` listing `path: message` details and never repairs its input.
 */
import { ValidationError } from "@zeekbus/contracts";

/** Longest single argument or environment value accepted (Linux's MAX_ARG_STRLEN is 128 KiB). */
export const MAX_ARG_BYTES = 32 * 1024;
/** Most arguments accepted in one argv. */
export const MAX_ARGS = 4096;
/** Longest path accepted. */
export const MAX_PATH_BYTES = 4096;
/** Names an environment variable may have. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL = /[\u0000-\u001f\u007f]/;

function argProblem(value: unknown): string | undefined {
  if (typeof value !== "string") return "must be a string";
  if (value.includes("\u0000")) return "must not contain NUL";
  if (Buffer.byteLength(value) > MAX_ARG_BYTES) return `longer than ${MAX_ARG_BYTES} bytes`;
  return undefined;
}

/** Checks an argv: non-empty, strings without NUL, bounded; the program name is non-empty and has no `=`. */
export function validateArgv(argv: readonly string[]): void {
  if (!Array.isArray(argv) || argv.length === 0) throw new ValidationError("argv must be a non-empty array");
  if (argv.length > MAX_ARGS) throw new ValidationError(`argv has more than ${MAX_ARGS} elements`);
  const details: string[] = [];
  argv.forEach((arg, i) => {
    const problem = argProblem(arg);
    if (problem) details.push(`argv[${i}]: ${problem}`);
  });
  const program = argv[0];
  if (typeof program === "string" && (program === "" || program.includes("="))) {
    details.push("argv[0]: the program must be non-empty and must not contain '='");
  }
  if (details.length > 0) throw new ValidationError("invalid argv", details);
}

/** Checks environment names against {@link ENV_NAME} and values like arguments. */
export function validateEnv(env: Record<string, string> | undefined): void {
  if (env === undefined) return;
  const details: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_NAME.test(name)) details.push(`env.${JSON.stringify(name)}: name must match ${ENV_NAME.source}`);
    const problem = argProblem(value);
    if (problem) details.push(`env.${name}: ${problem}`);
  }
  if (details.length > 0) throw new ValidationError("invalid environment", details);
}

function pathProblem(path: unknown): string | undefined {
  if (typeof path !== "string" || path === "") return "must be a non-empty string";
  if (CONTROL.test(path)) return "must not contain control characters";
  if (Buffer.byteLength(path) > MAX_PATH_BYTES) return `longer than ${MAX_PATH_BYTES} bytes`;
  if (path.split("/").includes("..")) return "must not contain '..'";
  return undefined;
}

/** Checks an absolute path: starts with `/`, no `..` segment, no control characters, bounded. */
export function validateAbsPath(path: string, what = "path"): void {
  const problem = pathProblem(path) ?? (path.startsWith("/") ? undefined : "must be absolute");
  if (problem) throw new ValidationError(`invalid ${what} ${JSON.stringify(path)}`, [`${what}: ${problem}`]);
}

/** Checks a path relative to a directory: no leading `/`, no empty, `.` or `..` segment. */
export function validateRelPath(path: string, what = "path"): void {
  let problem = pathProblem(path);
  if (!problem && path.startsWith("/")) problem = "must be relative";
  if (!problem && path.split("/").some((s) => s === "" || s === "."))
    problem = "must not contain empty or '.' segments";
  if (problem) throw new ValidationError(`invalid ${what} ${JSON.stringify(path)}`, [`${what}: ${problem}`]);
}

/** Checks a timeout: a positive finite number of milliseconds, or undefined. */
export function validateTimeout(timeoutMs: number | undefined): void {
  if (timeoutMs === undefined) return;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new ValidationError("invalid timeoutMs", [
      `timeoutMs: must be a positive number, got ${timeoutMs}`,
    ]);
  }
}

/** Validates the relative paths and the target of a swapDir call. */
export function validateSwap(target: string, files: Record<string, unknown>): void {
  validateAbsPath(target, "target");
  if (target === "/" || target.endsWith("/")) {
    throw new ValidationError(`invalid target ${JSON.stringify(target)}`, [
      "target: must name a directory, without a trailing '/'",
    ]);
  }
  for (const rel of Object.keys(files)) validateRelPath(rel, "file");
}
