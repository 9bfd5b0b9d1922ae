import { renderCard } from '../../cards/render.js';
import { className } from '../campaign/campaign.js';
import type { Feature } from '../bot/feature.js';
import type { Turn } from '../bot/turn.js';
import { can, visibleDistricts } from '../domain/access.js';
import { loadProgressOf, type DistrictProgress } from '../domain/progress.js';
import { answerStatus, parseStatusQuery, type StatusAnswer, type StatusFilter } from '../domain/status.js';
import { shanghaiDate, shanghaiDateTime } from '../util/time.js';
import { showPractices } from './practices.js';
import { STATUS_ICONS } from './district/checklist.js';

const PRACTICES_ALONE = /^(查看|提交|我的)?(新机制|新模式|好做法|好经验|good practices?|practices|write-?ups)$/i;

const at = (iso: string) => shanghaiDateTime(new Date(iso));

function overviewRow(turn: Turn, p: DistrictProgress) {
  const { s, lang } = turn;
  const d = s.campaign.district(p.districtId)!;
  const overdue = p.items.filter((i) => i.overdue).length;
  const detail = [
    p.submittedAt ? turn.text.status.submittedAt(lang, at(p.submittedAt)) : turn.text.status.notSubmitted(lang),
    p.lastActivity ? turn.text.status.lastActivity(lang, at(p.lastActivity)) : turn.text.status.noActivity(lang),
  ].join(' · ');
  const flags = [p.approved ? turn.text.status.approved(lang) : '', p.returned ? turn.text.status.returned(lang) : '', overdue ? turn.text.status.overdue(lang, overdue) : '', p.vetoDeclared ? turn.text.status.veto(lang) : ''].filter(Boolean).join(' · ');
  return {
    title: `${d.name[lang]} · ${className(s.campaign, d.class, lang)}`, percent: turn.text.status.percent(lang, p.percent), detail, flags,
    attention: overdue > 0 || p.vetoDeclared || p.returned,
    data: { action: 'command', command: 'status', args: d.id },
  };
}

async function showOverview(turn: Turn, rows: DistrictProgress[], total: number, filter: StatusFilter | undefined): Promise<void> {
  const { s, lang, now } = turn;
  const phaseId = rows[0]?.phaseId;
  const phase = (phaseId ? s.campaign.phases.find((p) => p.id === phaseId) : undefined) ?? s.campaign.phases[0]!;
  const title = turn.text.status.overviewTitle(lang, phase.name[lang], filter);
  const buttons = [
    ...(can(turn.user, 'practices.list', {}, s.campaign) && s.campaign.checklist.some((i) => i.completion.kind === 'practices') ? [{ title: turn.text.status.practicesButton(lang), data: { action: 'command', command: 'status', args: 'practices' } }] : []),
    ...(can(turn.user, 'export', {}, s.campaign) ? [{ title: turn.text.status.exportButton(lang), data: { action: 'command', command: 'export', args: '' } }] : []),
  ];
  const names = rows.map((p) => s.campaign.district(p.districtId)!.name[lang]);
  await turn.card(
    renderCard('status-overview', {
      title, subtitle: turn.text.status.overviewSubtitle(lang, shanghaiDate(now), rows.length, total), empty: turn.text.status.empty(lang, filter),
      rows: rows.map((p) => overviewRow(turn, p)), buttons,
    }),
    `${title} · ${turn.text.status.overviewSummary(lang, filter, names)}`,
  );
}

async function showDistrict(turn: Turn, p: DistrictProgress, backToOverview: boolean): Promise<void> {
  const { s, lang, now } = turn;
  const d = s.campaign.district(p.districtId)!;
  const phase = s.campaign.phases.find((x) => x.id === p.phaseId)!;
  const title = turn.text.status.districtTitle(lang, d.name[lang], className(s.campaign, d.class, lang), phase.name[lang]);
  const overdue = p.items.filter((i) => i.overdue).length;
  const facts = [
    `${p.percent}%`,
    p.submittedAt ? turn.text.status.submittedAt(lang, at(p.submittedAt)) : turn.text.status.notSubmitted(lang),
    p.approved ? turn.text.status.approved(lang) : '', p.returned ? turn.text.status.returned(lang) : '', overdue ? turn.text.status.overdue(lang, overdue) : '', p.vetoDeclared ? turn.text.status.veto(lang) : '',
    p.lastActivity ? turn.text.status.lastActivity(lang, at(p.lastActivity)) : turn.text.status.noActivity(lang),
  ].filter(Boolean);
  const items = p.items.map((i) => {
    const item = s.campaign.checklist.find((c) => c.id === i.id)!;
    const st = { icon: STATUS_ICONS[i.status], word: turn.text.common.itemStatus(lang)[i.status] };
    return {
      icon: st.icon, title: item.title[lang], mine: i.overdue,
      detail: turn.text.status.dueLine(lang, st.word, i.due, i.daysLeft, turn.text.common.roles(lang)[i.owner], i.status === 'done'),
      reason: i.reason ? turn.text.status.returnedBecause(lang, i.reason) : '',
    };
  });
  await turn.card(
    renderCard('checklist', {
      title, subtitle: `${shanghaiDate(now)} · ${facts.join(' · ')}`, items,
      buttons: backToOverview ? [{ title: turn.text.status.backToOverview(lang), data: { action: 'command', command: 'status', args: '' } }] : [],
    }),
    `${title} · ${facts.join(' · ')}`,
  );
}

async function respond(turn: Turn, a: StatusAnswer): Promise<void> {
  const { lang } = turn;
  switch (a.kind) {
    case 'refused':
      await turn.say(turn.text.status.refused(lang));
      return;
    case 'nothing-visible':
      await turn.say(turn.text.status.nothingVisible(lang));
      return;
    case 'unknown-place':
      await turn.say(turn.text.status.unknownPlace(lang, a.name));
      return;
    case 'district':
      await showDistrict(turn, a.progress, visibleDistricts(turn.user, turn.s.campaign).length > 1);
      return;
    case 'overview':
      await showOverview(turn, a.rows, a.total, a.filter);
  }
}

/** Only what the user may see is read: a contact's status costs one record, not the whole campaign's. */
const visibleProgress = (turn: Turn) => loadProgressOf(turn.s, visibleDistricts(turn.user, turn.s.campaign), turn.now);

/** 进度 [district | filter | 好做法]: the overview, one district, or the write-ups. */
export async function statusCommand(turn: Turn, args: string): Promise<void> {
  const { s, lang } = turn;
  const q = parseStatusQuery(s.campaign, args, { command: true })!;
  if (q.practices && q.districtIds.length === 0) return showPractices(turn);
  if (args.trim() && q.districtIds.length === 0 && !q.filter && q.unknownPlaces.length === 0) {
    // "进度 xyz": say what can be asked about, naming only what the user may see.
    const names = visibleDistricts(turn.user, s.campaign).map((id) => s.campaign.district(id)!.name[lang]);
    await turn.say(names.length ? turn.text.status.unknownArg(lang, args.trim(), names) : turn.text.status.nothingVisible(lang));
    return;
  }
  await respond(turn, answerStatus(s.campaign, turn.user, await visibleProgress(turn), q));
}

/**
 * 进度 / status, and status questions in plain words ("哪些区还没提交").
 * Its free-text hook runs before the Q&A's and takes only status questions.
 */
export function statusFeature(): Feature {
  return {
    name: 'status',
    commands: { status: statusCommand },
    onMessage: async (turn, text) => {
      // "好做法" alone: the write-ups (a contact also gets the add button). Longer questions about them are the Q&A's.
      if (turn.user && PRACTICES_ALONE.test(text.trim())) {
        await showPractices(turn);
        return true;
      }
      const q = text ? parseStatusQuery(turn.s.campaign, text) : undefined;
      if (!q) return false;
      if (!turn.user) {
        await turn.say(turn.text.common.needsBinding(turn.lang));
        return true;
      }
      await respond(turn, answerStatus(turn.s.campaign, turn.user, await visibleProgress(turn), q));
      return true;
    },
  };
}

