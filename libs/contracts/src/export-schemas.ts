/** Writes JSON Schema for every message and payload into a directory (`npm run schemas`). */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { MESSAGES, PAYLOADS } from "./registry.js";

/** Returns file name → JSON Schema text for every message envelope and payload. */
export function jsonSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const def of MESSAGES) {
    out.set(
      `${def.type}.json`,
      `${JSON.stringify(z.toJSONSchema(def.envelope, { io: "input" }), null, 2)}\n`,
    );
  }
  for (const [name, schema] of Object.entries(PAYLOADS)) {
    out.set(`payload.${name}.json`, `${JSON.stringify(z.toJSONSchema(schema, { io: "input" }), null, 2)}\n`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "docs/schemas";
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of jsonSchemas()) writeFileSync(join(dir, file), text);
  console.log(`wrote ${jsonSchemas().size} JSON Schemas to ${dir}`);
}
