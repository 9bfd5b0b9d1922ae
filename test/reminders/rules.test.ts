import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCampaign } from '../../src/campaign/load.js';
import { ConfigError, SHIPPED_CAMPAIGN_DIR, loadConfig } from '../../src/config.js';
import { campaignProblems, copyShippedCampaign } from '../helpers.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function campaignCopy(): string {
  const t = copyShippedCampaign('mcb-rules-');
  cleanup = t.cleanup;
  return t.dir;
}

describe('reminders.json', () => {
  it('should load the shipped rules', () => {
    const c = loadCampaign(SHIPPED_CAMPAIGN_DIR);
    expect(c.reminders.rules.map((r) => r.id)).toEqual([
      'contact-items-due',
      'division-review-waiting',
      'office-weekly-digest',
      'overdue-escalation',
      'phase-closing',
    ]);
    expect(c.reminders.rules.find((r) => r.id === 'overdue-escalation')!.essential).toBe(true);
  });

  it('should be optional: a campaign without it has no rules', () => {
    const dir = campaignCopy();
    rmSync(join(dir, 'reminders.json'));
    expect(loadCampaign(dir).reminders.rules).toEqual([]);
  });

  it('should name the file, the path and the fix for each mistake', () => {
    const dir = campaignCopy();
    const file = join(dir, 'reminders.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as { rules: Record<string, unknown>[] };
    data.rules[0]!.when = { kind: 'daily', at: '07:00' };
    data.rules[1]!.id = 'contact-items-due';
    data.rules[4]!.when = { kind: 'cron', expression: '0 25 * * *' };
    writeFileSync(file, JSON.stringify(data));
    const problems = campaignProblems(dir);
    expect(problems.some((p) => p.includes('rules[4].when.expression') && p.includes('5-field cron'))).toBe(true);
    rmSync(file);
    data.rules[4]!.when = { kind: 'cron', expression: '0 10 * * *' };
    writeFileSync(file, JSON.stringify(data));
    const cross = campaignProblems(dir);
    expect(cross.some((p) => p.includes('reminders.json at rules[1].id: duplicate id "contact-items-due"; ids must be unique'))).toBe(true);
    expect(cross.some((p) => p.includes('rules[0].when.at') && p.includes('outside the working hours 08:30–18:00'))).toBe(true);
  });

  it('should insist that a message has {lines}', () => {
    const dir = campaignCopy();
    const file = join(dir, 'reminders.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as { rules: { message: { zh: string } }[] };
    data.rules[0]!.message.zh = '请办理';
    writeFileSync(file, JSON.stringify(data));
    expect(campaignProblems(dir).some((p) => p.includes('rules[0].message'))).toBe(true);
  });
});

describe('reminder settings', () => {
  it('should default to on at 50 per second, and explain a bad value', () => {
    const c = loadConfig({});
    expect(c.reminders.enabled).toBe(true);
    expect(c.reminders.sender.ratePerSec).toBe(50);
    expect(loadConfig({ REMINDERS: 'off', REMINDER_RATE_PER_SEC: '20' }).reminders).toMatchObject({
      enabled: false,
      sender: { ratePerSec: 20 },
    });
    expect(() => loadConfig({ REMINDERS: 'maybe' })).toThrow(ConfigError);
    expect(() => loadConfig({ REMINDER_RATE_PER_SEC: 'fast' })).toThrow(
      /REMINDER_RATE_PER_SEC="fast" is not valid: set REMINDER_RATE_PER_SEC to proactive sends per second/,
    );
  });
});
