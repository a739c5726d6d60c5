#!/usr/bin/env node
import { parseArgs } from "./cli/args.js";
import { cmdDown, cmdExec, cmdGenPcap, cmdReplay, cmdStatus, cmdUp } from "./cli/commands.js";
import { LabError } from "./errors.js";

const USAGE = `usage: zeekbus-lab <command> [options]   (default --dir: <repo>/.lab)
  up --hosts N [--capture-queues Q] [--capture-ifaces K] [--dir DIR]
  down [--dir DIR]
  status [--json] [--dir DIR]
  replay --host hN [--iface mon0] --trace FILE [--pps R | --topspeed] [--loop K] [--dir DIR]
  exec hN [--dir DIR] -- argv...
  gen-pcap --out FILE --flows N --packets M [--udp-share F] [--fragments K] [--seed S] [--max-payload B]`;

const commands = {
  up: cmdUp,
  down: cmdDown,
  status: cmdStatus,
  replay: cmdReplay,
  exec: cmdExec,
  "gen-pcap": cmdGenPcap,
} as const;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name as keyof typeof commands];
  if (!command) {
    console.error(`zeekbus-lab: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  return command(parseArgs(rest, ["topspeed", "json"]));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`zeekbus-lab: ${err instanceof LabError ? `${err.name}: ${err.message}` : String(err)}`);
    process.exitCode = 1;
  },
);
