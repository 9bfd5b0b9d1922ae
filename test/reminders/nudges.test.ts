import { describe, expect, it } from 'vitest';
import { shippedCampaign, submitActions } from '../helpers.js';
import { checkActivity, layoutActivity } from '../../cards/budget.js';
import { plan, type PlannedReminder } from '../../src/reminders/planner.js';
import { reminderMessage } from '../../src/reminders/nudges.js';
import { textOf } from '../../src/text/index.js';
import { shanghaiInstant } from '../../src/util/time.js';
import { progressOf, stateWith, user } from './fixtures.js';

const c = shippedCampaign();
const words = textOf(c);
const rule = (id: string) => c.reminders.rules.find((r) => r.id === id)!;
const lead = user('t:div-office', 'division', { divisionId: 'general-office', name: '吴二' });

describe('reminder cards', () => {
  it("should give a division lead one card with a 审核 button per waiting district and the overdue districts' status", () => {
    // Haidian submitted on 10-09 and waits; Dongcheng's form and veto declaration were due 10-12.
    const progress = c.districts.map((d) =>
      d.id === 'haidian'
        ? progressOf(c, d.id, {
            status: 'done',
            items: { 'division-review': 'todo', 'office-report': 'todo' },
            submittedAt: '2012-10-09T10:00:00+08:00',
          })
        : progressOf(c, d.id),
    );
    const due = plan(c, stateWith(c, progress, [lead]), shanghaiInstant('2012-10-16', '09:31'), {
      since: shanghaiInstant('2012-10-16', '09:29'),
    });
    const r = due.find((x) => x.ruleId === 'division-review-waiting')!;
    expect(r.lines.map((l) => l.kind === 'waiting' && l.districtId)).toEqual(['haidian']);
    expect(r.overdue?.map((l) => l.districtId)).toEqual(['dongcheng']);
    const m = reminderMessage(c, words, rule(r.ruleId), r, lead);
    const card = m.attachments![0]!.content;
    const text = JSON.stringify(card);
    expect(text).toContain('致 吴二（办公室）');
    expect(text).toContain('所指导区县中有逾期事项的');
    expect(text).toContain('"title":"东城区","value":"逾期 2 项，最长 2 个工作日"');
    expect(submitActions(card).map((b) => b.title)).toEqual(['审核 海淀区', '进度 东城区', '稍后提醒', '不再提醒']);
    expect(submitActions(card)[0]!.data).toEqual({ action: 'review.open', card: { kind: 'nudge', record: 'haidian' } });
    expect(m.summary).toBe('【审核提醒】以下区县的申报已提交，等待您审核：海淀区：2012-10-09 提交，已等待 5 个工作日');
    expect(card.fallbackText).toContain('- 海淀区：2012-10-09 提交');
  });

  it('should keep an essential escalation unmutable: 稍后提醒 but no 不再提醒', () => {
    const due = plan(
      c,
      stateWith(
        c,
        c.districts.map((d) => progressOf(c, d.id)),
        [lead],
      ),
      shanghaiInstant('2012-10-16', '16:01'),
      { since: shanghaiInstant('2012-10-16', '15:59') },
    );
    const r = due.find((x) => x.ruleId === 'overdue-escalation')!;
    const titles = submitActions(reminderMessage(c, words, rule(r.ruleId), r, lead).attachments![0]!.content).map((b) => b.title);
    expect(titles).toContain('稍后提醒');
    expect(titles).not.toContain('不再提醒');
    expect(titles).toContain('进度 东城区');
    expect(titles).toContain('逾期');
  });

  it('should keep a national-size list within the card budget, saying how many more', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => ({
      kind: 'digest' as const,
      districtId: `d${i}`,
      percent: i % 100,
      state: 'not-submitted' as const,
      overdue: 1,
      text: `• 第 ${i} 号示范县（市）：完成 ${i % 100}%，未提交，逾期 1 项`,
    }));
    const r: PlannedReminder = {
      key: 'k',
      ruleId: 'office-weekly-digest',
      recipient: 't:office',
      occurrence: '2012-10-15T08:45',
      at: '2012-10-15T00:45:00.000Z',
      lang: 'zh',
      text: lines.map((l) => l.text).join('\n'),
      lines,
      essential: false,
      disposition: 'send',
    };
    const m = reminderMessage(c, words, rule(r.ruleId), r, user('t:office', 'office'));
    const activity = layoutActivity({ type: 'message', ...m }); // as the edge lays out every card for a phone
    expect(checkActivity(activity).problems).toEqual([]);
    expect(JSON.stringify(m)).toMatch(/另有 \d+ 项/);
    expect(JSON.stringify(m)).toContain('"title":"未提交","value":"3000 个区县"');
  });
});
