/**
 * zeekctl.cfg reader. A hand-written line parser: the format is `key = value` per line and no
 * INI/dotenv library reports line numbers for every entry, which every problem must carry.
 */
import { valueLimit } from "./limit-rules.js";
import { LEGACY_OPTIONS, OPTIONS_BY_KEY } from "./options.js";
import { error, type Problem, warning } from "./problem.js";

/** One `key = value` line of zeekctl.cfg (key lower-cased, value trimmed). */
export interface RawOption {
  /** The value exactly as written, trimmed. */
  value: string;
  /** 1-based line number. */
  line: number;
}

/** Raw entries of zeekctl.cfg by lower-case key (the last occurrence wins), plus problems. */
export interface ZeekctlCfgParse {
  entries: Map<string, RawOption>;
  problems: Problem[];
}

const KEY_PATTERN = /^[a-z_.][a-z0-9_.]*$/;

function wrappedInQuotes(value: string): boolean {
  if (value.length < 2) return false;
  const first = value[0];
  return (first === '"' || first === "'") && value.endsWith(first);
}

/** Checks one option name (lower-case) and value; returns the problem it has, if any. */
export function checkEntry(file: string, line: number, key: string, value: string): Problem | undefined {
  if (!KEY_PATTERN.test(key)) return error(file, line, `zeekctl option name '${key}' is invalid`);
  const legacy = LEGACY_OPTIONS.get(key);
  if (legacy) {
    return error(
      file,
      line,
      `option '${legacy.old}' is no longer supported, please use '${legacy.replacement}' instead`,
    );
  }
  const tooLong = valueLimit(value);
  if (tooLong) return error(file, line, `value of zeekctl option '${key}' ${tooLong}`);
  if (wrappedInQuotes(value))
    return error(file, line, `value of zeekctl option "${key}" cannot be wrapped in quotes`);
  if (!key.includes(".") && !OPTIONS_BY_KEY.has(key)) {
    return warning(file, line, `ignoring unrecognized zeekctl option: ${key}`);
  }
  return undefined;
}

/** Parses zeekctl.cfg text. Never throws; bad lines become problems. */
export function parseZeekctlCfg(text: string, file: string): ZeekctlCfgParse {
  const entries = new Map<string, RawOption>();
  const problems: Problem[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const trimmed = (lines[i] ?? "").trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const eq = trimmed.indexOf("=");
    if (eq < 0) {
      problems.push(error(file, lineNo, `zeekctl config syntax error: ${trimmed}`));
      continue;
    }
    const key = trimmed.slice(0, eq).trim().toLowerCase();
    const value = trimmed.slice(eq + 1).trim();
    const problem = checkEntry(file, lineNo, key, value);
    if (problem) problems.push(problem);
    if (problem) continue;
    entries.set(key, { value, line: lineNo });
  }
  return { entries, problems };
}
