import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { withInputRules } from '../../cards/inputs.js';
import { phaseAt } from '../campaign/campaign.js';
import { inEveryLang } from '../text/index.js';
import type { Turn } from '../bot/turn.js';
import { can, visibleDistricts } from '../domain/access.js';
import { validateFields, type FieldSpec } from '../domain/indicator-values.js';
import { kindName, practicesItem, practicesOf, type Practice } from '../domain/practices.js';
import { shanghaiDateTime } from '../util/time.js';
import { fitPage, pagingButtons } from './lists.js';

/**
 * Phase-3 write-ups: contacts submit them on a card drawn with the editing
 * cards' template and validated by the same field specs; the office and
 * the inspector list them. They are not application-phase edits, so the
 * submission lock and the reported compilation do not close them.
 */
export const PracticeAddValue = z.object({
  action: z.literal('practices.add'),
  card: z.object({ kind: z.literal('practices'), record: z.string().max(64) }),
});
export const PracticeSaveValue = z
  .object({
    action: z.literal('practices.save'),
    /** A fresh id per rendered card: a double click saves once. */
    card: z.object({ kind: z.literal('practices'), record: z.string().max(64), nonce: z.string().max(64) }),
  })
  .passthrough();

const PracticeListValue = z.object({ action: z.literal('practices.list'), offset: z.number().int().min(0).max(1_000_000).default(0) });

const TITLE = 'practice.title';
const KIND = 'practice.kind';
const SUMMARY = 'practice.summary';
const LINKS = 'practice.links';

function specs(turn: Turn): FieldSpec[] {
  const L = inEveryLang;
  return [
    { id: TITLE, kind: 'text', required: true, label: L(turn.text.status.fieldTitle), minLength: 2, maxLength: 100 },
    { id: SUMMARY, kind: 'multiline', required: true, label: L(turn.text.status.fieldSummary), minLength: 20, maxLength: 2000 },
    { id: LINKS, kind: 'multiline', required: false, label: L(turn.text.status.fieldLinks), maxLength: 2000 },
  ];
}

/** Refuses (saying why) unless the user is this district's contact and the practices item's phase is open. */
async function mayWrite(turn: Turn, districtId: string): Promise<boolean> {
  const { s, lang, now } = turn;
  if (!can(turn.user, 'practices.edit', { districtId }, s.campaign)) {
    await turn.s.applications.refuse(
      s.campaign.district(districtId) ? districtId : 'unknown',
      'practices',
      { actor: turn.userId, at: now, via: 'card:practices' },
      'not permitted',
    );
    await turn.say(turn.text.status.practicesNotYours(lang));
    return false;
  }
  const item = practicesItem(s.campaign);
  const phase = s.campaign.phases.find((p) => p.id === item?.phase);
  if (!item || !phase || phaseAt(s.campaign, now)?.id !== phase.id) {
    await turn.say(turn.text.status.practicesClosed(lang, phase?.name[lang] ?? '', phase?.start ?? '', phase?.end ?? ''));
    return false;
  }
  return true;
}

export async function showPracticeCard(
  turn: Turn,
  districtId: string,
  opts: { typed?: Record<string, unknown>; errors?: Record<string, string>; notice?: string } = {},
): Promise<void> {
  const { s, lang } = turn;
  if (!(await mayWrite(turn, districtId))) return;
  const kinds = practicesItem(s.campaign)!.completion.kinds;
  const typed = (id: string) => (opts.typed?.[id] !== undefined ? String(opts.typed[id]) : '');
  const field = (spec: FieldSpec) => ({
    inputId: spec.id,
    kind: spec.kind,
    label: spec.label[lang],
    value: typed(spec.id),
    placeholder: '',
    error: opts.errors?.[spec.id] ?? '',
    choices: [],
  });
  const [title, summary, links] = specs(turn);
  const fields = [
    field(title!),
    ...(kinds.length > 0
      ? [
          {
            inputId: KIND,
            kind: 'choice',
            label: turn.text.status.fieldKind(lang),
            value: typed(KIND),
            placeholder: '',
            error: opts.errors?.[KIND] ?? '',
            choices: kinds.map((k) => ({ title: k.name[lang], value: k.id })),
          },
        ]
      : []),
    field(summary!),
    field(links!),
  ];
  const district = s.campaign.district(districtId)!.name[lang];
  const card = { kind: 'practices', record: districtId, nonce: randomUUID() };
  await turn.card(
    withInputRules(
      renderCard('edit-fields', {
        title: turn.text.status.practiceCardTitle(lang, district),
        subtitle: turn.text.status.practiceCardIntro(lang),
        notice: opts.notice ?? '',
        yes: '',
        no: '',
        fields,
        buttons: [{ title: turn.text.status.submitPractice(lang), data: { action: 'practices.save', card } }],
      }),
      // One button: what the server requires is required on the card too.
      {
        ...Object.fromEntries(
          specs(turn).map((f) => [
            f.id,
            {
              required: f.required,
              errorMessage: f.required ? turn.text.district.fillIn(lang, f.label[lang]) : undefined,
              maxLength: f.maxLength,
            },
          ]),
        ),
        ...(kinds.length > 0 ? { [KIND]: { required: true, errorMessage: turn.text.status.badKind(lang) } } : {}),
      },
    ),
    turn.text.status.practiceCardTitle(lang, district),
  );
}

export async function savePractice(turn: Turn, data: z.infer<typeof PracticeSaveValue>, raw: Record<string, unknown>): Promise<void> {
  const { s, lang, now } = turn;
  const districtId = data.card.record;
  if (!(await mayWrite(turn, districtId))) return;
  const checked = validateFields(specs(turn), raw, lang);
  const errors = { ...checked.errors };
  const kinds = practicesItem(s.campaign)!.completion.kinds;
  const kind = String(raw[KIND] ?? '').trim();
  if (kinds.length > 0 && !kinds.some((k) => k.id === kind)) errors[KIND] = turn.text.status.badKind(lang);
  const links = String(checked.values[LINKS] ?? '')
    .split(/\s*\n\s*/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (links.some((l) => !/^https?:\/\/\S+$/i.test(l))) errors[LINKS] = turn.text.status.badLinks(lang);
  const bad = Object.keys(errors).length;
  if (bad > 0) {
    await showPracticeCard(turn, districtId, { typed: raw, errors, notice: turn.text.status.invalid(lang, bad) });
    return;
  }
  const practice: Practice = {
    id: data.card.nonce,
    title: String(checked.values[TITLE]),
    kind: kind || 'other',
    summary: String(checked.values[SUMMARY]),
    links,
    by: turn.userId,
    at: now.toISOString(),
  };
  // The card's nonce is the write-up's id: the same card sent twice is one write-up.
  const r = await turn.s.applications.update(districtId, { actor: turn.userId, at: now, via: 'card:practices' }, (current) => {
    if (practicesOf(current.record).some((p) => p.id === practice.id)) return { unchanged: true };
    const next = structuredClone(current.record);
    next.practices = [...(next.practices ?? []), practice];
    return {
      write: next,
      changes: [{ field: `practices.${practice.id}`, old: null, new: { title: practice.title, kind: practice.kind } }],
    };
  });
  if (r.status === 'saved') await turn.say(turn.text.status.practiceSaved(lang, practice.title, practicesOf(r.loaded.record).length));
  else if (r.status === 'unchanged') await turn.say(turn.text.status.practiceDuplicate(lang, practice.title));
  else if (r.status === 'busy') await turn.say(turn.text.district.busy(lang));
}

/** The write-ups the user may see: a contact their district's (with an add button), the office and inspector everyone's. */
export async function showPractices(turn: Turn, offset = 0): Promise<void> {
  const { s, lang, user } = turn;
  const ids = visibleDistricts(user, s.campaign).filter((id) => can(user, 'practices.list', { districtId: id }, s.campaign));
  if (ids.length === 0) {
    await turn.say(turn.text.status.nothingVisible(lang));
    return;
  }
  const loaded = new Map((await turn.s.applications.list()).map((l) => [l.record.districtId, l.record]));
  const rows = ids.flatMap((id) => {
    const r = loaded.get(id);
    const d = s.campaign.district(id)!.name[lang];
    return (r ? practicesOf(r) : []).map((p) => ({
      title: `${d} · ${kindName(s.campaign, p.kind, lang)}`,
      value: `${p.title}｜${p.summary.slice(0, 120)}${p.summary.length > 120 ? '…' : ''}${p.links.length ? `｜${p.links.join(' ')}` : ''}｜${shanghaiDateTime(new Date(p.at))}`,
    }));
  });
  // Someone who may list every district's write-ups (no district named) sees "all districts"; a contact sees their own.
  const everyDistrict = can(user, 'practices.list', {}, s.campaign);
  const who = !everyDistrict && ids.length === 1 ? s.campaign.district(ids[0]!)!.name[lang] : turn.text.status.practicesAll(lang);
  const own = !everyDistrict && ids.length === 1 && can(user, 'practices.edit', { districtId: ids[0] }, s.campaign) ? ids[0] : undefined;
  // Paged like every list: thousands of districts' write-ups would not fit one message.
  const { card } = fitPage(rows, offset, s.pageSize, (page) =>
    renderCard('buttons', {
      title: turn.text.status.practicesTitle(lang, who),
      text: rows.length
        ? `${turn.text.status.practicesCount(lang, rows.length)}${rows.length > page.rows.length ? ` ${turn.text.common.range(lang, page.offset + 1, page.offset + page.rows.length, rows.length)}` : ''}`
        : turn.text.status.practicesNone(lang),
      facts: page.rows,
      buttons: [
        ...pagingButtons(turn, page, (o) => ({ action: 'practices.list', offset: o })),
        ...(own
          ? [{ title: turn.text.status.addPractice(lang), data: { action: 'practices.add', card: { kind: 'practices', record: own } } }]
          : []),
      ],
    }),
  );
  await turn.card(
    card,
    `${turn.text.status.practicesTitle(lang, who)} · ${rows.length ? turn.text.status.practicesCount(lang, rows.length) : turn.text.status.practicesNone(lang)}`,
  );
}

export const practicesCardActions = [
  {
    name: 'practices.add',
    schema: PracticeAddValue,
    handle: async (turn: Turn, data: z.infer<typeof PracticeAddValue>) => showPracticeCard(turn, data.card.record),
  },
  { name: 'practices.save', schema: PracticeSaveValue, handle: savePractice, retires: true },
  {
    name: 'practices.list',
    schema: PracticeListValue,
    handle: async (turn: Turn, data: z.infer<typeof PracticeListValue>) =>
      turn.user ? showPractices(turn, data.offset) : turn.say(turn.text.common.needsBinding(turn.lang)),
  },
];
