import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { TraceError } from "../errors.js";
import { tracesDir } from "../paths.js";

export interface ResolvedTrace {
  /** A plain pcap file to hand to tcpreplay. */
  path: string;
  /** Removes the temporary copy, if one was made. */
  cleanup: () => void;
}

/** Finds a trace by path or by name in the shared traces directory. */
export function findTrace(trace: string): string {
  const candidates = [resolve(trace), join(tracesDir(), trace), join(tracesDir(), `${trace}.gz`)];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new TraceError(`trace not found: ${trace} (looked in ${candidates.join(", ")})`);
  return found;
}

/** Resolves a trace; a `.gz` file is gunzipped to a temporary pcap. */
export async function resolveTrace(trace: string): Promise<ResolvedTrace> {
  const path = findTrace(trace);
  if (!path.endsWith(".gz")) return { path, cleanup: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), "zb-trace-"));
  const out = join(dir, basename(path, ".gz"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    await pipeline(createReadStream(path), createGunzip(), createWriteStream(out));
  } catch (err) {
    cleanup();
    throw new TraceError(`cannot gunzip trace ${path}: ${(err as Error).message}`, { cause: err });
  }
  return { path: out, cleanup };
}
