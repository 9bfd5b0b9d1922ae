import { renderCard } from '../../../cards/render.js';
import { withInputRules, type InputRule } from '../../../cards/inputs.js';
import { className, indicatorsForClass, type Campaign, type Lang } from '../../campaign/campaign.js';
import { can } from '../../domain/access.js';
import { type ApplicationRecord, type Decision, type FieldChange, type Loaded, type Section } from '../../domain/application.js';
import { choiceValue, displayValue, formFieldSpec, indicatorSpec, type FieldSpec, type Value } from '../../domain/indicator-values.js';
import type { Turn } from '../../bot/turn.js';
import { shanghaiDateTime } from '../../util/time.js';
import { inEveryLang, textOf, type Text } from '../../text/index.js';
import { applicationEditsClosed } from '../../domain/compilation.js';

/**
 * The one engine behind every editing card (form, veto, indicator groups)
 * and typed values: the cards, access, lock, stale-card conflicts,
 * idempotent double clicks, audit. Inputs are named "<section>.<id>".
 * What a card's 保存 does with what it sends is save-card.ts.
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

/**
 * The label with its unit. `needed`: on the draft card, whose inputs are not marked isRequired (the draft may be
 * saved without them), a required field says it is needed to complete the item; elsewhere the client draws its
 * own marker (isRequired), or nothing may be changed.
 */
export function labelOf(text: Text, f: EditField, lang: Lang, needed = false): string {
  const base = f.spec ? f.spec.label[lang] : '';
  const unit = f.spec?.unit && f.spec.kind === 'number' ? text.common.withUnit(lang, '', f.spec.unit) : '';
  return `${base}${unit}${needed && f.spec?.required ? text.district.neededToComplete(lang) : ''}`;
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
  /**
   * The completion card: its 保存 is a full save (mode 'save'), so every input the server requires is marked
   * isRequired. Without it a card that has a draft is the draft card, whose 保存 keeps what is filled.
   */
  strict?: boolean;
}

/** Only the veto declaration is all-or-nothing; the other cards may be saved as a draft with fields left empty. */
export const hasDraft = (def: CardDef): boolean => def.itemKind !== 'veto';

/** Whether a card rendered with these options saves in full (its one button sends mode 'save'). */
export const savesInFull = (def: CardDef, opts: Pick<RenderOpts, 'strict'>): boolean => opts.strict === true || !hasDraft(def);

/** The required fields the record has no value for: what the item still needs to be complete. */
export const missingRequired = (def: CardDef, record: ApplicationRecord): EditField[] =>
  def.fields.filter((f) => f.spec?.required && record[f.section][f.id] === undefined);

export function renderEditCard(turn: Turn, districtId: string, def: CardDef, loaded: Loaded, opts: RenderOpts = {}): object {
  const { lang } = turn;
  // Clients check isRequired on every Action.Submit of a card: one card, one button, one rule the inputs tell truthfully.
  const strict = savesInFull(def, opts);
  const rules: Record<string, InputRule> = {};
  const fields = def.fields.map((f) => {
    if (!f.spec || opts.readOnly) {
      const label = f.spec
        ? labelOf(turn.text, f, lang)
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
    const required = f.spec.required && strict;
    rules[f.path] = {
      required,
      errorMessage: required
        ? f.spec.kind === 'boolean'
          ? turn.text.district.choose(lang, f.spec.label[lang])
          : turn.text.district.fillIn(lang, f.spec.label[lang])
        : undefined,
      maxLength: f.spec.maxLength,
    };
    return {
      inputId: f.path,
      kind: f.spec.kind === 'phone' ? 'text' : f.spec.kind,
      label: labelOf(turn.text, f, lang, !strict),
      value,
      placeholder: f.hint ?? '',
      error: opts.errors?.[f.path] ?? '',
    };
  });
  const card = { kind: def.kind, record: districtId, version: loaded.version };
  const buttons = opts.readOnly
    ? []
    : [{ title: turn.text.district.save(lang), data: { action: 'application.save', card, mode: strict ? 'save' : 'draft' } }];
  const hint = opts.readOnly || !hasDraft(def) ? '' : strict ? turn.text.district.completeHint(lang) : turn.text.district.draftHint(lang);
  const subtitle = [def.subtitle, hint].filter(Boolean).join('\n\n');
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
  // Asked together with the record when lockedReason will need it: one round trip on PostgreSQL.
  const [l] = await Promise.all([
    loaded ?? turn.s.applications.get(districtId),
    opts.readOnly !== undefined ? undefined : editsClosed(turn),
  ]);
  const def = cardDef(turn.s.campaign, kind, districtId, l.record, turn.lang);
  if (!def) return;
  // A submitted (or reported) record opens read-only, saying why: no 保存 that could only be refused.
  const readOnly = opts.readOnly ?? (await lockedReason(turn, l));
  await turn.card(renderEditCard(turn, districtId, def, l, { ...opts, readOnly }), readOnly ? `${def.title} · ${readOnly}` : def.title);
}

const EDITS_CLOSED = Symbol('edits-closed');

/**
 * Whether the office has closed the application phase, read once per turn: a save asks it before the
 * write, inside it and for the card it answers with, and every check of one turn gets the same answer.
 */
function editsClosed(turn: Turn): ReturnType<typeof applicationEditsClosed> {
  const state = turn.context.turnState;
  let closed = state.get(EDITS_CLOSED) as ReturnType<typeof applicationEditsClosed> | undefined;
  if (!closed) state.set(EDITS_CLOSED, (closed = applicationEditsClosed(turn.s.store)));
  return closed;
}

/** Why the record cannot be edited now, as the person is told it, or undefined while it can. */
export async function lockedReason(turn: Turn, current: Loaded): Promise<string | undefined> {
  const closed = await editsClosed(turn);
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
  const closed = await editsClosed(turn);
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
  const closed = await editsClosed(turn);
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
  const [loaded] = await Promise.all([turn.s.applications.get(districtId), editsClosed(turn)]);
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
