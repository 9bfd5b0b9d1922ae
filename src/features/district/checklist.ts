import { renderCard } from '../../../cards/render.js';
import type { Turn } from '../../bot/turn.js';
import { can } from '../../domain/access.js';
import { computeProgress, type ItemProgress, type ItemStatus } from '../../domain/progress.js';
import { shanghaiDate } from '../../util/time.js';
import { outsideCampaign } from '../../domain/demo.js';
import { nextItem, startButton } from './next-step.js';
import { showEditCard } from './edit-card.js';
import { enterIndicators } from '../../../dialogs/enter-indicators.js';
import { UPLOAD_MATERIALS_DIALOG, showMaterials } from '../../../dialogs/upload-materials.js';
import { submitApplication } from './submit.js';
import { showPracticeCard } from '../practices.js';

/** How each item status shows on a checklist, whatever the language. */
export const STATUS_ICONS: Record<ItemStatus, string> = { todo: '⬜', 'in-progress': '🟡', done: '✅', returned: '🔴' };

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
    const st = { icon: STATUS_ICONS[i.status], word: turn.text.common.itemStatus(lang)[i.status] };
    return {
      icon: st.icon, title: item.title[lang], mine: i.owner === 'contact',
      detail: turn.text.district.dueLine(lang, st.word, i.due, i.status === 'done' || outside ? undefined : i.daysLeft, i.owner === 'contact' ? '' : turn.text.common.roles(lang)[i.owner]),
      reason: i.reason ? turn.text.district.returnedReason(lang, i.reason) : '',
    };
  });
  const next = outside ? undefined : nextItem(s.campaign, p);
  const title = turn.text.district.checklistTitle(lang, district.name[lang], phase.name[lang]);
  await turn.card(
    renderCard('checklist', {
      title, subtitle: turn.text.district.checklistSubtitle(lang, shanghaiDate(now), p.percent), items,
      notice: outside ? [outside.notice, outside.hint].filter(Boolean).join('\n\n') : '',
      buttons: next ? [startButton(turn, districtId, next)] : [],
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
      await turn.say(turn.text.district.ownedByOthers(lang, turn.text.common.roles(lang)[item.owner], turn.text.common.itemStatus(lang)[status]));
    }
  }
}
