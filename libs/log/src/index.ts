/**
 * Logging for every zeekbus process: pino JSON to stderr (or a given stream), child loggers
 * carrying `{ cluster, host, node, reqId }`, and redaction of secrets wherever they appear.
 */
import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger } from "pino";

/** Context fields a child logger may carry. */
export interface LogContext {
  cluster?: string;
  host?: string;
  node?: string;
  reqId?: string;
  service?: string;
}

/** Paths whose values are replaced by `[redacted]` (any depth up to two levels). */
export const REDACT_PATHS = [
  "password",
  "passphrase",
  "privateKey",
  "token",
  "secret",
  "authorization",
  "*.password",
  "*.passphrase",
  "*.privateKey",
  "*.token",
  "*.secret",
  "*.authorization",
  "*.*.password",
  "*.*.privateKey",
  "*.*.token",
  "*.*.secret",
];

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Process or service name (`name` field). */
  name: string;
  /** pino level; defaults to env ZEEKBUS_LOG_LEVEL or `info`. */
  level?: string;
  /** Where to write; defaults to stderr. */
  destination?: DestinationStream;
}

/** Creates the root logger of a process. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? process.env.ZEEKBUS_LOG_LEVEL ?? "info",
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      base: { pid: process.pid },
    },
    options.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}

/** A child logger carrying the given context (undefined fields are left out). */
export function withContext(logger: Logger, context: LogContext): Logger {
  const bindings = Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined));
  return logger.child(bindings);
}
