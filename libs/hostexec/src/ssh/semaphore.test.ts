import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Semaphore } from "./semaphore.js";

describe("Semaphore", () => {
  it("never has more than `limit` holders and serves waiters in order", async () => {
    const sem = new Semaphore(3);
    let held = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const free = await sem.acquire();
        order.push(i);
        held++;
        peak = Math.max(peak, held);
        await new Promise((r) => setTimeout(r, 5));
        held--;
        free();
        free();
      }),
    );
    assert.equal(peak, 3);
    assert.deepEqual(
      order,
      Array.from({ length: 12 }, (_, i) => i),
    );
  });
});
