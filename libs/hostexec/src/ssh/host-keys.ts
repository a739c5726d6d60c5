/**
 * Host key pinning for one connection attempt: a verifier for ssh2 that checks the presented key
 * against a known_hosts file and, only when trust-on-first-use is enabled, records unknown keys.
 */
import { appendFile, readFile } from "node:fs/promises";
import { HostKeyError } from "../errors.js";
import {
  checkHostKey,
  fingerprint,
  type KnownHostEntry,
  knownHostsLine,
  knownHostsName,
  parseKnownHosts,
  pinnedKeyTypes,
} from "./known-hosts.js";

/** Where keys are pinned and whether unknown ones may be recorded. */
export interface PinningOptions {
  knownHostsPath: string;
  trustOnFirstUse: boolean;
}

/** ssh2 algorithm names to offer for a pinned key type. */
const HOST_KEY_ALGORITHMS: Record<string, string[]> = {
  "ssh-ed25519": ["ssh-ed25519"],
  "ecdsa-sha2-nistp256": ["ecdsa-sha2-nistp256"],
  "ecdsa-sha2-nistp384": ["ecdsa-sha2-nistp384"],
  "ecdsa-sha2-nistp521": ["ecdsa-sha2-nistp521"],
  "ssh-rsa": ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"],
};

let appendChain: Promise<unknown> = Promise.resolve();

async function loadEntries(path: string): Promise<KnownHostEntry[]> {
  try {
    return parseKnownHosts(await readFile(path, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

async function recordKey(path: string, name: string, key: Buffer): Promise<void> {
  const next = appendChain.then(async () => {
    const entries = await loadEntries(path);
    if (checkHostKey(entries, name, key).status === "ok") return;
    const text = await readFile(path, "utf8").catch(() => "");
    const sep = text === "" || text.endsWith("\n") ? "" : "\n";
    await appendFile(path, `${sep}${knownHostsLine(name, key)}\n`, { mode: 0o600 });
  });
  appendChain = next.catch(() => undefined);
  await next;
}

/** Verifier state for one connection: `refusal` is set when the key was refused. */
export interface HostKeyGate {
  /** Host key algorithms to ask for (those pinned for the host), or undefined for ssh2's defaults. */
  algorithms: string[] | undefined;
  verify(key: Buffer, done: (ok: boolean) => void): void;
  refusal: HostKeyError | Error | undefined;
}

/** Reads the pins for `host:port` and returns the gate a connection passes through. */
export async function hostKeyGate(host: string, port: number, opts: PinningOptions): Promise<HostKeyGate> {
  const name = knownHostsName(host, port);
  const entries = await loadEntries(opts.knownHostsPath);
  const types = pinnedKeyTypes(entries, name);
  const algorithms = types.flatMap((t) => HOST_KEY_ALGORITHMS[t] ?? []);
  const gate: HostKeyGate = {
    algorithms: algorithms.length > 0 ? algorithms : undefined,
    refusal: undefined,
    verify(key, done) {
      const check = checkHostKey(entries, name, key);
      if (check.status === "ok") return done(true);
      const fp = fingerprint(key);
      if (check.status === "unknown" && opts.trustOnFirstUse) {
        recordKey(opts.knownHostsPath, name, key).then(
          () => done(true),
          (err: Error) => {
            gate.refusal = err;
            done(false);
          },
        );
        return;
      }
      const expected = check.status === "changed" ? check.expected : [];
      gate.refusal = new HostKeyError(host, check.status, fp, opts.knownHostsPath, expected);
      done(false);
    },
  };
  return gate;
}
