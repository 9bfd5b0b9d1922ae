import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Applications } from '../domain/application.js';
import type { Campaign } from '../campaign/campaign.js';
import { FileLinks, LINK_TTL, type FileRef } from './links.js';
import { XLSX_CONTENT_TYPE } from '../export/workbook.js';

/** A file ready to be served: where it is on disk and what to call it. */
export interface OpenFile {
  path: string;
  name: string;
  contentType: string;
}

/**
 * The files the bot hands out through signed links: materials where they are
 * stored, compiled workbooks and the local chat page's uploads in two
 * folders beside them (dot-named, so no district id can collide).
 */
export class Files {
  readonly exportsDir: string;
  readonly uploadsDir: string;

  constructor(
    readonly links: FileLinks,
    private readonly materialsDir: string,
    private readonly deps: { applications: Applications; campaign: Campaign },
  ) {
    this.exportsDir = join(materialsDir, '.exports');
    this.uploadsDir = join(materialsDir, '.uploads');
  }

  /** Writes a compiled workbook and returns its link; workbooks older than their link are removed. */
  async saveExport(bytes: Buffer, name: string): Promise<string> {
    await mkdir(this.exportsDir, { recursive: true, mode: 0o700 });
    await sweep(this.exportsDir, LINK_TTL.export);
    const id = randomUUID();
    await writeFile(join(this.exportsDir, id), bytes, { mode: 0o600 });
    return this.links.url({ kind: 'export', id, name });
  }

  /** A fresh staging path for an upload, with stale uploads removed first. */
  async newUpload(): Promise<{ id: string; path: string }> {
    await mkdir(this.uploadsDir, { recursive: true, mode: 0o700 });
    await sweep(this.uploadsDir, LINK_TTL.upload);
    const id = randomUUID();
    return { id, path: join(this.uploadsDir, id) };
  }

  /** Where a verified reference's bytes are, or undefined when the file is gone (removed, swept). */
  async open(ref: FileRef): Promise<OpenFile | undefined> {
    if (ref.kind === 'material') {
      if (!this.deps.campaign.district(ref.districtId)) return undefined;
      const m = (await this.deps.applications.get(ref.districtId)).record.materials.find((x) => x.id === ref.fileId);
      if (!m) return undefined;
      const root = resolve(this.materialsDir);
      const path = resolve(root, m.file);
      return path.startsWith(root + sep) && (await exists(path)) ? { path, name: m.name, contentType: m.contentType } : undefined;
    }
    const path = join(ref.kind === 'export' ? this.exportsDir : this.uploadsDir, ref.id);
    if (!(await exists(path))) return undefined;
    return ref.kind === 'export'
      ? { path, name: ref.name, contentType: XLSX_CONTENT_TYPE }
      : { path, name: ref.name, contentType: ref.contentType };
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Removes files whose link has expired (by file age; housekeeping only, links carry their own expiry). */
async function sweep(dir: string, ttlSeconds: number): Promise<void> {
  const cutoff = Date.now() - ttlSeconds * 1000;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const p = join(dir, name);
    const st = await stat(p).catch(() => undefined);
    if (st && st.mtimeMs < cutoff) await rm(p, { force: true });
  }
}
