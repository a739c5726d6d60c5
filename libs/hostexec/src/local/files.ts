/** Atomic file writes and directory swaps on the local file system. */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { planSwap } from "../swap-plan.js";
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

/** Builds the complete new directory beside `target`, renames it into place, then removes the old one. */
export async function swapDirLocal(
  target: string,
  files: DirFiles,
  modes: Record<string, number>,
): Promise<void> {
  const plan = planSwap(target, files);
  try {
    await mkdir(plan.staging, { mode: 0o755 });
    await chmod(plan.staging, 0o755);
    for (const dir of plan.dirs) await mkdir(join(plan.staging, dir), { mode: 0o755 });
    for (const rel of plan.files) {
      await writeSynced(join(plan.staging, rel), files[rel] as string | Buffer, modes[rel] ?? 0o644);
    }
  } catch (err) {
    await rm(plan.staging, { recursive: true, force: true });
    throw err;
  }
  let movedOld = false;
  try {
    await rename(plan.target, plan.old);
    movedOld = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") {
      await rm(plan.staging, { recursive: true, force: true });
      throw err;
    }
  }
  try {
    await rename(plan.staging, plan.target);
  } catch (err) {
    if (movedOld) await rename(plan.old, plan.target);
    await rm(plan.staging, { recursive: true, force: true });
    throw err;
  }
  if (movedOld) await rm(plan.old, { recursive: true, force: true });
}
