/**
 * The little of POSIX sh that zeekctl's values go through: env_vars are passed as `-v K=V` to a
 * shell, and ZeekArgs is appended to a shell command line. Quotes are removed and `$VAR` / `${VAR}`
 * expanded from the given environment; a variable that is not given is left as written.
 */

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function expandVar(text: string, i: number, env: Record<string, string>): { out: string; next: number } {
  const rest = text.slice(i + 1);
  const braced = /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(rest);
  const plain = NAME.exec(rest);
  const name = braced?.[1] ?? plain?.[0];
  if (name === undefined) return { out: "$", next: i + 1 };
  const len = braced ? braced[0].length : name.length;
  const value = env[name];
  return { out: value ?? text.slice(i, i + 1 + len), next: i + 1 + len };
}

/** Interprets one shell string into words (quote removal, escapes, variable expansion). */
export function shellWords(text: string, env: Record<string, string> = {}, split = true): string[] {
  const words: string[] = [];
  let cur = "";
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (split && /\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? text.length : end;
      cur += text.slice(i + 1, stop);
      i = stop + 1;
    } else if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        const c = text[i]!;
        if (c === "\\" && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) {
          cur += text[i + 1];
          i += 2;
        } else if (c === "$") {
          const r = expandVar(text, i, env);
          cur += r.out;
          i = r.next;
        } else {
          cur += c;
          i++;
        }
      }
      i++;
    } else if (ch === "\\") {
      cur += text[i + 1] ?? "";
      i += 2;
    } else if (ch === "$") {
      const r = expandVar(text, i, env);
      cur += r.out;
      i = r.next;
    } else {
      cur += ch;
      i++;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** Interprets a single shell value (one `-v K=V` value) without word splitting. */
export function shellValue(text: string, env: Record<string, string> = {}): string {
  return shellWords(text, env, false)[0] ?? "";
}
