/**
 * `npm run demo | head`: once its output can no longer be written, the demo tears down as
 * Ctrl-C makes it do, instead of running on unseen (console.log drops the EPIPE) until its
 * duration ends or someone finds it.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("./main.js", import.meta.url));
const skip = process.getuid?.() !== 0 ? "needs root (network namespaces)" : false;

test("a demo whose output reader has gone tears down and exits as interrupted", {
  skip,
  timeout: 240_000,
}, async () => {
  const child = spawn(process.execPath, [main, "--duration", "5"], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.destroy();
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  assert.doesNotMatch(stderr, /EPIPE/);
  // 130: interrupted before the cluster was live. Its own leftover check may find another lab
  // user's namespaces (a suite running meanwhile) and say so, with exit 1.
  if (code !== 130) assert.match(stderr, /left behind after teardown/, `exit ${code}:\n${stderr}`);
});
