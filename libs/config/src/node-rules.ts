/**
 * Per-node rules of zeekctl (`config.py:_check_node`) with its exact messages, plus zeekbus's
 * name-safety rule. Each rule reports with the line of the offending key (or the section).
 */
import { NodeType, unsafeNameReason } from "@zeekbus/contracts";
import type { IniSection } from "./ini.js";
import {
  envVarsLimit,
  hostNameLimit,
  interfaceLimit,
  lbProcsLimit,
  nodeNameLimit,
  pinCpusLimit,
  valueLimit,
} from "./limit-rules.js";
import { LB_METHODS, type LbMethod, type NodeDecl } from "./model.js";
import { KNOWN_NODE_KEYS } from "./node-keys.js";
import { error, type Problem, warning } from "./problem.js";
import { envNameHazard, interfaceHazard, shellValueHazard } from "./shell-safety.js";

const INT = /^\s*[+-]?\d+\s*$/;

/** Parses `K=V,K2=V2` as zeekctl does (items and keys trimmed, value split at the first `=`). */
export function parseEnvVars(text: string): {
  vars: Record<string, string>;
  bad?: { item: string; why: string };
} {
  const vars: Record<string, string> = {};
  for (const raw of text.split(",")) {
    const item = raw.trim();
    if (item === "") continue;
    const eq = item.indexOf("=");
    if (eq < 0) return { vars, bad: { item, why: "missing '=' in env_vars option value" } };
    const key = item.slice(0, eq).trim();
    if (key === "") {
      return {
        vars,
        bad: { item, why: "env_vars option value must contain at least one environment variable name" },
      };
    }
    vars[key] = item.slice(eq + 1).trim();
  }
  return { vars };
}

function checkLb(name: string, type: string, get: (k: string) => string | undefined) {
  const problems: Array<[string, string]> = [];
  const procs = get("lb_procs");
  const method = get("lb_method");
  const ifaces = get("lb_interfaces");
  if (type !== "worker") {
    if (procs !== undefined || method !== undefined || ifaces !== undefined) {
      const key = procs !== undefined ? "lb_procs" : method !== undefined ? "lb_method" : "lb_interfaces";
      problems.push([
        key,
        `node '${name}' config: load balancing node config options are only for worker nodes`,
      ]);
    }
    return { problems };
  }
  let lbProcs: number | undefined;
  if (procs !== undefined) {
    if (!INT.test(procs)) {
      problems.push(["lb_procs", `number of load-balanced processes must be an integer for node '${name}'`]);
    } else if (Number.parseInt(procs, 10) < 1) {
      problems.push([
        "lb_procs",
        `number of load-balanced processes must be greater than zero for node '${name}'`,
      ]);
    } else {
      const n = Number.parseInt(procs, 10);
      const over = lbProcsLimit(name, n, method, get("interface"));
      if (over) problems.push(["lb_procs", over]);
      else lbProcs = n;
    }
  } else if (method !== undefined) {
    problems.push(["lb_method", `number of load-balanced processes not specified for node '${name}'`]);
  }
  let lbMethod: LbMethod | undefined;
  if (procs !== undefined && method === undefined) {
    problems.push(["lb_procs", `no load balancing method given for node '${name}'`]);
  } else if (method !== undefined) {
    if ((LB_METHODS as readonly string[]).includes(method)) lbMethod = method as LbMethod;
    else problems.push(["lb_method", `unknown load balancing method '${method}' given for node '${name}'`]);
  }
  if (lbMethod === "interfaces" && procs !== undefined) {
    if (ifaces === undefined) {
      problems.push(["lb_method", `list of load-balanced interfaces not specified for node '${name}'`]);
    } else if (lbProcs !== undefined && ifaces.split(",").length !== lbProcs) {
      problems.push([
        "lb_interfaces",
        `number of load-balanced interfaces is not same as number of load-balanced processes for node '${name}'`,
      ]);
    }
  }
  return { problems, lbProcs, lbMethod };
}

/** Validates one section and builds its declaration (undefined when it has errors). */
export function checkNode(section: IniSection, file: string): { node?: NodeDecl; problems: Problem[] } {
  const { name } = section;
  const problems: Problem[] = [];
  const lineOf = (key: string) => section.entries.get(key)?.line ?? section.line;
  const fail = (key: string, message: string) => problems.push(error(file, lineOf(key), message));
  const get = (key: string) => {
    const v = section.entries.get(key)?.value.trim();
    return v === undefined || v === "" ? undefined : v;
  };
  for (const [key, entry] of section.entries) {
    const tooLong = valueLimit(entry.value);
    if (tooLong) problems.push(error(file, entry.line, `value of '${key}' of node '${name}' ${tooLong}`));
    if (!KNOWN_NODE_KEYS.has(key)) {
      problems.push(
        warning(
          file,
          entry.line,
          `ignoring unrecognized node config option '${key}' given for node '${name}'`,
        ),
      );
    }
  }
  const nameProblem = unsafeNameReason(name);
  if (nameProblem) fail("", `node name '${name}' ${nameProblem}`);
  const type = get("type");
  const parsedType = type === undefined ? undefined : NodeType.safeParse(type.toLowerCase());
  if (type === undefined) fail("", `no type given for node ${name}`);
  else if (!parsedType?.success) fail("type", `unknown node type '${type}' given for node '${name}'`);
  const host = get("host");
  if (host === undefined) fail("", `no host given for node '${name}'`);
  else {
    const hostProblem = unsafeNameReason(host) ?? hostNameLimit(host);
    if (hostProblem) fail("host", `host '${host}' of node '${name}' ${hostProblem}`);
  }
  const env = parseEnvVars(get("env_vars") ?? "");
  if (env.bad) fail("env_vars", `node '${name}' config: ${env.bad.why}: ${env.bad.item}`);
  const tooMany = envVarsLimit(Object.keys(env.vars).length);
  if (tooMany) fail("env_vars", `env_vars of node '${name}' ${tooMany}`);
  for (const [key, value] of Object.entries(env.vars)) {
    const badName = envNameHazard(key);
    const why = badName ? `name '${key}' ${badName}` : shellValueHazard(value);
    if (why) fail("env_vars", `env_vars of node '${name}': ${badName ? why : `${key}=${value} ${why}`}`);
  }
  for (const key of ["interface", "lb_interfaces"]) {
    for (const item of (get(key) ?? "")
      .split(",")
      .map((i) => i.trim())
      .filter(Boolean)) {
      const why = interfaceHazard(item) ?? interfaceLimit(item);
      if (why) fail(key, `${key} '${item}' of node '${name}' ${why}`);
    }
  }
  const lb = checkLb(name, parsedType?.data ?? type ?? "", get);
  for (const [key, message] of lb.problems) fail(key, message);
  const longName = nodeNameLimit(name, lb.lbProcs);
  if (longName) fail("", longName);
  const pin = get("pin_cpus");
  const cpus = pin === undefined ? [] : pin.split(",").map((c) => c.trim());
  if (cpus.some((c) => !/^\d+$/.test(c))) {
    fail("pin_cpus", `pin cpus list must contain only non-negative integers for node '${name}'`);
  } else {
    const beyond = pinCpusLimit(name, cpus.map(Number));
    if (beyond) fail("pin_cpus", beyond);
  }
  if (problems.some((p) => p.level === "error") || !parsedType?.success || host === undefined)
    return { problems };
  const extra: Record<string, string> = {};
  const keyLines: Record<string, number> = {};
  for (const [key, entry] of section.entries) {
    keyLines[key] = entry.line;
    const v = get(key);
    if (v !== undefined && ["zone_id", "zeekbase", "ether"].includes(key)) extra[key] = v;
    else if (
      v !== undefined &&
      KNOWN_NODE_KEYS.has(key) &&
      (key.startsWith("af_packet_") || key.startsWith("test_"))
    ) {
      extra[key] = v;
    }
  }
  const node: NodeDecl = {
    name,
    type: parsedType.data,
    host,
    pinCpus: cpus.map(Number),
    envVars: env.vars,
    extra,
    source: { file, line: section.line },
    keyLines,
  };
  const iface = get("interface");
  if (iface !== undefined) node.interface = iface;
  if (lb.lbProcs !== undefined) node.lbProcs = lb.lbProcs;
  if (lb.lbMethod !== undefined) node.lbMethod = lb.lbMethod;
  const lbIfaces = get("lb_interfaces");
  if (lbIfaces !== undefined) node.lbInterfaces = lbIfaces;
  const aux = get("aux_scripts");
  if (aux !== undefined) node.auxScripts = aux;
  return { node, problems };
}
