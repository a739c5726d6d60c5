import { run } from "../exec.js";
import { SUBNET } from "../names.js";

/** Adds the root-namespace `unreachable` route for the lab subnet (idempotent). */
export async function addGuardRoute(): Promise<void> {
  await run(["ip", "route", "replace", "unreachable", SUBNET], { context: `add guard route for ${SUBNET}` });
}

export async function hasGuardRoute(): Promise<boolean> {
  const { stdout } = await run(["ip", "-j", "route", "show", "type", "unreachable", SUBNET]);
  return (JSON.parse(stdout || "[]") as unknown[]).length > 0;
}

export async function removeGuardRoute(): Promise<void> {
  if (await hasGuardRoute()) {
    await run(["ip", "route", "del", "unreachable", SUBNET], { context: `remove guard route for ${SUBNET}` });
  }
}
