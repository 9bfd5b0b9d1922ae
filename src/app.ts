import type { Activity, CloudAdapter } from 'botbuilder';
import { createChannel } from './bot/adapter.js';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { Server } from 'restify';
import { DEFAULT_LIST_PAGE_SIZE, type Config } from './config.js';
import { ChartRenderer, DEFAULT_CHART_FONTS } from './charts/bar-chart.js';
import { loadCampaign } from './campaign/load.js';
import type { Campaign } from './campaign/campaign.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/types.js';
import { clockStartingAt, systemClock, type Clock } from './util/clock.js';
import { createLogger, type Logger } from './util/logger.js';
import { Users } from './domain/users.js';
import { Invitations } from './domain/invitations.js';
import { Sessions } from './domain/sessions.js';
import { Conversations } from './domain/conversations.js';
import { Applications } from './domain/application.js';
import { Notifications } from './domain/notifications.js';
import { CampaignBot } from './bot/bot.js';
import { AdapterNotifier } from './bot/adapter-notifier.js';
import type { Notifier } from './domain/notifier.js';
import type { Feature } from './bot/feature.js';
import { createTurnErrorHandler } from './bot/turn-error.js';
import { createHttpServer } from './server/server.js';
import { watchStore } from './server/store-health.js';
import { allowedHosts, createLocalGuard, loopbackHost } from './server/local-guard.js';
import { LocalDirectLine } from './server/directline.js';
import { registerChatPage } from './server/chat-page.js';
import { registerFilesRoute } from './server/files-route.js';
import { FileLinks } from './files/links.js';
import { Files } from './files/files.js';
import { createHmac, randomBytes } from 'node:crypto';
import { WEB_CHANNEL, WebSessions } from './server/web-session.js';
import { registerWebPage } from './server/web-page.js';
import { INTERNAL_FETCH_HEADER } from './server/file-access.js';
import type { Services } from './services.js';
import { textOf } from './text/index.js';
import { helpFeature } from './features/help.js';
import { welcomeFeature } from './features/welcome.js';
import { enrollmentFeature } from './features/enrollment.js';
import { qaFeature } from './features/qa.js';
import { districtFeature } from './features/district.js';
import { reviewFeature } from './features/review.js';
import { loadProgress } from './domain/progress.js';
import { statusFeature } from './features/status.js';
import { exportFeature } from './features/export.js';
import { remindersFeature } from './features/reminders.js';
import { Reminders } from './reminders/service.js';
import { loadDistrictProgress } from './reminders/progress-source.js';
import type { SenderSettings } from './reminders/sender.js';

export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The features in routing order: earlier ones see free text first. */
export function features(): Feature[] {
  return [
    welcomeFeature(),
    helpFeature(),
    enrollmentFeature(),
    districtFeature(),
    reviewFeature(),
    statusFeature(),
    exportFeature(),
    remindersFeature(),
    // qa stays last: it takes any free text the other features' hooks left.
    qaFeature({ progress: async (turn) => (turn.user?.districtId ? loadProgress(turn.s, turn.user.districtId, turn.now) : undefined) }),
  ];
}

/** Wires the domain repositories over a store; the tests' harness uses it too. */
export function createServices(
  base: Omit<
    Services,
    | 'users'
    | 'invitations'
    | 'sessions'
    | 'conversations'
    | 'applications'
    | 'notifications'
    | 'reminders'
    | 'notifier'
    | 'files'
    | 'text'
    | 'pageSize'
    | 'charts'
  > & {
    /** LIST_PAGE_SIZE; the default when not given (tests). */
    pageSize?: number;
    /** CHART_FONTS; the usual CJK font paths when not given (tests). */
    chartFonts?: string[];
    /** Signs the file links; the files themselves live beside the materials. */
    links: FileLinks;
    /** A notifier, or how to build one over the services' conversation references. */
    notifier: Notifier | ((conversations: Conversations) => Notifier);
  },
  reminderSettings?: SenderSettings,
): Services {
  const users = new Users(base.store);
  const conversations = new Conversations(base.store);
  const applications = new Applications(base.store);
  const notifier = typeof base.notifier === 'function' ? base.notifier(conversations) : base.notifier;
  const { links, pageSize, chartFonts, ...rest } = base;
  const notifications = new Notifications(base.store);
  return {
    ...rest,
    pageSize: pageSize ?? DEFAULT_LIST_PAGE_SIZE,
    charts: new ChartRenderer({ fontFiles: chartFonts ?? DEFAULT_CHART_FONTS, log: base.log }),
    files: new Files(links, base.materials.dir, { campaign: base.campaign, applications }),
    notifier,
    users,
    invitations: new Invitations(base.store),
    sessions: new Sessions(base.store),
    conversations,
    applications,
    text: textOf(base.campaign),
    notifications,
    reminders: new Reminders({
      ...rest,
      notifier,
      users,
      settings: reminderSettings,
      notices: notifications,
      // The one seam to the district flow: see src/reminders/progress-source.ts.
      loadProgress: (now) => loadDistrictProgress({ campaign: base.campaign, applications }, now),
    }),
  };
}

export interface AppOptions {
  config: Config;
  log?: Logger;
  clock?: Clock;
  campaign?: Campaign;
  store?: Store;
  /** Replace proactive sending (tests). */
  notifier?: Notifier;
}

export interface App {
  server: Server;
  url: string;
  services: Services;
  bot: CampaignBot;
  adapter: CloudAdapter;
  close(): Promise<void>;
}

/** Builds and starts everything, in order. src/index.ts and the tests both call this. */
export async function startApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  // 1. Logger, clock and campaign data (fails fast on a bad data file).
  const log = opts.log ?? createLogger(config.logLevel);
  const clock = opts.clock ?? (config.clockStart ? clockStartingAt(config.clockStart) : systemClock);
  const campaign = opts.campaign ?? loadCampaign(config.campaignDir);

  // 2. Store: the embedded file (takes the single-writer lock) or PostgreSQL (runs pending migrations).
  const store = opts.store ?? (await openStore(config, clock, log));

  // 3. Adapter with Bot Framework authentication; anonymous when no app id is set.
  const { adapter, checkToken } = createChannel(config.botAuth);
  // The hosted chat page's turns run in this process on an adapter of their own: its people are
  // authenticated by their sessions, and its replies go to this process, so no Bot Framework token is involved.
  const webChat = config.webChat.enabled && !config.localMode;
  const webAdapter = webChat ? createChannel({}).adapter : undefined;
  const secret = config.files.linkSecret ?? randomBytes(32);
  const derived = (what: string) => createHmac('sha256', secret).update(what).digest('base64url');
  const internalKey = derived('webchat:internal-fetch');

  // 4. Services and the bot. `url` is known once the server listens: local mode's PUBLIC_URL default.
  let url = '';
  if (config.localMode && !config.files.linkSecret)
    log.info('FILE_LINK_SECRET is not set: file links are signed with a random secret and stop working when the bot restarts');
  const links = new FileLinks(secret, () => config.files.publicUrl ?? url, clock);
  const services = createServices(
    {
      campaign,
      store,
      clock,
      log,
      localMode: config.localMode,
      links,
      pageSize: config.listPageSize,
      chartFonts: config.chartFonts,
      materials: {
        dir: config.materialsDir,
        maxBytes: config.materialsMaxBytes,
        limits: config.materialsLimits,
        policy: {
          allowedOrigins: config.attachmentHosts,
          // The hosted page's staged uploads open only with this key, which the bot sends to its own address alone.
          ...(webChat
            ? {
                headersFor: (u: URL) =>
                  url && u.origin === new URL(url).origin && u.pathname.startsWith('/files/')
                    ? { [INTERNAL_FETCH_HEADER]: internalKey }
                    : undefined,
              }
            : {}),
        },
      },
      notifier:
        opts.notifier ??
        ((conversations) =>
          new AdapterNotifier(
            adapter,
            config.botAuth.MicrosoftAppId ?? '',
            conversations,
            log,
            textOf(campaign).common.tooLarge('zh'),
            new Map(webAdapter ? [[WEB_CHANNEL, { adapter: webAdapter, appId: '' }]] : []),
          )),
    },
    config.reminders.sender,
  );
  const bot = new CampaignBot(services, features());
  adapter.onTurnError = createTurnErrorHandler(log, () => bot.conversationState, services.text);
  if (webAdapter) webAdapter.onTurnError = adapter.onTurnError;
  const web = webChat
    ? new WebSessions({
        s: services,
        clock,
        publicUrl: config.files.publicUrl!,
        sessionDays: config.webChat.sessionDays,
        trustProxy: config.webChat.trustProxy,
      })
    : undefined;

  // 5. HTTP: /api/messages, /healthz, and in local mode the chat page with its Direct Line.
  const storeHealth = watchStore(store);
  // Local mode answers only its own origin; the Host names are known once the port is.
  let hosts = new Set<string>();
  const server = createHttpServer({
    adapter,
    bot,
    log,
    maxBodyBytes: config.maxBodyBytes,
    checkToken,
    local: config.localMode
      ? createLocalGuard(
          () => hosts,
          () => url,
        )
      : undefined,
    webOrigin: web?.origin,
    health: () => ({
      // 503 while the database does not answer: a load balancer takes the instance out until it does.
      status: storeHealth.up ? 'ok' : 'down',
      ...(storeHealth.up ? {} : { problem: storeHealth.problem ?? 'the database does not answer' }),
      campaign: campaign.info.id,
      store: store.kind,
      version: VERSION,
      localMode: config.localMode,
      now: clock.now().toISOString(),
    }),
  });
  const fileAccess = {
    localMode: config.localMode,
    ...(web ? { web: { who: (req: Parameters<WebSessions['who']>[0]) => web.who(req), internalKey, campaign } } : {}),
  };
  registerFilesRoute(server, services.files, { ...fileAccess, log });
  const uploads = {
    files: services.files,
    // The page's uploads are held to the same limits the bot applies to any channel's attachments.
    limits: {
      maxFileBytes: config.materialsMaxBytes,
      maxTotalBytes: config.materialsLimits.maxMessageBytes,
      maxFiles: config.materialsLimits.maxFiles,
      maxActivityBytes: config.maxBodyBytes,
    },
  };
  if (config.localMode) {
    new LocalDirectLine(() => url, log, uploads).register(server);
    registerChatPage(server, campaign, clock);
  } else if (web && webAdapter) {
    new LocalDirectLine(() => url, log, uploads, {
      hosted: {
        web,
        files: fileAccess,
        callbackKey: derived('webchat:callback'),
        process: (activity) => webAdapter.processActivityDirect('', activity as unknown as Activity, (context) => bot.run(context)),
      },
    }).register(server);
    registerWebPage(server, campaign, services.text, web);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const host = isIP(config.host) === 6 ? `[${config.host}]` : config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  url = `http://${host}:${address.port}/`;
  hosts = allowedHosts(config.host, address.port, config.files.publicUrl);
  if (config.localMode && !loopbackHost(config.host)) {
    log.warn(
      { host: config.host },
      'LOCAL MODE IS LISTENING ON A NON-LOOPBACK ADDRESS: anyone who can reach it can chat as any demo identity, including the campaign office. Set HOST=127.0.0.1, or set MicrosoftAppId to require Bot Framework tokens.',
    );
  }
  // 6. Reminders: resolve interrupted sends, catch up within grace windows, then tick every minute.
  if (config.reminders.enabled) {
    const first = await services.reminders.scheduler.start(config.reminders.tick);
    log.info({ rules: campaign.reminders.rules.length, ...first }, 'reminder scheduler started');
  } else {
    log.warn('REMINDERS=off: no scheduled reminders are sent; announcements still work');
  }
  log.info(
    { url, campaign: campaign.info.id, store: store.kind, localMode: config.localMode, now: clock.now().toISOString() },
    'bot listening',
  );

  return {
    server,
    url,
    services,
    bot,
    adapter,
    close: async () => {
      services.reminders.scheduler.stop();
      storeHealth.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
