import { renderCard } from '../../../cards/render.js';
import type { Turn } from '../../bot/turn.js';
import { can } from '../../domain/access.js';
import { computeProgress, type ItemProgress } from '../../domain/progress.js';
import type { Lang } from '../../campaign/campaign.js';
import type { Text } from '../../text/index.js';
import { shanghaiDate } from '../../util/time.js';
import { outsideCampaign } from '../../domain/demo.js';
import { nextItem, startButton } from './next-step.js';
import { showEditCard } from './edit-card.js';
import { enterIndicators } from '../../../dialogs/enter-indicators.js';
import { UPLOAD_MATERIALS_DIALOG, showMaterials } from '../../../dialogs/upload-materials.js';
import { submitApplication } from './submit.js';
import { showPracticeCard } from '../practices.js';

/** Working days' worth of calendar days under which an open item is "due soon". */
const DUE_SOON_DAYS = 3;

/**
 * An item's status as a checklist shows it: the status word, and a colour by
 * meaning that any client and font can draw (Adaptive Card colours, no
 * emoji): done green, returned or overdue red, due soon or under way amber.
 * After the campaign nothing is overdue any more: the card says it ended.
 */
export function itemLook(text: Text, lang: Lang, i: ItemProgress, campaignOver = false): { state: string; color: string } {
  const state = text.common.itemStatus(lang)[i.status];
  if (i.status === 'done') return { state, color: 'Good' };
  if (i.status === 'returned') return { state, color: 'Attention' };
  if (campaignOver) return { state, color: 'Default' };
  if (i.daysLeft < 0) return { state, color: 'Attention' };
  if (i.daysLeft <= DUE_SOON_DAYS || i.status === 'in-progress') return { state, color: 'Warning' };
  return { state, color: 'Default' };
}

/** The due line after the coloured status word: the line the text catalogue writes, without its leading status. */
export const afterStatus = (line: string): string => line.replace(/^\s*·\s*/, '');

/**
 * 清单: the phase's items with status, due date, days left by the bot's
 * clock and the next step as a button. Everything is computed from the
 * stored record, so it continues wherever the contact left off.
 */
export async function showChecklist(turn: Turn, districtId: string): Promise<void> {
  const { s, lang, now } = turn;
  if (!can(turn.user, 'checklist.view', { districtId }, s.campaign)) {
    await turn.say(turn.text.district.notYours(lang));
    return;
  }
  const { record } = await turn.s.applications.get(districtId);
  const p = computeProgress(s.campaign, record, now);
  const phase = s.campaign.phases.find((x) => x.id === p.phaseId)!;
  const district = s.campaign.district(districtId)!;
  // After the campaign an overdue count only grows: the card says the campaign is over instead.
  const outside = outsideCampaign(s.campaign, turn.text, lang, now, s.localMode);
  const items = p.items.map((i: ItemProgress) => {
    const item = s.campaign.checklist.find((c) => c.id === i.id)!;
    return {
      ...itemLook(turn.text, lang, i, !!outside),
      title: item.title[lang],
      mine: i.owner === 'contact',
      detail: afterStatus(
        turn.text.district.dueLine(
          lang,
          '',
          i.due,
          i.status === 'done' || outside ? undefined : i.daysLeft,
          i.owner === 'contact' ? '' : turn.text.common.roles(lang)[i.owner],
        ),
      ),
      reason: i.reason ? turn.text.district.returnedReason(lang, i.reason) : '',
    };
  });
  const next = outside ? undefined : nextItem(s.campaign, p);
  const title = turn.text.district.checklistTitle(lang, district.name[lang], phase.name[lang]);
  await turn.card(
    renderCard('checklist', {
      title,
      subtitle: turn.text.district.checklistSubtitle(lang, shanghaiDate(now), p.percent),
      items,
      notice: outside ? [outside.notice, outside.hint].filter(Boolean).join('\n\n') : '',
      buttons: next ? [startButton(turn, districtId, next, true)] : [],
    }),
    `${title} · ${outside ? outside.notice : turn.text.district.progressLine(lang, p.percent)}${next ? ` · ${turn.text.district.nextStep(lang, s.campaign.checklist.find((c) => c.id === next.id)!.title[lang])}` : ''}`,
  );
}

/** Starts one checklist item: the card, dialog or view that completes it. */
export async function startItem(turn: Turn, districtId: string, itemId: string): Promise<void> {
  const { s, lang } = turn;
  const item = s.campaign.checklist.find((i) => i.id === itemId);
  if (!item || !can(turn.user, 'application.edit', { districtId }, s.campaign)) {
    await turn.say(turn.text.district.notYours(lang));
    return;
  }
  const c = item.completion;
  switch (c.kind) {
    case 'form':
      return showEditCard(turn, districtId, 'form');
    case 'veto':
      return showEditCard(turn, districtId, 'veto');
    case 'indicators':
      return enterIndicators(turn, districtId);
    case 'materials':
      await showMaterials(turn, districtId);
      await turn.dc.cancelAllDialogs();
      await turn.dc.beginDialog(UPLOAD_MATERIALS_DIALOG, { districtId, tag: c.tag });
      return;
    case 'submit':
      return submitApplication(turn, districtId);
    case 'practices':
      return showPracticeCard(turn, districtId);
    default: {
      const { record } = await turn.s.applications.get(districtId);
      const status = computeProgress(s.campaign, record, turn.now, item.phase).items.find((i) => i.id === itemId)?.status ?? 'todo';
      await turn.say(
        turn.text.district.ownedByOthers(lang, turn.text.common.roles(lang)[item.owner], turn.text.common.itemStatus(lang)[status]),
      );
    }
  }
}
