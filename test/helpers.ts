/**
 * Shared fakes and harnesses. Tests are conversations: `harness.chat(user)`
 * sends text or card values through botbuilder's TestAdapter and returns the
 * bot's replies.
 */
import { TestAdapter, type Activity } from 'botbuilder';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, features } from '../src/app.js';
import { CampaignDataError, loadCampaign } from '../src/campaign/load.js';
import type { Campaign } from '../src/campaign/campaign.js';
import { SHIPPED_CAMPAIGN_DIR, loadConfig, type Config } from '../src/config.js';
import { CampaignBot } from '../src/bot/bot.js';
import { createTurnErrorHandler } from '../src/bot/turn-error.js';
import type { DeliveryOutcome, Notifier, OutgoingMessage } from '../src/domain/notifier.js';
import { LowdbStore } from '../src/store/lowdb-store.js';
import type { Store } from '../src/store/types.js';
import { ManualClock } from '../src/util/clock.js';
import { createLogger } from '../src/util/logger.js';
import type { Services } from '../src/services.js';
import type { InviteTarget } from '../src/domain/invitations.js';
import { DEFAULT_MESSAGE_LIMITS, type MessageLimits } from '../src/domain/materials.js';
import { FileLinks } from '../src/files/links.js';

/** Where harness bots say users reach them; file links start with it. */
export const TEST_PUBLIC_URL = 'https://bot.test.invalid/';
export const TEST_LINK_SECRET = 'test-file-link-secret-0123456789abcdef';

export const silentLog = createLogger('silent');

let shipped: Campaign | undefined;
/** The shipped 2012 campaign, loaded once per test file. */
export function shippedCampaign(): Campaign {
  shipped ??= loadCampaign(SHIPPED_CAMPAIGN_DIR);
  return shipped;
}

/** A scratch copy of the shipped campaign folder, to edit in a test. */
export function copyShippedCampaign(prefix = 'mcb-data-'): { dir: string; cleanup: () => void } {
  const t = tempDir(prefix);
  cpSync(SHIPPED_CAMPAIGN_DIR, t.dir, { recursive: true });
  return t;
}

/** The problems loadCampaign reports for a folder (none: []). */
export function campaignProblems(dir: string): string[] {
  try {
    loadCampaign(dir);
  } catch (err) {
    if (err instanceof CampaignDataError) return err.problems;
    throw err;
  }
  return [];
}

export function tempDir(prefix = 'mcb-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Settings for a test server: an ephemeral port, a temp store, quiet logs. */
export function testConfig(env: Record<string, string> = {}): Config {
  const { dir } = tempDir('mcb-cfg-');
  // Channel mode needs both file-link settings; tests that are not about them get these.
  const channel = env.MicrosoftAppId ? { PUBLIC_URL: TEST_PUBLIC_URL, FILE_LINK_SECRET: TEST_LINK_SECRET } : {};
  return loadConfig({
    PORT: '0',
    DB_FILE: join(dir, 'db.json'),
    MATERIALS_DIR: join(dir, 'materials'),
    LOG_LEVEL: 'silent',
    ...channel,
    ...env,
  });
}

/** Records proactive messages instead of sending them; outcomes can be scripted per user. */
export class RecordingNotifier implements Notifier {
  readonly sent: { userId: string; message: OutgoingMessage }[] = [];
  readonly outcomes = new Map<string, DeliveryOutcome>();
  async send(userId: string, message: OutgoingMessage): Promise<DeliveryOutcome> {
    const scripted = this.outcomes.get(userId);
    if (scripted) return scripted;
    this.sent.push({ userId, message });
    return { status: 'sent' };
  }
  /** What reached `userId`, each message as its text, summary and cards' JSON (as `textOf` reads a reply). */
  textsTo(userId: string): string[] {
    return this.sent.filter((s) => s.userId === userId).map((s) => messageText(s.message));
  }
}

/** A proactive message's text, summary and cards' JSON, for assertions. */
export function messageText(m: OutgoingMessage): string {
  return [m.text, m.summary, ...(m.attachments ?? []).map((a) => JSON.stringify(a.content))].filter((x) => x !== undefined).join('\n');
}

/** What a client without cards shows of a proactive message: its text, else its card's fallback text, else its summary. */
export function plainOf(m: OutgoingMessage): string {
  const fallback = m.attachments?.map((a) => a.content.fallbackText).find((f): f is string => typeof f === 'string');
  return m.text ?? fallback ?? m.summary ?? '';
}

/** The text of a reply, plus the text of any Adaptive Card in it, for assertions. */
export function textOf(a: Partial<Activity>): string {
  const parts = [a.text ?? ''];
  for (const att of a.attachments ?? []) parts.push(JSON.stringify(att.content));
  return parts.join('\n');
}

export function cardsOf(replies: Partial<Activity>[]): Record<string, unknown>[] {
  return replies.flatMap((r) =>
    (r.attachments ?? [])
      .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((a) => a.content as Record<string, unknown>),
  );
}

export class Chat {
  constructor(
    private readonly adapter: TestAdapter,
    readonly fromId: string,
    readonly channelId = 'test',
    readonly conversationId = `conv-${fromId}`,
  ) {}

  /** The store's user id for this chat user. */
  get userId(): string {
    return `${this.channelId}:${this.fromId}`;
  }

  private async post(partial: Partial<Activity>): Promise<Partial<Activity>[]> {
    this.adapter.activeQueue.splice(0);
    await this.adapter.processActivity({
      type: 'message',
      channelId: this.channelId,
      from: { id: this.fromId, name: this.fromId },
      recipient: { id: 'bot', name: 'bot' },
      conversation: { id: this.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      serviceUrl: 'https://test.invalid/',
      ...partial,
    } as Activity);
    return this.adapter.activeQueue.splice(0);
  }

  /** Sends text; returns the replies. */
  send(text: string): Promise<Partial<Activity>[]> {
    return this.post({ text });
  }

  /** Submits a card, as Web Chat does: a message with `value` and no text. */
  submit(value: unknown): Promise<Partial<Activity>[]> {
    return this.post({ value });
  }

  /** Sends anything else (attachments, locale, …). */
  activity(partial: Partial<Activity>): Promise<Partial<Activity>[]> {
    return this.post(partial);
  }

  /** Convenience: the replies joined as one string. */
  async say(text: string): Promise<string> {
    return (await this.send(text)).map(textOf).join('\n');
  }
}

export interface Harness {
  services: Services;
  store: Store;
  bot: CampaignBot;
  adapter: TestAdapter;
  clock: ManualClock;
  notifier: RecordingNotifier;
  dbFile: string;
  chat(fromId: string, channelId?: string): Chat;
  /** Creates an invitation code for `target` directly in the store. */
  invite(target: InviteTarget): Promise<string>;
  /** A chat user already bound to `target`. */
  bound(fromId: string, target: InviteTarget): Promise<Chat>;
  /** Closes the store and opens a new bot on the same file, as after a server restart. */
  restart(): Promise<Harness>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  now?: string;
  campaign?: Campaign;
  dbFile?: string;
  clock?: ManualClock;
  notifier?: RecordingNotifier;
  localMode?: boolean;
  /** Per-message attachment limits; the defaults otherwise. */
  limits?: Partial<MessageLimits>;
  /** Rows per page of district lists (LIST_PAGE_SIZE); the default otherwise. */
  pageSize?: number;
  /** Chart font files (CHART_FONTS); the usual CJK paths otherwise. */
  chartFonts?: string[];
}

/** A bot over a real embedded store in a temp folder, driven by TestAdapter. */
export async function harness(opts: HarnessOptions = {}): Promise<Harness> {
  const tmp = opts.dbFile ? undefined : tempDir('mcb-h-');
  const dbFile = opts.dbFile ?? join(tmp!.dir, 'db.json');
  const clock = opts.clock ?? new ManualClock(opts.now ?? '2012-10-15T09:00:00+08:00');
  const notifier = opts.notifier ?? new RecordingNotifier();
  const campaign = opts.campaign ?? shippedCampaign();
  const store = await LowdbStore.open(dbFile, clock);
  const services = createServices({
    campaign,
    store,
    clock,
    log: silentLog,
    notifier,
    localMode: opts.localMode ?? false,
    pageSize: opts.pageSize,
    chartFonts: opts.chartFonts,
    links: new FileLinks(TEST_LINK_SECRET, () => TEST_PUBLIC_URL, clock),
    materials: {
      dir: join(dbFile, '..', 'materials'),
      maxBytes: 5 * 1024 * 1024,
      policy: { allowedOrigins: [] },
      limits: { ...DEFAULT_MESSAGE_LIMITS, ...opts.limits },
    },
  });
  const bot = new CampaignBot(services, features());
  const adapter = new TestAdapter(async (ctx) => bot.run(ctx));
  adapter.onTurnError = createTurnErrorHandler(silentLog, () => bot.conversationState, services.text);
  const h: Harness = {
    services,
    store,
    bot,
    adapter,
    clock,
    notifier,
    dbFile,
    chat: (fromId, channelId) => new Chat(adapter, fromId, channelId),
    invite: async (target) => (await services.invitations.create(target, 'test', clock.now())).code,
    bound: async (fromId, target) => {
      const code = await h.invite(target);
      const chat = h.chat(fromId);
      await chat.send(`绑定 ${code}`);
      return chat;
    },
    restart: async () => {
      await store.close();
      return harness({ ...opts, dbFile, clock, notifier, campaign });
    },
    close: async () => {
      await store.close();
      tmp?.cleanup();
    },
  };
  return h;
}

/**
 * A loopback HTTP server that serves files by path, as a channel serves attachment contentUrls.
 * Activities carrying its files must name it as their `serviceUrl`: the bot fetches only from the channel's own origin.
 */
export async function fileServer(
  files: Record<string, Buffer | string>,
): Promise<{ url: (path: string) => string; serviceUrl: string; requests: string[]; close: () => Promise<void> }> {
  const { createServer } = await import('node:http');
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = files[req.url ?? ''];
    if (body === undefined) {
      // Separate calls: restify patches ServerResponse and its writeHead does not return the response.
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    serviceUrl: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Every Action.Submit's data in a card, in order (body ActionSets included). */
export function submitActions(card: unknown): { title: string; data: Record<string, unknown> }[] {
  const out: { title: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Submit') out.push({ title: String(o.title), data: o.data as Record<string, unknown> });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** The ids and values of every input in a card, as a client would submit them untouched. */
export function inputValues(card: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') out[o.id] = String(o.value ?? '');
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/**
 * A district's application as it stands right after a complete submission,
 * written through the Applications repository (audited like any write):
 * every contact item done, values valid for the catalog, record locked.
 */
export async function seedSubmitted(s: Services, districtId: string, by: string, now: Date): Promise<void> {
  const { Applications, emptyRecord } = await import('../src/domain/application.js');
  const { contactIndicators } = await import('../src/domain/progress.js');
  const c = s.campaign;
  const r = emptyRecord(districtId);
  for (const f of c.formFields) {
    if (f.type === 'auto') continue;
    r.form[f.id] =
      f.type === 'number'
        ? (f.min ?? 0) + 1
        : f.type === 'yesno'
          ? true
          : f.type === 'phone'
            ? '010-64409597'
            : `示例内容${'。'.repeat(Math.max(0, (f.minLength ?? 0) - 4))}`;
  }
  for (const v of c.veto) r.veto[v.id] = false;
  for (const ind of contactIndicators(c, c.district(districtId)!.class))
    r.indicators[ind.id] = ind.type === 'boolean' ? true : Math.min(ind.max ?? 50, Math.max(ind.min ?? 0, 50));
  for (const item of c.checklist) {
    if (item.completion.kind !== 'materials') continue;
    r.materials.push({
      id: `seed-${item.completion.tag}`,
      tag: item.completion.tag,
      name: `${item.completion.tag}.pdf`,
      contentType: 'application/pdf',
      size: 2048,
      sha256: '0'.repeat(64),
      file: `${districtId}/${item.completion.tag}/seed.pdf`,
      uploadedBy: by,
      uploadedAt: now.toISOString(),
    });
  }
  r.locked = true;
  r.submission = { submittedAt: now.toISOString(), submittedBy: by };
  const apps = new Applications(s.store);
  const cur = await apps.get(districtId);
  const saved = await apps.save(districtId, cur.version, r, [{ field: 'submission', new: r.submission }], {
    actor: by,
    at: now,
    via: 'test:seed',
  });
  if (!saved.ok) throw new Error(`could not seed ${districtId}`);
}

/** The Markdown link targets in a text, in order. */
export const linksIn = (text: string): string[] => [...text.matchAll(/\]\((https?:\/\/[^)\s]+)\)/g)].map((m) => m[1]!);

/** The bytes behind one of the bot's signed file links, checked as GET /files/… checks it (no HTTP needed). */
export async function openLink(s: Services, url: string): Promise<Buffer> {
  const { readFile } = await import('node:fs/promises');
  const own = s.files.links.own(url);
  if (!own) throw new Error(`not a file link of this bot: ${url}`);
  const v = s.files.links.verify(own.token, own.exp, own.sig);
  if (!v.ok) throw new Error(`link refused with ${v.status}`);
  const file = await s.files.open(v.ref);
  if (!file) throw new Error('link names a file that is gone');
  return readFile(file.path);
}

/** A checklist card's item, as a person reads it: its status word and that word's colour. */
export function checklistItem(replies: Partial<Activity>[], title: string): { state: string; color: string } | undefined {
  let found: { state: string; color: string } | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const o = node as { type?: string; items?: { type?: string; text?: string; inlines?: { text?: string; color?: string }[] }[] };
    const [head, line] = o.items ?? [];
    if (o.type === 'Container' && head?.text?.startsWith(title) && line?.type === 'RichTextBlock') {
      found = { state: line.inlines?.[0]?.text ?? '', color: line.inlines?.[0]?.color ?? '' };
      return;
    }
    Object.values(node).forEach(walk);
  };
  walk(cardsOf(replies));
  return found;
}

/** An application form every field of which the server accepts, as a person types it ("五十" for 50). */
export const VALID_FORM: Record<string, string> = {
  'form.leader': '张三',
  'form.leaderTitle': '副区长',
  'form.contactName': '李四',
  'form.contactPhone': '010-62345678',
  'form.leadershipGroup': 'yes',
  'form.funding': '五十',
  'form.summary': '本区成立了创建工作领导小组，制定了实施方案，分解任务到各部门。',
};

/** The data of an editing card's one 保存 (a draft card's sends mode 'draft'; the completion and veto cards' mode 'save'). */
export function onlySave(card: unknown): Record<string, unknown> {
  const saves = submitActions(card).filter((a) => a.data.action === 'application.save');
  if (saves.length !== 1) throw new Error(`expected one 保存 on the card, found ${saves.length}`);
  return saves[0]!.data;
}
