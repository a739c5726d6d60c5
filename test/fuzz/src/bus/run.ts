/**
 * The bus target: for every endpoint the contracts define, `perEndpoint` hostile payloads (or
 * until its share of `seconds` is used) against the running cluster. After each payload the
 * service processes must still run and every zeek must be the same process as before; at the
 * end every service must answer a valid request. Every reply must be an error with a code of
 * the closed set — except validate, whose contract answers bad configurations in its reply.
 */
import { type Bus, ERROR_CODE_HEADER } from "@zeekbus/bus";
import { isErrorCode } from "@zeekbus/contracts";
import { clip, type Finding, Findings } from "../findings.js";
import { inputRng } from "../rng.js";
import { baseData, KNOWN_BASES } from "./bases.js";
import { contractEndpoints, type Endpoint, messageName, uncontractedSubjects } from "./endpoints.js";
import { hostilePayload, type Payload } from "./mutate.js";
import { logLines } from "./procs.js";
import type { FuzzStack } from "./stack.js";
import { goneServices, snapshot, unanswered, zeekChanges } from "./watch.js";

/** Options of {@link runBusFuzz}. */
export interface BusRunOptions {
  seed: number;
  perEndpoint: number;
  seconds: number;
  /** How long a reply may take (ms); default 30 s. */
  replyTimeoutMs?: number;
}

/** Figures of one endpoint. */
export interface EndpointFigures {
  endpoint: string;
  sent: number;
  /** Replies by error code. */
  errors: Record<string, number>;
  /** Replies without an error (validate's `ok: false` counted apart in `inBand`). */
  withoutError: number;
  inBand: number;
  noReply: number;
  /** Payloads the contract itself accepts (a bound it lacks, or a harmless base value). */
  contractValid: number;
  slowestMs: number;
}

/** Figures of a bus run. */
export interface BusSummary {
  target: "bus";
  mode: FuzzStack["mode"];
  seed: number;
  payloads: number;
  endpoints: EndpointFigures[];
  serviceCrashes: number;
  zeekLost: number;
  repliesWithoutCode: number;
  noReplies: number;
  /** Served subjects of the cluster with no message in the contracts. */
  uncontracted: string[];
  /** Messages without a dedicated harmless base (fuzzed from `{}`). */
  genericBases: string[];
  /** Log lines each service wrote during the run. */
  logLines: Record<string, number>;
  runtimeMs: number;
  findings: Finding[];
}

type Msg = Awaited<ReturnType<Bus["nc"]["request"]>>;
type Outcome = { kind: "error"; code: string } | { kind: "ok"; body: string } | { kind: "none"; why: string };

function classify(msg: Msg): Outcome {
  const h = msg.headers;
  if (h?.has("Nats-Service-Error-Code") || h?.has(ERROR_CODE_HEADER))
    return { kind: "error", code: h.get(ERROR_CODE_HEADER) };
  return { kind: "ok", body: msg.string() };
}

function inBandRejection(ep: Endpoint, body: string): boolean {
  if (messageName(ep.def) !== "topology.validate") return false;
  try {
    const data = (JSON.parse(body) as { data?: { ok?: boolean; problems?: { file?: string }[] } }).data;
    return (
      data?.ok === false && (data.problems ?? []).every((p) => typeof p.file === "string" && p.file !== "")
    );
  } catch {
    return false;
  }
}

/** Runs the bus target against a running stack. */
export async function runBusFuzz(stack: FuzzStack, options: BusRunOptions): Promise<BusSummary> {
  const t0 = Date.now();
  const deadline = t0 + options.seconds * 1000;
  const { bus, cluster } = stack;
  const endpoints = contractEndpoints(bus, cluster, stack.hosts);
  const uncontracted = await uncontractedSubjects(bus, cluster, endpoints);
  const maxBytes = bus.nc.info?.max_payload ?? 1024 * 1024;
  const findings = new Findings();
  const logsBefore = Object.fromEntries(stack.services.map((s) => [s.name, logLines(s.log)]));
  const figures: EndpointFigures[] = [];
  const totals = { crashes: 0, lost: 0, withoutCode: 0, noReply: 0 };
  let baseline = await snapshot(stack);
  const initial = baseline;
  let crashed = false;

  for (const [k, ep] of endpoints.entries()) {
    if (crashed) break;
    const f: EndpointFigures = {
      endpoint: ep.label,
      sent: 0,
      errors: {},
      withoutError: 0,
      inBand: 0,
      noReply: 0,
      contractValid: 0,
      slowestMs: 0,
    };
    figures.push(f);
    const share = Date.now() + (deadline - Date.now()) / (endpoints.length - k);
    const base = baseData(ep, stack.ctx);
    for (let i = 0; i < options.perEndpoint && Date.now() < share; i++) {
      const rng = inputRng(options.seed, ep.label, i);
      const p = hostilePayload(ep.def, cluster, base, rng, maxBytes, `fuzz-${i}`);
      const note = (kind: string, detail: string) =>
        findings.add(
          kind,
          `${ep.label}: ${detail}`,
          {
            endpoint: ep.label,
            index: i,
            mutations: p.mutations,
            contractValid: p.contractValid,
            body: clip(p.body, 600),
          },
          p.body.length,
        );
      f.sent += 1;
      if (p.contractValid) f.contractValid += 1;
      const started = performance.now();
      const outcome = await send(stack, ep, p, options.replyTimeoutMs ?? 30_000);
      f.slowestMs = Math.max(f.slowestMs, Math.round(performance.now() - started));
      if (outcome.kind === "error") {
        f.errors[outcome.code || "(none)"] = (f.errors[outcome.code || "(none)"] ?? 0) + 1;
        if (!isErrorCode(outcome.code)) {
          totals.withoutCode += 1;
          note("error without a known code", `code header ${JSON.stringify(outcome.code)}`);
        } else if (!p.contractValid && outcome.code !== "ValidationError")
          note(
            "invalid payload not answered ValidationError",
            `${outcome.code} for ${p.mutations.join(" ")}`,
          );
      } else if (outcome.kind === "ok") {
        if (inBandRejection(ep, outcome.body)) f.inBand += 1;
        else {
          f.withoutError += 1;
          totals.withoutCode += 1;
          note(
            "reply without error code",
            `${p.contractValid ? "contract accepts" : "edge let through"} ${p.mutations.join(" ")}`,
          );
        }
      } else {
        f.noReply += 1;
        totals.noReply += 1;
        note("no reply", outcome.why);
      }
      const gone = goneServices(stack);
      if (gone.length > 0) {
        totals.crashes += gone.length;
        for (const g of gone) note("service crash", g);
        crashed = true;
        break;
      }
      const now = await snapshot(stack).catch((err: Error) => err);
      if (now instanceof Error) {
        note("supervisor status failed", now.message.slice(0, 200));
        continue;
      }
      const changes = zeekChanges(baseline, now);
      totals.lost += changes.length;
      for (const c of changes) note("zeek lost, restarted or started", c);
      baseline = now;
    }
  }
  for (const u of crashed ? [] : await unanswered(stack)) {
    totals.crashes += 1;
    findings.add("service does not answer a valid request", u, {}, 0);
  }
  const overall = zeekChanges(initial, await snapshot(stack).catch(() => new Map()));
  if (totals.lost === 0) totals.lost = overall.length;
  for (const c of overall) findings.add("zeek changed over the run", c, {}, 0);
  return {
    target: "bus",
    mode: stack.mode,
    seed: options.seed,
    payloads: figures.reduce((n, f) => n + f.sent, 0),
    endpoints: figures,
    serviceCrashes: totals.crashes,
    zeekLost: totals.lost,
    repliesWithoutCode: totals.withoutCode,
    noReplies: totals.noReply,
    uncontracted,
    genericBases: [...new Set(endpoints.map((e) => messageName(e.def)).filter((n) => !KNOWN_BASES.has(n)))],
    logLines: Object.fromEntries(
      stack.services.map((s) => [s.name, logLines(s.log) - (logsBefore[s.name] ?? 0)]),
    ),
    runtimeMs: Date.now() - t0,
    findings: findings.list(),
  };
}

async function send(stack: FuzzStack, ep: Endpoint, p: Payload, timeout: number): Promise<Outcome> {
  try {
    return classify(await stack.bus.nc.request(ep.subject, p.body, { timeout }));
  } catch (err) {
    return { kind: "none", why: `${(err as Error).name}: ${(err as Error).message}`.slice(0, 200) };
  }
}
