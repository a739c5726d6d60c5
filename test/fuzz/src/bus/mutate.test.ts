import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderUpTo } from "./mutate.js";

describe("renderUpTo", () => {
  it("gives no body for a request a mutation made cyclic, so the mutation is drawn again", () => {
    const shared: unknown[] = [];
    shared.push(shared);
    assert.equal(renderUpTo({ data: { nodes: shared } }, [], 1 << 20), undefined);
  });

  it("gives no body past the size bound, and the body otherwise", () => {
    const env = { data: { nodes: ["x".repeat(100)] } };
    assert.equal(renderUpTo(env, [], 50), undefined);
    assert.equal(renderUpTo(env, [], 1 << 20), JSON.stringify(env));
  });
});
