/**
 * The bounds of every value on the wire. Each comes from a limit of the system the value ends up
 * in (Linux, DNS, NATS, Node) or, where none exists, from a documented ceiling far above any real
 * cluster. A value past its bound is a ValidationError at the edge: it never reaches a handler,
 * a timer, an allocation proportional to it, or a zeek process.
 *
 * | bound | value | why |
 * |---|---|---|
 * | {@link MAX_NODE_NAME} | 100 | a node name (lb_procs suffix included) is a directory name, a `CLUSTER_NODE` value and, encoded, a subject token; real names are far shorter |
 * | {@link MAX_HOST_NAME} | 253 | the longest DNS name (RFC 1035) |
 * | {@link MAX_INTERFACE_NAME} | 15 | a kernel interface name: IFNAMSIZ (16) less the NUL |
 * | {@link MAX_CLUSTER_NAME} | 64 | a cluster name is a subject token and part of every KV key |
 * | {@link MAX_PATH} | 4095 | PATH_MAX (4096) less the NUL |
 * | {@link MAX_FILE_NAME} | 255 | NAME_MAX, also for a relative path inside a policy directory |
 * | {@link MAX_ARG} | 131071 | MAX_ARG_STRLEN (32 pages) less the NUL: the longest argv or environment string `execve` takes |
 * | {@link MAX_SHORT_TEXT} | 64 | versions, outcome and signal names, ISO times, keys |
 * | {@link MAX_TEXT} | 65536 | messages, reasons and errors meant for a person |
 * | {@link MAX_PAYLOAD_BYTES} | 1 MiB | nats-server's default `max_payload`: file contents and tool output must fit in one message |
 * | {@link MAX_PID} | 4194304 | PID_MAX_LIMIT of 64-bit Linux |
 * | {@link MAX_CPUS} | 8192 | the largest NR_CPUS Linux builds with (CONFIG_MAXSMP) |
 * | {@link MAX_PORT} | 65535 | TCP/UDP port range |
 * | {@link MAX_STOP_TIMEOUT_MS} | 1 h | zeekctl's StopTimeout is 60 s; an hour is the longest a stop may wait before SIGKILL |
 * | {@link MAX_UPTIME_S} | 100 years | the longest uptime a heartbeat can report |
 * | {@link MAX_TIMER_MS} | 2³¹−1 | Node runs a longer `setTimeout` after 1 ms, so no delay may exceed it |
 *
 * Every list and map has a bound too (JSON Schema `maxItems` / `maxProperties`):
 *
 * | bound | value | what it bounds |
 * |---|---|---|
 * | {@link MAX_CLUSTER_NODES} | 10,000 | node lists, specs, statuses, per-node outcomes, plan steps, fanout members: a cluster has at most this many nodes (an af_packet fanout group holds 256 workers; ten thousand nodes is far beyond any real cluster) |
 * | {@link MAX_CLUSTER_HOSTS} | 1,000 | host lists, per-host outcomes, per-host maps |
 * | {@link MAX_ARGV} | 1,000 | argv entries of a node (zeekctl builds a few dozen) |
 * | {@link MAX_ENV} | 1,000 | environment keys of a node |
 * | {@link MAX_FILES} | 10,000 | files of a configuration, a policy directory or a render, changed files of a plan, directories an install swapped |
 * | {@link MAX_INTERFACES} | 10,000 | network interfaces of a host (VLANs included) |
 * | {@link MAX_PROBLEMS} | 10,000 | configuration problems in one answer |
 *
 * An error reply is bounded as well, so it always fits in one message:
 * {@link MAX_ERROR_DETAILS} details of at most {@link MAX_ERROR_DETAIL} characters each and
 * {@link MAX_ERROR_DETAILS_TOTAL} in all (then one `… and K more`), and a message of at most
 * {@link MAX_ERROR_MESSAGE} characters.
 */
import { z } from "zod";

/** Longest node name (`worker-1-12` …), lb_procs suffix included. */
export const MAX_NODE_NAME = 100;
/** Longest host name: a DNS name (RFC 1035: 253 characters). */
export const MAX_HOST_NAME = 253;
/** Longest kernel interface name: IFNAMSIZ (16) less the terminating NUL. */
export const MAX_INTERFACE_NAME = 15;
/** Longest cluster name (a subject token in every subject and KV key). */
export const MAX_CLUSTER_NAME = 64;
/** Longest absolute path: PATH_MAX (4096) less the NUL. */
export const MAX_PATH = 4095;
/** Longest file name (NAME_MAX); also the bound of a relative path inside a policy directory. */
export const MAX_FILE_NAME = 255;
/** Longest argv or environment string `execve` accepts: MAX_ARG_STRLEN (131072) less the NUL. */
export const MAX_ARG = 131_071;
/** Longest short token: a version, an outcome or signal name, an ISO time, a key. */
export const MAX_SHORT_TEXT = 64;
/** Longest message, reason or error text meant for a person. */
export const MAX_TEXT = 65_536;
/** Longest file content or tool output, and the largest request an endpoint reads: 1 MiB. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** Deepest JSON nesting an endpoint reads; zeekbus messages nest fewer than 10 levels. */
export const MAX_JSON_DEPTH = 32;
/** Largest process id: PID_MAX_LIMIT of 64-bit Linux (4 × 1024 × 1024). */
export const MAX_PID = 4_194_304;
/** Most CPUs a Linux host can have: the largest NR_CPUS (CONFIG_MAXSMP); CPU ids are below it. */
export const MAX_CPUS = 8192;
/** Highest TCP/UDP port. */
export const MAX_PORT = 65_535;
/** Longest stop timeout an agent accepts (one hour; zeekctl's StopTimeout default is 60 s). */
export const MAX_STOP_TIMEOUT_MS = 3_600_000;
/** Longest uptime a heartbeat reports, in seconds (100 years). */
export const MAX_UPTIME_S = 100 * 365 * 24 * 3600;
/** Longest delay Node's `setTimeout` honours; a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Most nodes in one cluster: the bound of every node list, spec list and per-node outcome list. */
export const MAX_CLUSTER_NODES = 10_000;
/** Most hosts in one cluster: the bound of every host list, per-host outcome list and per-host map. */
export const MAX_CLUSTER_HOSTS = 1_000;
/** Most argv entries of a node after the binary. */
export const MAX_ARGV = 1_000;
/** Most environment keys added to a node's process. */
export const MAX_ENV = 1_000;
/** Most files in a configuration, a policy directory, a render or a plan's list of changed files. */
export const MAX_FILES = 10_000;
/** Most network interfaces a host reports. */
export const MAX_INTERFACES = 10_000;
/** Most configuration problems in one answer. */
export const MAX_PROBLEMS = 10_000;
/** Most details an error reply lists before `… and K more`. */
export const MAX_ERROR_DETAILS = 20;
/** Longest detail line of an error reply (longer ones are cut and end with `…`). */
export const MAX_ERROR_DETAIL = 500;
/** Most characters of all details of an error reply together. */
export const MAX_ERROR_DETAILS_TOTAL = 8_000;
/** Longest message of an error reply (body and `Nats-Service-Error` header). */
export const MAX_ERROR_MESSAGE = 1_000;

/** A short token: versions, outcome and signal names, ISO times, keys. */
export const ShortText = z.string().max(MAX_SHORT_TEXT);
/** Text for a person: messages, reasons, errors. */
export const Text = z.string().max(MAX_TEXT);
/** A file's content or a tool's output (must fit in one message). */
export const Content = z.string().max(MAX_PAYLOAD_BYTES);
/** One argv or environment string. */
export const Arg = z.string().max(MAX_ARG);
/** An absolute path on a host. */
export const AbsolutePath = z.string().max(MAX_PATH).startsWith("/");
/**
 * A path inside a directory: plain names (letters, digits, `.`, `_`, `-`, not starting with `.`)
 * joined by `/`. It can never be absolute or climb out (`..`), so `join(dir, path)` stays in `dir`.
 */
export const RelativePath = z
  .string()
  .min(1)
  .max(MAX_FILE_NAME)
  .regex(
    /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/,
    "must be a relative path of plain names (no leading /, no . or .., no name starting with .)",
  );
/** An ISO-8601 time with offset. */
export const IsoTime = z.iso.datetime({ offset: true }).max(MAX_SHORT_TEXT);

/** A count or a revision: a non-negative safe integer. */
export const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** A Linux process id. */
export const Pid = z.number().int().min(1).max(MAX_PID);
/** A CPU id (`taskset -c`). */
export const CpuId = z
  .number()
  .int()
  .min(0)
  .max(MAX_CPUS - 1);
/** A TCP/UDP port. */
export const Port = z.number().int().min(1).max(MAX_PORT);
/** A process exit code (0–255). */
export const ExitCode = z.number().int().min(0).max(255);
/** Milliseconds since the epoch, within JavaScript's Date range. */
export const EpochMs = z.number().int().min(0).max(8.64e15);
/** A 1-based line number of a file. */
export const LineNumber = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/**
 * A map of at most `max` keys. `z.record` has no size check of its own, so the bound is a
 * refinement (checked after the entries) and is shown in JSON Schema as `maxProperties`.
 */
export function boundedRecord<K extends z.core.$ZodRecordKey, V extends z.ZodType>(
  key: K,
  value: V,
  max: number,
) {
  return z
    .record(key, value)
    .refine((map) => Object.keys(map).length <= max, { message: `must have at most ${max} keys` })
    .meta({ maxProperties: max });
}
