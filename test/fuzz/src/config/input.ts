/**
 * Input `i` of a config run: a seed (round robin, so every seed is used) with some of its files
 * mutated, occasionally one left out. Rebuilt from (seed, i) alone.
 */
import { inputRng } from "../rng.js";
import type { Seed } from "./corpus.js";
import { mutateText, type TextKind } from "./mutate.js";

/** One generated input: its files by name and how they were made. */
export interface ConfigInput {
  index: number;
  dialect: "zeekctl" | "yaml";
  seed: string;
  files: Record<string, string>;
  /** `file: op,op` per mutated file, `-file` per dropped file. */
  ops: string[];
}

const ZEEKCTL_FILES: { name: string; key: "zeekctlCfg" | "nodeCfg" | "networksCfg" }[] = [
  { name: "zeekctl.cfg", key: "zeekctlCfg" },
  { name: "node.cfg", key: "nodeCfg" },
  { name: "networks.cfg", key: "networksCfg" },
];

/** Builds input `index` of the run seeded with `runSeed`. */
export function configInput(seeds: readonly Seed[], runSeed: number, index: number): ConfigInput {
  const rng = inputRng(runSeed, "config", index);
  const seed = seeds[index % seeds.length]!;
  const donorOf = (kind: Seed["kind"]) => {
    const others = seeds.filter((s) => s.kind === kind);
    const d = rng.pick(others);
    return d.kind === "yaml" ? d.text : d.nodeCfg + d.zeekctlCfg;
  };
  if (seed.kind === "yaml") {
    const m = mutateText(seed.text, rng, "yaml", donorOf("yaml"));
    return {
      index,
      dialect: "yaml",
      seed: seed.name,
      files: { "cluster.yaml": m.text },
      ops: [`cluster.yaml: ${m.ops}`],
    };
  }
  const files: Record<string, string> = {};
  const ops: string[] = [];
  const mutated = rng.int(ZEEKCTL_FILES.length);
  for (const [i, f] of ZEEKCTL_FILES.entries()) {
    const text = seed[f.key];
    if (f.name !== "node.cfg" && rng.chance(0.03)) {
      ops.push(`-${f.name}`);
      continue;
    }
    if (i === mutated || rng.chance(0.25)) {
      const m = mutateText(text, rng, f.name as TextKind, donorOf("zeekctl"));
      files[f.name] = m.text;
      ops.push(`${f.name}: ${m.ops}`);
    } else files[f.name] = text;
  }
  return { index, dialect: "zeekctl", seed: seed.name, files, ops };
}
