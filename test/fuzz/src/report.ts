/** The run's summary: printed for a person, and the figures written as JSON. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { BusSummary } from "./bus/run.js";
import type { ConfigSummary } from "./config/run.js";
import type { Finding } from "./findings.js";

/** Everything one `npm run fuzz` found. */
export interface FuzzReport {
  seed: number;
  startedAt: string;
  runtimeMs: number;
  config?: ConfigSummary;
  bus?: BusSummary;
  /** Why a target could not run to its end. */
  error?: string;
}

/** Failures that make the run fail (each must be 0). */
export function failures(r: FuzzReport): Record<string, number> {
  const out: Record<string, number> = {};
  if (r.config) {
    out["config exceptions"] = r.config.exceptions;
    out["config crashes"] = r.config.crashes;
    out["config rejections without location"] = r.config.rejectionsWithoutLocation;
    out["config broken rules"] = r.config.broken;
  }
  if (r.bus) {
    out["bus service crashes"] = r.bus.serviceCrashes;
    out["bus zeek lost"] = r.bus.zeekLost;
    out["bus replies without error code"] = r.bus.repliesWithoutCode;
    out["bus no replies"] = r.bus.noReplies;
  }
  return out;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Findings that break a rule first, then the informational ones (`accepted …`). */
function findingLines(list: Finding[], max = 25): string[] {
  const info = (f: Finding) => (f.kind.startsWith("accepted") ? 1 : 0);
  return [...list]
    .sort((a, b) => info(a) - info(b))
    .slice(0, max)
    .map((f) => `  [${f.kind}] ${f.count} × ${f.example.detail.slice(0, 200)}`);
}

/** The summary as text lines. */
export function summaryLines(r: FuzzReport): string[] {
  const out = [`fuzz: seed ${r.seed}, ${s(r.runtimeMs)}`];
  const c = r.config;
  if (c) {
    out.push(
      `config: ${c.inputs} inputs (${c.accepted} accepted, ${c.rejected} rejected) in ${s(c.runtimeMs)}; ` +
        `exceptions ${c.exceptions}, crashes ${c.crashes}, rejections without location ${c.rejectionsWithoutLocation}, ` +
        `broken rules ${c.broken}; slowest input ${c.slowestMs} ms`,
      ...findingLines(c.findings),
    );
  }
  const b = r.bus;
  if (b) {
    out.push(
      `bus (${b.mode}): ${b.payloads} payloads over ${b.endpoints.length} endpoints in ${s(b.runtimeMs)}; ` +
        `service crashes ${b.serviceCrashes}, zeek lost ${b.zeekLost}, replies without error code ${b.repliesWithoutCode}, ` +
        `no replies ${b.noReplies}`,
    );
    for (const e of b.endpoints) {
      const codes = Object.entries(e.errors)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ");
      const extra = [
        e.inBand ? `in-band ${e.inBand}` : "",
        e.accepted ? `accepted ${e.accepted}` : "",
        e.withoutError ? `NO ERROR ${e.withoutError}` : "",
        e.noReply ? `NO REPLY ${e.noReply}` : "",
        e.withheld ? `withheld ${e.withheld}` : "",
        e.skipped ? `SKIPPED: ${e.skipped}` : "",
      ];
      out.push(
        `  ${e.endpoint.padEnd(40)} ${String(e.sent).padStart(5)} sent: ${[codes, ...extra].filter(Boolean).join(", ")}; slowest ${e.slowestMs} ms`,
      );
    }
    if (b.uncontracted.length > 0) out.push(`  served without a contract: ${b.uncontracted.join(", ")}`);
    if (b.genericBases.length > 0)
      out.push(`  fuzzed from {} (no harmless base): ${b.genericBases.join(", ")}`);
    out.push(
      `  log lines during the run: ${Object.entries(b.logLines)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    );
    out.push(...findingLines(b.findings));
  }
  if (r.error) out.push(`fuzz: ERROR: ${r.error}`);
  const failed = Object.entries(failures(r)).filter(([, n]) => n > 0);
  if (failed.length > 0) out.push(`fuzz: FAILED: ${failed.map(([k, n]) => `${k} ${n}`).join(", ")}`);
  else out.push(r.error ? "fuzz: FAILED: a target did not finish" : "fuzz: all rules held");
  return out;
}

/** Writes the report as JSON. */
export function writeReport(path: string, r: FuzzReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(r, null, 2)}\n`);
}
