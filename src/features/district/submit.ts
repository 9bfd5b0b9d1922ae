import { z } from 'zod';
import { renderCard } from '../../../cards/render.js';
import { can } from '../../domain/access.js';
import { computeProgress, contactIndicators, missingForSubmit } from '../../domain/progress.js';
import type { Loaded } from '../../domain/application.js';
import type { Turn } from '../../bot/turn.js';
import { refusedAsClosed } from './edit-card.js';
import { leadUsersFor, startButton } from './next-step.js';
import { shanghaiDateTime } from '../../util/time.js';
import { divisionsGuiding } from '../../campaign/campaign.js';
import { noticeCard, noticeOutcomeLines } from '../notices.js';
import { multiline } from '../../text/lines.js';

export const SubmitValue = z.object({
  action: z.literal('application.submit'),
  confirm: z.enum(['yes', 'no']),
  card: z.object({ kind: z.literal('submit'), record: z.string().max(64), version: z.number().int().min(0) }),
});
export type SubmitValue = z.infer<typeof SubmitValue>;

const at = (iso: string) => shanghaiDateTime(new Date(iso));

/** Says what blocks submission (as buttons), or returns true when the district may submit. */
async function ready(turn: Turn, districtId: string, loaded: Loaded): Promise<boolean> {
  const { s, lang, now } = turn;
  const p = computeProgress(s.campaign, loaded.record, now);
  if (p.vetoDeclared) {
    await turn.say(turn.text.district.vetoBlocks(lang));
    return false;
  }
  const missing = missingForSubmit(s.campaign, p);
  if (missing.length === 0) return true;
  const title = (id: string) => s.campaign.checklist.find((i) => i.id === id)?.title[lang] ?? id;
  await turn.card(
    renderCard('buttons', {
      title: turn.text.district.missingTitle(lang),
      text: '',
      facts: missing.map((m) => ({ title: title(m.id), value: `${m.status === 'returned' ? `${m.reason ?? ''} · ` : ''}${m.due}` })),
      buttons: missing.map((m) => startButton(turn, districtId, m)),
    }),
    `${turn.text.district.missingTitle(lang)} ${missing.map((m) => title(m.id)).join('、')}`,
  );
  return false;
}

/** 提交: checks readiness, then shows the summary card that asks for confirmation. */
export async function submitApplication(turn: Turn, districtId: string): Promise<void> {
  const { s, lang } = turn;
  if (!can(turn.user, 'application.submit', { districtId }, s.campaign)) {
    await turn.say(turn.text.district.notYours(lang));
    return;
  }
  if (await refusedAsClosed(turn, districtId, 'submission', 'command:submit')) return;
  const loaded = await turn.s.applications.get(districtId);
  const { record } = loaded;
  if (record.locked && record.submission) {
    await turn.say(turn.text.district.alreadySubmitted(lang, at(record.submission.submittedAt)));
    return;
  }
  if (!(await ready(turn, districtId, loaded))) return;
  const district = s.campaign.district(districtId)!;
  const formFields = s.campaign.formFields.filter((f) => f.type !== 'auto');
  const inds = contactIndicators(s.campaign, district.class);
  const card = { kind: 'submit', record: districtId, version: loaded.version };
  await turn.card(
    renderCard('buttons', {
      title: turn.text.district.summaryTitle(lang, district.name[lang]),
      text: turn.text.district.summaryText(lang),
      facts: [
        {
          title: turn.text.district.summaryForm(lang),
          value: turn.text.district.countOf(lang, formFields.filter((f) => record.form[f.id] !== undefined).length, formFields.length),
        },
        ...formFields
          .filter((f) => f.type !== 'multiline' && record.form[f.id] !== undefined)
          .map((f) => ({
            title: f.label[lang],
            value: String(
              record.form[f.id] === true
                ? turn.text.district.yes(lang)
                : record.form[f.id] === false
                  ? turn.text.district.no(lang)
                  : record.form[f.id],
            ),
          })),
        { title: turn.text.district.summaryVeto(lang), value: turn.text.district.noneDeclared(lang) },
        {
          title: turn.text.district.summaryIndicators(lang),
          value: turn.text.district.countOf(lang, inds.filter((i) => record.indicators[i.id] !== undefined).length, inds.length),
        },
        { title: turn.text.district.summaryMaterials(lang), value: turn.text.district.files(lang, record.materials.length) },
      ],
      buttons: [
        { title: turn.text.district.confirmSubmit(lang), data: { action: 'application.submit', confirm: 'yes', card } },
        { title: turn.text.district.notNow(lang), data: { action: 'application.submit', confirm: 'no', card } },
      ],
    }),
    turn.text.district.summaryTitle(lang, district.name[lang]),
  );
}

/** The summary card's answer: locks the record and notifies the guiding divisions, every send recorded. */
export async function confirmSubmit(turn: Turn, data: SubmitValue): Promise<void> {
  const { s, lang, now } = turn;
  const districtId = data.card.record;
  if (!can(turn.user, 'application.submit', { districtId }, s.campaign)) {
    await turn.s.applications.refuse(
      s.campaign.district(districtId) ? districtId : 'unknown',
      'submission',
      { actor: turn.userId, at: now, via: 'card:submit' },
      'not permitted',
    );
    await turn.say(turn.text.district.notYours(lang));
    return;
  }
  if (await refusedAsClosed(turn, districtId, 'submission', 'card:submit')) return;
  const loaded = await turn.s.applications.get(districtId);
  if (loaded.record.locked && loaded.record.submission) {
    // The second click of a double click lands here.
    await turn.say(turn.text.district.alreadySubmitted(lang, at(loaded.record.submission.submittedAt)));
    return;
  }
  if (data.confirm === 'no') {
    await turn.say(turn.text.district.submitLater(lang));
    return;
  }
  if (loaded.version !== data.card.version) {
    await turn.say(turn.text.district.changedSince(lang));
    await submitApplication(turn, districtId);
    return;
  }
  if (!(await ready(turn, districtId, loaded))) return;
  // One attempt: anything written since the summary card means the person must see it again before submitting.
  const r = await s.applications.update(
    districtId,
    { actor: turn.userId, at: now, via: 'card:submit', baseVersion: data.card.version, attempts: 1 },
    (current) => {
      if (current.version !== data.card.version) return { conflict: true, field: 'submission' };
      const next = structuredClone(current.record);
      next.locked = true;
      next.submission = { submittedAt: now.toISOString(), submittedBy: turn.userId };
      next.returns = {};
      return { write: next, changes: [{ field: 'submission', old: current.record.submission ?? null, new: next.submission }] };
    },
  );
  if (r.status !== 'saved') {
    await turn.say(turn.text.district.changedSince(lang));
    await submitApplication(turn, districtId);
    return;
  }
  // Only the leads who hear of it are read, not every contact of the campaign.
  const leads = await leadUsersFor(s, districtId, false);
  const users = leads.map((u) => u.id);
  const langOf = new Map(leads.map((u) => [u.id, u.lang]));
  const district = s.campaign.district(districtId)!;
  const sent = await s.notifications.sendAll(
    s.notifier,
    users,
    (userId) => {
      const l = langOf.get(userId) ?? 'zh';
      const text = turn.text.district.submitNotice(l, district.name[l], at(now.toISOString()));
      // The lead's next step is one press away: the same review card as from 审核.
      return noticeCard(text, [
        {
          title: turn.text.review.open(l, district.name[l]),
          data: { action: 'review.open', card: { kind: 'submit-notice', record: districtId } },
        },
      ]);
    },
    { kind: 'submitted', districtId, at: now },
  );
  const guiding = divisionsGuiding(s.campaign, districtId).map((d) => ({
    name: d.name[lang],
    covered: leads.some((u) => u.divisionId === d.id),
  }));
  await turn.say(multiline(turn.text.district.submitted(lang, at(now.toISOString())), noticeOutcomeLines(s, lang, sent, leads, guiding)));
}
