import { currentOrNextPhase } from '../../campaign/campaign.js';
import { dataCite, sources } from '../cite.js';
import type { ItemView } from '../words.js';
import { milestoneLine } from './work.js';
import type { Answer, AnswerInput } from './types.js';

/** Questions about the asker's own district, answered from its progress. */

function notEnrolled(a: AnswerInput): Answer {
  const { c, w, user } = a;
  const items = c.checklist.filter((i) => i.owner === 'contact' && i.phase === currentOrNextPhase(c, a.now).id);
  const text = [
    w.notEnrolled(!!user && user.role === 'contact'),
    ...(items.length ? [w.sharedMilestones, ...items.map((i) => `• ${milestoneLine(a, i)}`)] : []),
  ].join('\n');
  return { text, source: dataCite(c, a.lang, 'checklist') };
}

function itemView(a: AnswerInput, i: { id: string; due: string; daysLeft: number; status: string; reason?: string | undefined }): ItemView {
  const title = a.c.checklist.find((x) => x.id === i.id)?.title[a.lang] ?? i.id;
  return { title, due: i.due, daysLeft: i.daysLeft, status: i.status, ...(i.reason ? { reason: i.reason } : {}) };
}

const record = (a: AnswerInput) => sources(a.lang, a.w.ownRecord, dataCite(a.c, a.lang, 'checklist'));

export function myMissing(a: AnswerInput): Answer {
  const { c, w, progress: p } = a;
  if (!p) return notEnrolled(a);
  const name = c.district(p.districtId)?.name[a.lang] ?? p.districtId;
  const open = p.items
    .filter((i) => i.status !== 'done' && (i.owner === 'contact' || i.status === 'returned'))
    .sort((x, y) => x.due.localeCompare(y.due));
  const text = w.missing(
    name,
    p.percent,
    open.map((i) => itemView(a, i)),
    p.vetoDeclared,
  );
  return { text, source: open.length ? record(a) : dataCite(c, a.lang, 'checklist') };
}

export function myDeadline(a: AnswerInput): Answer {
  const { w, progress: p } = a;
  if (!p) return notEnrolled(a);
  const open = p.items
    .filter((i) => i.status !== 'done' && (i.owner === 'contact' || i.status === 'returned'))
    .sort((x, y) => x.due.localeCompare(y.due));
  const next = open.find((i) => i.daysLeft >= 0);
  const overdue = open.filter((i) => i.daysLeft < 0);
  return {
    text: w.myDeadlines(
      next && itemView(a, next),
      overdue.map((i) => itemView(a, i)),
    ),
    source: record(a),
  };
}
