import { z } from 'zod';
import { renderCard } from '../../../cards/render.js';
import { withInputRules, type InputRule } from '../../../cards/inputs.js';
import { className, indicatorsForClass, type Campaign, type Lang } from '../../campaign/campaign.js';
import { can } from '../../domain/access.js';
import { type ApplicationRecord, type Decision, type FieldChange, type Loaded, type Section } from '../../domain/application.js';
import {
  choiceValue,
  displayValue,
  formFieldSpec,
  indicatorSpec,
  validateFields,
  type FieldSpec,
  type Value,
} from '../../domain/indicator-values.js';
import type { Turn } from '../../bot/turn.js';
import { shanghaiDateTime } from '../../util/time.js';
import { inEveryLang, textOf, type Text } from '../../text/index.js';
import { afterSave } from './next-step.js';
import { applicationEditsClosed } from '../../domain/compilation.js';

/**
 * The one engine behind every editing card (form, veto, indicator groups)
 * and typed values: access, lock, validation, stale-card conflicts,
 * idempotent double clicks, audit. Inputs are named "<section>.<id>".
 */
export interface EditField {
  /** "form.leader", "indicators.land-supply-rate": the input id and the audited field. */
  path: string;
  section: Section;
  id: string;
  spec?: FieldSpec;
  /** Shown, not editable (auto fields, statistics-bureau indicators). */
  readonly?: string;
  hint?: string;
}

export interface CardDef {
  kind: string;
  /** The checklist item this card completes: saving it clears a reviewer's return. */
  itemKind: 'form' | 'veto' | 'indicators';
  title: string;
  subtitle: string;
  fields: EditField[];
}

export const SaveCardValue = z
  .object({
    action: z.literal('application.save'),
    card: z.object({ kind: z.string().max(64), record: z.string().max(64), version: z.number().int().min(0) }),
    mode: z.enum(['save', 'draft']),
  })
  .passthrough();
export type SaveCardValue = z.infer<typeof SaveCardValue>;

/** The card kinds of a district: "form", "veto", "indicators:<group>" for groups with indicators of its class. */
export function cardDef(c: Campaign, kind: string, districtId: string, record: ApplicationRecord, lang: Lang): CardDef | undefined {
  const T = textOf(c);
  const district = c.district(districtId);
  if (!district) return undefined;
  if (kind === 'form') {
    return {
      kind,
      itemKind: 'form',
      title: T.district.formTitle(lang),
      subtitle: `${district.name[lang]} · ${className(c, district.class, lang)}${c.formDraft ? ` · ${T.district.draftNote(lang)}` : ''}`,
      fields: c.formFields.map((f): EditField => {
        const spec = formFieldSpec(f);
        if (!spec)
          return {
            path: `form.${f.id}`,
            section: 'form',
            id: f.id,
            readonly: f.auto === 'district' ? district.name[lang] : className(c, district.class, lang),
            spec: undefined,
          };
        return {
          path: `form.${f.id}`,
          section: 'form',
          id: f.id,
          spec,
          hint:
            spec.kind === 'number'
              ? T.district.range(lang, spec.min, spec.max, spec.decimals)
              : spec.kind === 'phone'
                ? T.district.phoneHint(lang)
                : '',
        };
      }),
    };
  }
  if (kind === 'veto') {
    return {
      kind,
      itemKind: 'veto',
      title: T.district.vetoTitle(lang),
      subtitle: T.district.vetoIntro(lang),
      fields: c.veto.flatMap((v, i): EditField[] => [
        {
          path: `veto.${v.id}`,
          section: 'veto',
          id: v.id,
          spec: { id: v.id, kind: 'boolean', required: true, label: inEveryLang((l) => `${i + 1}. ${v.text[l]}`) },
        },
        {
          path: `vetoNotes.${v.id}`,
          section: 'vetoNotes',
          id: v.id,
          spec: { id: v.id, kind: 'text', required: false, maxLength: 500, label: inEveryLang((l) => T.district.vetoNote(l)) },
        },
      ]),
    };
  }
  const m = /^indicators:([a-z0-9-]+)$/.exec(kind);
  if (m) {
    const group = c.indicatorGroups.find((g) => g.id === m[1]);
    const list = indicatorsForClass(c, district.class).filter((i) => i.group === m[1]);
    if (!group || list.length === 0) return undefined;
    return {
      kind,
      itemKind: 'indicators',
      title: T.district.indicatorsTitle(lang, group.name[lang], className(c, district.class, lang)),
      subtitle: T.district.indicatorsIntro(lang),
      fields: list.map((ind): EditField => {
        const path = `indicators.${ind.id}`;
        if (ind.measuredBy === 'statistics') {
          const v = record.indicators[ind.id];
          return {
            path,
            section: 'indicators',
            id: ind.id,
            readonly: `${v === undefined ? T.district.notEntered(lang) : `${displayValue({ kind: ind.type === 'boolean' ? 'boolean' : 'number' }, v, lang)} ${ind.unit}`}${T.district.readOnlyStats(lang)}`,
            spec: undefined,
          };
        }
        const spec = indicatorSpec(ind);
        return {
          path,
          section: 'indicators',
          id: ind.id,
          spec,
          hint: spec.kind === 'number' ? T.district.range(lang, spec.min, spec.max, spec.decimals) : '',
        };
      }),
    };
  }
  return undefined;
}

/** The indicator group cards of a district's class, in catalog order. */
export function indicatorKinds(c: Campaign, districtId: string): string[] {
  const cls = c.district(districtId)?.class ?? '';
  const list = indicatorsForClass(c, cls);
  return c.indicatorGroups.filter((g) => list.some((i) => i.group === g.id)).map((g) => `indicators:${g.id}`);
}

/** The label with its unit; "（必填）" where the client shows no required marker of its own (inputs not marked isRequired). */
function labelOf(text: Text, f: EditField, lang: Lang, sayRequired = true): string {
  const base = f.spec ? f.spec.label[lang] : '';
  const unit = f.spec?.unit && f.spec.kind === 'number' ? text.common.withUnit(lang, '', f.spec.unit) : '';
  return `${base}${unit}${sayRequired && f.spec?.required && f.section !== 'veto' ? text.district.required(lang) : ''}`;
}

function currentText(f: EditField, r: ApplicationRecord): string {
  const v = r[f.section][f.id];
  return f.spec?.kind === 'boolean' ? choiceValue(v) : v === undefined ? '' : String(v);
}

export interface RenderOpts {
  /** What the user typed, kept on a re-shown card. */
  typed?: Record<string, unknown>;
  errors?: Record<string, string>;
  notice?: string;
  /** Why nothing on the card can be changed now (submitted and locked, or reported): the card shows values and this, no buttons. */
  readOnly?: string;
}

/** Only the veto declaration is all-or-nothing; the other cards may be saved as a draft with fields left empty. */
export const hasDraft = (def: CardDef): boolean => def.itemKind !== 'veto';

export function renderEditCard(turn: Turn, districtId: string, def: CardDef, loaded: Loaded, opts: RenderOpts = {}): object {
  const { lang } = turn;
  const draft = hasDraft(def);
  const rules: Record<string, InputRule> = {};
  const fields = def.fields.map((f) => {
    if (!f.spec || opts.readOnly) {
      const label = f.spec
        ? labelOf(turn.text, f, lang, false)
        : (turn.s.campaign.formFields.find((x) => x.id === f.id && f.section === 'form')?.label[lang] ??
          turn.s.campaign.indicator(f.id)?.name[lang] ??
          f.id);
      const value = f.spec
        ? displayValue(f.spec, loaded.record[f.section][f.id], lang) || turn.text.district.notEntered(lang)
        : (f.readonly ?? '');
      return { inputId: f.path, kind: 'readonly', label, value, placeholder: '', error: '' };
    }
    const typed = opts.typed?.[f.path];
    const value = typed !== undefined && typed !== null ? String(typed) : currentText(f, loaded.record);
    // Marked required only where no button may leave it empty: clients check isRequired on every submit, the draft's too.
    const required = f.spec.required && !draft;
    rules[f.path] = {
      required,
      errorMessage: f.spec.required
        ? f.spec.kind === 'boolean'
          ? turn.text.district.choose(lang, f.spec.label[lang])
          : turn.text.district.fillIn(lang, f.spec.label[lang])
        : undefined,
      maxLength: f.spec.maxLength,
    };
    return {
      inputId: f.path,
      kind: f.spec.kind === 'phone' ? 'text' : f.spec.kind,
      label: labelOf(turn.text, f, lang, !required),
      value,
      placeholder: f.hint ?? '',
      error: opts.errors?.[f.path] ?? '',
    };
  });
  const card = { kind: def.kind, record: districtId, version: loaded.version };
  const buttons = opts.readOnly
    ? []
    : [
        { title: turn.text.district.save(lang), data: { action: 'application.save', card, mode: 'save' } },
        ...(draft ? [{ title: turn.text.district.saveDraft(lang), data: { action: 'application.save', card, mode: 'draft' } }] : []),
      ];
  const subtitle = [def.subtitle, !opts.readOnly && draft ? turn.text.district.draftHint(lang) : ''].filter(Boolean).join('\n\n');
  return withInputRules(
    renderCard('edit-fields', {
      title: def.title,
      subtitle,
      notice: opts.readOnly ?? opts.notice ?? '',
      yes: turn.text.district.yes(lang),
      no: turn.text.district.no(lang),
      fields,
      buttons,
    }),
    rules,
  );
}

export async function showEditCard(turn: Turn, districtId: string, kind: string, opts: RenderOpts = {}, loaded?: Loaded): Promise<void> {
  const l = loaded ?? (await turn.s.applications.get(districtId));
  const def = cardDef(turn.s.campaign, kind, districtId, l.record, turn.lang);
  if (!def) return;
  // A submitted (or reported) record opens read-only, saying why: no 保存 that could only be refused.
  const readOnly = opts.readOnly ?? (await lockedReason(turn, l));
  await turn.card(renderEditCard(turn, districtId, def, l, { ...opts, readOnly }), readOnly ? `${def.title} · ${readOnly}` : def.title);
}

/** Why the record cannot be edited now, as the person is told it, or undefined while it can. */
export async function lockedReason(turn: Turn, current: Loaded): Promise<string | undefined> {
  const closed = await applicationEditsClosed(turn.s.store);
  if (closed) return turn.text.status.editsClosed(turn.lang, shanghaiDateTime(new Date(closed.reportedAt)));
  if (current.record.locked)
    return turn.text.district.locked(
      turn.lang,
      shanghaiDateTime(new Date(current.record.submission?.submittedAt ?? turn.now.toISOString())),
    );
  return undefined;
}

/**
 * True after saying so (and auditing it) when the office has reported the
 * compilation to the ministry: from then on no application-phase item of
 * any district changes.
 */
export async function refusedAsClosed(turn: Turn, districtId: string, field: string, via: string): Promise<boolean> {
  const closed = await applicationEditsClosed(turn.s.store);
  if (!closed) return false;
  await turn.s.applications.refuse(
    districtId,
    field,
    { actor: turn.userId, at: turn.now, via },
    'application phase closed: reported to the ministry',
  );
  await turn.say(turn.text.status.editsClosed(turn.lang, shanghaiDateTime(new Date(closed.reportedAt))));
  return true;
}

/** Why the user may not edit the district's record as it is now (the audit note and the reply), or undefined. */
export interface EditRefusal {
  note: string;
  /** The audit subject's district: 'unknown' for an id not in the campaign. */
  subject: string;
  reply: () => Promise<void>;
}

export async function editRefusal(turn: Turn, districtId: string, current: Loaded): Promise<EditRefusal | undefined> {
  const { s, user, lang, now } = turn;
  if (!can(user, 'application.edit', { districtId }, s.campaign)) {
    // No district data in the answer: a foreign district id learns nothing.
    return {
      note: 'not permitted',
      subject: s.campaign.district(districtId) ? districtId : 'unknown',
      reply: () => turn.say(turn.text.district.notYours(lang)),
    };
  }
  const closed = await applicationEditsClosed(s.store);
  if (closed) {
    return {
      note: 'application phase closed: reported to the ministry',
      subject: districtId,
      reply: () => turn.say(turn.text.status.editsClosed(lang, shanghaiDateTime(new Date(closed.reportedAt)))),
    };
  }
  if (current.record.locked) {
    const at = shanghaiDateTime(new Date(current.record.submission?.submittedAt ?? now.toISOString()));
    return { note: 'locked after submission', subject: districtId, reply: () => turn.say(turn.text.district.locked(lang, at)) };
  }
  return undefined;
}

/** The district the user may edit, or undefined after saying why not (auditing the refusal). */
export async function editableDistrict(turn: Turn, districtId: string, field: string, via: string): Promise<Loaded | undefined> {
  const loaded = await turn.s.applications.get(districtId);
  const refusal = await editRefusal(turn, districtId, loaded);
  if (!refusal) return loaded;
  await turn.s.applications.refuse(refusal.subject, field, { actor: turn.userId, at: turn.now, via }, refusal.note);
  await refusal.reply();
  return undefined;
}

export type CommitResult =
  | { status: 'saved'; loaded: Loaded; changes: FieldChange[] }
  | { status: 'unchanged'; loaded: Loaded }
  | { status: 'conflict'; loaded: Loaded; conflicts: { field: EditField; yours: Value | undefined; theirs: Value | undefined }[] }
  | { status: 'refused' }
  /** Lost the race with other writers on every attempt: nothing saved, nothing said yet. */
  | { status: 'busy' };

/**
 * Applies `values` (path -> new value; undefined clears) read from a card or
 * message rendered at `baseVersion`. A field someone changed after that
 * version, and that the user now sets differently, is a conflict; a value
 * equal to the stored one is no change, so a double click saves once.
 */
export async function commit(
  turn: Turn,
  districtId: string,
  def: CardDef,
  baseVersion: number,
  values: Map<EditField, Value | undefined>,
  via: string,
): Promise<CommitResult> {
  let refusal: EditRefusal | undefined;
  let conflicts: { f: EditField; old: Value | undefined; next: Value | undefined }[] = [];
  const r = await turn.s.applications.update(
    districtId,
    { actor: turn.userId, at: turn.now, via, baseVersion },
    async (current): Promise<Decision> => {
      refusal = await editRefusal(turn, districtId, current);
      if (refusal) return { refuse: refusal.note, field: def.kind, subject: refusal.subject };
      const { record } = current;
      const changes: { f: EditField; old: Value | undefined; next: Value | undefined }[] = [];
      for (const [f, v] of values) {
        const old = record[f.section][f.id];
        if (old !== v) changes.push({ f, old, next: v });
      }
      conflicts = baseVersion === current.version ? [] : changes.filter((c) => (record.fieldVersions[c.f.path] ?? 0) > baseVersion);
      if (conflicts.length > 0)
        return {
          conflict: true,
          field: conflicts.map((c) => c.f.path).join(','),
          attempted: Object.fromEntries(conflicts.map((c) => [c.f.path, c.next ?? null])),
        };
      if (changes.length === 0) return { unchanged: true };
      const next: ApplicationRecord = structuredClone(record);
      for (const c of changes) {
        if (c.next === undefined) delete next[c.f.section][c.f.id];
        else next[c.f.section][c.f.id] = c.next;
      }
      const item = turn.s.campaign.checklist.find((i) => i.completion.kind === def.itemKind);
      if (item) delete next.returns[item.id];
      return { write: next, changes: changes.map((c) => ({ field: c.f.path, old: c.old, new: c.next })) };
    },
  );
  switch (r.status) {
    case 'refused':
      await refusal?.reply();
      return { status: 'refused' };
    case 'conflict':
      return { status: 'conflict', loaded: r.loaded, conflicts: conflicts.map((c) => ({ field: c.f, yours: c.next, theirs: c.old })) };
    case 'busy':
      return { status: 'busy' };
    default:
      return r;
  }
}

/** Handles "application.save" from any editing card. */
export async function handleSave(turn: Turn, data: SaveCardValue, raw: Record<string, unknown>): Promise<void> {
  const { lang, s } = turn;
  const districtId = data.card.record;
  const via = `card:${data.card.kind}`;
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
  if (data.mode === 'draft') {
    // A draft may leave fields empty: only what was typed and is wrong counts as an error.
    for (const k of Object.keys(checked.errors)) if (String(raw[k] ?? '').trim() === '') delete checked.errors[k];
  }
  const bad = Object.keys(checked.errors).length;
  // The version check comes before the field errors: on a card that is out of date, an error may be about a
  // field someone has filled since ("必填" on what is now there). Say what changed and give the card as it is now.
  const changedSince =
    data.card.version < pre.version ? editable.filter((f) => (pre.record.fieldVersions[f.path] ?? 0) > data.card.version) : [];
  if (bad > 0 && changedSince.length > 0) {
    const keep = Object.fromEntries(editable.filter((f) => !changedSince.includes(f)).map((f) => [f.path, raw[f.path]]));
    const names = changedSince.map((f) => labelOf(turn.text, f, lang, false)).join(turn.text.common.listSeparator(lang));
    await turn.say(turn.text.district.changedSinceCard(lang, names));
    await showEditCard(turn, districtId, def.kind, { typed: keep, notice: turn.text.district.checkFresh(lang) }, pre);
    return;
  }
  if (bad > 0 && data.mode === 'save') {
    await turn.card(
      renderEditCard(
        turn,
        districtId,
        def,
        { ...pre, version: data.card.version },
        { typed: raw, errors: checked.errors, notice: turn.text.district.invalid(lang, bad) },
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
    if (v === undefined && data.mode === 'draft') continue;
    values.set(f, v);
  }
  const result = await commit(turn, districtId, def, data.card.version, values, via);
  if (result.status === 'refused') return;
  if (result.status === 'busy') {
    // The card pressed is marked as used: the same values come back on a fresh one to press again.
    await turn.say(turn.text.district.busy(lang));
    await showEditCard(turn, districtId, def.kind, { typed: raw });
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
    await showEditCard(turn, districtId, def.kind, {}, result.loaded);
    return;
  }
  if (bad > 0) {
    const savedCount = result.status === 'saved' ? result.changes.length : 0;
    const typedBad = Object.fromEntries(Object.keys(checked.errors).map((k) => [k, raw[k]]));
    await turn.card(
      renderEditCard(turn, districtId, def, result.loaded, {
        typed: typedBad,
        errors: checked.errors,
        notice: turn.text.district.draftSaved(lang, savedCount, bad),
      }),
      turn.text.district.draftSaved(lang, savedCount, bad),
    );
    return;
  }
  await turn.say(
    result.status === 'saved'
      ? data.mode === 'draft'
        ? turn.text.district.draftSaved(lang, result.changes.length, 0)
        : turn.text.district.saved(lang, result.changes.length)
      : turn.text.district.unchanged(lang),
  );
  await afterSave(turn, districtId, def, result.status === 'saved' ? result.changes : [], result.loaded);
}
