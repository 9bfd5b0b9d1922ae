import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CardAction } from '../../bot/card-actions.js';
import { commandLabel } from '../../bot/commands.js';
import type { Turn } from '../../bot/turn.js';
import { can } from '../../domain/access.js';
import type { Loaded } from '../../domain/application.js';
import { extensionOf, type IncomingFile } from '../../domain/materials.js';
import { fetchAttachment } from '../../util/attachment-fetch.js';
import { IndicatorImports, type PendingImport } from '../../indicator-workbook/imports.js';
import {
  applyPlan,
  planFingerprint,
  planImport,
  refusalOf,
  type Plan,
  type Refusal,
  type Uploader,
} from '../../indicator-workbook/plan.js';
import { READ_LIMITS, readIndicatorWorkbook, type ReadOutcome } from '../../indicator-workbook/read.js';
import { bureauName, orderedIndicators, templateBuffer } from '../../indicator-workbook/template.js';
import { LINK_TTL } from '../../files/links.js';
import { shanghaiDate, shanghaiDateTime } from '../../util/time.js';
import { editRefusal, editableDistrict } from '../district/edit-card.js';
import { showNextStep } from '../district/next-step.js';
import { IMPORT_ACTION, importCard } from './card.js';

/**
 * Indicators through Excel: `指标 模板` sends the pre-filled workbook; the
 * filled workbook sent back is read, checked and answered with one card;
 * only its confirm saves, in one audited write per district (via "xlsx",
 * with the file's sha256). Contacts import their district, the statistics
 * bureau its indicators for every district.
 */
const VIA = 'xlsx';
/** Our templates are a few kilobytes; larger .xlsx files are materials and are not read twice in full. */
const MAX_WORKBOOK_BYTES = 4 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;

export const TEMPLATE_ARGS = new Set(['模板', 'template', 'excel', 'xlsx']);
export const isTemplateArg = (args: string) => TEMPLATE_ARGS.has(args.trim().toLowerCase());

const apps = (turn: Turn) => turn.s.applications;
const imports = (turn: Turn) => new IndicatorImports(turn.s.store);

/** Who is importing (the permission table decides), or undefined for those who fill no indicators. */
function uploaderOf(turn: Turn): Uploader | undefined {
  const { user, s } = turn;
  if (user?.districtId && can(user, 'application.edit', { districtId: user.districtId }, s.campaign))
    return { scope: 'district', districtId: user.districtId };
  if (can(user, 'statistics.edit', {}, s.campaign)) return { scope: 'statistics', districtIds: statsDistricts(turn) };
  return undefined;
}

/** The districts the bureau may edit that have at least one of its indicators. */
function statsDistricts(turn: Turn): string[] {
  const c = turn.s.campaign;
  return c.districts
    .filter(
      (d) =>
        can(turn.user, 'statistics.edit', { districtId: d.id }, c) &&
        orderedIndicators(c, d.class).some((i) => i.measuredBy === 'statistics'),
    )
    .map((d) => d.id);
}

async function loadAll(turn: Turn, ids: readonly string[]): Promise<Map<string, Loaded>> {
  return new Map(await Promise.all(ids.map(async (id) => [id, await apps(turn).get(id)] as const)));
}

/** 指标 模板 / indicators template. */
export async function sendIndicatorTemplate(turn: Turn): Promise<void> {
  const { s, lang, now } = turn;
  const who = uploaderOf(turn);
  if (!who) {
    await turn.say(turn.text.common.notBuilt(lang, commandLabel('indicators', lang)));
    return;
  }
  const ids = who.scope === 'district' ? [who.districtId] : who.districtIds;
  if (ids.length === 0) {
    await turn.say(turn.text.xlsx.statsNone(lang));
    return;
  }
  const records = await loadAll(turn, ids);
  const buffer = await templateBuffer({
    campaign: s.campaign,
    lang,
    now,
    scope: who.scope,
    records: ids.map((id) => ({ districtId: id, loaded: records.get(id)! })),
  });
  const name = who.scope === 'district' ? s.campaign.district(who.districtId)!.name[lang] : bureauName(s.campaign, lang);
  const file = turn.text.xlsx.fileName(lang, name, shanghaiDate(now));
  // A signed link is the one hand-off that works in every channel (Teams refuses data: files).
  const url = await s.files.saveExport(buffer, file);
  await turn.say(turn.text.xlsx.templateIntro(lang, name, file, url, LINK_TTL.export / 3600));
}

type Ours = Exclude<ReadOutcome, { kind: 'not-ours' }>;

const refusalText = (turn: Turn, r: Refusal): string => {
  const { lang, s } = turn;
  if (r.code === 'campaign') return turn.text.xlsx.otherCampaign(lang, r.campaign);
  if (r.code === 'scope') return r.scope === 'district' ? turn.text.xlsx.districtWorkbook(lang) : turn.text.xlsx.statsWorkbook(lang);
  return turn.text.xlsx.otherDistrict(lang, r.districtIds.map((id) => s.campaign.district(id)?.name[lang] ?? id).join('、'));
};

/**
 * Whether this person may write the workbook's districts now, after saying
 * why not: a contact's district may be locked or closed (audited by
 * editableDistrict); the bureau's districts were checked by refusalOf.
 */
async function writable(turn: Turn, who: Uploader): Promise<boolean> {
  return who.scope === 'district' ? (await editableDistrict(turn, who.districtId, 'indicators', VIA)) !== undefined : true;
}

/**
 * Takes the indicator workbooks out of a message's files and answers each
 * (only the first is imported); returns the files that are not ours, which
 * stay materials as before.
 */
export async function takeIndicatorWorkbooks(turn: Turn, files: IncomingFile[]): Promise<IncomingFile[]> {
  const who = uploaderOf(turn);
  if (!who) return files;
  const rest: IncomingFile[] = [];
  const ours: { file: IncomingFile; bytes: Buffer; read: Ours }[] = [];
  for (const f of files) {
    if (extensionOf(f) !== '.xlsx') {
      rest.push(f);
      continue;
    }
    // Fetched under the one attachment policy; too large or unreachable is not a template of ours,
    // and the materials flow then reports the failed download itself.
    const got = f.contentUrl
      ? await fetchAttachment(f.contentUrl, {
          source: f.source ?? {},
          policy: turn.s.materials.policy,
          maxBytes: Math.min(MAX_WORKBOOK_BYTES, turn.s.materials.maxBytes),
          signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
        })
      : undefined;
    if (!got?.ok) {
      rest.push(f);
      continue;
    }
    const read = await readIndicatorWorkbook(got.bytes);
    if (read.kind === 'not-ours') rest.push(f);
    else ours.push({ file: f, bytes: got.bytes, read });
  }
  if (ours.length > 1) await turn.say(turn.text.xlsx.onlyOne(turn.lang, ours.length - 1));
  if (ours[0]) await answerWorkbook(turn, who, ours[0].file, ours[0].bytes, ours[0].read);
  return rest;
}

async function answerWorkbook(turn: Turn, who: Uploader, file: IncomingFile, bytes: Buffer, read: Ours): Promise<void> {
  const { s, lang, now } = turn;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const meta = read.meta;
  const refusal = refusalOf(s.campaign, meta, who);
  const first = meta.districts[0]!.id;
  const auditSubject = who.scope === 'district' ? who.districtId : s.campaign.district(first) ? first : 'unknown';
  if (refusal) {
    await apps(turn).refuse(auditSubject, 'indicators', { actor: turn.userId, at: now, via: VIA }, `workbook refused: ${refusal.code}`, {
      sha256,
      name: file.name ?? null,
      districts: meta.districts.map((d) => d.id),
      campaign: meta.campaign,
    });
    await turn.say(refusalText(turn, refusal));
    return;
  }
  if (read.kind === 'broken') {
    await turn.say(turn.text.xlsx.noHeader(lang));
    return;
  }
  const ids = meta.districts.map((d) => d.id);
  if (!(await writable(turn, who))) return;
  const records = await loadAll(turn, ids);
  const plan = planImport({ campaign: s.campaign, meta, rows: read.rows, records, lang });
  const fingerprint = planFingerprint(plan);
  const fileName = (file.name ?? 'indicators.xlsx').slice(0, 200);
  await imports(turn).supersedeOpen(turn.userId, now);
  const base = {
    userId: turn.userId,
    meta,
    rows: read.rows,
    fileName,
    sha256,
    size: bytes.length,
    createdAt: now.toISOString(),
    fingerprint,
  };
  // Nothing to confirm: the card is the whole answer and no import is kept open.
  const imp: Pick<PendingImport, 'id' | 'meta' | 'fileName' | 'sha256'> =
    plan.changes.length > 0 ? await imports(turn).create(base, now) : { ...base, id: 'none' };
  s.log.info(
    { import: imp.id, sha256, changes: plan.changes.length, problems: plan.problems.length, conflicts: plan.conflicts.length },
    'indicator workbook read',
  );
  await turn.card(
    importCard(s.campaign, imp, plan, fingerprint, lang, read.truncated ? turn.text.xlsx.truncated(lang, READ_LIMITS.maxRows) : ''),
    turn.text.xlsx.cardTitle(lang, fileName),
  );
}

export const ImportValue = z.object({
  action: z.literal(IMPORT_ACTION),
  step: z.enum(['confirm', 'cancel']),
  card: z.object({ kind: z.literal('indicator-import'), record: z.string().max(128), nonce: z.string().max(64) }),
});
export type ImportValue = z.infer<typeof ImportValue>;

/** The part of a plan that touches one district (to retry one district's write alone). */
function only(plan: Plan, districtId: string): Plan {
  const f = <T extends { districtId: string }>(xs: T[]) => xs.filter((x) => x.districtId === districtId);
  return {
    ...plan,
    changes: f(plan.changes),
    conflicts: f(plan.conflicts),
    unchanged: f(plan.unchanged),
    blank: f(plan.blank),
    missing: f(plan.missing),
  };
}

async function saySettled(turn: Turn, imp: PendingImport): Promise<void> {
  const { lang } = turn;
  if (imp.status === 'saved') await turn.say(turn.text.xlsx.alreadySaved(lang, shanghaiDateTime(new Date(imp.statusAt))));
  else if (imp.status === 'cancelled') await turn.say(turn.text.xlsx.alreadyCancelled(lang));
  else if (imp.status === 'superseded') await turn.say(turn.text.xlsx.superseded(lang));
  else await turn.say(turn.text.xlsx.inProgress(lang));
}

/** "indicators.import": confirm or cancel, once; a stale or replayed card is recognised and answered. */
export async function handleImport(turn: Turn, data: ImportValue): Promise<void> {
  const { s, lang, now } = turn;
  const got = await imports(turn).get(data.card.record);
  if (!got) {
    await turn.say(turn.text.common.staleCard(lang));
    return;
  }
  if (got.imp.userId !== turn.userId) {
    await turn.say(turn.text.xlsx.notYourImport(lang));
    return;
  }
  if (got.imp.status !== 'pending' && !(data.step === 'confirm' && got.imp.status === 'saving')) {
    await saySettled(turn, got.imp);
    return;
  }
  if (data.step === 'cancel') {
    const done =
      got.imp.status === 'pending' ? await imports(turn).update(got.imp.id, got.version, got.imp, { status: 'cancelled' }, now) : undefined;
    if (done) await turn.say(turn.text.xlsx.cancelled(lang));
    else await saySettled(turn, (await imports(turn).get(got.imp.id))?.imp ?? got.imp);
    return;
  }
  const claimed = await imports(turn).claim(got.imp.id, now);
  if (!claimed) {
    await saySettled(turn, (await imports(turn).get(got.imp.id))?.imp ?? got.imp);
    return;
  }
  const imp = claimed.imp;
  const release = async (patch: Partial<PendingImport>) => {
    const cur = await imports(turn).get(imp.id);
    if (cur) await imports(turn).update(imp.id, cur.version, cur.imp, { status: 'pending', ...patch }, now);
  };
  const who = uploaderOf(turn);
  const ids = imp.meta.districts.map((d) => d.id);
  // Roles and phases may have moved since the card: the same checks as on upload.
  const refusal = who ? refusalOf(s.campaign, imp.meta, who) : undefined;
  if (!who || refusal || !(await writable(turn, who))) {
    if (!who) await turn.say(turn.text.xlsx.notYourImport(lang));
    else if (refusal) await turn.say(refusalText(turn, refusal));
    await release({});
    return;
  }
  const records = await loadAll(turn, ids);
  const plan = planImport({ campaign: s.campaign, meta: imp.meta, rows: imp.rows, records, lang });
  const fingerprint = planFingerprint(plan);
  if (fingerprint !== data.card.nonce || fingerprint !== imp.fingerprint) {
    // The records moved between the card and this confirm (or this is an older card): show what a confirm would do now.
    await release({ fingerprint });
    await turn.say(turn.text.xlsx.changedSinceCard(lang));
    await turn.card(importCard(s.campaign, imp, plan, fingerprint, lang), turn.text.xlsx.cardTitle(lang, imp.fileName));
    return;
  }
  const meta = { actor: turn.userId, at: now, via: VIA, note: `sha256:${imp.sha256} file:${imp.fileName} import:${imp.id}` };
  const saved: { districtId: string; version: number }[] = [];
  const failed: string[] = [];
  let count = 0;
  let refusedReply: (() => Promise<void>) | undefined;
  for (const districtId of [...new Set(plan.changes.map((x) => x.districtId))]) {
    const want = planFingerprint(only(plan, districtId));
    const base = imp.meta.districts.find((d) => d.id === districtId)?.version;
    // The one write path: each attempt re-reads the record, and the write goes on only while this
    // district's outcome is still exactly what the card showed.
    const r = await apps(turn).update(districtId, { ...meta, baseVersion: base }, async (current) => {
      if (who.scope === 'district') {
        const refusal = await editRefusal(turn, districtId, current);
        if (refusal) {
          refusedReply = refusal.reply;
          return { refuse: refusal.note, field: 'indicators', subject: refusal.subject };
        }
      }
      const fresh = new Map([...records, [districtId, current]]);
      const mine = only(planImport({ campaign: s.campaign, meta: imp.meta, rows: imp.rows, records: fresh, lang }), districtId);
      if (planFingerprint(mine) !== want) return { conflict: true, field: 'indicators' };
      const [w] = applyPlan(s.campaign, mine, fresh, imp.meta.scope, turn.userId, now);
      return w ? { write: w.next, changes: w.changes } : { unchanged: true };
    });
    if (r.status === 'saved') {
      saved.push({ districtId, version: r.loaded.version });
      count += only(plan, districtId).changes.length;
    } else if (r.status !== 'unchanged') failed.push(districtId);
  }
  if (refusedReply) await refusedReply();
  const cur = await imports(turn).get(imp.id);
  if (cur) await imports(turn).update(imp.id, cur.version, cur.imp, { status: 'saved', saved, changed: count }, now);
  await turn.say(turn.text.xlsx.saved(lang, count, saved.length, imp.sha256.slice(0, 12)));
  if (failed.length)
    await turn.say(turn.text.xlsx.partlySaved(lang, failed.map((id) => s.campaign.district(id)?.name[lang] ?? id).join('、')));
  if (who.scope === 'district' && saved.length) await showNextStep(turn, who.districtId);
}

export const indicatorWorkbookActions: CardAction<ImportValue>[] = [{ name: IMPORT_ACTION, schema: ImportValue, handle: handleImport }];
