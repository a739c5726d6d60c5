import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newCurveKeys, newHashSeed, z85Encode } from "./secrets.js";

describe("generated secrets", () => {
  it("encodes Z85 as RFC 32's test vector", () => {
    assert.equal(z85Encode(Uint8Array.from([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b])), "HelloWorld");
  });
  it("makes 8-hex hash seeds and 40-character CURVE keys", () => {
    assert.match(newHashSeed(), /^[0-9a-f]{8}$/);
    const keys = newCurveKeys();
    for (const k of Object.values(keys)) assert.equal(k.length, 40);
    assert.notEqual(keys.serverPublic, keys.clientPublic);
  });
});
