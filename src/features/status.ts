import { renderCard } from '../../cards/render.js';
import { className } from '../campaign/campaign.js';
import type { Feature } from '../bot/feature.js';
import type { Turn } from '../bot/turn.js';
import { msg, ROLE_NAMES } from '../bot/messages.js';
import { can, visibleDistricts } from '../domain/access.js';
import { loadProgressOf, type DistrictProgress } from '../domain/progress.js';
import { answerStatus, parseStatusQuery, type StatusAnswer, type StatusFilter } from '../domain/status.js';
import { shanghaiDate, shanghaiDateTime } from '../util/time.js';
import { STATUS_WORDS } from './district/words.js';
import { showPractices } from './practices.js';
import { sw } from './status/words.js';

const PRACTICES_ALONE = /^(查看|提交|我的)?(新机制|新模式|好做法|好经验|good practices?|practices|write-?ups)$/i;

const at = (iso: string) => shanghaiDateTime(new Date(iso));

function overviewRow(turn: Turn, p: DistrictProgress) {
  const { s, lang } = turn;
  const d = s.campaign.district(p.districtId)!;
  const overdue = p.items.filter((i) => i.overdue).length;
  const detail = [
    p.submittedAt ? sw.submittedAt(lang, at(p.submittedAt)) : sw.notSubmitted(lang),
    p.lastActivity ? sw.lastActivity(lang, at(p.lastActivity)) : sw.noActivity(lang),
  ].join(' · ');
  const flags = [p.approved ? sw.approved(lang) : '', p.returned ? sw.returned(lang) : '', overdue ? sw.overdue(lang, overdue) : '', p.vetoDeclared ? sw.veto(lang) : ''].filter(Boolean).join(' · ');
  return {
    title: `${d.name[lang]} · ${className(s.campaign, d.class, lang)}`, percent: sw.percent(p.percent), detail, flags,
    attention: overdue > 0 || p.vetoDeclared || p.returned,
    data: { action: 'command', command: 'status', args: d.id },
  };
}

async function showOverview(turn: Turn, rows: DistrictProgress[], total: number, filter: StatusFilter | undefined): Promise<void> {
  const { s, lang, now } = turn;
  const phaseId = rows[0]?.phaseId;
  const phase = (phaseId ? s.campaign.phases.find((p) => p.id === phaseId) : undefined) ?? s.campaign.phases[0]!;
  const title = sw.overviewTitle(lang, phase.name[lang], filter);
  const buttons = [
    ...(can(turn.user, 'practices.list', {}, s.campaign) ? [{ title: sw.practicesButton(lang), data: { action: 'command', command: 'status', args: 'practices' } }] : []),
    ...(can(turn.user, 'export', {}, s.campaign) ? [{ title: sw.exportButton(lang), data: { action: 'command', command: 'export', args: '' } }] : []),
  ];
  const names = rows.map((p) => s.campaign.district(p.districtId)!.name[lang]);
  await turn.card(
    renderCard('status-overview', {
      title, subtitle: sw.overviewSubtitle(lang, shanghaiDate(now), rows.length, total), empty: sw.empty(lang, filter),
      rows: rows.map((p) => overviewRow(turn, p)), buttons,
    }),
    `${title} · ${sw.overviewSummary(lang, filter, names)}`,
  );
}

async function showDistrict(turn: Turn, p: DistrictProgress, backToOverview: boolean): Promise<void> {
  const { s, lang, now } = turn;
  const d = s.campaign.district(p.districtId)!;
  const phase = s.campaign.phases.find((x) => x.id === p.phaseId)!;
  const title = sw.districtTitle(lang, d.name[lang], className(s.campaign, d.class, lang), phase.name[lang]);
  const overdue = p.items.filter((i) => i.overdue).length;
  const facts = [
    `${p.percent}%`,
    p.submittedAt ? sw.submittedAt(lang, at(p.submittedAt)) : sw.notSubmitted(lang),
    p.approved ? sw.approved(lang) : '', p.returned ? sw.returned(lang) : '', overdue ? sw.overdue(lang, overdue) : '', p.vetoDeclared ? sw.veto(lang) : '',
    p.lastActivity ? sw.lastActivity(lang, at(p.lastActivity)) : sw.noActivity(lang),
  ].filter(Boolean);
  const items = p.items.map((i) => {
    const item = s.campaign.checklist.find((c) => c.id === i.id)!;
    const st = STATUS_WORDS[i.status];
    return {
      icon: st.icon, title: item.title[lang], mine: i.overdue,
      detail: sw.dueLine(lang, st[lang], i.due, i.daysLeft, ROLE_NAMES[i.owner][lang], i.status === 'done'),
      reason: i.reason ? `${lang === 'zh' ? '退回原因：' : 'Returned because: '}${i.reason}` : '',
    };
  });
  await turn.card(
    renderCard('checklist', {
      title, subtitle: `${shanghaiDate(now)} · ${facts.join(' · ')}`, items,
      buttons: backToOverview ? [{ title: sw.backToOverview(lang), data: { action: 'command', command: 'status', args: '' } }] : [],
    }),
    `${title} · ${facts.join(' · ')}`,
  );
}

async function respond(turn: Turn, a: StatusAnswer): Promise<void> {
  const { lang } = turn;
  switch (a.kind) {
    case 'refused':
      await turn.say(sw.refused(lang));
      return;
    case 'nothing-visible':
      await turn.say(sw.nothingVisible(lang));
      return;
    case 'unknown-place':
      await turn.say(sw.unknownPlace(lang, a.name));
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
    await turn.say(names.length ? sw.unknownArg(lang, args.trim(), names) : sw.nothingVisible(lang));
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
        await turn.say(msg.needsBinding(turn.lang));
        return true;
      }
      await respond(turn, answerStatus(turn.s.campaign, turn.user, await visibleProgress(turn), q));
      return true;
    },
  };
}

