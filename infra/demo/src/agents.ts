/**
 * The host side of the teardown and the final check. The deploy bootstrapped a process
 * supervisor (agent) on every host over SSH, detached; it runs inside the host's namespaces
 * until stopped, so the demo stops it with SIGTERM (zeek processes were stopped before, by
 * `zeekbus stop`). Afterwards nothing of the demo may be left: no lab namespace, no guard
 * route, no agent, zeek, tcpreplay or zeekbus process.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { isAlive, type LabInfo } from "@zeekbus/lab";
import { info } from "./say.js";

const exec = promisify(execFile);

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
  } catch {
    return "";
  }
}

function exe(pid: number): string {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return "";
  }
}

const isAgent = (pid: number) => /zeekbus-supervisor/.test(cmdline(pid));
const isZeek = (pid: number) =>
  /\/zeek-sim( \(deleted\))?$/.test(exe(pid)) || /^\S*\/zeek /.test(cmdline(pid));

/** Processes inside a network namespace (empty if it is gone). */
async function netnsPids(ns: string): Promise<number[]> {
  const r = await exec("ip", ["netns", "pids", ns]).catch(() => ({ stdout: "" }));
  return r.stdout.split(/\s+/).filter(Boolean).map(Number);
}

/** SIGTERM to every agent in the lab's hosts, SIGKILL after 5 s; reports zeek processes still there. */
export async function stopAgents(lab: LabInfo): Promise<void> {
  for (const h of lab.hosts) {
    const pids = await netnsPids(h.netns);
    const agents = pids.filter(isAgent);
    const zeeks = pids.filter(isZeek);
    if (zeeks.length > 0)
      info(`${h.name}: zeek still running (pids ${zeeks.join(" ")}); lab down kills them`);
    if (agents.length === 0) {
      info(`${h.name}: no agent running`);
      continue;
    }
    for (const pid of agents) process.kill(pid, "SIGTERM");
    const deadline = Date.now() + 5000;
    while (agents.some(isAlive) && Date.now() < deadline) await sleep(50);
    const stubborn = agents.filter(isAlive);
    for (const pid of stubborn) process.kill(pid, "SIGKILL");
    info(`${h.name}: agent pid ${agents.join(" ")} stopped${stubborn.length ? " (killed after 5 s)" : ""}`);
  }
}

/** What is left of the demo on this machine: one line per leftover (empty = clean). */
export async function leftovers(knownPids: number[]): Promise<string[]> {
  const found: string[] = [];
  const ns = (await exec("ip", ["netns", "list"])).stdout.split("\n").map((l) => l.split(" ")[0] ?? "");
  for (const n of ns.filter((n) => n.startsWith("zb-"))) found.push(`network namespace ${n}`);
  const route = (await exec("ip", ["route", "show", "10.99.0.0/16"])).stdout.trim();
  if (route) found.push(`route ${route}`);
  const links = (await exec("ip", ["-o", "link", "show"])).stdout;
  for (const m of links.matchAll(/^\d+: (zb-[^:@]+)/gm)) found.push(`link ${m[1]}`);
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid || !isAlive(pid)) continue;
    const cmd = cmdline(pid);
    const ours =
      // pids wrap quickly (pid_max 32768): a known pid counts only if it still runs one of ours
      (knownPids.includes(pid) && /zeek|tcpreplay|nats-server|services\/cli/.test(cmd)) ||
      (isAgent(pid) && cmd.includes("/opt/zeek/")) ||
      (isZeek(pid) && /\/opt\/zeek\/|zeekbus-demo-/.test(`${exe(pid)} ${cmd}`)) ||
      /zeekbus-demo-/.test(cmd);
    if (ours) found.push(`process ${pid}: ${cmd.slice(0, 120)}`);
  }
  return found;
}
