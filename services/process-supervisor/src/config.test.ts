import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readSupervisorEnv } from "./config.js";

const base = { ZEEKBUS_HOST: "sensor-1" };

describe("readSupervisorEnv", () => {
  it("refuses a delay that Node's timers would run after 1 ms", () => {
    for (const [key, value] of [
      ["ZEEKBUS_READY_TIMEOUT_MS", "3000000000"],
      ["ZEEKBUS_REJOIN_TIMEOUT_MS", "2147483648"],
      ["ZEEKBUS_POLICY", JSON.stringify({ stopTimeoutMs: 3e9 })],
      ["ZEEKBUS_POLICY", JSON.stringify({ backoffMaxMs: 2 ** 31 })],
    ] as const) {
      assert.throws(() => readSupervisorEnv({ ...base, [key]: value }), new RegExp(key), `${key}=${value}`);
    }
  });

  it("takes delays up to the timer limit", () => {
    const env = readSupervisorEnv({
      ...base,
      ZEEKBUS_READY_TIMEOUT_MS: String(2 ** 31 - 1),
      ZEEKBUS_POLICY: JSON.stringify({ stopTimeoutMs: 2 ** 31 - 1 }),
    });
    assert.equal(env.ZEEKBUS_READY_TIMEOUT_MS, 2 ** 31 - 1);
    assert.equal(env.ZEEKBUS_POLICY.stopTimeoutMs, 2 ** 31 - 1);
  });
});
