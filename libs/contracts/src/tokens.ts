/**
 * Subject tokens. Every variable part of a subject or KV key (cluster, host, node name)
 * must match {@link TOKEN_PATTERN}, so a name can never widen a subscription (`*`, `>`),
 * split a subject (`.`) or reach a shell.
 *
 * zeekctl accepts node names that are not plain tokens (`relay.east`). Such names are
 * encoded reversibly with {@link encodeName}: every character outside `[A-Za-z0-9-]`
 * (including `_` itself) becomes `_XX` (its UTF-8 bytes in upper-case hex). Because `_`
 * is always escaped, an encoded name can never collide with another name's encoding.
 * Payloads always carry the real name.
 */
import { ValidationError } from "./errors.js";

/** A subject token: letters, digits, `_` and `-`, at least one character. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]+$/;

/** True when `value` can be used as one subject token as it is. */
export function isToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/**
 * Returns `value` when it is a valid token, otherwise throws a ValidationError naming
 * `field` (for example `cluster` or `host`).
 */
export function assertToken(value: string, field: string): string {
  if (typeof value !== "string" || !isToken(value)) {
    throw new ValidationError(`${field} ${JSON.stringify(value)} is not a valid subject token`, [
      `${field}: must match ${TOKEN_PATTERN.source}`,
    ]);
  }
  return value;
}

/**
 * A real name (node, host, interface, cluster) safe as a directory name and a shell word:
 * letters, digits, `.`, `_`, `:` and `-`, not starting with `.`, `_` or `-`.
 */
export const SAFE_NAME_PATTERN = /^[A-Za-z0-9:][A-Za-z0-9._:-]*$/;

/**
 * Checks a real name for characters that are unsafe as a directory name or shell word.
 * Returns the reason, or undefined when the name is safe.
 */
export function unsafeNameReason(name: string): string | undefined {
  if (name.length === 0) return "is empty";
  if (SAFE_NAME_PATTERN.test(name)) return undefined;
  const bad = /[^A-Za-z0-9._:-]/u.exec(name);
  if (bad) return `contains the character ${JSON.stringify(bad[0])}, which is not allowed`;
  return "must start with a letter, digit or ':'";
}

/** Encodes a real name into a subject token (identity for names of `[A-Za-z0-9-]`). */
export function encodeName(name: string): string {
  const reason = unsafeNameReason(name);
  if (reason) throw new ValidationError(`name ${JSON.stringify(name)} ${reason}`, [`name: ${reason}`]);
  let out = "";
  for (const ch of name) {
    if (/[A-Za-z0-9-]/.test(ch)) out += ch;
    else
      for (const byte of new TextEncoder().encode(ch))
        out += `_${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Decodes a token made by {@link encodeName} back into the real name. */
export function decodeName(token: string): string {
  assertToken(token, "token");
  const bytes: number[] = [];
  for (let i = 0; i < token.length; i++) {
    if (token[i] === "_") {
      const hex = token.slice(i + 1, i + 3);
      if (!/^[0-9A-F]{2}$/.test(hex)) {
        throw new ValidationError(`token ${JSON.stringify(token)} has a bad escape`, [
          `token: bad escape at ${i}`,
        ]);
      }
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(token.charCodeAt(i));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
