import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import {
  CARD_BUDGET,
  activityBytes,
  buttonWidthPx,
  checkActivity,
  largestFitting,
  layoutCard,
  packRows,
  rowFits,
  textWidthPx,
} from '../../cards/budget.js';
import { renderCard } from '../../cards/render.js';
import { fitReply } from '../../src/bot/reply-budget.js';
import { createLogger } from '../../src/util/logger.js';
import { submitActions } from '../helpers.js';

const button = (title: string, n = 0) => ({
  type: 'Action.Submit',
  title,
  data: { action: 'command', command: 'status', args: String(n) },
});
const card = (actions: object[], body: object[] = []) => ({ type: 'AdaptiveCard', version: '1.5', body, actions });
const message = (content: object) => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }],
});

describe('card budget: measuring', () => {
  it('should count an activity in UTF-8 bytes, as it goes over the wire', () => {
    expect(activityBytes({ text: '海淀' })).toBe(JSON.stringify({ text: '' }).length + 6);
  });

  it('should estimate button titles wider for Chinese than for Latin letters', () => {
    expect(textWidthPx('填写申报表')).toBe(5 * CARD_BUDGET.buttonFontPx);
    expect(textWidthPx('ab')).toBeLessThan(textWidthPx('海淀'));
    expect(buttonWidthPx('清单')).toBe(28 + CARD_BUDGET.buttonChromePx);
  });

  it('should report bytes, too many buttons in a set and titles that would be cut on a 390 px phone', () => {
    const big = message(card([button('好')], [{ type: 'TextBlock', text: '字'.repeat(9000) }]));
    expect(checkActivity(big).problems.map((p) => p.kind)).toEqual(['bytes']);
    const seven = message(card(Array.from({ length: 7 }, (_, i) => button(String(i)))));
    expect(checkActivity(seven).problems.map((p) => p.kind)).toEqual(['actions']);
    const long = message(card([button('填写申报表'), button('开始填报指标数据'), button('暂停1周提醒')]));
    expect(checkActivity(long).problems.map((p) => p.kind)).toEqual(['title']);
    const nested = message(
      card([], [{ type: 'Container', items: [{ type: 'ActionSet', actions: Array.from({ length: 7 }, (_, i) => button(String(i))) }] }]),
    );
    expect(checkActivity(nested).actionSets).toEqual([7]);
    expect(checkActivity(message(card([button('上一页'), button('下一页')]))).problems).toEqual([]);
  });
});

describe('card budget: laying out buttons for a phone', () => {
  it('should split buttons into even rows that each fit, keeping their order', () => {
    const titles = ['清单', '指标', '材料', '提交', '进度', '提醒'];
    const rows = packRows(titles.map((t) => button(t)));
    expect(rows.map((r) => r.length)).toEqual([3, 3]);
    expect(rows.flat().map((b) => b.title)).toEqual(titles);
    for (const r of rows) expect(rowFits(r.map((b) => b.title))).toBe(true);
  });

  it('should leave a card whose buttons fit one row as it is', () => {
    const c = card([button('上一页'), button('下一页')]);
    expect(layoutCard(c)).toEqual(c);
  });

  it('should move buttons that do not fit into ActionSet rows in the body, none over 6 and every title uncut', () => {
    const titles = Array.from({ length: 9 }, (_, i) => `审核区县${i}`);
    const laid = layoutCard(
      card(
        titles.map((t, i) => button(t, i)),
        [{ type: 'TextBlock', text: 'x' }],
      ),
    );
    expect(laid.actions).toEqual([]);
    expect(submitActions(laid).map((a) => a.title)).toEqual(titles);
    const report = checkActivity(message(laid));
    expect(report.problems).toEqual([]);
    expect(Math.max(...report.actionSets)).toBeLessThanOrEqual(CARD_BUDGET.maxActionsPerSet);
    // A body ActionSet inside a container is split in place.
    const inner = layoutCard(
      card([], [{ type: 'Container', items: [{ type: 'ActionSet', id: 'x', actions: titles.map((t) => button(t)) }] }]),
    );
    expect(checkActivity(message(inner)).problems).toEqual([]);
    expect(JSON.stringify(inner).match(/"id":"x"/g)).toHaveLength(1);
  });
});

describe('card budget: how many rows fit', () => {
  it('should find the largest count whose card stays under the budget', () => {
    const build = (n: number) =>
      card(
        [],
        Array.from({ length: n }, (_, i) => ({ type: 'TextBlock', text: `${i} ${'区'.repeat(100)}` })),
      );
    const n = largestFitting(1000, build);
    expect(n).toBeGreaterThan(10);
    expect(n).toBeLessThan(1000);
    expect(activityBytes(message(build(n)))).toBeLessThanOrEqual(CARD_BUDGET.maxActivityBytes - 1024);
    expect(activityBytes(message(build(n + 1)))).toBeGreaterThan(CARD_BUDGET.maxActivityBytes - 1024);
    expect(largestFitting(5, build)).toBe(5);
  });
});

describe('the reply guard at the edge', () => {
  const logged = () => {
    const out = new PassThrough();
    const lines: string[] = [];
    out.on('data', (b: Buffer) => lines.push(...b.toString().split('\n').filter(Boolean)));
    return { log: createLogger('info', out), lines };
  };

  it('should send the summary and a hint instead of a card over the byte budget, and log it', async () => {
    const { log, lines } = logged();
    const huge = { ...message(card([], [{ type: 'TextBlock', text: '区'.repeat(10_000) }])), summary: '各区县进度' };
    const out = fitReply(huge, '（内容过多，请缩小范围）', log);
    expect(out.attachments).toBeUndefined();
    expect(out.text).toContain('各区县进度');
    expect(out.text).toContain('缩小范围');
    await new Promise((r) => setImmediate(r));
    expect(lines.some((l) => l.includes('reply over the card budget (card replaced'))).toBe(true);
  });

  it('should cut a plain text reply over the byte budget where it still fits, and say so', () => {
    const { log, lines } = logged();
    const names = Array.from({ length: 4000 }, (_, i) => `北京市第${i}区`).join('、');
    const out = fitReply({ type: 'message', text: `可查看：${names}` }, '（内容过多，请缩小范围）', log);
    expect(activityBytes(out)).toBeLessThanOrEqual(CARD_BUDGET.maxActivityBytes);
    expect(out.text).toMatch(/^可查看：北京市第0区/);
    expect(out.text).toContain('缩小范围');
    return new Promise<void>((r) => setImmediate(r)).then(() => expect(lines.some((l) => l.includes('text cut'))).toBe(true));
  });

  it('should lay out a rendered card’s buttons and pass it on', () => {
    const { log } = logged();
    const menu = renderCard('menu', {
      title: '菜单',
      subtitle: '',
      buttons: ['清单', '指标', '材料', '提交', '进度', '提醒'].map((label) => ({ label, command: 'help' })),
    });
    const out = fitReply(message(menu), '（内容过多）', log);
    expect(checkActivity(out).problems).toEqual([]);
    expect(submitActions(out.attachments![0]!.content)).toHaveLength(6);
  });
});
