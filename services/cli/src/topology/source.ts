/** Reading a config from the command line: a zeekctl etc/ directory (or one of its files), or a YAML/JSON spec. */
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { type ConfigSource, ValidationError } from "@zeekbus/contracts";
import { ZEEKCTL_FILES } from "@zeekbus/topology";

/** A source read from disk and how to show its file names as the operator gave them. */
export interface LocalSource {
  source: ConfigSource;
  /** File name inside the source → path to print. */
  display(file: string): string;
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

async function readZeekctlDir(dir: string): Promise<LocalSource> {
  const files: Record<string, string> = {};
  for (const name of ZEEKCTL_FILES) {
    const text = await readOptional(join(dir, name));
    if (text !== undefined) files[name] = text;
  }
  return { source: { format: "zeekctl", files }, display: (file) => join(dir, file) };
}

/** Reads `path`: a directory or a zeekctl file name → zeekctl's etc/ files; any other file → a YAML/JSON spec. */
export async function readLocalSource(path: string): Promise<LocalSource> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new ValidationError(`cannot read config: ${path}`, [`${path}: no such file or directory`]);
  if (info.isDirectory()) return readZeekctlDir(path);
  const name = basename(path);
  if ((ZEEKCTL_FILES as readonly string[]).includes(name)) return readZeekctlDir(dirname(path));
  const text = await readFile(path, "utf8");
  return {
    source: { format: "yaml", files: { [name]: text } },
    display: (file) => (file === name ? path : file),
  };
}
