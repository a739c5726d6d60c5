/**
 * Runs the Debian `nats-server` as a child process: free ports and a temporary store by
 * default, readiness through the monitoring `/healthz`, and teardown that never leaves a
 * server behind (also when the parent exits on a failure).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderConfig, type ServerConfig } from "./config.js";
import { freePorts } from "./ports.js";

/** Options of {@link startNatsServer}; every field has a default. */
export interface NatsServerOptions {
  /** Binary to run; default env ZEEKBUS_NATS_SERVER or `nats-server` on PATH. */
  binary?: string;
  /** Working dir holding config, store and log; default a new temp dir. */
  dir?: string;
  serverName?: string;
  host?: string;
  port?: number;
  httpPort?: number;
  maxMem?: string;
  maxFile?: string;
  /** Largest message the server takes (nats-server size string; default the server's 1MB). */
  maxPayload?: string;
  cluster?: ServerConfig["cluster"];
  /** How long to wait for `/healthz` to say ok (ms). */
  readyTimeoutMs?: number;
}

/** Told how a server process ended: its exit code, or the signal that ended it. */
export type ExitListener = (code: number | null, signal: NodeJS.Signals | null) => void;

/** A running (or stopped) server. */
export class NatsServer {
  readonly config: ServerConfig;
  readonly dir: string;
  private readonly binary: string;
  private child: ChildProcess | undefined;
  private readonly exitListeners = new Set<ExitListener>();

  constructor(config: ServerConfig, dir: string, binary: string) {
    this.config = config;
    this.dir = dir;
    this.binary = binary;
  }

  /** Client URL, e.g. `nats://127.0.0.1:4222`. */
  get url(): string {
    return `nats://${this.config.host}:${this.config.port}`;
  }
  /** Monitoring base URL. */
  get monitorUrl(): string {
    return `http://${this.config.host}:${this.config.httpPort}`;
  }
  get pid(): number | undefined {
    const c = this.child;
    return c && c.exitCode === null && c.signalCode === null ? c.pid : undefined;
  }

  /** Starts the process (again) with the same config and store, and waits until healthy. */
  async start(readyTimeoutMs = 15_000): Promise<void> {
    const confPath = join(this.dir, "nats.conf");
    writeFileSync(confPath, renderConfig(this.config));
    const log = openSync(join(this.dir, "nats.log"), "a");
    const child = spawn(this.binary, ["-c", confPath], { stdio: ["ignore", log, log] });
    closeSync(log);
    this.child = child;
    live.add(this);
    child.once("exit", (code, signal) => {
      live.delete(this);
      for (const listener of this.exitListeners) listener(code, signal);
    });
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", (err) => reject(new Error(`cannot run ${this.binary}: ${err.message}`)));
    });
    await this.waitHealthy(readyTimeoutMs);
  }

  /** Calls `listener` whenever the server process exits, stopped or not; returns a function that removes it. */
  onExit(listener: ExitListener): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /** Polls `/healthz` until it answers ok, or throws naming the log file. */
  async waitHealthy(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.pid === undefined) break;
      if ((await this.monitor("/healthz"))?.status === "ok") return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`nats-server ${this.config.serverName} not healthy; see ${join(this.dir, "nats.log")}`);
  }

  /** GETs a monitoring endpoint as JSON; undefined when the server does not answer. */
  async monitor(path: string): Promise<Record<string, unknown> | undefined> {
    try {
      const res = await fetch(`${this.monitorUrl}${path}`, { signal: AbortSignal.timeout(1000) });
      return (await res.json()) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  /** SIGKILL, as a crash would (for failover tests). Resolves when the process is gone. */
  kill(): Promise<void> {
    return this.signalAndWait("SIGKILL", 5000);
  }

  /** SIGTERM, then SIGKILL after `graceMs`. Resolves when the process is gone. */
  async stop(graceMs = 3000): Promise<void> {
    await this.signalAndWait("SIGTERM", graceMs);
    await this.signalAndWait("SIGKILL", 5000);
  }

  private signalAndWait(signal: NodeJS.Signals, waitMs: number): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill(signal);
    });
  }
}

const live = new Set<NatsServer>();
process.once("exit", () => {
  for (const s of live) if (s.pid) process.kill(s.pid, "SIGKILL");
});

/** Starts one JetStream-enabled server and waits until it is healthy. */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "zeekbus-nats-"));
  mkdirSync(dir, { recursive: true });
  const [port, httpPort] =
    options.port && options.httpPort ? [options.port, options.httpPort] : await freePorts(2);
  const config: ServerConfig = {
    serverName: options.serverName ?? "zeekbus-nats",
    host: options.host ?? "127.0.0.1",
    port: options.port ?? port!,
    httpPort: options.httpPort ?? httpPort!,
    storeDir: join(dir, "store"),
    maxMem: options.maxMem ?? "256MB",
    maxFile: options.maxFile ?? "2GB",
    ...(options.maxPayload ? { maxPayload: options.maxPayload } : {}),
    ...(options.cluster ? { cluster: options.cluster } : {}),
  };
  const server = new NatsServer(
    config,
    dir,
    options.binary ?? process.env.ZEEKBUS_NATS_SERVER ?? "nats-server",
  );
  await server.start(options.readyTimeoutMs);
  return server;
}
