/**
 * From a ConfigSource to a topology: parse, resolve hosts, build. Also rebuilds the topology of a
 * stored revision from what it kept (source, hash seed, addresses, fanout ids, CURVE keys, rendering
 * context), which needs no lookups and gives the same nodes and files as when it was applied.
 */
import { hasErrors, type Problem, processOptionContext } from "@zeekbus/config";
import {
  type ConfigSource,
  type DesiredState,
  InternalError,
  type RenderContext,
  type Problem as WireProblem,
} from "@zeekbus/contracts";
import { buildTopology, type FanoutAssignment, type Topology } from "@zeekbus/topology-model";
import { type CurveKeys, newCurveKeys, newHashSeed } from "../state/secrets.js";
import { type Lookup, resolveHosts } from "./resolve.js";
import { parseSource } from "./source.js";

/** Inputs kept in state that a new topology inherits, and the context it is rendered in. */
export interface KeptInputs {
  hashSeed: string;
  curveKeys: CurveKeys;
  previousFanout?: FanoutAssignment[];
  /** Zeek version per host to render for (a host not listed: the default version). */
  zeekVersions?: Record<string, string>;
  /** `$USER` and host name of the renderer (zeekctl's MailTo / MailFrom defaults). */
  renderContext: RenderContext;
}

/** What a build gives: the topology when there is no error, and every problem. */
export interface BuildResult {
  topology?: Topology;
  problems: Problem[];
}

/**
 * The inputs a new revision inherits from `current` (fresh seed and keys when there is none); it
 * is rendered in `renderContext` (default: this process's `$USER` and host name).
 */
export function keptInputs(
  current: DesiredState | undefined,
  renderContext: RenderContext = processOptionContext(),
): KeptInputs {
  return {
    hashSeed: current?.hashSeed ?? newHashSeed(),
    curveKeys: current?.curveKeys ?? newCurveKeys(),
    renderContext,
    ...(current?.fanout ? { previousFanout: current.fanout } : {}),
    ...(current?.zeekVersions ? { zeekVersions: current.zeekVersions } : {}),
  };
}

/** Parses and validates a source, resolving its hosts with `lookup`. Never throws for bad input. */
export async function buildFromSource(
  source: ConfigSource,
  kept: KeptInputs,
  lookup: Lookup,
): Promise<BuildResult> {
  const parsed = parseSource(source, kept.renderContext);
  if (!parsed.config) return { problems: parsed.problems };
  const resolved = await resolveHosts(parsed.config, lookup);
  const built = buildTopology(parsed.config, { ...kept, addresses: resolved.addresses });
  const reported = resolved.problems.map((p) => p.message.split(" in node config")[0] ?? "");
  const modelProblems = built.problems.filter((p) => !reported.some((r) => p.message.startsWith(r)));
  const problems = [...parsed.problems, ...resolved.problems, ...modelProblems];
  if (hasErrors(problems)) return { problems };
  return { topology: built.topology, problems };
}

/**
 * Rebuilds the topology of a stored revision in the context it was rendered in (one stored without
 * it: this process's); a stored revision that no longer builds is Internal.
 */
export function topologyOfState(state: DesiredState): Topology {
  const parsed = parseSource(state.source, state.renderContext);
  const built = parsed.config
    ? buildTopology(parsed.config, {
        hashSeed: state.hashSeed,
        addresses: state.addresses ?? {},
        ...(state.fanout ? { previousFanout: state.fanout } : {}),
        ...(state.curveKeys ? { curveKeys: state.curveKeys } : {}),
        ...(state.zeekVersions ? { zeekVersions: state.zeekVersions } : {}),
      })
    : { problems: parsed.problems };
  if (!built.topology) {
    const details = built.problems.filter((p) => p.level === "error").map(formatWire);
    throw new InternalError(`stored revision ${state.revision} no longer builds`, details);
  }
  return built.topology;
}

/** The state to store for a built topology. */
export function stateOf(source: ConfigSource, topology: Topology, kept: KeptInputs): DesiredState {
  const addresses: Record<string, string> = {};
  for (const n of topology.nodes) addresses[n.host] = n.addr;
  return {
    revision: 0,
    source,
    nodes: topology.specs,
    hashSeed: kept.hashSeed,
    addresses,
    fanout: topology.fanout.map((g) => ({ host: g.host, interface: g.interface, id: g.id })),
    curveKeys: kept.curveKeys,
    zeekVersions: Object.fromEntries(
      topology.specs.flatMap((s) => (s.zeekVersion ? [[s.host, s.zeekVersion]] : [])),
    ),
    renderContext: kept.renderContext,
  };
}

/** A problem as it travels on the bus (no line when it concerns the whole file). */
export function toWireProblem(p: Problem): WireProblem {
  return p.line > 0
    ? { level: p.level, file: p.file, line: p.line, message: p.message }
    : { level: p.level, file: p.file, message: p.message };
}

/** `file:line: message` (`file: message` without a line). */
export function formatWire(p: { file: string; line?: number; message: string }): string {
  return p.line ? `${p.file}:${p.line}: ${p.message}` : `${p.file}: ${p.message}`;
}
