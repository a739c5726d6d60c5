/** Test helpers: zeek as a script in front of zeek-sim, the way sites wrap their zeek. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { NodeSpec } from "@zeekbus/contracts";
import { zeekSimBin } from "@zeekbus/zeek-sim";

/**
 * Kinds of wrapper:
 * - `exec`: `#!/bin/sh`, execs zeek-sim at once;
 * - `exec-after-pid`: `#!/usr/bin/env bash` (env, then bash), waits for the node's `.pid` file,
 *   then execs zeek-sim under the script's own path as argv[0];
 * - `fork`: `#!/bin/sh`, runs zeek-sim and a `sleep` as children and waits for them.
 */
export type WrapperKind = "exec" | "exec-after-pid" | "fork";

const SCRIPTS: Record<WrapperKind, string> = {
  exec: `#!/bin/sh\nexec ${zeekSimBin} "$@"\n`,
  "exec-after-pid": `#!/usr/bin/env bash\nwhile [ ! -e .pid ]; do sleep 0.01; done\nexec -a "$0" ${zeekSimBin} "$@"\n`,
  fork: `#!/bin/sh\n${zeekSimBin} "$@" &\nsleep 300 &\nwait\n`,
};

/** Writes a wrapper zeek script into a new directory; returns its path. */
export function wrapperZeek(kind: WrapperKind): string {
  const dir = mkdtempSync(join(tmpdir(), "zeekbus-wrapper-"));
  mkdirSync(join(dir, "bin"));
  const zeek = join(dir, "bin", "zeek");
  writeFileSync(zeek, SCRIPTS[kind], { mode: 0o755 });
  return zeek;
}

/** A standalone node on this machine in a fresh spool dir, run by `zeek`. */
export function standaloneNode(zeek: string, extra: Partial<NodeSpec> = {}): NodeSpec {
  const prefix = mkdtempSync(join(tmpdir(), "zeekbus-sup-"));
  return {
    name: "zeek",
    type: "standalone",
    host: "localhost",
    zeek,
    argv: ["-U", ".status", "-p", "zeekctl", "local.zeek"],
    env: {},
    cwd: join(prefix, "spool", "zeek"),
    pinCpus: [],
    ...extra,
  };
}
