import { DEFAULT_CHART_FONTS } from '../src/charts/bar-chart.js';
import { describe, expect, it } from 'vitest';
import { ConfigError, SHIPPED_CAMPAIGN_DIR, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('should default to local mode on 127.0.0.1:3978 with the shipped campaign', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3978,
      host: '127.0.0.1',
      localMode: true,
      dbFile: 'var/db.json',
      campaignDir: SHIPPED_CAMPAIGN_DIR,
      logLevel: 'info',
    });
    expect(c.clockStart).toBeUndefined();
  });

  it('should read CLOCK as Beijing time when no zone is given', () => {
    expect(loadConfig({ CLOCK: '2012-10-15T09:30' }).clockStart?.toISOString()).toBe('2012-10-15T01:30:00.000Z');
    expect(loadConfig({ CLOCK: '2012-10-15' }).clockStart?.toISOString()).toBe('2012-10-15T01:00:00.000Z');
    expect(loadConfig({ CLOCK: '2012-10-15T00:00:00Z' }).clockStart?.toISOString()).toBe('2012-10-15T00:00:00.000Z');
  });

  it('should tick the reminder scheduler every minute unless REMINDER_TICK_SECONDS asks for a shorter pass', () => {
    expect(loadConfig({}).reminders.tick).toBe('* * * * *');
    expect(loadConfig({ REMINDER_TICK_SECONDS: '5' }).reminders.tick).toBe('*/5 * * * * *');
  });

  it('should read LIST_PAGE_SIZE, 10 rows a page by default', () => {
    expect(loadConfig({}).listPageSize).toBe(10);
    expect(loadConfig({ LIST_PAGE_SIZE: '25' }).listPageSize).toBe(25);
  });

  it('should read CHART_FONTS as a list of files, "none" as no font, and default to the usual CJK fonts', () => {
    expect(loadConfig({ CHART_FONTS: '/a.ttc, /b.otf' }).chartFonts).toEqual(['/a.ttc', '/b.otf']);
    expect(loadConfig({ CHART_FONTS: 'none' }).chartFonts).toEqual([]);
    expect(loadConfig({}).chartFonts).toEqual(DEFAULT_CHART_FONTS);
  });

  it('should read the per-message attachment limits', () => {
    expect(loadConfig({}).materialsLimits).toEqual({ maxFiles: 10, maxMessageBytes: 50 * 1024 * 1024, timeBudgetMs: 60_000 });
    expect(
      loadConfig({ MATERIALS_MAX_FILES: '3', MATERIALS_MAX_MESSAGE_MB: '8', MATERIALS_TIME_BUDGET_SECONDS: '15' }).materialsLimits,
    ).toEqual({ maxFiles: 3, maxMessageBytes: 8 * 1024 * 1024, timeBudgetMs: 15_000 });
    expect(() => loadConfig({ MATERIALS_MAX_FILES: '1000' })).toThrowError(/MATERIALS_MAX_FILES="1000" is not valid/);
    expect(() => loadConfig({ MATERIALS_TIME_BUDGET_SECONDS: '0' })).toThrowError(/MATERIALS_TIME_BUDGET_SECONDS/);
  });

  it('should read ATTACHMENT_HOSTS as a list of origins', () => {
    expect(loadConfig({}).attachmentHosts).toEqual([]);
    expect(loadConfig({ ATTACHMENT_HOSTS: ' https://files.example.org, https://*.example.net:8443 ' }).attachmentHosts).toEqual([
      'https://files.example.org',
      'https://*.example.net:8443',
    ]);
  });

  it('should treat empty settings as unset', () => {
    expect(loadConfig({ PORT: '', MicrosoftAppId: '', CLOCK: '  ' })).toMatchObject({ port: 3978, localMode: true });
  });

  it.each([
    ['PORT', 'abc', /PORT="abc" is not valid: set PORT to a TCP port/],
    ['PORT', '70000', /PORT="70000"/],
    ['CLOCK', 'yesterday', /CLOCK="yesterday" is not valid: set CLOCK to an ISO date-time/],
    ['CLOCK', '2012-13-45', /CLOCK=/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud" is not valid: set LOG_LEVEL to one of/],
    ['MicrosoftAppType', 'Other', /MicrosoftAppType="Other"/],
    ['REMINDER_TICK_SECONDS', '7', /REMINDER_TICK_SECONDS="7" is not valid: .*a divisor of 60/],
    ['ATTACHMENT_HOSTS', 'https://files.example.org/path', /ATTACHMENT_HOSTS=.* is not valid: set ATTACHMENT_HOSTS to origins/],
    ['ATTACHMENT_HOSTS', 'ftp://files.example.org', /ATTACHMENT_HOSTS=/],
    ['LIST_PAGE_SIZE', '500', /LIST_PAGE_SIZE="500" is not valid: set LIST_PAGE_SIZE to how many districts/],
    ['LIST_PAGE_SIZE', 'ten', /LIST_PAGE_SIZE=/],
  ])('should stop on a bad %s naming the setting and the fix', (key, value, pattern) => {
    expect(() => loadConfig({ [key]: value })).toThrowError(pattern);
    expect(() => loadConfig({ [key]: value })).toThrowError(ConfigError);
  });

  it('should require the password when an app id is set', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'abc' })).toThrowError(/MicrosoftAppPassword is empty/);
    expect(() => loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'pw' })).toThrowError(/PUBLIC_URL is empty/);
    expect(() => loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'pw', PUBLIC_URL: 'https://bot.example.org' })).toThrowError(
      /FILE_LINK_SECRET is empty/,
    );
    const channel = loadConfig({
      MicrosoftAppId: 'abc',
      MicrosoftAppPassword: 'pw',
      PUBLIC_URL: 'https://bot.example.org',
      FILE_LINK_SECRET: 'x'.repeat(32),
    });
    expect(channel).toMatchObject({ localMode: false, files: { publicUrl: 'https://bot.example.org/', linkSecret: 'x'.repeat(32) } });
    expect(() => loadConfig({ FILE_LINK_SECRET: 'short' })).toThrowError(/FILE_LINK_SECRET.*at least 32 characters/);
  });

  it('should report every bad setting at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'y' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems).toHaveLength(2);
    }
  });

  it('should serve the signed-in chat page only with an app id, with its session length and proxy settings', () => {
    const channel = {
      MicrosoftAppId: 'intranet-only',
      MicrosoftAppPassword: 'unused',
      PUBLIC_URL: 'https://bot.example.org',
      FILE_LINK_SECRET: 'x'.repeat(32),
    };
    expect(loadConfig({}).webChat).toEqual({ enabled: false, sessionDays: 30, trustProxy: false });
    expect(loadConfig({ ...channel, WEB_CHAT: 'on', SESSION_DAYS: '7', TRUST_PROXY: 'on' }).webChat).toEqual({
      enabled: true,
      sessionDays: 7,
      trustProxy: true,
    });
    expect(() => loadConfig({ WEB_CHAT: 'on' })).toThrow(/WEB_CHAT=on needs MicrosoftAppId/);
    expect(() => loadConfig({ ...channel, WEB_CHAT: 'yes' })).toThrow(/set WEB_CHAT to on/);
    expect(() => loadConfig({ ...channel, SESSION_DAYS: '0' })).toThrow(/SESSION_DAYS/);
  });
});
