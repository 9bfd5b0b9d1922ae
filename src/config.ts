import { z } from 'zod';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { DEFAULT_SENDER_SETTINGS, type SenderSettings } from './reminders/sender.js';
import { DEFAULT_MESSAGE_LIMITS, type MessageLimits } from './domain/materials.js';
import { DEFAULT_CHART_FONTS } from './charts/bar-chart.js';

/** Districts per page of a list card; cards/budget.ts may show fewer when long names would not fit. */
export const DEFAULT_LIST_PAGE_SIZE = 10;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHIPPED_CAMPAIGN_DIR = resolve(repoRoot, 'data/2012-beijing');

/** An origin attachments may come from besides the channel's own: scheme, host (or *.domain) and optional port, no path. */
const ATTACHMENT_ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?\/?$/i;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());

/** Each setting with the fix to suggest when it is wrong; documented in .env.example. */
const ConfigSchema = z.object({
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: z.preprocess(blankToUndefined, z.string().min(1).default('127.0.0.1')),
  MicrosoftAppType: z.preprocess(blankToUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppTenantId: optionalString,
  /** Loopback OpenID metadata for tests; production leaves it unset. */
  ToBotFromChannelOpenIdMetadataUrl: z.preprocess(blankToUndefined, z.string().url().optional()),
  STORE: z.preprocess(blankToUndefined, z.enum(['lowdb', 'postgres']).default('lowdb')),
  DB_FILE: z.preprocess(blankToUndefined, z.string().min(1).default('var/db.json')),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/)
      .optional(),
  ),
  DATABASE_SCHEMA: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/)
      .default('public'),
  ),
  DATABASE_POOL_SIZE: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1000).default(10)),
  CAMPAIGN_DIR: z.preprocess(blankToUndefined, z.string().min(1).default(SHIPPED_CAMPAIGN_DIR)),
  CLOCK: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine(
        (s) =>
          /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) &&
          !Number.isNaN(Date.parse(normaliseClock(s))),
      )
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  MATERIALS_DIR: z.preprocess(blankToUndefined, z.string().min(1).default('var/materials')),
  MATERIALS_MAX_MB: z.preprocess(blankToUndefined, z.coerce.number().positive().max(1024).default(20)),
  MATERIALS_MAX_FILES: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).default(DEFAULT_MESSAGE_LIMITS.maxFiles)),
  MATERIALS_MAX_MESSAGE_MB: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .positive()
      .max(10240)
      .default(DEFAULT_MESSAGE_LIMITS.maxMessageBytes / 1024 / 1024),
  ),
  MATERIALS_TIME_BUDGET_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(600)
      .default(DEFAULT_MESSAGE_LIMITS.timeBudgetMs / 1000),
  ),
  PUBLIC_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .url()
      .regex(/^https?:\/\//)
      .optional(),
  ),
  FILE_LINK_SECRET: z.preprocess(blankToUndefined, z.string().min(32).optional()),
  ATTACHMENT_HOSTS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .refine((list) => list.every((o) => ATTACHMENT_ORIGIN.test(o)))
      .default(''),
  ),
  MAX_BODY_KB: z.preprocess(blankToUndefined, z.coerce.number().int().positive().max(102400).default(256)),
  CHART_FONTS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((s) =>
        s.trim().toLowerCase() === 'none'
          ? []
          : s
              .split(',')
              .map((x) => x.trim())
              .filter(Boolean),
      )
      .optional(),
  ),
  LIST_PAGE_SIZE: z.preprocess(blankToUndefined, z.coerce.number().int().min(3).max(50).default(DEFAULT_LIST_PAGE_SIZE)),
  REMINDERS: z.preprocess(blankToUndefined, z.enum(['on', 'off']).default('on')),
  WEB_CHAT: z.preprocess(blankToUndefined, z.enum(['on', 'off']).default('off')),
  SESSION_DAYS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(365).default(30)),
  TRUST_PROXY: z.preprocess(blankToUndefined, z.enum(['on', 'off']).default('off')),
  REMINDER_RATE_PER_SEC: z.preprocess(blankToUndefined, z.coerce.number().positive().max(1000).default(DEFAULT_SENDER_SETTINGS.ratePerSec)),
  REMINDER_PER_CONVERSATION_PER_SEC: z.preprocess(
    blankToUndefined,
    z.coerce.number().positive().max(50).default(DEFAULT_SENDER_SETTINGS.perConversationPerSec),
  ),
  REMINDER_MAX_ATTEMPTS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(1).max(20).default(DEFAULT_SENDER_SETTINGS.maxAttempts),
  ),
  REMINDER_TICK_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(60)
      .refine((n) => 60 % n === 0)
      .default(60),
  ),
});

const FIXES: Record<string, string> = {
  PORT: 'set PORT to a TCP port number such as 3978',
  HOST: 'set HOST to an address to listen on, such as 127.0.0.1',
  MicrosoftAppType: 'set MicrosoftAppType to MultiTenant, SingleTenant or UserAssignedMSI, or leave it empty for local mode',
  ToBotFromChannelOpenIdMetadataUrl: 'leave it empty unless a test serves its own OpenID metadata',
  STORE: 'set STORE to lowdb (one process, a file) or postgres (several processes, one database)',
  DB_FILE: 'set DB_FILE to a path such as var/db.json',
  DATABASE_URL: 'set DATABASE_URL to a PostgreSQL URL such as postgres://bot@127.0.0.1:5432/modelcounty',
  DATABASE_SCHEMA: 'set DATABASE_SCHEMA to a lower-case schema name such as public',
  DATABASE_POOL_SIZE: 'set DATABASE_POOL_SIZE to the connections each bot process may open, such as 10',
  CAMPAIGN_DIR: 'set CAMPAIGN_DIR to a folder with campaign.json, or leave it empty for the shipped campaign',
  CLOCK: 'set CLOCK to an ISO date-time such as 2012-10-15T09:00:00+08:00, or leave it empty for the real time',
  LOG_LEVEL: 'set LOG_LEVEL to one of fatal, error, warn, info, debug, trace, silent',
  MATERIALS_DIR: 'set MATERIALS_DIR to a folder for uploaded materials, such as var/materials',
  MATERIALS_MAX_MB: 'set MATERIALS_MAX_MB to the largest upload in megabytes, such as 20',
  MATERIALS_MAX_FILES: 'set MATERIALS_MAX_FILES to the most files taken from one message, a whole number from 1 to 100, such as 10',
  MATERIALS_MAX_MESSAGE_MB:
    'set MATERIALS_MAX_MESSAGE_MB to the most megabytes taken from one message (all its files together), such as 50',
  MATERIALS_TIME_BUDGET_SECONDS:
    'set MATERIALS_TIME_BUDGET_SECONDS to how long one message may spend downloading its files, 1 to 600 seconds, such as 60',
  PUBLIC_URL:
    'set PUBLIC_URL to the address users reach the bot at, such as https://bot.example.org/ (local mode: leave it empty for the listening address)',
  FILE_LINK_SECRET: 'set FILE_LINK_SECRET to a random string of at least 32 characters, e.g. the output of: openssl rand -base64 48',
  ATTACHMENT_HOSTS:
    'set ATTACHMENT_HOSTS to origins attachments may be downloaded from besides the channel itself, comma-separated, such as https://files.example.org,https://*.example.net (scheme and host, no path)',
  MAX_BODY_KB: 'set MAX_BODY_KB to the largest request body in kilobytes, such as 256',
  CHART_FONTS:
    'set CHART_FONTS to font files with Chinese glyphs, comma-separated, such as /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc, or none',
  LIST_PAGE_SIZE: 'set LIST_PAGE_SIZE to how many districts a list card shows per page, a whole number from 3 to 50, such as 10',
  WEB_CHAT: 'set WEB_CHAT to on (serve the chat page with sign-in by invitation code; needs MicrosoftAppId) or off',
  SESSION_DAYS: 'set SESSION_DAYS to how many days a sign-in on the chat page lasts, a whole number from 1 to 365, such as 30',
  TRUST_PROXY:
    'set TRUST_PROXY to on when the bot is reached only through a reverse proxy that sets X-Forwarded-For (nginx), otherwise off',
  REMINDERS: 'set REMINDERS to on or off (off stops scheduled reminders; announcements still work)',
  REMINDER_RATE_PER_SEC: 'set REMINDER_RATE_PER_SEC to proactive sends per second for the whole bot, at most 1000 (Teams allows about 50)',
  REMINDER_PER_CONVERSATION_PER_SEC:
    'set REMINDER_PER_CONVERSATION_PER_SEC to sends per second to one conversation, at most 50 (Teams allows about 7)',
  REMINDER_MAX_ATTEMPTS: 'set REMINDER_MAX_ATTEMPTS to a whole number of attempts per recipient between 1 and 20, such as 5',
  REMINDER_TICK_SECONDS:
    'set REMINDER_TICK_SECONDS to how often the scheduler looks for due reminders, a divisor of 60 such as 60 (the default) or 5',
};

/** A CLOCK without a zone means Beijing time. */
function normaliseClock(s: string): string {
  const iso = s.replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return `${iso}T09:00:00+08:00`;
  return /(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}+08:00`;
}

export interface Config {
  port: number;
  host: string;
  /** True when no MicrosoftAppId is set: anonymous requests, local chat page, demo identities. */
  localMode: boolean;
  /** The settings botbuilder's ConfigurationBotFrameworkAuthentication reads, untouched. */
  botAuth: Record<string, string | undefined>;
  /** Which store: the embedded file (one process) or PostgreSQL (shared by several processes). */
  store: 'lowdb' | 'postgres';
  dbFile: string;
  /** PostgreSQL settings; `url` is set whenever store is 'postgres'. */
  database: { url?: string; schema: string; poolSize: number };
  campaignDir: string;
  /** The bot's "now" at startup, when CLOCK is set. */
  clockStart?: Date;
  logLevel: string;
  materialsDir: string;
  materialsMaxBytes: number;
  /** Per message: files taken, bytes taken (all files together), time spent downloading. */
  materialsLimits: MessageLimits;
  /** ATTACHMENT_HOSTS: origins attachments may come from besides the channel's own (see src/util/attachment-fetch.ts). */
  attachmentHosts: string[];
  maxBodyBytes: number;
  /** LIST_PAGE_SIZE: rows per page of the district lists (status, review, statistics). */
  listPageSize: number;
  /** CHART_FONTS: the font files charts are drawn with (missing ones are skipped; none: no text in charts). */
  chartFonts: string[];
  /**
   * Signed file links: the address users reach the bot at (with a trailing slash) and the
   * HMAC secret. Both are set in channel mode; in local mode they default to the listening
   * address and a random secret per process.
   */
  files: { publicUrl?: string; linkSecret?: string };
  /**
   * WEB_CHAT=on: the chat page for signed-in people (channel mode only; see src/server/web-session.ts).
   * trustProxy: the client's address is the last hop of X-Forwarded-For (the rate limits count by it).
   */
  webChat: { enabled: boolean; sessionDays: number; trustProxy: boolean };
  /** tick: node-cron expression of the scheduler's pass (every minute unless REMINDER_TICK_SECONDS says otherwise). */
  reminders: { enabled: boolean; tick: string; sender: SenderSettings };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

/** The only reader of the environment. Throws ConfigError naming each bad setting and its fix. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const key = String(i.path[0]);
      return `${key}=${JSON.stringify(env[key] ?? '')} is not valid: ${FIXES[key] ?? i.message}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  if (e.MicrosoftAppId && !e.MicrosoftAppPassword && e.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError([
      'MicrosoftAppPassword is empty while MicrosoftAppId is set: set the app password from the Azure bot registration, or clear MicrosoftAppId for local mode',
    ]);
  }
  if (e.MicrosoftAppType === 'SingleTenant' && e.MicrosoftAppId && !e.MicrosoftAppTenantId) {
    throw new ConfigError([
      'MicrosoftAppTenantId is empty while MicrosoftAppType is SingleTenant: set the tenant id of the bot registration',
    ]);
  }
  if (e.STORE === 'postgres' && !e.DATABASE_URL) {
    throw new ConfigError([
      'DATABASE_URL is empty while STORE=postgres: set DATABASE_URL to a PostgreSQL URL such as postgres://bot@127.0.0.1:5432/modelcounty, or set STORE=lowdb for the embedded store',
    ]);
  }
  if (e.MicrosoftAppId && !e.PUBLIC_URL) {
    throw new ConfigError([
      'PUBLIC_URL is empty while MicrosoftAppId is set: set it to the HTTPS address users reach the bot at (the messaging endpoint without /api/messages), such as https://bot.example.org/',
    ]);
  }
  if (e.MicrosoftAppId && !e.FILE_LINK_SECRET) {
    throw new ConfigError([
      'FILE_LINK_SECRET is empty while MicrosoftAppId is set: set it to a random string of at least 32 characters (openssl rand -base64 48); file links are signed with it',
    ]);
  }
  if (e.WEB_CHAT === 'on' && !e.MicrosoftAppId) {
    throw new ConfigError([
      'WEB_CHAT=on needs MicrosoftAppId: the signed-in page is for production, where /api/messages takes only Bot Framework tokens. Without Azure, any placeholder app id and password will do (MicrosoftAppId=intranet-only MicrosoftAppPassword=unused); local mode already serves its demo page without WEB_CHAT',
    ]);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    localMode: !e.MicrosoftAppId,
    botAuth: {
      MicrosoftAppType: e.MicrosoftAppType,
      MicrosoftAppId: e.MicrosoftAppId,
      MicrosoftAppPassword: e.MicrosoftAppPassword,
      MicrosoftAppTenantId: e.MicrosoftAppTenantId,
      // Overriding where channel keys come from switches botbuilder to its "parameterized" mode,
      // which then needs every public-cloud endpoint spelled out.
      ...(e.ToBotFromChannelOpenIdMetadataUrl
        ? {
            ToBotFromChannelOpenIdMetadataUrl: e.ToBotFromChannelOpenIdMetadataUrl,
            ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
            ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration',
            ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
            ToChannelFromBotOAuthScope: 'https://api.botframework.com',
            OAuthUrl: 'https://api.botframework.com',
            ValidateAuthority: 'true',
            CallerId: 'urn:botframework:azure',
          }
        : {}),
    },
    store: e.STORE,
    dbFile: e.DB_FILE,
    database: { url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA, poolSize: e.DATABASE_POOL_SIZE },
    campaignDir: resolve(e.CAMPAIGN_DIR),
    clockStart: e.CLOCK ? new Date(normaliseClock(e.CLOCK)) : undefined,
    logLevel: e.LOG_LEVEL,
    materialsDir: e.MATERIALS_DIR,
    materialsMaxBytes: Math.round(e.MATERIALS_MAX_MB * 1024 * 1024),
    materialsLimits: {
      maxFiles: e.MATERIALS_MAX_FILES,
      maxMessageBytes: Math.round(e.MATERIALS_MAX_MESSAGE_MB * 1024 * 1024),
      timeBudgetMs: e.MATERIALS_TIME_BUDGET_SECONDS * 1000,
    },
    attachmentHosts: e.ATTACHMENT_HOSTS,
    maxBodyBytes: e.MAX_BODY_KB * 1024,
    listPageSize: e.LIST_PAGE_SIZE,
    chartFonts: e.CHART_FONTS ?? DEFAULT_CHART_FONTS,
    files: {
      publicUrl: e.PUBLIC_URL ? (e.PUBLIC_URL.endsWith('/') ? e.PUBLIC_URL : `${e.PUBLIC_URL}/`) : undefined,
      linkSecret: e.FILE_LINK_SECRET,
    },
    webChat: { enabled: e.WEB_CHAT === 'on', sessionDays: e.SESSION_DAYS, trustProxy: e.TRUST_PROXY === 'on' },
    reminders: {
      enabled: e.REMINDERS === 'on',
      tick: e.REMINDER_TICK_SECONDS === 60 ? '* * * * *' : `*/${e.REMINDER_TICK_SECONDS} * * * * *`,
      sender: {
        ...DEFAULT_SENDER_SETTINGS,
        ratePerSec: e.REMINDER_RATE_PER_SEC,
        perConversationPerSec: e.REMINDER_PER_CONVERSATION_PER_SEC,
        maxAttempts: e.REMINDER_MAX_ATTEMPTS,
      },
    },
  };
}

const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** What `npm run teams:package` needs: the bot's app id, the HTTPS address it is reached at, the campaign. */
export interface TeamsPackageSettings {
  botId: string;
  publicUrl: string;
  campaignDir: string;
}

/** The Teams package's settings, from the same environment; no password is needed to build a package. */
export function teamsPackageSettings(env: Record<string, string | undefined> = process.env): TeamsPackageSettings {
  const parsed = ConfigSchema.pick({ MicrosoftAppId: true, PUBLIC_URL: true, CAMPAIGN_DIR: true }).safeParse(env);
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map(
        (i) =>
          `${String(i.path[0])}=${JSON.stringify(env[String(i.path[0])] ?? '')} is not valid: ${FIXES[String(i.path[0])] ?? i.message}`,
      );
  const e = parsed.success ? parsed.data : undefined;
  if (e && !(e.MicrosoftAppId && GUID.test(e.MicrosoftAppId)))
    problems.push(
      `MicrosoftAppId=${JSON.stringify(env.MicrosoftAppId ?? '')} is not valid: set it to the bot's Microsoft App ID (a GUID such as 00000000-0000-0000-0000-000000000000) from the Azure Bot registration`,
    );
  if (e && !(e.PUBLIC_URL && /^https:\/\//i.test(e.PUBLIC_URL)))
    problems.push(
      `PUBLIC_URL=${JSON.stringify(env.PUBLIC_URL ?? '')} is not valid: Teams needs the HTTPS address users reach the bot at, such as https://bot.example.org/`,
    );
  if (problems.length || !e) throw new ConfigError(problems);
  const url = e.PUBLIC_URL!;
  return { botId: e.MicrosoftAppId!.toLowerCase(), publicUrl: url.endsWith('/') ? url : `${url}/`, campaignDir: resolve(e.CAMPAIGN_DIR) };
}
