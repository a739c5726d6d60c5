/**
 * Child service processes of the all-in-one: started with the bus settings in their
 * environment, restarted after an unexpected exit (1 s pause), and on shutdown sent SIGTERM,
 * then SIGKILL after a grace period, and reaped.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Logger } from "@zeekbus/log";
import type { ServiceLaunch } from "./services.js";

const RESTART_PAUSE_MS = 1000;

/** Runs and watches the service children of one `zeekbus up`. */
export class ServiceChildren {
  private readonly running = new Map<string, ChildProcess>();
  private stopping = false;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: Logger,
  ) {}

  /** Starts one service child and keeps it running until {@link stopAll}. */
  start(service: ServiceLaunch): void {
    const entry = fileURLToPath(import.meta.resolve(service.entry));
    const child = spawn(process.execPath, [entry], {
      env: { ...this.env, ...service.env },
      stdio: ["ignore", "inherit", "inherit"],
    });
    this.running.set(service.name, child);
    child.once("error", (err) => this.log.error({ service: service.name, err }, "service process failed"));
    child.once("close", (code, signal) => {
      this.running.delete(service.name);
      if (this.stopping) return;
      this.log.error({ service: service.name, code, signal }, "service exited; restarting");
      setTimeout(() => !this.stopping && this.start(service), RESTART_PAUSE_MS);
    });
  }

  /** Process ids of the running children. */
  pids(): number[] {
    return [...this.running.values()].flatMap((c) => (c.pid ? [c.pid] : []));
  }

  /** Stops every child: SIGTERM, then SIGKILL after `graceMs`; resolves when all are reaped. */
  async stopAll(graceMs = 5000): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.running.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
            child.once("close", () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill("SIGTERM");
          }),
      ),
    );
  }
}
