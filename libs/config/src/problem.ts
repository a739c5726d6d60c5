/**
 * Problems found while reading configuration. Bad input never throws: every parser and rule
 * returns its findings as data, so a caller can show all of them at once.
 */

/** Severity of a problem: errors make the config unusable, warnings do not. */
export type ProblemLevel = "error" | "warning";

/** One finding, located in a source file. `line` is 1-based; 0 means the file as a whole. */
export interface Problem {
  /** `error` blocks the config; `warning` is informational. */
  level: ProblemLevel;
  /** The file name as given by the caller (e.g. `node.cfg`). */
  file: string;
  /** 1-based line number, or 0 when the problem concerns the whole file. */
  line: number;
  /** The message text without location (zeekctl's wording where zeekctl has one). */
  message: string;
}

/** Builds an error problem. */
export function error(file: string, line: number, message: string): Problem {
  return { level: "error", file, line, message };
}

/** Builds a warning problem. */
export function warning(file: string, line: number, message: string): Problem {
  return { level: "warning", file, line, message };
}

/** Renders a problem as `file:line: message` (`file: message` when the line is 0). */
export function formatProblem(p: Problem): string {
  return p.line > 0 ? `${p.file}:${p.line}: ${p.message}` : `${p.file}: ${p.message}`;
}

/** True when any problem is an error. */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.level === "error");
}
