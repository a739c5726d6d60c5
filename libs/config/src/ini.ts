/**
 * node.cfg reader: INI as Python's configparser reads it (zeekctl uses configparser), written by
 * hand because no INI library on npm keeps the line number of every section and key, and every
 * node.cfg problem must name its line. Mimicked quirks: `key=value` or `key: value`, keys lower-cased
 * with `.` turned into `_`, full-line `#`/`;` comments only (no inline comments), indented lines
 * continue the previous value, `[DEFAULT]` supplies fallbacks, `%%` and `%(key)s` interpolation.
 */
import { error, type Problem } from "./problem.js";

/** A value with the line it came from. */
export interface LineValue {
  value: string;
  line: number;
}

/** One `[section]` with its keys (normalised) in file order. */
export interface IniSection {
  name: string;
  line: number;
  entries: Map<string, LineValue>;
}

const OPTION = /^(.*?)\s*[=:]\s*(.*)$/;

function interpolate(
  raw: string,
  lookup: (k: string) => string | undefined,
  depth = 0,
): { value: string; bad?: string } {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch !== "%") {
      out += ch;
      continue;
    }
    const next = raw[i + 1];
    if (next === "%") {
      out += "%";
      i++;
      continue;
    }
    const m = /^%\(([^)]+)\)s/.exec(raw.slice(i));
    const ref = m ? lookup(m[1]!.toLowerCase().replaceAll(".", "_")) : undefined;
    if (!m || ref === undefined || depth > 10) return { value: raw, bad: raw.slice(i) };
    const inner = interpolate(ref, lookup, depth + 1);
    if (inner.bad !== undefined) return inner;
    out += inner.value;
    i += m[0].length - 1;
  }
  return { value: out };
}

/** Parses node.cfg text into sections. Never throws; syntax problems are returned. */
export function parseIni(text: string, file: string): { sections: IniSection[]; problems: Problem[] } {
  const sections: IniSection[] = [];
  const problems: Problem[] = [];
  const defaults: IniSection = { name: "DEFAULT", line: 0, entries: new Map() };
  let current: IniSection | undefined;
  let lastKey: string | undefined;
  let lastIndent = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const lineNo = i + 1;
    const value = line.trim();
    if (value === "" || value.startsWith("#") || value.startsWith(";")) continue;
    const indent = line.length - line.trimStart().length;
    if (current && lastKey !== undefined && indent > lastIndent) {
      const entry = current.entries.get(lastKey)!;
      entry.value = `${entry.value}\n${value}`;
      continue;
    }
    lastIndent = indent;
    lastKey = undefined;
    const header = /^\[(.+)\]/.exec(value);
    if (header) {
      const name = value.slice(1, value.lastIndexOf("]"));
      if (name === "DEFAULT") current = defaults;
      else if (sections.some((s) => s.name === name)) {
        problems.push(error(file, lineNo, `section '${name}' already exists`));
        current = { name, line: lineNo, entries: new Map() };
      } else {
        current = { name, line: lineNo, entries: new Map() };
        sections.push(current);
      }
      continue;
    }
    if (!current) {
      problems.push(error(file, lineNo, `file contains no section headers: ${value}`));
      continue;
    }
    const opt = OPTION.exec(value);
    const key = opt?.[1]?.trim().toLowerCase().replaceAll(".", "_");
    if (!opt || !key) {
      problems.push(error(file, lineNo, `node config syntax error: ${value}`));
      continue;
    }
    if (current.entries.has(key)) {
      problems.push(error(file, lineNo, `option '${key}' in section '${current.name}' already exists`));
      continue;
    }
    current.entries.set(key, { value: opt[2] ?? "", line: lineNo });
    lastKey = key;
  }
  for (const section of sections) {
    for (const [k, v] of defaults.entries) if (!section.entries.has(k)) section.entries.set(k, { ...v });
    const lookup = (k: string) => section.entries.get(k)?.value;
    for (const [k, entry] of section.entries) {
      const r = interpolate(entry.value, lookup);
      if (r.bad !== undefined) {
        problems.push(
          error(file, entry.line, `'%' must be followed by '%' or '(', found: '${r.bad}' (key '${k}')`),
        );
      } else entry.value = r.value;
    }
  }
  return { sections, problems };
}
