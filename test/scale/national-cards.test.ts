import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { join } from 'node:path';
import { CARD_BUDGET, checkActivity } from '../../cards/budget.js';
import { loadCampaign } from '../../src/campaign/load.js';
import type { Campaign } from '../../src/campaign/campaign.js';
import { SHIPPED_CAMPAIGN_DIR } from '../../src/config.js';
import { Applications } from '../../src/domain/application.js';
import { initialsOf } from '../../src/domain/district-list.js';
import { generateNational, writeNational } from '../../scripts/national/generate.js';
import { seedStore, seededContactId, seededLeadId } from '../../scripts/national/seed.js';
import { cardsOf, harness, seedSubmitted, submitActions, tempDir, textOf, type Chat, type Harness } from '../helpers.js';

/**
 * The national campaign (3,000 districts) walked card by card for every role:
 * every overview, list, page, filter, search and confirm a person can reach by
 * typing or tapping. Every reply stays within the card budget (≤ 25 KB, ≤ 6
 * buttons per action set, rows that fit a phone), and every row names a
 * district that the tap then opens.
 */
let h: Harness;
let c: Campaign;
let tmp: { dir: string; cleanup: () => void };
const biggest: Record<string, { bytes: number; what: string }> = {};

beforeAll(async () => {
  tmp = tempDir('mcb-national-');
  const dir = join(tmp.dir, 'national');
  writeNational(SHIPPED_CAMPAIGN_DIR, dir, generateNational(SHIPPED_CAMPAIGN_DIR, { districts: 3000 }));
  c = loadCampaign(dir);
  h = await harness({ campaign: c, now: '2012-10-20T09:00:00+08:00' });
  await seedStore(h.store, c, { now: h.clock.now(), channelId: 'test' });
  // Some of every state: submitted, returned, approved, a veto declared.
  const apps = new Applications(h.store);
  const review = c.checklist.filter((i) => i.completion.kind === 'review').map((i) => i.id);
  for (const [n, d] of c.districts.entries()) {
    if (n % 97 !== 3) continue;
    await seedSubmitted(h.services, d.id, `test:${seededContactId(d.id)}`, h.clock.now());
    const l = await apps.get(d.id);
    const r = structuredClone(l.record);
    if (n % 3 === 0) for (const id of review) r.itemStates[id] = { status: 'done', at: h.clock.now().toISOString() };
    else if (n % 3 === 1) r.returns = { indicators: { reason: '口径不对', at: h.clock.now().toISOString(), by: 'test' } };
    else r.veto[c.veto[0]!.id] = true;
    if (n % 3 === 1) {
      r.locked = false;
      delete r.submission;
    }
    const saved = await apps.save(d.id, l.version, r, [{ field: 'itemStates', new: '(seeded)' }], {
      actor: 'test',
      at: h.clock.now(),
      via: 'test',
    });
    if (!saved.ok) throw new Error('seed refused');
  }
}, 180_000);
afterAll(async () => {
  await h?.close();
  tmp?.cleanup();
  console.log(
    `largest replies at ${c?.districts.length} districts:\n${Object.entries(biggest)
      .map(([who, b]) => `  ${who.padEnd(10)} ${String(b.bytes).padStart(6)} bytes  ${b.what}`)
      .join('\n')}`,
  );
});

const nameOf = (id: string) => c.district(id)!.name.zh;

/** Every reply within budget, and none replaced by the edge's "too much to show". */
function within(who: string, what: string, replies: Partial<Activity>[]): void {
  expect(replies.length, `${who} ${what}: no reply`).toBeGreaterThan(0);
  for (const r of replies) {
    const report = checkActivity(r);
    expect(report.problems, `${who} ${what}`).toEqual([]);
    expect(report.bytes).toBeLessThanOrEqual(CARD_BUDGET.maxActivityBytes);
    for (const n of report.actionSets) expect(n).toBeLessThanOrEqual(CARD_BUDGET.maxActionsPerSet);
    expect(r.text ?? '', `${who} ${what}: cut by the edge`).not.toContain(h.services.text.common.tooLarge('zh').slice(0, 12));
    if (!biggest[who] || report.bytes > biggest[who]!.bytes) biggest[who] = { bytes: report.bytes, what };
  }
}

/** Taps that open a district, by action. */
const OPENS = new Set(['status.open', 'review.open', 'statistics.open']);
/** What the walk follows: reading and paging, never a write. */
const FOLLOW = new Set([...OPENS, 'status.list', 'status.filters', 'review.list', 'statistics.list', 'practices.list', 'command']);

/**
 * Sends `start`, then taps every reading button and row reachable from it,
 * breadth first; paging is followed `pages` deep per list. Returns the
 * districts opened.
 */
async function walk(who: string, chat: Chat, start: string[], pages = 3): Promise<Set<string>> {
  const opened = new Set<string>();
  const seen = new Set<string>();
  const queue: { what: string; value: Record<string, unknown> }[] = [];
  const take = (what: string, replies: Partial<Activity>[]) => {
    within(who, what, replies);
    for (const card of cardsOf(replies)) {
      for (const a of submitActions(card)) {
        const d = a.data;
        if (!FOLLOW.has(String(d.action))) continue;
        if (d.action === 'command' && !['status', 'review', 'indicators'].includes(String(d.command))) continue;
        const key = JSON.stringify(d);
        if (seen.has(key)) continue;
        if (typeof d.offset === 'number' && d.offset >= pages * h.services.pageSize) continue;
        seen.add(key);
        queue.push({ what: `${what} → ${a.title}`, value: d });
      }
    }
  };
  for (const text of start) take(text, await chat.send(text));
  while (queue.length > 0) {
    const { what, value } = queue.shift()!;
    const replies = await chat.submit(value);
    take(what, replies);
    if (OPENS.has(String(value.action))) {
      const id = (value.card as { record: string }).record;
      const body = replies.map(textOf).join('\n');
      expect(body, `${who} ${what} opens ${id}`).toContain(nameOf(id));
      opened.add(id);
    }
  }
  return opened;
}

/** The overview's picture and its alt text. */
async function chartOf(chat: Chat): Promise<{ url: string; alt: string } | undefined> {
  const m = JSON.stringify(cardsOf(await chat.send('进度'))[0]).match(
    /"type":"Image","url":"(data:image\/png;base64,[^"]+)","altText":"([^"]+)"/,
  );
  return m ? { url: m[1]!, alt: m[2]! } : undefined;
}

const someInitials = () => initialsOf(c.districts[1234]!.aliases[1]!);

describe('national scale: every card within the budget, every row opening its district', () => {
  it('should keep the office within budget on the overview, lists, pages, filters, searches and the mark-as-reported confirm', async () => {
    const office = await h.bound('office', { role: 'office' });
    const opened = await walk('office', office, [
      '进度',
      '进度 逾期',
      '进度 二类',
      '进度 北京市国土资源局规划处',
      `进度 ${someInitials()}`,
      '进度 海',
      '哪些区还没提交',
    ]);
    expect(opened.size).toBeGreaterThan(20);
    // The picture of progress fits the budget beside the counts at national scale too.
    expect((await chartOf(office))?.alt).toMatch(/^各区县状态：未开始 \d+，填报中 \d+，已提交待审 \d+，有退回 \d+，审核通过 \d+$/);
    // The filter card: pick lists and one button; each choice made gives a list within budget.
    const filters = cardsOf(await office.submit({ action: 'status.filters', list: {} }))[0]!;
    const show = submitActions(filters)[0]!.data;
    const division = c.divisions[7]!;
    for (const inputs of [
      { 'list.filter': 'not-submitted' },
      { 'list.filter': 'approved', 'list.class': 'II' },
      { 'list.division': division.id },
      { 'list.q': someInitials() },
      { 'list.filter': 'returned', 'list.q': '县' },
    ]) {
      const replies = await office.submit({ ...show, 'list.filter': '', 'list.class': '', 'list.division': '', 'list.q': '', ...inputs });
      within('office', `filters ${JSON.stringify(inputs)}`, replies);
    }
    const divisionList = JSON.stringify(cardsOf(await office.submit({ ...show, 'list.division': division.id }))[0]);
    expect(divisionList).toContain(nameOf(division.guides[0]!));
    // The last page, and a page past the end (an old card), are still pages.
    within('office', 'last page', await office.submit({ action: 'status.list', list: {}, offset: 2995 }));
    within('office', 'past the end', await office.submit({ action: 'status.list', list: {}, offset: 999_999 }));
    // A district named by id (an old button) or by alias opens it.
    expect((await office.send(`进度 ${c.districts[2]!.id}`)).map(textOf).join()).toContain(nameOf(c.districts[2]!.id));
    // Mark as reported: bounded, names a few, the rest a tap away.
    const ask = await office.submit({ action: 'compilation.report', step: 'ask', card: { kind: 'compilation' } });
    within('office', 'mark-as-reported confirm', ask);
    const rest = submitActions(cardsOf(ask)[0]).find((a) => a.data.action === 'status.list')!;
    within('office', 'not submitted, from the confirm', await office.submit(rest.data));
  }, 240_000);

  it('should keep the inspector within budget on 进度 and the 审核 list, every row opening the district', async () => {
    const inspector = await h.bound('inspector', { role: 'inspector' });
    const opened = await walk('inspector', inspector, ['进度', '审核', `审核 ${someInitials()}`, '审核 北京']);
    expect(opened.size).toBeGreaterThan(20);
  }, 240_000);

  it('should keep the statistics bureau within budget on its 指标 list, every row opening the district', async () => {
    const stats = await h.bound('stats', { role: 'statistics' });
    const opened = await walk('statistics', stats, ['指标', `指标 ${someInitials()}`, '指标 北京']);
    expect(opened.size).toBeGreaterThan(20);
  }, 240_000);

  it('should keep a national division within budget on 进度 and 审核, over its own districts only', async () => {
    const division = c.divisions.find((d) => d.guides.some((id) => c.districts.findIndex((x) => x.id === id) % 97 === 3))!;
    const lead = h.chat(seededLeadId(division.id));
    const opened = await walk('division', lead, ['进度', '进度 逾期', '审核']);
    expect(opened.size).toBeGreaterThan(10);
    for (const id of opened) expect(division.guides).toContain(id);
    const alt = (await chartOf(lead))?.alt ?? '';
    expect([...alt.matchAll(/\d+/g)].reduce((n, m) => n + Number(m[0]), 0)).toBe(division.guides.length);
  }, 240_000);

  it('should keep a contact within budget on every card of their own', async () => {
    const d = c.districts[3]!;
    const contact = h.chat(seededContactId(d.id));
    for (const text of ['进度', '清单', '菜单', '指标', '材料', '提醒', '进度 逾期', '进度 hd'])
      within('contact', text, await contact.send(text));
    expect((await contact.send('进度')).map(textOf).join()).toContain(d.name.zh);
  }, 240_000);
});
