import { LabOptionError } from "../errors.js";

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
  /** Everything after a bare `--`. */
  rest: string[];
}

/** Parses `--name value`, `--name=value` and boolean `--name` (listed in `booleans`). */
export function parseArgs(argv: readonly string[], booleans: readonly string[] = []): ParsedArgs {
  const out: ParsedArgs = { positional: [], flags: new Map(), rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      out.rest = argv.slice(i + 1);
      break;
    }
    if (!arg.startsWith("--")) {
      out.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (eq >= 0) out.flags.set(name, arg.slice(eq + 1));
    else if (booleans.includes(name)) out.flags.set(name, true);
    else {
      const value = argv[++i];
      if (value === undefined) throw new LabOptionError(`option --${name} needs a value`);
      out.flags.set(name, value);
    }
  }
  return out;
}

export function str(a: ParsedArgs, name: string): string | undefined {
  const v = a.flags.get(name);
  if (v === true) throw new LabOptionError(`option --${name} needs a value`);
  return v;
}

export function requireStr(a: ParsedArgs, name: string): string {
  const v = str(a, name);
  if (v === undefined) throw new LabOptionError(`missing option --${name}`);
  return v;
}

export function num(a: ParsedArgs, name: string): number | undefined {
  const v = str(a, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new LabOptionError(`option --${name} must be a number, got "${v}"`);
  return n;
}

export function checkKnown(a: ParsedArgs, known: readonly string[]): void {
  for (const name of a.flags.keys()) {
    if (!known.includes(name)) throw new LabOptionError(`unknown option --${name}`);
  }
}
