/**
 * One lab per machine: every user of the lab (test suites, benchmarks, the demo) holds this
 * lock from before `labUp` until after `labDown`, across processes.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { sleep } from "./exec.js";
import { isAlive, readPidFile } from "./host/procs.js";

const LOCK = "/run/zb-lab.lock";

/**
 * Serialises lab suites across test processes (only one lab can be up per machine). Waits for
 * the lock, taking it over when its owner has exited; returns the release function.
 */
export async function acquireLabLock(timeoutMs = 300_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(`${LOCK}/pid`, String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const owner = readPidFile(`${LOCK}/pid`);
    if (owner !== undefined && !isAlive(owner)) rmSync(LOCK, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`lab test lock ${LOCK} still held by pid ${owner}`);
    await sleep(100);
  }
}
