import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { Applications } from '../../src/domain/application.js';
import { seedSubmitted, silentLog, testConfig } from '../helpers.js';
import { postTurn } from '../bot-process.js';

/**
 * Access, end to end over HTTP: every role (and a stranger) sends every
 * command and forges every card action against 丰台区, a district none of
 * the district-bound test users may touch. Allowed actions work; the rest are
 * refused without a word about 丰台区's data, and nothing changes.
 */
let app: App;
let fengtaiVersion: number;
beforeAll(async () => {
  app = await startApp({ config: testConfig({ CLOCK: '2012-10-22T10:00', REMINDERS: 'off' }), log: silentLog });
  await seedSubmitted(app.services, 'fengtai', 'webchat:demo-contact-fengtai', app.services.clock.now());
  fengtaiVersion = (await new Applications(app.services.store).get('fengtai')).version;
});
afterAll(async () => app?.close());

async function post(from: string, body: Record<string, unknown>): Promise<string> {
  const res = await postTurn(app.url, from, body);
  expect(res.status).toBe(200);
  const { activities } = (await res.json()) as { activities: { text?: string; summary?: string; attachments?: unknown[] }[] };
  return activities.map((a) => [a.text ?? '', a.summary ?? '', JSON.stringify(a.attachments ?? [])].join('\n')).join('\n');
}

const v = () => fengtaiVersion;
const card = (kind: string, extra: Record<string, unknown> = {}) => ({ kind, record: 'fengtai', ...extra });
const PASS = { 'point.eligibility.verdict': 'pass', 'point.truthfulness.verdict': 'pass', 'point.compliance.verdict': 'pass' };
const INPUTS: Record<string, () => Record<string, unknown>> = {
  清单: () => ({ text: '清单' }),
  指标: () => ({ text: '指标' }),
  材料: () => ({ text: '材料' }),
  提交: () => ({ text: '提交' }),
  进度: () => ({ text: '进度' }),
  '进度 丰台': () => ({ text: '进度 丰台' }),
  丰台进度怎么样: () => ({ text: '丰台进度怎么样' }),
  审核: () => ({ text: '审核' }),
  '审核 丰台': () => ({ text: '审核 丰台' }),
  导出: () => ({ text: '导出' }),
  提醒: () => ({ text: '提醒' }),
  '邀请 office': () => ({ text: '邀请 office' }),
  'application.save': () => ({
    value: {
      action: 'application.save',
      mode: 'draft',
      card: card('indicators:land', { version: v() }),
      'indicators.land-supply-rate': '11',
    },
  }),
  'application.complete': () => ({ value: { action: 'application.complete', card: card('form') } }),
  'district.start': () => ({ value: { action: 'district.start', item: 'form', card: card('checklist') } }),
  'application.submit': () => ({ value: { action: 'application.submit', confirm: 'yes', card: card('submit', { version: v() }) } }),
  'materials.remove': () => ({ value: { action: 'materials.remove', fileId: 'seed-publicity-plan', card: card('materials') } }),
  'review.open': () => ({ value: { action: 'review.open', card: card('review-list') } }),
  'review.decide': () => ({ value: { action: 'review.decide', decision: 'approve', card: card('review', { version: v() }), ...PASS } }),
  'statistics.open': () => ({ value: { action: 'statistics.open', card: card('statistics-list') } }),
  'statistics.save': () => ({
    value: { action: 'statistics.save', card: card('statistics', { version: v() }), 'indicators.investment-per-new-land': '99999' },
  }),
  'recheck.record': () => ({
    value: { action: 'recheck.record', card: card('recheck', { version: v() }), 'recheck.verdict': 'confirmed', 'recheck.finding': '伪造' },
  }),
  'practices.save': () => ({
    value: {
      action: 'practices.save',
      card: card('practices', { nonce: 'n1' }),
      'practice.title': '伪造',
      'practice.kind': 'mechanism',
      'practice.summary': '伪造的内容伪造的内容伪造的内容',
    },
  }),
  'compilation.report': () => ({ value: { action: 'compilation.report', step: 'yes', card: { kind: 'compilation' } } }),
};

// What each identity may do; everything else must be refused. Writes against 丰台区 are never allowed to these users.
const ALLOWED: Record<string, string[]> = {
  'demo-contact-haidian': ['清单', '指标', '材料', '提交', '进度', '提醒'],
  'demo-division-general-office': ['进度', '审核', '提醒'],
  'demo-office': ['进度', '进度 丰台', '丰台进度怎么样', '导出', '提醒', '邀请 office'],
  'demo-inspector': ['进度', '进度 丰台', '丰台进度怎么样', '审核', '审核 丰台', 'review.open', '提醒'],
  'demo-statistics': ['指标', '提醒', 'statistics.open', 'statistics.save'], // the bureau enters its indicators for every district
  stranger: [],
};
// Readers of 丰台区 may see its data; the others must not get a hint of it.
const MAY_SEE_FENGTAI = new Set(['demo-office', 'demo-inspector', 'demo-statistics']);
const REFUSED = /不能使用这个命令|需要先绑定|已被拒绝|没有查看该区县进度的权限|没有可查看进度的区县|不在该阶段|没有保存|无法识别|不能|只有/;
const LEAKS = ['75%', '示例内容', '010-64409597', 'publicity-plan.pdf', '已提交 2012'];

describe('access over HTTP, for every role, command and card action', () => {
  for (const [who, allowed] of Object.entries(ALLOWED)) {
    it(`should let ${who} do exactly what its role allows`, async () => {
      await post(who, { text: '帮助' }); // first contact: the welcome
      for (const [name, input] of Object.entries(INPUTS)) {
        // Office's "mark as reported" is allowed but would close edits for every test after it; it has its own tests.
        if (name === 'compilation.report' && who === 'demo-office') continue;
        const reply = await post(who, input());
        if (allowed.includes(name)) {
          expect(reply, `${who} ${name}`).not.toMatch(/不能使用这个命令|需要先绑定|已被拒绝|没有查看该区县进度的权限/);
        } else {
          expect(reply, `${who} ${name}`).toMatch(REFUSED);
          if (!MAY_SEE_FENGTAI.has(who)) for (const leak of LEAKS) expect(reply, `${who} ${name} leaks ${leak}`).not.toContain(leak);
        }
      }
      const { version, record } = await new Applications(app.services.store).get('fengtai');
      expect(record.indicators['land-supply-rate']).not.toBe(11);
      if (allowed.includes('statistics.save')) {
        expect(record.indicators['investment-per-new-land']).toBe(99999); // an allowed write works
        fengtaiVersion = version;
      } else {
        expect(version, `${who} changed 丰台区`).toBe(fengtaiVersion);
      }
    }, 60_000);
  }

  it('should refuse an unknown user everything but public questions and binding', async () => {
    expect(await post('stranger-2', { text: '海淀区属于哪类地区？' })).toContain('Ⅰ类');
    expect(await post('stranger-2', { text: '绑定 ABCD-EFGH' })).toContain('不存在');
    expect(await post('stranger-2', { text: '哪些区还没提交' })).not.toMatch(/丰台区[^，。]*已提交/);
  });
});
