import type { Campaign } from './campaign/campaign.js';
import type { Store } from './store/types.js';
import type { Clock } from './util/clock.js';
import type { Logger } from './util/logger.js';
import type { Users } from './domain/users.js';
import type { Invitations } from './domain/invitations.js';
import type { Sessions } from './domain/sessions.js';
import type { Conversations } from './domain/conversations.js';
import type { Applications } from './domain/application.js';
import type { Notifications } from './domain/notifications.js';
import type { Notifier } from './domain/notifier.js';
import type { Reminders } from './reminders/service.js';
import type { Text } from './text/index.js';
import type { Files } from './files/files.js';
import type { FetchPolicy } from './util/attachment-fetch.js';
import type { MessageLimits } from './domain/materials.js';
import type { ChartRenderer } from './charts/bar-chart.js';

/**
 * What feature code may use. Built once by createServices (src/app.ts), which
 * makes every repository over the one store; tests use the same function.
 */
export interface Services {
  campaign: Campaign;
  store: Store;
  clock: Clock;
  log: Logger;
  users: Users;
  invitations: Invitations;
  /** The chat page's device sessions (WEB_CHAT=on); the office lists and revokes them. */
  sessions: Sessions;
  conversations: Conversations;
  /** Districts' application records: the one write path for them. */
  applications: Applications;
  /** Proactive messages sent from features, each outcome recorded. */
  notifications: Notifications;
  notifier: Notifier;
  /** The bot's words for this campaign, every language (src/text). */
  text: Text;
  /** Scheduled reminders, announcements and their delivery records. */
  reminders: Reminders;
  /** Local mode: demo identities are enrolled on first contact. */
  localMode: boolean;
  /** Uploaded materials: where they go, the largest file, and where attachments may be fetched from. */
  materials: { dir: string; maxBytes: number; policy: FetchPolicy; limits: MessageLimits };
  /** Signed links to materials, workbooks and uploads, and where those files are. */
  files: Files;
  /** Rows per page of a district list (LIST_PAGE_SIZE). */
  pageSize: number;
  /** Charts for the overview card and the export workbook, drawn on the server. */
  charts: ChartRenderer;
}
