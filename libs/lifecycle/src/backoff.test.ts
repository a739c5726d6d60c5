import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FakeNode } from "./fakes.js";
import { WORKER } from "./fixtures.js";
import { backoffDelayMs, crashesInWindow, DEFAULT_POLICY, resolvePolicy } from "./policy.js";

describe("backoffDelayMs", () => {
  const table: Array<[attempt: number, ranMs: number | undefined, delay: number]> = [
    [0, 0, 1000],
    [1, 0, 1000],
    [2, 0, 1000],
    [3, 0, 2000],
    [5, 0, 2000],
    [6, 500, 4000],
    [9, 0, 8000],
    [12, 0, 16000],
    [15, 0, 32000],
    [18, 0, 60000],
    [300, 0, 60000],
    [0, undefined, 1000],
    [0, 29_999, 1000],
    [0, 30_000, 0],
    [7, 120_000, 0],
  ];
  for (const [attempt, ranMs, delay] of table) {
    it(`attempt ${attempt}, ran ${ranMs ?? "?"} ms → ${delay} ms`, () => {
      const lastExit = ranMs === undefined ? undefined : { ranMs };
      assert.equal(backoffDelayMs({ policy: DEFAULT_POLICY, attempt, lastExit }), delay);
    });
  }

  it("follows a custom policy", () => {
    const policy = resolvePolicy({
      backoffInitialMs: 100,
      backoffFactor: 3,
      backoffStepEvery: 1,
      backoffMaxMs: 1000,
    });
    const delays = [0, 1, 2, 3].map((attempt) => backoffDelayMs({ policy, attempt, lastExit: { ranMs: 0 } }));
    assert.deepEqual(delays, [100, 300, 900, 1000]);
  });

  it("keeps only crash times inside the window", () => {
    assert.deepEqual(crashesInWindow([1, 100, 200, 301], 400, 300), [200, 301]);
  });
});

/** Crashes the running node at once; asserts no restart before `delayMs` and a new process at `delayMs`. */
async function crashThenRestartAfter(node: FakeNode, delayMs: number): Promise<void> {
  const spawns = node.calls.filter((c) => c === "spawn").length;
  await node.exit(null, "SIGSEGV");
  if (delayMs > 0) {
    await node.advance(delayMs - 1);
    assert.equal(node.state, "backoff", `still waiting at ${delayMs - 1} ms`);
  }
  await node.advance(delayMs > 0 ? 1 : 0);
  assert.equal(node.state, "running", `restarted at ${delayMs} ms`);
  assert.equal(node.calls.filter((c) => c === "spawn").length, spawns + 1);
}

describe("backoff with a simulated clock", () => {
  it("restarts after 1,1,1,2,2,2,4,4,4 … 60 s while the node keeps crashing at once", async () => {
    const node = new FakeNode(WORKER, { policy: { quarantineCrashes: 1000 } });
    await node.send({ type: "START" });
    const seconds = [1, 1, 1, 2, 2, 2, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 60, 60, 60];
    for (const s of seconds) await crashThenRestartAfter(node, s * 1000);
    assert.equal(node.actor.getSnapshot().context.restarts, seconds.length);
    assert.equal(node.actor.getSnapshot().context.attempt, seconds.length);
  });

  it("retries at once after a run of 30 s, then counts that retry as attempt 1", async () => {
    const node = new FakeNode(WORKER);
    await node.send({ type: "START" });
    await node.advance(30_000);
    assert.equal(node.actor.getSnapshot().context.attempt, 0);
    await crashThenRestartAfter(node, 0);
    assert.equal(node.actor.getSnapshot().context.attempt, 1);
    for (const ms of [1000, 1000, 2000]) await crashThenRestartAfter(node, ms);
  });

  it("starts the curve over after 30 s healthy", async () => {
    const node = new FakeNode(WORKER, {
      policy: { quarantineCrashes: 1000, immediateRetryAfterMs: 3_600_000 },
    });
    await node.send({ type: "START" });
    for (const ms of [1000, 1000, 1000, 2000]) await crashThenRestartAfter(node, ms);
    assert.equal(node.actor.getSnapshot().context.attempt, 4);
    await node.advance(29_999);
    assert.equal(node.actor.getSnapshot().context.attempt, 4);
    await node.advance(1);
    assert.equal(node.actor.getSnapshot().context.attempt, 0);
    await crashThenRestartAfter(node, 1000);
  });
});
