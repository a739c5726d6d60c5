/**
 * The common life of a service process: read its settings from the environment (validated),
 * connect, start, and on SIGINT/SIGTERM stop, drain and exit 0. Each service's `main.ts`
 * is only a call to {@link runServiceProcess}.
 */
import { DEFAULT_ROOT, MAX_CLUSTER_NAME, TOKEN_PATTERN } from "@zeekbus/contracts";
import { createLogger, type Logger, withContext } from "@zeekbus/log";
import { z } from "zod";
import { type Bus, connectBus } from "./connection.js";
import { issueLines } from "./wire.js";

/** Settings every service reads from its environment. */
export const ServiceEnv = z.object({
  ZEEKBUS_NATS: z
    .string()
    .min(1)
    .default("nats://127.0.0.1:4222")
    .describe("NATS server URL(s), comma-separated"),
  ZEEKBUS_CLUSTER: z
    .string()
    .max(MAX_CLUSTER_NAME)
    .regex(TOKEN_PATTERN)
    .default("default")
    .describe("Cluster name (subject token)"),
  ZEEKBUS_ROOT: z.string().regex(TOKEN_PATTERN).default(DEFAULT_ROOT).describe("Root token of every subject"),
  ZEEKBUS_KV_REPLICAS: z.coerce
    .number()
    .int()
    .min(1)
    .max(5)
    .default(1)
    .describe("Replicas of KV buckets and streams"),
});
export type ServiceEnv = z.infer<typeof ServiceEnv>;

/** What a service's start function gets. */
export interface ServiceContext {
  bus: Bus;
  env: ServiceEnv;
  log: Logger;
}

/** Validates settings from the environment; throws naming `what` with `VAR: message` lines. */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  what: string,
  source: NodeJS.ProcessEnv = process.env,
): z.output<T> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new Error(`bad ${what} settings: ${issueLines(parsed.error).join("; ")}`);
  return parsed.data;
}

/** Reads and validates the settings every service shares. */
export function readServiceEnv(source: NodeJS.ProcessEnv = process.env): ServiceEnv {
  return parseEnv(ServiceEnv, "service", source);
}

/** Starts a service process; `start` returns the function that stops it. */
export async function runServiceProcess(
  name: string,
  start: (ctx: ServiceContext) => Promise<() => Promise<void>>,
): Promise<void> {
  const root = createLogger({ name });
  let env: ServiceEnv;
  try {
    env = readServiceEnv();
  } catch (err) {
    root.fatal((err as Error).message);
    process.exit(2);
  }
  const log = withContext(root, { cluster: env.ZEEKBUS_CLUSTER, service: name });
  const bus = await connectBus({
    servers: env.ZEEKBUS_NATS.split(","),
    name,
    root: env.ZEEKBUS_ROOT,
    logger: log,
  });
  let stop: () => Promise<void>;
  try {
    stop = await start({ bus, env, log });
  } catch (err) {
    log.fatal({ err: (err as Error).message }, `${name} cannot start`);
    await bus.close();
    process.exit(1);
  }
  log.info({ nats: env.ZEEKBUS_NATS }, `${name} started`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${name} stopping`);
    await stop();
    await bus.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}
