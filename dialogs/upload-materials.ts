import {
  AttachmentPrompt,
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { z } from 'zod';
import { renderCard } from '../cards/render.js';
import type { ChecklistItem } from '../src/campaign/schema.js';
import { fetchAndStore, humanSize, removeStored, type IncomingFile, type StoreOutcome } from '../src/domain/materials.js';
import type { AttachmentSource } from '../src/util/attachment-fetch.js';
import type { Decision, MaterialFile } from '../src/domain/application.js';
import { can } from '../src/domain/access.js';
import { turnOf, type Turn } from '../src/bot/turn.js';
import { editRefusal, type EditRefusal } from '../src/features/district/edit-card.js';
import { showNextStep } from '../src/features/district/next-step.js';
import { shanghaiDateTime } from '../src/util/time.js';
import { takeIndicatorWorkbooks } from '../src/features/indicator-workbook/workbook.js';
import { materialLink } from '../src/features/review/summary.js';
import { TEAMS_FILE, isFileAttachment } from '../src/bot/attachments.js';

export const UPLOAD_MATERIALS_DIALOG = 'upload-materials';
const WHICH_PROMPT = 'upload-materials.which';
const FILES_PROMPT = 'upload-materials.files';

export const UploadValue = z.object({
  action: z.literal('materials.upload'),
  tag: z.string().max(64),
  card: z.object({ kind: z.string().max(64), record: z.string().max(64), version: z.number().int().min(0).optional() }),
});
export const RemoveValue = z.object({
  action: z.literal('materials.remove'),
  fileId: z.string().max(64),
  card: z.object({ kind: z.string().max(64), record: z.string().max(64), version: z.number().int().min(0).optional() }),
});

type MaterialsItem = ChecklistItem & { completion: { kind: 'materials'; tag: string; minFiles: number } };

export function materialsItems(turn: Turn): MaterialsItem[] {
  return turn.s.campaign.checklist.filter((i): i is MaterialsItem => i.completion.kind === 'materials');
}

const maxMb = (turn: Turn) => humanSize(turn.s.materials.maxBytes);

/** 材料: every materials item with its files, a remove button per file and an upload button per item. */
export async function showMaterials(turn: Turn, districtId: string): Promise<void> {
  const { s, lang } = turn;
  if (!can(turn.user, 'application.view', { districtId }, s.campaign)) {
    await turn.say(turn.text.district.notYours(lang));
    return;
  }
  const { record, version } = await turn.s.applications.get(districtId);
  const card = { kind: 'materials', record: districtId, version };
  const items = materialsItems(turn).map((i) => ({
    title: `${i.title[lang]}（${record.materials.filter((m) => m.tag === i.completion.tag).length}/${i.completion.minFiles}）`,
    empty: turn.text.district.noFiles(lang),
    files: record.materials
      .filter((m) => m.tag === i.completion.tag)
      .map((m) => ({
        // A signed absolute link (GET /files/…), the same the review card gives, and the whole checksum to compare with one's own copy.
        name: m.name.replace(/[[\]]/g, ''),
        url: materialLink(s, districtId, m.id),
        sha256: m.sha256,
        size: humanSize(m.size),
        at: shanghaiDateTime(new Date(m.uploadedAt)),
        remove: { action: 'materials.remove', fileId: m.id, card },
      })),
    uploadLabel: turn.text.district.upload(lang, i.title[lang]),
    upload: { action: 'materials.upload', tag: i.completion.tag, card },
  }));
  const district = s.campaign.district(districtId)?.name[lang] ?? districtId;
  await turn.card(
    renderCard('materials', {
      title: turn.text.district.materialsTitle(lang, district),
      subtitle: turn.text.district.materialsSubtitle(lang, maxMb(turn)),
      removeLabel: turn.text.district.remove(lang),
      items,
    }),
    turn.text.district.materialsTitle(lang, district),
  );
}

export async function removeMaterial(turn: Turn, districtId: string, fileId: string): Promise<void> {
  let refusal: EditRefusal | undefined;
  let file: MaterialFile | undefined;
  const r = await turn.s.applications.update(
    districtId,
    { actor: turn.userId, at: turn.now, via: 'card:materials', attempts: 3 },
    async (current): Promise<Decision> => {
      refusal = await editRefusal(turn, districtId, current);
      if (refusal) return { refuse: refusal.note, field: 'materials', subject: refusal.subject };
      file = current.record.materials.find((m) => m.id === fileId);
      // A second click on the same button, or a file already removed elsewhere.
      if (!file) return { unchanged: true };
      const next = structuredClone(current.record);
      next.materials = next.materials.filter((m) => m.id !== fileId);
      return { write: next, changes: [{ field: `materials.${file.tag}`, old: { name: file.name, sha256: file.sha256 }, new: null }] };
    },
  );
  if (r.status === 'refused') return refusal?.reply();
  if (r.status === 'unchanged') return void (await turn.say(turn.text.district.alreadyRemoved(turn.lang)));
  if (r.status !== 'saved' || !file) return;
  await removeStored(turn.s.materials.dir, file);
  await turn.say(turn.text.district.removed(turn.lang, file.name));
  await showMaterials(turn, districtId);
}

type Refused = Extract<StoreOutcome, { ok: false }>;

/** The user's line for a refused file; every download failure reads the same, whatever its cause. */
function refusalLine(turn: Turn, r: Refused, overMessageTotal: boolean): string {
  const { lang, s } = turn;
  if (r.reason === 'type') return turn.text.district.refusedType(lang, r.name);
  if (r.reason === 'content') return turn.text.district.refusedContent(lang, r.name);
  if (r.reason === 'size')
    return overMessageTotal
      ? turn.text.district.refusedMessageTotal(lang, r.name, humanSize(s.materials.limits.maxMessageBytes))
      : turn.text.district.refusedSize(lang, r.name, maxMb(turn));
  return turn.text.district.refusedDownload(lang, r.name);
}

/**
 * Downloads and stores the files, then links them to the item in one audited
 * write. One message is bounded: at most `maxFiles` files, `maxMessageBytes`
 * together and `timeBudgetMs` of downloading; its refusals are one audit row.
 * Files written for a message that is not saved in the end (a failed turn,
 * a lost race, a locked record) are removed again.
 */
export async function storeAttachments(turn: Turn, districtId: string, tag: string, attachments: IncomingFile[]): Promise<number> {
  const { s, lang } = turn;
  const limits = s.materials.limits;
  const item = materialsItems(turn).find((i) => i.completion.tag === tag);
  const title = item?.title[lang] ?? tag;
  const stored: MaterialFile[] = [];
  const lines: string[] = [];
  const refused: Refused[] = [];
  const taken = attachments.slice(0, limits.maxFiles);
  const budget = AbortSignal.timeout(limits.timeBudgetMs);
  let bytesLeft = limits.maxMessageBytes;
  let committed = false;
  try {
    for (const a of taken) {
      const maxBytes = Math.min(s.materials.maxBytes, bytesLeft);
      const r: StoreOutcome = budget.aborted
        ? { ok: false, name: a.name ?? 'file', reason: 'download', detail: 'message time budget spent' }
        : await fetchAndStore(a, {
            dir: s.materials.dir,
            maxBytes,
            districtId,
            tag,
            by: turn.userId,
            at: turn.now,
            policy: s.materials.policy,
            signal: budget,
          });
      if (r.ok) {
        stored.push(r.file);
        bytesLeft -= r.file.size;
        continue;
      }
      refused.push(r);
      s.log.info({ districtId, name: r.name, reason: r.reason, detail: r.detail }, 'attachment refused');
      lines.push(refusalLine(turn, r, r.reason === 'size' && maxBytes < s.materials.maxBytes));
    }
    if (attachments.length > taken.length)
      lines.push(turn.text.district.tooManyFiles(lang, limits.maxFiles, attachments.length - taken.length));
    if (refused.length > 0 || attachments.length > taken.length) {
      // One row for the whole message: a thousand refused files are one refused attempt, not a thousand rows.
      const counts = new Map<string, number>();
      for (const r of refused) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
      const reasons = [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
      await turn.s.applications.refuse(
        districtId,
        `materials.${tag}`,
        { actor: turn.userId, at: turn.now, via: 'attachment' },
        `refused: ${refused.length} of ${attachments.length} file(s)${reasons ? ` (${reasons})` : ''}${attachments.length > taken.length ? `; ${attachments.length - taken.length} over the limit of ${limits.maxFiles}` : ''}`,
        { names: refused.slice(0, 10).map((r) => r.name) },
      );
    }
    let added = 0;
    if (stored.length > 0) {
      let refusal: EditRefusal | undefined;
      let fresh: MaterialFile[] = [];
      const r = await s.applications.update(
        districtId,
        { actor: turn.userId, at: turn.now, via: 'attachment', attempts: 3 },
        async (current): Promise<Decision> => {
          refusal = await editRefusal(turn, districtId, current);
          if (refusal) return { refuse: refusal.note, field: `materials.${tag}`, subject: refusal.subject };
          const next = structuredClone(current.record);
          fresh = stored.filter((f) => !next.materials.some((m) => m.tag === f.tag && m.sha256 === f.sha256));
          if (fresh.length === 0) return { unchanged: true };
          const item2 = s.campaign.checklist.find((i) => i.completion.kind === 'materials' && i.completion.tag === tag);
          if (item2) delete next.returns[item2.id];
          next.materials.push(...fresh);
          return {
            write: next,
            changes: fresh.map((f) => ({ field: `materials.${tag}`, old: null, new: { name: f.name, size: f.size, sha256: f.sha256 } })),
          };
        },
      );
      if (r.status === 'refused') {
        await refusal?.reply();
        return 0;
      }
      if (r.status === 'saved' || r.status === 'unchanged') {
        committed = true;
        for (const f of stored.filter((x) => !fresh.includes(x))) {
          await removeStored(s.materials.dir, f);
          lines.push(turn.text.district.duplicate(lang, f.name));
        }
        for (const f of fresh) lines.push(turn.text.district.stored(lang, f.name, humanSize(f.size), f.sha256.slice(0, 12), title));
        added = fresh.length;
      }
    }
    if (lines.length) await turn.say(lines.join('\n'));
    return added;
  } finally {
    // Not linked to the record: nothing may point at these files, so they go.
    if (!committed) for (const f of stored) await removeStored(s.materials.dir, f).catch(() => undefined);
  }
}

interface Options {
  districtId: string;
  tag?: string;
  attachments?: IncomingFile[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function incomingFile(a: Record<string, unknown>, source: AttachmentSource): IncomingFile {
  if (a.contentType === TEAMS_FILE) {
    const content = (a.content && typeof a.content === 'object' ? a.content : {}) as Record<string, unknown>;
    const type = str(content.fileType)
      ?.replace(/[^a-z0-9]/gi, '')
      .toLowerCase();
    const name = str(a.name) ?? (type ? `file.${type}` : undefined);
    // Typed by its name (or Teams' fileType), as any file: the attachment's own contentType says only "a Teams file".
    return { name: name && type && !/\.[a-z0-9]+$/i.test(name) ? `${name}.${type}` : name, contentUrl: str(content.downloadUrl), source };
  }
  return { name: str(a.name), contentType: str(a.contentType), contentUrl: str(a.contentUrl), source };
}

/** Attachments as sent: any field may be missing or of the wrong type, and cards are not files. */
const incoming = (atts: unknown, source: AttachmentSource): IncomingFile[] =>
  (Array.isArray(atts) ? atts : [])
    .filter((a): a is Record<string, unknown> => !!a && typeof a === 'object')
    .filter(isFileAttachment)
    .map((a) => incomingFile(a, source));

/** The channel the activity came from: its own origin may serve attachments. */
const sourceOf = (turn: Turn): AttachmentSource => ({
  serviceUrl: str(turn.context.activity.serviceUrl),
  channelId: str(turn.context.activity.channelId),
});

export const attachmentsOf = (turn: Turn): IncomingFile[] => incoming(turn.context.activity.attachments, sourceOf(turn));

/**
 * Asks which item (when not known) and for the files (when not already
 * sent), then stores them. Waits again while every file was refused.
 */
export class UploadMaterialsDialog extends ComponentDialog {
  constructor() {
    super(UPLOAD_MATERIALS_DIALOG);
    this.addDialog(
      new TextPrompt(WHICH_PROMPT, async (p: PromptValidatorContext<string>) => {
        const n = Number((p.recognized.value ?? '').trim());
        return Number.isInteger(n) && n >= 1 && n <= materialsItems(turnOf(p.context)).length;
      }),
    );
    this.addDialog(new AttachmentPrompt(FILES_PROMPT));
    this.addDialog(
      new WaterfallDialog(`${UPLOAD_MATERIALS_DIALOG}.steps`, [
        this.whichStep.bind(this),
        this.filesStep.bind(this),
        this.storeStep.bind(this),
      ]),
    );
    this.initialDialogId = `${UPLOAD_MATERIALS_DIALOG}.steps`;
  }

  private async whichStep(step: WaterfallStepContext) {
    const turn = turnOf(step.context);
    const o = step.options as Options;
    if (o.tag) return step.next(o.tag);
    const items = materialsItems(turn);
    const list = items.map((i, n) => `${n + 1}. ${i.title[turn.lang]}`).join('\n');
    return step.prompt(WHICH_PROMPT, {
      prompt: turn.text.district.askWhichItem(turn.lang, list),
      retryPrompt: turn.text.district.askWhichItem(turn.lang, list),
    });
  }

  private async filesStep(step: WaterfallStepContext) {
    const turn = turnOf(step.context);
    const o = step.options as Options;
    const tag =
      typeof step.result === 'string' && /^\d+$/.test(step.result.trim())
        ? materialsItems(turn)[Number(step.result) - 1]!.completion.tag
        : String(step.result);
    (step.values as { tag?: string }).tag = tag;
    if (o.attachments?.length) return step.next(o.attachments);
    const title = materialsItems(turn).find((i) => i.completion.tag === tag)?.title[turn.lang] ?? tag;
    return step.prompt(FILES_PROMPT, {
      prompt: turn.text.district.askFiles(turn.lang, title, maxMb(turn)),
      retryPrompt: turn.text.district.noAttachments(turn.lang),
    });
  }

  private async storeStep(step: WaterfallStepContext) {
    const turn = turnOf(step.context);
    const o = step.options as Options;
    const tag = (step.values as { tag?: string }).tag ?? '';
    // Files sent with the first message carry their own source (and were sorted by the message hook); files
    // answering the prompt come with this turn's activity, and an indicator workbook among them is still an import.
    const files = o.attachments?.length ? o.attachments : await takeIndicatorWorkbooks(turn, incoming(step.result, sourceOf(turn)));
    if (files.length === 0) return step.endDialog();
    const added = await storeAttachments(turn, o.districtId, tag, files);
    const locked = (await turn.s.applications.get(o.districtId)).record.locked;
    if (added === 0 && !locked) return step.replaceDialog(UPLOAD_MATERIALS_DIALOG, { districtId: o.districtId, tag } satisfies Options);
    if (added > 0) await showNextStep(turn, o.districtId);
    return step.endDialog();
  }
}
