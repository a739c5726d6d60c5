/**
 * OpenSSH known_hosts files: parsing (plain patterns, `[host]:port`, hashed `|1|salt|hash`
 * entries, `@revoked`), looking a presented key up, fingerprints as OpenSSH prints them, and
 * the line trust-on-first-use appends.
 */
import { createHash, createHmac } from "node:crypto";

/** One key line of a known_hosts file. */
export interface KnownHostEntry {
  /** 1-based line number. */
  line: number;
  marker: "revoked" | "cert-authority" | undefined;
  /** Comma-separated patterns, or a hashed name. */
  hosts: { kind: "patterns"; patterns: string[] } | { kind: "hashed"; salt: Buffer; hash: Buffer };
  keyType: string;
  /** The public key blob (SSH wire format). */
  key: Buffer;
}

/** Outcome of checking a presented host key. */
export type HostKeyCheck =
  | { status: "ok" }
  | { status: "unknown" }
  | { status: "changed"; expected: string[] }
  | { status: "revoked" };

/** Parses known_hosts text; malformed lines and comments are skipped, as OpenSSH does. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split("\n").forEach((raw, i) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === "" || fields[0].startsWith("#")) return;
    let marker: KnownHostEntry["marker"];
    if (fields[0] === "@revoked" || fields[0] === "@cert-authority") {
      marker = fields[0] === "@revoked" ? "revoked" : "cert-authority";
      fields.shift();
    }
    const [hostField, keyType, keyB64] = fields;
    if (!hostField || !keyType || !keyB64) return;
    const key = Buffer.from(keyB64, "base64");
    if (key.length === 0 || blobKeyType(key) !== keyType) return;
    const hosts = parseHosts(hostField);
    if (hosts) entries.push({ line: i + 1, marker, hosts, keyType, key });
  });
  return entries;
}

function parseHosts(field: string): KnownHostEntry["hosts"] | undefined {
  if (!field.startsWith("|")) return { kind: "patterns", patterns: field.split(",") };
  const [, magic, salt, hash] = field.split("|");
  if (magic !== "1" || !salt || !hash) return undefined;
  return { kind: "hashed", salt: Buffer.from(salt, "base64"), hash: Buffer.from(hash, "base64") };
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port = 22): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function globMatch(pattern: string, name: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`, "i").test(name);
}

/** Whether an entry applies to `name` (a {@link knownHostsName}). */
export function entryMatches(entry: KnownHostEntry, name: string): boolean {
  if (entry.hosts.kind === "hashed") {
    const digest = createHmac("sha1", entry.hosts.salt).update(name).digest();
    return digest.equals(entry.hosts.hash);
  }
  let matched = false;
  for (const pattern of entry.hosts.patterns) {
    const negated = pattern.startsWith("!");
    if (globMatch(negated ? pattern.slice(1) : pattern, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** Checks a presented key blob against the entries for `name`. */
export function checkHostKey(entries: KnownHostEntry[], name: string, key: Buffer): HostKeyCheck {
  const mine = entries.filter((e) => e.marker !== "cert-authority" && entryMatches(e, name));
  if (entries.some((e) => e.marker === "revoked" && e.key.equals(key))) return { status: "revoked" };
  if (mine.some((e) => e.marker === undefined && e.key.equals(key))) return { status: "ok" };
  const expected = mine.filter((e) => e.marker === undefined).map((e) => fingerprint(e.key));
  return expected.length === 0 ? { status: "unknown" } : { status: "changed", expected };
}

/** Key types pinned for `name` (to ask the server for a host key of a type we can check). */
export function pinnedKeyTypes(entries: KnownHostEntry[], name: string): string[] {
  const types = entries.filter((e) => e.marker === undefined && entryMatches(e, name)).map((e) => e.keyType);
  return [...new Set(types)];
}

/** `SHA256:<base64 without padding>` of a key blob, as `ssh-keygen -l` prints it. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;
}

/** The key type named at the start of an SSH public key blob (`ssh-ed25519`), or "" if malformed. */
export function blobKeyType(key: Buffer): string {
  if (key.length < 4) return "";
  const len = key.readUInt32BE(0);
  return len > 0 && len <= 64 && key.length >= 4 + len ? key.subarray(4, 4 + len).toString("latin1") : "";
}

/** The known_hosts line recording `key` for `name` (plain, not hashed). */
export function knownHostsLine(name: string, key: Buffer): string {
  return `${name} ${blobKeyType(key)} ${key.toString("base64")}`;
}
