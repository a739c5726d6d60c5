/**
 * Opening one authenticated ssh2 connection with a pinned host key and a bounded connect time,
 * mapping every failure to a closed-set error that names the host.
 */
import { readFile } from "node:fs/promises";
import { UnreachableError } from "@zeekbus/contracts";
import { Client, type ServerHostKeyAlgorithm } from "ssh2";
import { HostKeyError } from "../errors.js";
import { hostKeyGate, type PinningOptions } from "./host-keys.js";

/** A host to reach and the identity to log in with. */
export interface SshTarget {
  /** Address or name to connect to; also the name used in errors and known_hosts. */
  host: string;
  /** Default 22. */
  port?: number;
  username: string;
  /** Path of an OpenSSH private key file (read at each connect; never logged). */
  keyPath?: string;
  /** Private key content, instead of keyPath (never logged). */
  privateKey?: string | Buffer;
  /** Passphrase of an encrypted key (never logged). */
  passphrase?: string;
}

/** Settings of {@link openConnection}. */
export interface ConnectOptions extends PinningOptions {
  /** Bound on TCP connect + handshake + authentication (default 5000 ms). */
  connectTimeoutMs: number;
  /** SSH keepalive interval so a dead peer is noticed (default 5000 ms). */
  keepaliveIntervalMs?: number;
}

/** The zeekctl-compatible message prefix for a connection failure. */
export function connectFailure(host: string, reason: string): UnreachableError {
  return new UnreachableError(`Failed to establish ssh connection to host ${host}: ${reason}`);
}

function keyLabel(target: SshTarget): string {
  return target.keyPath ?? "the given private key";
}

function mapError(err: Error & { level?: string; code?: string }, target: SshTarget): Error {
  if (err instanceof HostKeyError) return err;
  if (err.level === "client-authentication") {
    return connectFailure(
      target.host,
      `authentication failed for user ${target.username} with key ${keyLabel(target)}`,
    );
  }
  if (err.level === "client-timeout") return connectFailure(target.host, "timed out");
  return connectFailure(target.host, err.code ? `${err.code} (${err.message})` : err.message);
}

async function loadKey(target: SshTarget): Promise<string | Buffer> {
  if (target.privateKey !== undefined) return target.privateKey;
  if (target.keyPath === undefined) throw connectFailure(target.host, "no private key configured");
  try {
    return await readFile(target.keyPath);
  } catch (err) {
    throw connectFailure(target.host, `cannot read key ${target.keyPath}: ${(err as Error).message}`);
  }
}

/** Connects and authenticates, or rejects with `UnreachableError` / {@link HostKeyError}. */
export async function openConnection(target: SshTarget, opts: ConnectOptions): Promise<Client> {
  const port = target.port ?? 22;
  const privateKey = await loadKey(target);
  const gate = await hostKeyGate(target.host, port, opts);
  return new Promise((resolve, reject) => {
    const client = new Client();
    let settled = false;
    const finish = (err: Error | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!err) return resolve(client);
      client.end();
      client.destroy();
      reject(mapError(gate.refusal ?? err, target));
    };
    const timer = setTimeout(
      () => finish(Object.assign(new Error("timed out"), { level: "client-timeout" })),
      opts.connectTimeoutMs,
    );
    client.once("ready", () => finish(undefined));
    client.on("error", (err) => finish(err));
    client.once("close", () => finish(new Error("connection closed during handshake")));
    client.connect({
      host: target.host,
      port,
      username: target.username,
      privateKey,
      passphrase: target.passphrase,
      readyTimeout: opts.connectTimeoutMs,
      keepaliveInterval: opts.keepaliveIntervalMs ?? 5000,
      keepaliveCountMax: 3,
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => gate.verify(key, verify),
      ...(gate.algorithms
        ? { algorithms: { serverHostKey: gate.algorithms as ServerHostKeyAlgorithm[] } }
        : {}),
    });
  });
}
