import { z } from 'zod';
import { renderCard } from '../../../cards/render.js';
import type { Campaign } from '../../campaign/campaign.js';
import { can, rolesFor } from '../../domain/access.js';
import type { User } from '../../domain/users.js';
import type { FieldChange, Loaded } from '../../domain/application.js';
import { computeProgress, kindOf, type DistrictProgress, type ItemProgress } from '../../domain/progress.js';
import type { Services } from '../../services.js';
import type { Turn } from '../../bot/turn.js';

/** A button that starts a checklist item, on any card. */
export const StartItemValue = z.object({
  action: z.literal('district.start'),
  item: z.string().max(64),
  card: z.object({ kind: z.string().max(64), record: z.string().max(64), version: z.number().int().min(0).optional() }),
});
export type StartItemValue = z.infer<typeof StartItemValue>;

/**
 * `short`: where the card already names the item (the checklist, the next step), the button says only
 * "开始下一步", which a phone shows whole; the item's name stays in the tooltip. Lists of items keep it in the title.
 */
export const startButton = (turn: Turn, districtId: string, item: ItemProgress, short = false) => {
  const full = turn.text.district.start(turn.lang, turn.s.campaign.checklist.find((i) => i.id === item.id)?.title[turn.lang] ?? item.id);
  return {
    title: short ? turn.text.district.startNext(turn.lang) : full,
    tooltip: full,
    data: { action: 'district.start', item: item.id, card: { kind: 'checklist', record: districtId } },
  };
};

/** The first contact item of the phase that is not done (returned ones first), if any. */
export function nextItem(c: Campaign, p: DistrictProgress): ItemProgress | undefined {
  const mine = p.items.filter((i) => i.owner === 'contact' && i.status !== 'done' && kindOf(c, i.id) !== 'practices');
  return mine.find((i) => i.status === 'returned') ?? mine[0];
}

export async function showNextStep(turn: Turn, districtId: string, loaded?: Loaded): Promise<void> {
  const { s, lang, now } = turn;
  const l = loaded ?? (await turn.s.applications.get(districtId));
  const p = computeProgress(s.campaign, l.record, now);
  const next = nextItem(s.campaign, p);
  if (!next) {
    await turn.say(`${turn.text.district.allDone(lang)} ${turn.text.district.progressLine(lang, p.percent)}`);
    return;
  }
  const title = s.campaign.checklist.find((i) => i.id === next.id)?.title[lang] ?? next.id;
  await turn.card(
    renderCard('buttons', {
      title: turn.text.district.nextStep(lang, title),
      text: turn.text.district.progressLine(lang, p.percent),
      facts: [],
      buttons: [startButton(turn, districtId, next, true)],
    }),
    turn.text.district.nextStep(lang, title),
  );
}

/** The users to tell about a district: its guiding divisions' leads, and the office when asked. */
export async function leadUsersFor(s: Services, districtId: string, withOffice: boolean): Promise<User[]> {
  const action = withOffice ? 'escalations.receive' : 'review.decide';
  return (await s.users.find({ roles: rolesFor(action) })).filter((u) => can(u, action, { districtId }, s.campaign));
}

export async function leadsFor(s: Services, districtId: string, withOffice: boolean): Promise<string[]> {
  return (await leadUsersFor(s, districtId, withOffice)).map((u) => u.id);
}

/** After a card saved: flags a newly declared veto, then shows the next step. */
export async function afterSave(
  turn: Turn,
  districtId: string,
  def: { itemKind: string },
  changes: FieldChange[],
  loaded: Loaded,
): Promise<void> {
  const { s, lang, now } = turn;
  if (def.itemKind === 'veto') {
    const newlyYes = changes.filter((c) => c.field.startsWith('veto.') && c.new === true).map((c) => c.field.slice(5));
    if (Object.values(loaded.record.veto).some((v) => v === true)) await turn.say(turn.text.district.vetoDeclared(lang));
    if (newlyYes.length > 0) await flagVeto(s, districtId, newlyYes, now, turn.userId);
  }
  await showNextStep(turn, districtId, loaded);
}

/** A declared veto goes to the guiding divisions and the office, each send recorded. */
export async function flagVeto(s: Services, districtId: string, vetoIds: string[], now: Date, actor: string): Promise<void> {
  const district = s.campaign.district(districtId);
  const leads = await leadUsersFor(s, districtId, true);
  const users = leads.map((u) => u.id);
  const langOf = new Map(leads.map((u) => [u.id, u.lang]));
  await s.notifications.sendAll(
    s.notifier,
    users,
    (userId) => {
      const lang = langOf.get(userId) ?? 'zh';
      const items = vetoIds.map((id) => s.campaign.veto.find((v) => v.id === id)?.text[lang] ?? id).join('; ');
      return { text: s.text.district.vetoFlagText(lang, district?.name[lang] ?? districtId, items) };
    },
    { kind: 'veto-flag', districtId, at: now },
  );
  await s.store.audit.append([
    {
      at: now.toISOString(),
      actor,
      subject: `applications/${districtId}`,
      field: 'vetoFlag',
      new: vetoIds,
      via: 'card:veto',
      outcome: 'applied',
      note: `notified ${users.length}`,
    },
  ]);
}
