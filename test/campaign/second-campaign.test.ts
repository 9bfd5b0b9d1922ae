import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { loadCampaign } from '../../src/campaign/load.js';
import type { Campaign } from '../../src/campaign/campaign.js';
import { harness, shippedCampaign, submitActions, cardsOf, type Chat, type Harness } from '../helpers.js';

/**
 * The campaign is data: a bot started on another campaign's folder (another
 * city and year, three classes, two phases, a division guiding three
 * districts) must never show anything of the shipped one. The words to look
 * for are read from the shipped data itself, so a new name there is covered.
 */
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'hangzhou-2031');

/** What only the shipped campaign says: its places, bodies, people, numbers and years. */
function shippedWords(c: Campaign): string[] {
  const f = { ...c, campaign: c.info };
  const texts = (t: { zh: string; en: string }) => [t.zh, t.en];
  const words = [
    ...f.districts.flatMap((d) => [d.id, ...texts(d.name), ...d.aliases]),
    ...f.divisions.flatMap((d) => [d.id, ...texts(d.name), ...d.aliases]),
    ...f.campaign.bodies.flatMap((b) => texts(b.name)),
    ...texts(f.campaign.office.name),
    ...texts(f.campaign.notice.issuer),
    f.campaign.notice.issuerShort?.zh ?? '',
    f.campaign.terms?.office?.zh ?? '',
    f.campaign.terms?.issuer?.zh ?? '',
    f.campaign.notice.number,
    f.campaign.notice.contact.name,
    f.campaign.notice.contact.phone,
    f.campaign.title.zh,
    ...f.phases.flatMap((p) => [p.start.slice(0, 4), p.end.slice(0, 4), p.name.zh]),
    ...f.checklist.flatMap((i) => (i.completion.kind === 'practices' ? i.completion.kinds.flatMap((k) => texts(k.name)) : [])),
    '北京',
    'Beijing',
  ];
  // Generic words that any campaign's divisions may also use.
  const generic = new Set(['办公室', '局办公室', 'General Office', 'general-office', '人事', '监察', '党委']);
  return [...new Set(words)].filter((w) => w.length >= 2 && !generic.has(w));
}

/**
 * Everything a person sees in a reply: its text, summary, speak and cards.
 * "北京时间" / "Beijing time" is the name of China's time zone, which every
 * campaign in China uses, so it is not a leak.
 */
function seen(replies: Partial<Activity>[]): string {
  return JSON.stringify(
    replies.map((r) => ({ text: r.text, speak: r.speak, summary: r.summary, attachments: r.attachments, suggested: r.suggestedActions })),
  )
    .replaceAll('北京时间', '')
    .replaceAll(/Beijing time/gi, '');
}

let h: Harness;
let forbidden: string[];
const log: { who: string; said: string; seen: string }[] = [];

async function tour(chat: Chat, who: string, inputs: (string | Record<string, unknown>)[]): Promise<Partial<Activity>[]> {
  const all: Partial<Activity>[] = [];
  for (const input of inputs) {
    const replies = typeof input === 'string' ? await chat.send(input) : await chat.submit(input);
    expect(replies.length, `${who}: ${JSON.stringify(input)} got no reply`).toBeGreaterThan(0);
    log.push({ who, said: JSON.stringify(input), seen: seen(replies) });
    all.push(...replies);
  }
  return all;
}

beforeAll(async () => {
  const campaign = loadCampaign(FIXTURE);
  forbidden = shippedWords(shippedCampaign());
  h = await harness({ campaign, now: '2031-04-08T10:00:00+08:00' });
});
afterAll(() => h.close());

describe('a second campaign', () => {
  it('should load with its own districts, classes and phases', () => {
    const c = h.services.campaign;
    expect(c.districts.map((d) => d.id)).toEqual(['shangcheng', 'xihu', 'binjiang', 'xiaoshan', 'chunan']);
    expect(c.info.classes.map((k) => k.id)).toEqual(['I', 'II', 'III']);
    expect(c.phases).toHaveLength(2);
  });

  it('should run a tour of every role, in Chinese and English, naming nothing of the shipped campaign', async () => {
    const contact = await h.bound('hz-contact', { role: 'contact', districtId: 'xihu' });
    const contactReplies = await tour(contact, 'contact', [
      '帮助',
      '菜单',
      '清单',
      '指标',
      '材料',
      '进度',
      '提醒',
      'help',
      'checklist',
      'indicators',
    ]);
    // Open every card button the contact's checklist and indicator cards offer.
    for (const card of cardsOf(contactReplies).slice(0, 4)) {
      for (const a of submitActions(card).slice(0, 6)) await tour(contact, 'contact card', [a.data]);
    }

    const division = await h.bound('hz-division', { role: 'division', divisionId: 'farmland' });
    await tour(division, 'division', ['帮助', '菜单', '进度', '审核', '审核 西湖', '提醒', 'help', 'review']);

    const office = await h.bound('hz-office', { role: 'office' });
    await tour(office, 'office', ['帮助', '菜单', '进度', '进度 未提交', '提醒 预览', '提醒 报告', '导出', 'status', 'reminders preview']);

    const inspector = await h.bound('hz-inspector', { role: 'inspector' });
    await tour(inspector, 'inspector', ['帮助', '进度', '审核']);

    const statistics = await h.bound('hz-statistics', { role: 'statistics' });
    await tour(statistics, 'statistics', ['帮助', '指标', '指标 西湖']);

    const visitor = h.chat('hz-visitor');
    await tour(visitor, 'visitor', [
      '你好',
      '帮助',
      '申报什么时候截止？',
      '有哪些区参加',
      '西湖区是哪一类',
      '谁负责指导西湖区',
      '核查阶段什么时候开始',
      '联络员怎么定',
      '一票否决有哪些',
      'When is the deadline?',
      'Which districts take part?',
      'Who guides Xihu?',
      'What classes are there?',
    ]);

    const leaks = log.flatMap((l) => forbidden.filter((w) => l.seen.includes(w)).map((w) => `${l.who} ${l.said} → "${w}"`));
    expect(leaks).toEqual([]);
    // The tour really ran on the fixture: its own names show up.
    const everything = log.map((l) => l.seen).join('\n');
    for (const own of ['西湖区', '耕地保护处', '创建专班', '2031']) expect(everything).toContain(own);
  });
});
