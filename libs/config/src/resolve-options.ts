/**
 * Turns raw zeekctl.cfg entries into typed option values: defaults, `${Name}` / `${Name:default}`
 * substitution in defaults (case-insensitive, recursive), type conversion and the option-level
 * rules. As in zeekctl (config.py `init_option`), a value set in zeekctl.cfg is used as written.
 */
import { hostname, userInfo } from "node:os";
import { applyBackendRules } from "./backend-rules.js";
import { OPTION_DEFS, OPTIONS_BY_KEY, PLUGIN_OPTION_DEFAULTS } from "./options.js";
import { error, type Problem, warning } from "./problem.js";
import type { RawOption } from "./zeekctl-cfg.js";

/** A typed option value. */
export type OptionValue = string | number | boolean;

/** Resolved options: every known option by lower-case name, plus plugin options (`prefix.opt`). */
export interface ZeekctlOptions {
  /** Typed values of every known option, by lower-case name. */
  values: Record<string, OptionValue>;
  /** Plugin options (`lb_custom.interfaceprefix` …) by lower-case name, substituted strings. */
  plugin: Record<string, string>;
}

/**
 * Values outside zeekctl.cfg that defaults refer to (`${User}`, `${Hostname}`): zeekctl takes them
 * from the process that renders (config.py). A value not given is taken from this process.
 */
export interface OptionContext {
  /** `$USER` of the rendering process: the MailTo (and so MailAlarmsTo) default. */
  user?: string;
  /** Host name of the rendering machine: the MailFrom default `Zeek <zeek@HOSTNAME>`. */
  hostname?: string;
}

/**
 * This process's context: `$USER` (without it the login name, and zeekctl's `None` when even
 * that is unknown) and the host name.
 */
export function processOptionContext(): Required<OptionContext> {
  let user = process.env.USER;
  if (user === undefined) {
    try {
      user = userInfo().username;
    } catch {
      user = "None";
    }
  }
  return { user, hostname: hostname() };
}

/** zeekctl's `Configuration.subst` pattern. */
const SUBST = /\$\{([A-Za-z][A-Za-z0-9]*)(?::([^}]+))?\}/g;

/**
 * Values as zeekctl holds them: a key in `given` as written; a default with its references
 * replaced by the (substituted) values they name, an unknown one by its `:default` or nothing.
 */
function createResolver(raw: Map<string, string>, given: ReadonlySet<string>, ctx: OptionContext) {
  const done = new Map<string, string>();
  const own = processOptionContext();
  const extra = new Map([
    ["user", ctx.user ?? own.user],
    ["hostname", ctx.hostname ?? own.hostname],
  ]);
  const resolve = (key: string, stack: string[]): string => {
    const cached = done.get(key);
    if (cached !== undefined) return cached;
    const text = raw.get(key);
    if (text === undefined) return extra.get(key) ?? "";
    if (stack.includes(key)) return "";
    const value = text.replace(SUBST, (_m, name: string, def: string | undefined) => {
      const ref = name.toLowerCase();
      if (raw.has(ref) || extra.has(ref)) return resolve(ref, [...stack, key]);
      return def ?? "";
    });
    done.set(key, value);
    return value;
  };
  return (key: string) => (given.has(key) ? (raw.get(key) ?? "") : resolve(key, []));
}

/** Python's `int()`: surrounding blanks, a sign, digits with single `_` between them. */
function convert(text: string, type: string): OptionValue | undefined {
  if (type === "int")
    return /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(text) ? Number.parseInt(text.replaceAll("_", ""), 10) : undefined;
  if (type === "bool") {
    const t = text.toLowerCase();
    if (t === "1" || t === "true") return true;
    if (t === "0" || t === "false") return false;
    return undefined;
  }
  return text;
}

function checkLogExpire(values: Record<string, OptionValue>, file: string, line: number): Problem[] {
  const text = String(values.logexpireinterval).trim();
  let minutes: number;
  const m = /^([0-9]+) ?(day|hr|min)s?$/.exec(text);
  if (/^[0-9]+$/.test(text)) minutes = Number(text) * 24 * 60;
  else if (m) minutes = Number(m[1]) * (m[2] === "day" ? 1440 : m[2] === "hr" ? 60 : 1);
  else return [error(file, line, `invalid value '${text}' for zeekctl option 'logexpireinterval'`)];
  values.logexpireminutes = minutes;
  const rotation = Number(values.logrotationinterval);
  if (minutes > 0 && minutes * 60 < rotation) {
    return [error(file, line, "Log expire interval cannot be shorter than the log rotation interval")];
  }
  return [];
}

/** Resolves raw entries (from zeekctl.cfg or a YAML spec) into typed options and problems. */
export function resolveOptions(
  entries: Map<string, RawOption>,
  file: string,
  ctx: OptionContext = {},
): { options: ZeekctlOptions; problems: Problem[] } {
  const problems: Problem[] = [];
  const raw = new Map<string, string>();
  for (const def of OPTION_DEFS) raw.set(def.name.toLowerCase(), def.default);
  for (const [key, def] of Object.entries(PLUGIN_OPTION_DEFAULTS)) raw.set(key, def);
  for (const [key, entry] of entries) raw.set(key, entry.value);
  const resolve = createResolver(raw, new Set(entries.keys()), ctx);
  const values: Record<string, OptionValue> = {};
  const plugin: Record<string, string> = {};
  for (const key of raw.keys()) {
    const text = resolve(key);
    const def = OPTIONS_BY_KEY.get(key);
    if (!def) {
      plugin[key] = text;
      continue;
    }
    const value = convert(text, def.type);
    if (value === undefined) {
      const line = entries.get(key)?.line ?? 0;
      problems.push(
        error(file, line, `zeekctl option '${key}' has invalid value '${text}' for type ${def.type}`),
      );
      values[key] = convert(def.default, def.type) ?? def.default;
    } else values[key] = value;
  }
  problems.push(...checkLogExpire(values, file, entries.get("logexpireinterval")?.line ?? 0));
  problems.push(...applyBackendRules({ values, plugin }, entries, file));
  const tm = entries.get("timemachinehost");
  if (tm && String(values.timemachinehost) !== "") {
    problems.push(
      warning(file, tm.line, "option 'TimeMachineHost' is obsolete and ignored: Zeek has no Time Machine"),
    );
  }
  return { options: { values, plugin }, problems };
}

/** A string option (lower-case or canonical name). */
export function optString(options: ZeekctlOptions, name: string): string {
  return String(options.values[name.toLowerCase()] ?? "");
}

/** An int option (lower-case or canonical name); 0 when unset. */
export function optInt(options: ZeekctlOptions, name: string): number {
  const v = options.values[name.toLowerCase()];
  return typeof v === "number" ? v : Number(v ?? 0) || 0;
}

/** A bool option (lower-case or canonical name). */
export function optBool(options: ZeekctlOptions, name: string): boolean {
  return options.values[name.toLowerCase()] === true;
}
