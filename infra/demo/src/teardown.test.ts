/** The teardown stack: newest first, every action runs even after a failure, hung actions are cut off. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkStop, Interrupted, Teardown } from "./teardown.js";

test("runs actions newest first and reports success", async () => {
  const td = new Teardown();
  const order: string[] = [];
  td.add("first", () => order.push("first"));
  td.add("second", async () => {
    order.push("second");
  });
  assert.equal(await td.run(), true);
  assert.deepEqual(order, ["second", "first"]);
  assert.equal(await td.run(), true, "a second run has nothing left to do");
});

test("a failing or hanging action does not stop the others", async () => {
  const td = new Teardown();
  const order: string[] = [];
  td.add("last", () => order.push("last"));
  td.add("hangs", () => new Promise(() => undefined), 50);
  td.add("throws", () => {
    throw new Error("boom");
  });
  assert.equal(await td.run(), false);
  assert.deepEqual(order, ["last"]);
});

test("checkStop throws Interrupted naming the signal once aborted", () => {
  const ac = new AbortController();
  checkStop(ac.signal);
  ac.abort("SIGTERM");
  assert.throws(
    () => checkStop(ac.signal),
    (err: unknown) => err instanceof Interrupted && /SIGTERM/.test(err.message),
  );
});
