import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Activity } from 'botbuilder';
import {
  cardsOf,
  harness,
  inputValues,
  linksIn,
  openLink,
  seedSubmitted,
  submitActions,
  textOf,
  type Chat,
  type Harness,
  VALID_FORM,
} from '../helpers.js';
import { Role } from '../../src/campaign/schema.js';
import { COMMAND_WORDS } from '../../src/text/index.js';

/**
 * What people read names nothing of the bot's insides: no reminder rule id,
 * role id, status id, user id or file name in any reply of a tour through
 * every role, nor in any cell of the compiled workbook; Chinese text has no
 * stray English words, English text no full-width punctuation of its own.
 */
let h: Harness;
const seen: { who: string; said: string; lang: 'zh' | 'en'; text: string }[] = [];

/** Keys of a card that the person never reads: where a button goes, input ids, layout. */
const HIDDEN = new Set([
  'data',
  'id',
  'type',
  '$schema',
  'version',
  'style',
  'color',
  'weight',
  'size',
  'spacing',
  'horizontalAlignment',
  'width',
  'url',
  'selectAction',
  'isSubtle',
  'wrap',
  'separator',
  'isRequired',
  'isMultiline',
  'maxLength',
  'value_',
]);

/** Every string a person reads in a reply: text (Markdown link targets dropped), summary, speech, and the card's words. */
function visibleText(a: Partial<Activity>): string {
  const out: string[] = [a.text ?? '', a.summary ?? '', a.speak ?? ''];
  const walk = (node: unknown, key = ''): void => {
    if (typeof node === 'string') {
      if (!HIDDEN.has(key)) out.push(node);
    } else if (Array.isArray(node)) node.forEach((n) => walk(n, key));
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      // An input's value is what the person typed or chose, and a choice's value is hidden behind its title.
      const isChoice = 'title' in o && 'value' in o && !('type' in o);
      for (const [k, v] of Object.entries(o))
        if (!HIDDEN.has(k) && !(isChoice && k === 'value') && !(k === 'value' && String(o.type ?? '').startsWith('Input.'))) walk(v, k);
    }
  };
  for (const att of a.attachments ?? []) walk(att.content);
  for (const s of a.suggestedActions?.actions ?? []) out.push(String(s.title ?? ''));
  return out.join('\n').replace(/\]\([^)]*\)/g, ']');
}

async function tour(
  chat: Chat,
  who: string,
  lang: 'zh' | 'en',
  inputs: (string | Record<string, unknown> | Partial<Activity>)[],
): Promise<Partial<Activity>[]> {
  const all: Partial<Activity>[] = [];
  for (const input of inputs) {
    const replies =
      typeof input === 'string'
        ? await chat.send(input)
        : 'action' in input
          ? await chat.submit(input)
          : await chat.activity(input as Partial<Activity>);
    for (const r of replies) seen.push({ who, said: JSON.stringify(input).slice(0, 80), lang, text: visibleText(r) });
    all.push(...replies);
  }
  return all;
}

const cardWith = (replies: Partial<Activity>[], pred: (d: Record<string, unknown>) => boolean) =>
  cardsOf(replies).find((c) => submitActions(c).some((a) => pred(a.data)));
const actionIn = (card: unknown, pred: (d: Record<string, unknown>) => boolean) => submitActions(card).find((x) => pred(x.data))!.data;
const PDF = `data:application/pdf;base64,${Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').toString('base64')}`;

const workbookCells: string[] = [];

beforeAll(async () => {
  h = await harness({ now: '2012-10-15T09:00:00+08:00' });
  const c = h.services.campaign;
  const stranger = h.chat('路人甲');
  await tour(stranger, 'stranger', 'zh', [
    '你好',
    '帮助',
    '菜单',
    '海淀区属于哪类地区？',
    '地均产出强度怎么算',
    '申报还剩几天？',
    '一票否决有哪些',
    '谁负责指导丰台区？',
    '提醒',
  ]);
  const visitor = h.chat('访客乙');
  await tour(visitor, 'visitor', 'en', [
    'help',
    'menu',
    'Which class is Haidian in?',
    'How is output per unit of construction land calculated?',
    'When is the deadline?',
    'What are the veto items?',
  ]);

  // A contact walks the application: every card, a wrong value, a file, the submit check.
  const contact = await h.bound('海淀张三', { role: 'contact', districtId: 'haidian' });
  const list = await tour(contact, 'contact', 'zh', ['清单', '菜单']);
  const form = cardWith(
    await tour(contact, 'contact', 'zh', [actionIn(cardsOf(list)[0], (d) => d.action === 'district.start')]),
    (d) => d.action === 'application.save',
  )!;
  // The draft card: a wrong value, then a partial draft, its 补填必填项 and the completion card, refused empty, then saved.
  const draft = actionIn(form, (d) => d.mode === 'draft');
  await tour(contact, 'contact', 'zh', [{ ...draft, ...inputValues(form), 'form.contactPhone': 'abc' }]);
  const kept = await tour(contact, 'contact', 'zh', [{ ...draft, ...inputValues(form), 'form.leader': '张三' }]);
  const completion = cardWith(
    await tour(contact, 'contact', 'zh', [actionIn(cardsOf(kept)[0], (d) => d.action === 'application.complete')]),
    (d) => d.mode === 'save',
  )!;
  const full = actionIn(completion, (d) => d.mode === 'save');
  await tour(contact, 'contact', 'zh', [{ ...full, ...inputValues(completion) }]);
  const saved = await tour(contact, 'contact', 'zh', [{ ...full, ...inputValues(completion), ...VALID_FORM }]);
  const veto = cardWith(
    await tour(contact, 'contact', 'zh', [actionIn(cardsOf(saved)[0], (d) => d.action === 'district.start')]),
    (d) => d.action === 'application.save',
  )!;
  await tour(contact, 'contact', 'zh', [
    { ...actionIn(veto, (d) => d.mode === 'save'), ...inputValues(veto), ...Object.fromEntries(c.veto.map((v) => [`veto.${v.id}`, 'no'])) },
  ]);
  // Someone else's district, and the old form card again: refused, and audited as refused.
  await tour(contact, 'contact', 'zh', [
    { action: 'application.save', card: { kind: 'form', record: 'dongcheng', version: 0 }, mode: 'save' },
    { ...actionIn(form, (d) => d.mode === 'draft'), ...inputValues(form), 'form.leader': '王五' },
  ]);
  const indicators = await tour(contact, 'contact', 'zh', ['指标']);
  const land = cardWith(indicators, (d) => (d.card as { kind?: string })?.kind === 'indicators:land')!;
  await tour(contact, 'contact', 'zh', [
    { ...actionIn(land, (d) => d.mode === 'draft'), ...inputValues(land), 'indicators.land-supply-rate': '150' },
  ]);
  await tour(contact, 'contact', 'zh', [
    '材料',
    { attachments: [{ contentType: 'application/pdf', contentUrl: PDF, name: '宣传方案.pdf' }] },
    '1',
    '取消',
    '提交',
    '提醒',
    '提醒 静音 不存在',
    '进度',
    '我们区还缺什么？',
    '指标 模板',
    '下一个截止日期是哪天？',
  ]);
  await tour(contact, 'contact', 'en', ['checklist', 'reminders', 'reminders mute nonsense', 'submit', 'status']);
  const landEn = cardWith(
    await tour(contact, 'contact', 'en', ['indicators']),
    (d) => (d.card as { kind?: string })?.kind === 'indicators:land',
  )!;
  const keptEn = await tour(contact, 'contact', 'en', [
    { ...actionIn(landEn, (d) => d.mode === 'draft'), ...inputValues(landEn), 'indicators.land-supply-rate': '80' },
  ]);
  await tour(contact, 'contact', 'en', [actionIn(cardsOf(keptEn)[0], (d) => d.action === 'application.complete')]);

  // The review chain over a submitted district.
  await seedSubmitted(h.services, 'dongcheng', 'test:东城孙八', h.clock.now());
  const lead = c.divisions.find((d) => d.guides.includes('dongcheng'))!;
  const division = await h.bound('处室李四', { role: 'division', divisionId: lead.id });
  const review = cardWith(await tour(division, 'division', 'zh', ['审核', '审核 东城']), (d) => d.action === 'review.decide')!;
  await tour(division, 'division', 'zh', [{ ...actionIn(review, (d) => d.decision === 'approve'), ...inputValues(review) }]);
  const again = cardWith(await tour(division, 'division', 'zh', ['审核 东城']), (d) => d.action === 'review.decide')!;
  const pass = Object.fromEntries(c.info.review.points.map((p) => [`point.${p.id}.verdict`, 'pass']));
  await tour(division, 'division', 'zh', [
    { ...actionIn(again, (d) => d.decision === 'approve'), ...inputValues(again), ...pass },
    '进度',
    '提醒',
  ]);
  await tour(division, 'division', 'en', ['review', 'status']);

  const statistics = await h.bound('统计王五', { role: 'statistics' });
  await tour(statistics, 'statistics', 'zh', ['指标', '指标 东城']);
  const inspector = await h.bound('督察赵六', { role: 'inspector' });
  await tour(inspector, 'inspector', 'zh', ['进度', '审核 东城']);

  const office = await h.bound('办公室钱七', { role: 'office' });
  await tour(office, 'office', 'zh', [
    '进度',
    '进度 逾期',
    '进度 东城',
    '提醒 预览 2012-10-16',
    '提醒 报告',
    '邀请 xyz',
    '邀请 区县联系人 海淀',
    '邀请 指导处室负责人 人事处',
    '邀请',
    '取消',
    '进度 好做法',
  ]);
  const exported = await tour(office, 'office', 'zh', ['导出']);
  await tour(office, 'office', 'en', ['status', 'reminders preview 2012-10-16', 'invite xyz']);

  for (const n of h.notifier.sent)
    seen.push({
      who: `to ${n.userId}`,
      said: '(notice)',
      lang: 'zh',
      text: visibleText({ text: n.message.text, attachments: n.message.attachments as Activity['attachments'] }),
    });

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await openLink(h.services, linksIn(exported.map(textOf).join('\n'))[0]!)) as unknown as ArrayBuffer);
  wb.eachSheet((ws) =>
    ws.eachRow((row) => row.eachCell((cell) => workbookCells.push(`${ws.name}!${cell.address}: ${String(cell.text ?? '')}`))),
  );
}, 120_000);
afterAll(() => h.close());

/** The bot's own identifiers: reminder rules, roles, item and review statuses, people. */
function identifiers(): RegExp[] {
  const c = h.services.campaign;
  const ids = [
    ...c.reminders.rules.map((r) => r.id),
    ...Role.options,
    'todo',
    'in-progress',
    'done',
    'returned',
    'not-submitted',
    'approve',
    'pass',
    'fail',
    'pending',
    'unreachable',
  ];
  return [
    ...ids.map((id) => new RegExp(`(?<![\\w-])${id.replace(/[-]/g, '\\-')}(?![\\w-])`)),
    /test:\S+/, // user ids of this harness (its chats are named in Chinese, so a name is told from an id)
    /\b[\w-]+\.(md|json|ts|js|txt)\b/i, // file names of the bot's own
  ];
}

const WORD = /[A-Za-z][A-Za-z0-9-]{2,}/g;
/**
 * English that Chinese text may carry: format and unit names people use as they
 * are, and the English command words the help pairs with the Chinese ones.
 */
const ALLOWED_IN_ZH = new Set([
  'PDF',
  'Word',
  'Excel',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'jpg',
  'png',
  'gif',
  'SHA-256',
  'GDP',
  'ABCD-EFGH',
  ...Object.values(COMMAND_WORDS.en).flat(),
]);
/** What people typed or uploaded themselves (file names, codes) is theirs to read back. */
const theirs = (text: string) =>
  text
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\b[A-Z0-9]{4}-[A-Z0-9]{4}\b/g, '')
    .replace(/\b[0-9a-f]{8,64}\b/g, '')
    .replace(/[\w\p{Script=Han}（）-]+\.(pdf|docx?|xlsx?)\b/gu, '');

describe('the words people read', () => {
  it('should name no rule, role, status or user id and no file name in any Chinese reply', () => {
    expect(seen.length).toBeGreaterThan(60);
    const hits = seen
      .filter((s) => s.lang === 'zh')
      .flatMap((s) =>
        identifiers()
          .filter((re) => re.test(theirs(s.text)))
          .map((re) => `${s.who} ${s.said} → ${re} in ${JSON.stringify(s.text.match(re)?.[0])}`),
      );
    expect(hits).toEqual([]);
  });

  it('should carry no stray English words in Chinese replies', () => {
    const hits = seen
      .filter((s) => s.lang === 'zh')
      .flatMap((s) =>
        [...theirs(s.text).matchAll(WORD)]
          .map((m) => m[0])
          .filter((w) => !ALLOWED_IN_ZH.has(w))
          .map((w) => `${s.who} ${s.said} → ${w}`),
      );
    expect([...new Set(hits)]).toEqual([]);
  });

  it('should use English punctuation in English replies, and name no rule, status or user id there either', () => {
    const fullWidth = /(?<![\p{Script=Han}\u3000-\u303f\uff08\uff09])[：（），。；](?![\p{Script=Han}])/u;
    const hits = seen
      .filter((s) => s.lang === 'en')
      .flatMap((s) => [
        ...(fullWidth.test(s.text)
          ? [
              `${s.who} ${s.said} → full-width ${JSON.stringify(s.text.match(fullWidth)?.[0])} in ${JSON.stringify(s.text.slice(Math.max(0, s.text.search(fullWidth) - 30), s.text.search(fullWidth) + 10))}`,
            ]
          : []),
        ...identifiers()
          .slice(0, h.services.campaign.reminders.rules.length)
          .filter((re) => re.test(s.text))
          .map((re) => `${s.who} ${s.said} → ${re}`),
        ...identifiers()
          .slice(-2)
          .filter((re) => re.test(s.text))
          .map((re) => `${s.who} ${s.said} → ${re}`),
      ]);
    expect(hits).toEqual([]);
  });

  it('should create a code from the usage the office is shown, typed in Chinese words', () => {
    const typed = seen
      .filter((s) => s.said.includes('邀请 指导处室负责人'))
      .map((s) => s.text)
      .join('\n');
    expect(typed).toContain('邀请码：');
    expect(typed).toContain(`${h.services.campaign.division('personnel')!.name.zh} · 指导处室负责人`);
  });

  it('should fill the Chinese workbook with names and words, not ids', () => {
    expect(workbookCells.length).toBeGreaterThan(100);
    if (process.env.SHOW_CELLS) console.log(workbookCells.filter((c) => c.startsWith('审计日志') || c.startsWith('清单进度')).join('\n'));
    // The tour reached the rows that used to show ids: refusals, saves by card, statuses, people.
    const all = workbookCells.join('\n');
    for (const words of ['已拒绝', '无权限', '卡片 · 申报表', '区县联系人', '已完成', '海淀张三']) expect(all).toContain(words);
    const hits = workbookCells.flatMap((cell) =>
      identifiers()
        .filter((re) => re.test(cell.replace(/^[^:]+: /, '')))
        .map((re) => `${cell} (${re})`),
    );
    expect(hits).toEqual([]);
  });
});
