import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { jsonSchemas } from "./export-schemas.js";

const docs = fileURLToPath(new URL("../../../docs/schemas/", import.meta.url));

describe("docs/schemas", () => {
  it("holds exactly the current JSON Schema of every message (run `npm run schemas`)", () => {
    const current = jsonSchemas();
    assert.deepEqual(readdirSync(docs).sort(), [...current.keys()].sort());
    for (const [file, text] of current) assert.equal(readFileSync(`${docs}${file}`, "utf8"), text, file);
  });
});
