import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { replay } from "../capture/replay.js";
import { labDown } from "../down.js";
import { LabOptionError } from "../errors.js";
import { labHealth } from "../health.js";
import { hostCommand } from "../host/command.js";
import { hasGuardRoute } from "../net/guard.js";
import { defaultLabDir } from "../paths.js";
import { writeSyntheticPcap } from "../pcap/writer.js";
import { readLab } from "../state.js";
import { labUp } from "../up.js";
import { checkKnown, num, type ParsedArgs, requireStr, str } from "./args.js";

const labDir = (a: ParsedArgs): string => resolve(str(a, "dir") ?? defaultLabDir());

export async function cmdUp(a: ParsedArgs): Promise<number> {
  checkKnown(a, ["hosts", "capture-queues", "capture-ifaces", "dir"]);
  const started = Date.now();
  const lab = await labUp({
    hosts: num(a, "hosts") ?? Number.NaN,
    captureQueues: num(a, "capture-queues"),
    captureIfaces: num(a, "capture-ifaces"),
    dir: labDir(a),
  });
  console.log(`lab up in ${lab.dir}: ${lab.hosts.length} hosts (${Date.now() - started} ms)`);
  for (const h of lab.hosts) {
    console.log(`  ${h.name}  ${h.ip}  netns ${h.netns}  capture ${h.capture.map((c) => c.iface).join(",")}`);
  }
  return 0;
}

export async function cmdDown(a: ParsedArgs): Promise<number> {
  checkKnown(a, ["dir"]);
  await labDown(labDir(a));
  console.log("lab down");
  return 0;
}

export async function cmdStatus(a: ParsedArgs): Promise<number> {
  checkKnown(a, ["dir", "json"]);
  const lab = readLab(labDir(a));
  const health = await labHealth(lab);
  const guard = await hasGuardRoute();
  if (a.flags.has("json")) {
    console.log(JSON.stringify({ lab, health, guardRoute: guard }, null, 2));
  } else {
    console.log(`lab in ${lab.dir}, up since ${lab.createdAt}, guard route ${guard ? "present" : "MISSING"}`);
    for (const h of lab.hosts) {
      const hh = health.find((x) => x.name === h.name);
      console.log(`  ${h.name}  ${h.ip}  ${hh?.ok ? "ok" : `DOWN: ${hh?.problems.join("; ")}`}`);
    }
  }
  return guard && health.every((h) => h.ok) ? 0 : 1;
}

export async function cmdReplay(a: ParsedArgs): Promise<number> {
  checkKnown(a, ["dir", "host", "iface", "trace", "pps", "topspeed", "loop"]);
  if (a.flags.has("pps") && a.flags.has("topspeed"))
    throw new LabOptionError("use either --pps or --topspeed");
  const r = await replay(readLab(labDir(a)), {
    host: requireStr(a, "host"),
    iface: str(a, "iface"),
    trace: requireStr(a, "trace"),
    pps: num(a, "pps"),
    loop: num(a, "loop"),
  });
  console.log(
    `${r.packets} packets into ${r.host}:${r.iface} in ${r.seconds} s (${r.pps} pps, ${r.failed} failed)`,
  );
  return r.failed === 0 ? 0 : 1;
}

export function cmdExec(a: ParsedArgs): Promise<number> {
  checkKnown(a, ["dir"]);
  const host = a.positional[0];
  if (host === undefined || a.rest.length === 0)
    throw new LabOptionError("usage: zeekbus-lab exec hN -- argv...");
  const [cmd, ...args] = hostCommand(readLab(labDir(a)), host, a.rest);
  return new Promise((done, fail) => {
    const child = spawn(cmd as string, args, { stdio: "inherit" });
    child.on("error", fail);
    child.on("close", (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

export async function cmdGenPcap(a: ParsedArgs): Promise<number> {
  checkKnown(a, ["out", "flows", "packets", "udp-share", "fragments", "seed", "max-payload"]);
  const s = writeSyntheticPcap({
    out: requireStr(a, "out"),
    flows: num(a, "flows") ?? Number.NaN,
    packets: num(a, "packets") ?? Number.NaN,
    udpShare: num(a, "udp-share"),
    fragments: num(a, "fragments"),
    seed: num(a, "seed"),
    maxPayload: num(a, "max-payload"),
  });
  console.log(`${s.file}: ${s.packets} packets, ${s.flows} flows, ${s.bytes} bytes`);
  return 0;
}
