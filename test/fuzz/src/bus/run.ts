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
import { baseData, harmlessFor, KNOWN_BASES } from "./bases.js";
import { contractEndpoints, type Endpoint, messageName, uncontractedSubjects } from "./endpoints.js";
import { hostilePayload, type Payload } from "./payload.js";
import { logLines } from "./procs.js";
import type { FuzzStack } from "./stack.js";
import { goneServices, snapshot, unanswered, type ZeekIdentity, zeekChanges } from "./watch.js";

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
  /** Replies without an error to payloads the contract refuses: the edge let them through. */
  withoutError: number;
  /** Replies without an error to payloads the contract accepts (listed as `accepted` findings). */
  accepted: number;
  inBand: number;
  noReply: number;
  /** Payloads the contract itself accepts (a bound it lacks, or a harmless base value). */
  contractValid: number;
  slowestMs: number;
  /** Payloads not sent: every try made a valid request that would act on the cluster. */
  withheld: number;
  /** Why the endpoint was not fuzzed (its service crashed earlier). */
  skipped?: string;
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

/** Counters of a whole run. */
interface Totals {
  crashes: number;
  lost: number;
  withoutCode: number;
  noReply: number;
}

type Note = (kind: string, detail: string) => void;

/** Counts one reply into the endpoint's figures and notes what breaks a rule. */
function judge(
  ep: Endpoint,
  p: Payload,
  outcome: Outcome,
  f: EndpointFigures,
  totals: Totals,
  note: Note,
): void {
  if (outcome.kind === "error") {
    const code = outcome.code || "(none)";
    f.errors[code] = (f.errors[code] ?? 0) + 1;
    if (!isErrorCode(outcome.code)) {
      totals.withoutCode += 1;
      note("error without a known code", `code header ${JSON.stringify(outcome.code)}`);
    } else if (!p.contractValid && outcome.code !== "ValidationError")
      note("invalid payload not answered ValidationError", `${outcome.code} for ${p.mutations.join(" ")}`);
  } else if (outcome.kind === "ok") {
    if (inBandRejection(ep, outcome.body)) f.inBand += 1;
    else if (p.contractValid) {
      f.accepted += 1;
      note("accepted (the contract allows it)", p.mutations.join(" "));
    } else {
      f.withoutError += 1;
      totals.withoutCode += 1;
      note("reply without error code", `the contract refuses it: ${p.mutations.join(" ")}`);
    }
  } else {
    f.noReply += 1;
    totals.noReply += 1;
    note("no reply", outcome.why);
  }
}

function newFigures(endpoint: string): EndpointFigures {
  return {
    endpoint,
    sent: 0,
    errors: {},
    withoutError: 0,
    accepted: 0,
    inBand: 0,
    noReply: 0,
    withheld: 0,
    contractValid: 0,
    slowestMs: 0,
  };
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
  const totals: Totals = { crashes: 0, lost: 0, withoutCode: 0, noReply: 0 };
  const down = new Set<string>();
  let baseline = await snapshot(stack, down);
  const initial = baseline;

  for (const [k, ep] of endpoints.entries()) {
    const f = newFigures(ep.label);
    figures.push(f);
    if (down.has(serviceOf(ep))) {
      f.skipped = `${serviceOf(ep)} crashed earlier`;
      continue;
    }
    const share = Date.now() + (deadline - Date.now()) / (endpoints.length - k);
    const base = baseData(ep, stack.ctx);
    const harmless = harmlessFor(ep, stack.ctx);
    for (let i = 0; i < options.perEndpoint && Date.now() < share; i++) {
      const rng = inputRng(options.seed, ep.label, i);
      const p = hostilePayload(ep.def, cluster, base, rng, maxBytes, `fuzz-${i}`, harmless);
      if (p.withheld) {
        f.withheld += 1;
        continue;
      }
      const input = {
        endpoint: ep.label,
        index: i,
        mutations: p.mutations,
        contractValid: p.contractValid,
        body: clip(p.body, 600),
      };
      const note: Note = (kind, detail) => findings.add(kind, `${ep.label}: ${detail}`, input, p.body.length);
      f.sent += 1;
      if (p.contractValid) f.contractValid += 1;
      const started = performance.now();
      const outcome = await send(stack, ep, p, options.replyTimeoutMs ?? 30_000);
      f.slowestMs = Math.max(f.slowestMs, Math.round(performance.now() - started));
      judge(ep, p, outcome, f, totals, note);
      for (const g of goneServices(stack).filter((g) => !down.has(g.name))) {
        down.add(g.name);
        totals.crashes += 1;
        note("service crash", g.why);
        baseline = withoutHostsOf(baseline, down);
      }
      if (down.has(serviceOf(ep))) break;
      const now = await snapshot(stack, down).catch((err: Error) => err);
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
  for (const u of await unanswered(stack, down)) {
    totals.crashes += 1;
    findings.add("service does not answer a valid request", u, {}, 0);
  }
  const overall = zeekChanges(
    withoutHostsOf(initial, down),
    await snapshot(stack, down).catch(() => new Map()),
  );
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

/** A snapshot without the nodes of supervisors that are `down` (their crash is reported already). */
function withoutHostsOf(
  snap: Map<string, ZeekIdentity>,
  down: ReadonlySet<string>,
): Map<string, ZeekIdentity> {
  return new Map([...snap].filter(([key]) => !down.has(`process-supervisor@${key.split("/")[0]}`)));
}

/** The service process that serves an endpoint (names as the stacks give them). */
function serviceOf(ep: Endpoint): string {
  return ep.host !== undefined ? `process-supervisor@${ep.host}` : (ep.label.split(".")[0] ?? "");
}

async function send(stack: FuzzStack, ep: Endpoint, p: Payload, timeout: number): Promise<Outcome> {
  try {
    return classify(await stack.bus.nc.request(ep.subject, p.body, { timeout }));
  } catch (err) {
    return { kind: "none", why: `${(err as Error).name}: ${(err as Error).message}`.slice(0, 200) };
  }
}
