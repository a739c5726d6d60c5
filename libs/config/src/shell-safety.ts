/**
 * zeekbus's shell-safety rules for node.cfg values that zeekctl hands to a shell. zeekbus never
 * runs a shell with them (values are interpreted by a small quote/variable evaluator and passed
 * as argv/env), but a value that would make zeekctl's shell run something — command
 * substitution, `;`, pipes, redirections — is almost surely an attack or an accident, so it is
 * rejected at validation with the character named. Quoted data (`"one;value"`) and `$VAR` stay
 * allowed, as zeekctl's own tests use them.
 */

/** Capture interface names: letters, digits, `. _ : @ -` (`af_packet::eth0`, `zc:eth1@0`). */
const INTERFACE = /^[A-Za-z0-9:][A-Za-z0-9._:@-]*$/;
/** Environment variable names. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OUTSIDE_QUOTES = new Set([";", "|", "&", "<", ">", "(", ")", "`", "\n", "\r"]);

/** Why an interface name is unsafe, or undefined. */
export function interfaceHazard(name: string): string | undefined {
  if (INTERFACE.test(name)) return undefined;
  const bad = /[^A-Za-z0-9._:@-]/.exec(name);
  return bad
    ? `contains the character ${JSON.stringify(bad[0])}, which is not allowed in an interface name`
    : "must start with a letter, digit or ':'";
}

/** Why an environment variable name is unsafe, or undefined. */
export function envNameHazard(name: string): string | undefined {
  return ENV_NAME.test(name) ? undefined : "is not a valid environment variable name";
}

/** Why a shell-interpreted value could run something, or undefined when it is only data. */
export function shellValueHazard(text: string): string | undefined {
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      continue;
    }
    if (ch === "\\") {
      i++;
      continue;
    }
    if (ch === "`" || (ch === "$" && text[i + 1] === "("))
      return "contains a command substitution, which is not allowed";
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (OUTSIDE_QUOTES.has(ch)) {
      return `contains the shell metacharacter ${JSON.stringify(ch)} outside quotes, which is not allowed`;
    }
  }
  return quote ? `has an unterminated ${quote} quote` : undefined;
}
