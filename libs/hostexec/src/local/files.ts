/** Atomic file writes and directory swaps on the local file system. */
import { randomBytes } from "node:crypto";
import { chmod, lstat, mkdir, open, readlink, rename, rm, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { isOwnVersion, planSwap, type SwapPlan } from "../swap-plan.js";
import type { DirFiles } from "../types.js";

async function writeSynced(path: string, data: string | Buffer, mode: number): Promise<void> {
  const handle = await open(path, "wx", mode);
  try {
    await handle.writeFile(data);
    await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `data` to a temporary sibling of `path`, syncs it, then renames it over `path`. */
export async function writeFileAtomic(path: string, data: string | Buffer, mode: number): Promise<void> {
  const tmp = join(dirname(path), `.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeSynced(tmp, data, mode);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

async function writeVersion(plan: SwapPlan, files: DirFiles, modes: Record<string, number>): Promise<void> {
  await mkdir(plan.version, { mode: 0o755 });
  await chmod(plan.version, 0o755);
  for (const dir of plan.dirs) await mkdir(join(plan.version, dir), { mode: 0o755 });
  for (const rel of plan.files) {
    await writeSynced(join(plan.version, rel), files[rel] as string | Buffer, modes[rel] ?? 0o644);
  }
}

async function previous(target: string): Promise<{ kind: "none" | "dir" | "link"; link?: string }> {
  try {
    const st = await lstat(target);
    if (st.isSymbolicLink()) return { kind: "link", link: await readlink(target) };
    return { kind: "dir" };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { kind: "none" };
    throw err;
  }
}

/** See {@link SwapPlan}: writes the new version, renames a symlink to it over `target`, removes the old one. */
export async function swapDirLocal(
  target: string,
  files: DirFiles,
  modes: Record<string, number>,
): Promise<void> {
  const plan = planSwap(target, files);
  try {
    await writeVersion(plan, files, modes);
    await symlink(plan.versionName, plan.link);
    const prev = await previous(target);
    if (prev.kind === "dir") await rename(target, plan.aside);
    try {
      await rename(plan.link, target);
    } catch (err) {
      if (prev.kind === "dir") await rename(plan.aside, target);
      throw err;
    }
    await rm(plan.aside, { recursive: true, force: true });
    if (prev.link !== undefined && isOwnVersion(plan, prev.link)) {
      await rm(join(dirname(target), prev.link), { recursive: true, force: true });
    }
  } catch (err) {
    await rm(plan.link, { force: true });
    await rm(plan.version, { recursive: true, force: true });
    throw err;
  }
}
