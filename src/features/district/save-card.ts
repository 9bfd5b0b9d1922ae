import { z } from 'zod';
import { renderCard } from '../../../cards/render.js';
import { can } from '../../domain/access.js';
import { displayValue, validateFields, type Value } from '../../domain/indicator-values.js';
import type { Turn } from '../../bot/turn.js';
import { afterSave } from './next-step.js';
import {
  cardDef,
  commit,
  editableDistrict,
  labelOf,
  missingRequired,
  renderEditCard,
  showEditCard,
  type CardDef,
  type CommitResult,
  type EditField,
} from './edit-card.js';

/**
 * What an editing card's 保存 sends. Mode 'draft' is the draft card's (opened from 清单, 指标 and the next step):
 * it keeps what is filled, and what is stored where a field is left empty, and completes the item once every
 * required field has a value. Mode 'save' is the completion card's and the veto card's: all or nothing, an empty
 * required field refused. Cards sent before the two were split carry both buttons, and both keep working.
 */
export const SaveCardValue = z
  .object({
    action: z.literal('application.save'),
    card: z.object({ kind: z.string().max(64), record: z.string().max(64), version: z.number().int().min(0) }),
    mode: z.enum(['save', 'draft']),
  })
  .passthrough();
export type SaveCardValue = z.infer<typeof SaveCardValue>;

/** 补填必填项, on the reply to a draft: the completion card of that kind, with what is stored. */
export const CompleteCardValue = z.object({
  action: z.literal('application.complete'),
  card: z.object({ kind: z.string().max(64), record: z.string().max(64), version: z.number().int().min(0).optional() }),
});
export type CompleteCardValue = z.infer<typeof CompleteCardValue>;

export async function openCompletionCard(turn: Turn, data: CompleteCardValue): Promise<void> {
  const { s, lang } = turn;
  const districtId = data.card.record;
  const loaded = can(turn.user, 'application.edit', { districtId }, s.campaign) ? await s.applications.get(districtId) : undefined;
  if (!loaded || !cardDef(s.campaign, data.card.kind, districtId, loaded.record, lang)) {
    await turn.say(turn.text.district.notYours(lang));
    return;
  }
  // Opening is a read: a record locked since shows the card read-only, saying why.
  await showEditCard(turn, districtId, data.card.kind, { strict: true }, loaded);
}

/** What a draft kept, what the item still needs (by name), and the button to the completion card. */
async function sayDraftKept(
  turn: Turn,
  districtId: string,
  def: CardDef,
  version: number,
  saved: number | undefined,
  missing: EditField[],
): Promise<void> {
  const { lang } = turn;
  const head = saved === undefined ? turn.text.district.unchanged(lang) : turn.text.district.draftSaved(lang, saved, 0);
  const needed = turn.text.district.stillNeeded(lang, missing.map((f) => f.spec!.label[lang]).join(turn.text.common.listSeparator(lang)));
  await turn.card(
    renderCard('buttons', {
      title: def.title,
      text: `${head}\n\n${needed}`,
      facts: [],
      buttons: [
        {
          title: turn.text.district.fillRequired(lang),
          data: { action: 'application.complete', card: { kind: def.kind, record: districtId, version } },
        },
      ],
    }),
    `${head} ${needed}`,
  );
}

/** Handles "application.save" from any editing card. */
export async function handleSave(turn: Turn, data: SaveCardValue, raw: Record<string, unknown>): Promise<void> {
  const { lang, s } = turn;
  const districtId = data.card.record;
  const via = `card:${data.card.kind}`;
  // Whatever card it came from, a full save's errors come back on the completion card, a draft's on the draft card.
  const strict = data.mode === 'save';
  const pre = await editableDistrict(turn, districtId, data.card.kind, via);
  if (!pre) return;
  const def = cardDef(s.campaign, data.card.kind, districtId, pre.record, lang);
  if (!def) {
    await turn.say(turn.text.district.notYours(lang));
    return;
  }
  const editable = def.fields.filter((f) => f.spec);
  const specs = editable.map((f) => ({ ...f.spec!, id: f.path }));
  const checked = validateFields(specs, raw, lang);
  const typedIn = (k: string) => String(raw[k] ?? '').trim() !== '';
  if (!strict) {
    // A draft may leave fields empty: only what was typed and is wrong counts as an error.
    for (const k of Object.keys(checked.errors)) if (!typedIn(k)) delete checked.errors[k];
  }
  const bad = Object.keys(checked.errors).length;
  // The version check comes before the field errors: on a card that is out of date, an error may be about a
  // field someone has filled since ("必填" on what is now there). Say what changed and give the card as it is now.
  const changedSince =
    data.card.version < pre.version ? editable.filter((f) => (pre.record.fieldVersions[f.path] ?? 0) > data.card.version) : [];
  if (bad > 0 && changedSince.length > 0) {
    const keep = Object.fromEntries(editable.filter((f) => !changedSince.includes(f)).map((f) => [f.path, raw[f.path]]));
    const names = changedSince.map((f) => labelOf(turn.text, f, lang)).join(turn.text.common.listSeparator(lang));
    await turn.say(turn.text.district.changedSinceCard(lang, names));
    await showEditCard(turn, districtId, def.kind, { typed: keep, notice: turn.text.district.checkFresh(lang), strict }, pre);
    return;
  }
  if (bad > 0 && strict) {
    await turn.card(
      renderEditCard(
        turn,
        districtId,
        def,
        { ...pre, version: data.card.version },
        { typed: raw, errors: checked.errors, notice: turn.text.district.invalid(lang, bad), strict },
      ),
      turn.text.district.invalid(lang, bad),
    );
    return;
  }
  const values = new Map<EditField, Value | undefined>();
  for (const f of editable) {
    if (checked.errors[f.path]) continue;
    const v = checked.values[f.path];
    // A draft keeps what was there for fields left empty; a full save clears an emptied optional field.
    if (v === undefined && !strict) continue;
    values.set(f, v);
  }
  const result = await commit(turn, districtId, def, data.card.version, values, via);
  if (result.status === 'refused') return;
  if (result.status === 'busy') {
    // The card pressed is marked as used: the same values come back on a fresh one to press again.
    await turn.say(turn.text.district.busy(lang));
    await showEditCard(turn, districtId, def.kind, { typed: raw, strict });
    return;
  }
  if (result.status === 'conflict') {
    const lines = result.conflicts.map((c) =>
      turn.text.district.conflictLine(
        lang,
        labelOf(turn.text, c.field, lang),
        displayValue(c.field.spec!, c.yours, lang),
        displayValue(c.field.spec!, c.theirs, lang),
      ),
    );
    await turn.say([turn.text.district.conflict(lang), ...lines, turn.text.district.conflictTail(lang)].join('\n'));
    await showEditCard(turn, districtId, def.kind, { strict }, result.loaded);
    return;
  }
  if (bad > 0) {
    const savedCount = result.status === 'saved' ? result.changes.length : 0;
    // Everything typed comes back as typed ("八十", not 80); a field left empty shows what is stored.
    const typed = Object.fromEntries(editable.filter((f) => typedIn(f.path)).map((f) => [f.path, raw[f.path]]));
    await turn.card(
      renderEditCard(turn, districtId, def, result.loaded, {
        typed,
        errors: checked.errors,
        notice: turn.text.district.draftSaved(lang, savedCount, bad),
      }),
      turn.text.district.draftSaved(lang, savedCount, bad),
    );
    return;
  }
  await afterGoodSave(turn, districtId, def, strict, result);
}

/** A save with no error: complete (the next step), or a draft that still lacks required fields. */
async function afterGoodSave(
  turn: Turn,
  districtId: string,
  def: CardDef,
  strict: boolean,
  result: Extract<CommitResult, { status: 'saved' | 'unchanged' }>,
): Promise<void> {
  const { lang } = turn;
  const missing = strict ? [] : missingRequired(def, result.loaded.record);
  if (missing.length > 0) {
    await sayDraftKept(
      turn,
      districtId,
      def,
      result.loaded.version,
      result.status === 'saved' ? result.changes.length : undefined,
      missing,
    );
    return;
  }
  await turn.say(result.status === 'saved' ? turn.text.district.saved(lang, result.changes.length) : turn.text.district.unchanged(lang));
  await afterSave(turn, districtId, def, result.status === 'saved' ? result.changes : [], result.loaded);
}
