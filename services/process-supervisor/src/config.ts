/** Settings of a process supervisor, from its environment (validated; every key documented). */
import { parseEnv } from "@zeekbus/bus";
import { MAX_TIMER_MS, SafeName } from "@zeekbus/contracts";
import { z } from "zod";

/** A delay that becomes a timer: Node runs a longer `setTimeout` after 1 ms. */
const TimerMs = (min: number) => z.number().int().min(min).max(MAX_TIMER_MS);

/** Lifecycle policy overrides (milliseconds and counts), as JSON in ZEEKBUS_POLICY. */
export const PolicyOverrides = z
  .object({
    immediateRetryAfterMs: TimerMs(0),
    backoffInitialMs: TimerMs(0),
    backoffFactor: z.number().min(1).max(100),
    backoffStepEvery: z.number().int().min(1).max(1000),
    backoffMaxMs: TimerMs(0),
    healthyResetMs: TimerMs(0),
    quarantineCrashes: z.number().int().min(1).max(1000),
    quarantineWindowMs: TimerMs(0),
    stopTimeoutMs: TimerMs(0),
    readyTimeoutMs: TimerMs(1),
  })
  .partial()
  .strict();

export const SupervisorEnv = z.object({
  ZEEKBUS_HOST: SafeName.describe("This host's name as node.cfg writes it"),
  ZEEKBUS_STATE_DIR: z
    .string()
    .startsWith("/")
    .default("/var/lib/zeekbus/supervisor")
    .describe("Local state dir"),
  ZEEKBUS_READY_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_TIMER_MS)
    .default(60_000)
    .describe("Wait for RUNNING (ms)"),
  ZEEKBUS_REJOIN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_TIMER_MS)
    .default(30_000)
    .describe("Wait for packets (ms)"),
  ZEEKBUS_POLICY: z
    .string()
    .default("{}")
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "not JSON" });
        return z.NEVER;
      }
    })
    .pipe(PolicyOverrides)
    .describe("Lifecycle policy overrides as JSON"),
});
export type SupervisorEnv = z.infer<typeof SupervisorEnv>;

/** Reads the supervisor settings; throws with `VAR: message` lines. */
export function readSupervisorEnv(env: NodeJS.ProcessEnv = process.env): SupervisorEnv {
  return parseEnv(SupervisorEnv, "process-supervisor", env);
}
