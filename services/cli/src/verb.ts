/** What every verb shares: one bus connection per run, JSON output, zeekctl-style failures. */
import { type Bus, connectBus } from "@zeekbus/bus";
import { toZeekbusError } from "@zeekbus/contracts";
import { createLogger } from "@zeekbus/log";
import type { GlobalOptions } from "./program.js";

/** Connects for one verb, runs `fn` and closes. */
export async function withBus<T>(g: GlobalOptions, fn: (bus: Bus) => Promise<T>): Promise<T> {
  const logger = createLogger({ name: "zeekbus-cli", level: process.env.ZEEKBUS_LOG_LEVEL ?? "warn" });
  const bus = await connectBus({
    servers: g.nats.split(","),
    name: "zeekbus-cli",
    ...(process.env.ZEEKBUS_ROOT ? { root: process.env.ZEEKBUS_ROOT } : {}),
    logger,
  });
  try {
    return await fn(bus);
  } finally {
    await bus.close();
  }
}

/** Prints a JSON value on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Runs a verb: a failure prints `Error: <message>` and its details on stderr (or a JSON error on
 * stdout with --json) and sets exit code 1, as zeekctl does.
 */
export async function runVerb(json: boolean | undefined, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (thrown) {
    const err = toZeekbusError(thrown);
    if (json) printJson({ error: { code: err.code, message: err.message, details: err.details } });
    else {
      process.stderr.write(`Error: ${err.message}\n`);
      for (const d of err.details) process.stderr.write(`  ${d}\n`);
    }
    process.exitCode = 1;
  }
}
