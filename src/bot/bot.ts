import { ActivityHandler, ActivityTypes, ConversationState, TurnContext, UserState, type StatePropertyAccessor } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState, type DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import type { Services } from '../services.js';
import { coalescedReads } from '../store/coalesced-reads.js';
import type { Lang } from '../campaign/campaign.js';
import { userKey, type User } from '../domain/users.js';
import { demoIdentities, DEMO_PREFIX } from '../domain/demo.js';
import { CardActions } from './card-actions.js';
import { CardTrail, type SentCards } from './card-trail.js';
import { commandLabel, commandSpec, mayUse, parseCommand, type CommandId } from './commands.js';
import type { CommandHandler, Feature } from './feature.js';
import { detectLang, localeLang } from '../text/index.js';
import { helpText } from './help-text.js';
import { adaptiveCard, attachTurn, type Turn } from './turn.js';
import { guardReplies } from './reply-budget.js';
import { isGroupConversation, withoutBotMention } from './conversation-kind.js';
import { ChoiceValue, waitingPrompt } from './choice-card.js';
import { isFileAttachment } from './attachments.js';
import { z } from 'zod';

/** The menu's buttons submit a command, exactly as if it had been typed. */
const cardCommandSchema = z.object({ action: z.literal('command'), command: z.string().max(32), args: z.string().max(200).optional() });

const REPLY_LANG = Symbol('reply-lang');

/** The turn-state key botbuilder-dialogs keeps its memory scopes under (memory/dialogStateManager.js; not exported). */
const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

/** What the local chat page sends as soon as it connects (src/server/chat-page.ts). */
export const JOIN_EVENT = 'webchat/join';

interface Prefs {
  lang?: Lang;
  welcomed?: boolean;
}

/**
 * The botbuilder edge: turns an activity into a Turn, then routes it to a
 * command, a running dialog, a card action or free text. Feature code never
 * sees the adapter.
 */
export class CampaignBot extends ActivityHandler {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly prefs: StatePropertyAccessor<Prefs>;
  private readonly dialogs: DialogSet;
  private readonly commands = new Map<CommandId, CommandHandler>();
  private readonly cards = new CardActions();
  private readonly messageHooks: { hook: NonNullable<Feature['onMessage']>; inGroups: boolean }[] = [];
  private readonly greeted: StatePropertyAccessor<boolean>;
  private readonly trail: CardTrail;
  private greeter: Feature['greet'];
  private memoryConfig: DialogStateManagerConfiguration | undefined;

  constructor(
    private readonly s: Services,
    features: Feature[],
  ) {
    super();
    const state = coalescedReads(s.store.state);
    this.conversationState = new ConversationState(state);
    this.userState = new UserState(state);
    this.dialogState = this.conversationState.createProperty<DialogState>('dialogState');
    this.prefs = this.userState.createProperty<Prefs>('prefs');
    this.greeted = this.conversationState.createProperty<boolean>('greeted');
    this.trail = new CardTrail(this.conversationState.createProperty<SentCards>('sentCards'), s.log);
    this.dialogs = new DialogSet(this.dialogState);
    for (const f of features) {
      for (const [id, handler] of Object.entries(f.commands ?? {})) {
        if (this.commands.has(id as CommandId)) throw new Error(`Command "${id}" handled by two features (second: ${f.name}).`);
        this.commands.set(id as CommandId, handler);
      }
      for (const a of f.cardActions ?? []) this.cards.register(a);
      for (const d of f.dialogs ?? []) this.dialogs.add(d);
      if (f.onMessage) this.messageHooks.push({ hook: f.onMessage, inGroups: f.inGroups === true });
      if (f.greet) {
        if (this.greeter) throw new Error(`Two features greet (second: ${f.name}).`);
        this.greeter = f.greet;
      }
    }
    this.cards.register({
      name: 'command',
      schema: cardCommandSchema,
      handle: async (turn, data) => this.runCommand(turn, data.command as CommandId, data.args ?? ''),
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    // Teams and the Emulator say a person joined; the local chat page (and any Web Chat page
    // built like it) sends a join event as soon as it connects, so nobody faces a blank chat.
    this.onMembersAdded(async (context, next) => {
      const others = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient.id);
      if (others.length > 0) await this.greetOnOpen(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      if (context.activity.name === JOIN_EVENT) await this.greetOnOpen(context);
      await next();
    });
  }

  /** The card actions this bot answers, for tests that must cover every one. */
  cardActionNames(): string[] {
    return this.cards.names();
  }

  override async run(context: TurnContext): Promise<void> {
    // Every reply of the turn is laid out and measured against the card budget; the language is the turn's once known.
    let lang: Lang = localeLang(context.activity.locale) ?? 'zh';
    context.turnState.set(REPLY_LANG, (l: Lang) => (lang = l));
    guardReplies(context, () => this.s.text.common.tooLarge(lang), this.s.log);
    this.trail.watch(context);
    // Both states in one read (one round trip on PostgreSQL); later reads in the turn use botbuilder's cache.
    const a = context.activity;
    if (a.channelId && a.conversation?.id && a.from?.id)
      await Promise.all([this.conversationState.load(context), this.userState.load(context)]);
    await super.run(context);
    // no catch: a failed turn must not write half of its state back
    await this.conversationState.saveChanges(context);
    await this.userState.saveChanges(context);
  }

  /** Who is writing, in which language, with the dialogs of the conversation: the Turn every handler gets. */
  private async prepareTurn(context: TurnContext, text: string): Promise<{ turn: Turn; prefs: Prefs }> {
    const a = context.activity;
    const now = this.s.clock.now();
    const userId = userKey(a.channelId, a.from.id);
    const group = isGroupConversation(a);
    // Asked together: one round trip on PostgreSQL. Reminders and announcements go to the person's own
    // chat: a group or channel message never moves them there.
    let [user] = await Promise.all([
      this.s.users.get(userId),
      group ? undefined : this.s.conversations.save(userId, TurnContext.getConversationReference(a) as never, now),
    ]);
    if (!user && this.s.localMode && a.from.id.startsWith(DEMO_PREFIX)) user = await this.enrollDemo(userId, a.from.id, now);

    const prefs = await this.prefs.get(context, {});
    const lang = detectLang(text, user?.lang ?? prefs.lang ?? localeLang(a.locale) ?? 'zh');
    (context.turnState.get(REPLY_LANG) as ((l: Lang) => void) | undefined)?.(lang);
    if (prefs.lang !== lang) await this.prefs.set(context, { ...prefs, lang });
    if (user && user.lang !== lang) await this.s.users.setLang(user.id, lang);

    // botbuilder builds the dialogs' memory scopes anew for every DialogContext unless its turn state
    // holds them (its own cache, per turn); they hold no state of a turn, so one set serves every turn.
    if (this.memoryConfig) context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, this.memoryConfig);
    const dc = await this.dialogs.createContext(context);
    this.memoryConfig ??= dc.state.configuration;
    const turn: Turn = {
      context,
      dc,
      s: this.s,
      text: this.s.text,
      userId,
      user: user ? { ...user, lang } : undefined,
      lang,
      now,
      group,
      say: async (m) => {
        await context.sendActivity(m);
      },
      card: async (card, summary) => {
        // The summary is for notifications and channels that cannot show cards; the card carries its own title.
        await context.sendActivity({ type: ActivityTypes.Message, summary, attachments: [adaptiveCard(card)] });
      },
    };
    attachTurn(context, turn);
    return { turn, prefs };
  }

  /** The welcome card, once per conversation: a chat that opens says who you are and what is next. */
  private async greetOnOpen(context: TurnContext): Promise<void> {
    // The welcome card shows the person's role and next step: not for everyone in a group chat.
    if (!this.greeter || isGroupConversation(context.activity) || (await this.greeted.get(context, false))) return;
    const { turn } = await this.prepareTurn(context, '');
    await this.greeter(turn, 'card');
    await this.greeted.set(context, true);
    await this.prefs.set(context, { ...(await this.prefs.get(context, {})), welcomed: true });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const a = context.activity;
    // "<at>Bot</at> 帮助" is 帮助, in every channel; prompts read the activity's text, so it is changed there too.
    const text = withoutBotMention(a).slice(0, 4000);
    if (typeof a.text === 'string') a.text = text;
    const { turn, prefs } = await this.prepareTurn(context, text);
    const { dc, lang } = turn;

    if (!prefs.welcomed && !(await this.greeted.get(context, false))) {
      if (turn.group) await turn.say(turn.text.common.welcome(lang, this.s.campaign.info.title[lang]));
      else await this.greeter?.(turn, 'line');
      await this.greeted.set(context, true);
      await this.prefs.set(context, { ...(await this.prefs.get(context, {})), welcomed: true, lang });
    }

    if (turn.group) {
      await this.groupMessage(turn, text);
      return;
    }

    if (a.value !== undefined && a.value !== null && !text) {
      // A choice card answers the prompt that sent it, as if the choice had been typed.
      const choice = ChoiceValue.safeParse(a.value);
      if (choice.success) {
        if (waitingPrompt(dc) !== choice.data.prompt) {
          await turn.say(turn.text.common.staleCard(lang));
          return;
        }
        a.text = choice.data.choice ?? '';
        await dc.continueDialog();
        return;
      }
      const pressed = await this.trail.pressed(context, a.value);
      const handled = await this.cards.dispatch(turn, a.value);
      if (handled?.retires) await this.trail.retire(context, pressed, turn.text.common.cardAnswered(lang));
      return;
    }

    const cmd = parseCommand(text);
    if (cmd?.id === 'cancel') {
      const active = dc.activeDialog !== undefined;
      await dc.cancelAllDialogs();
      await turn.say(active ? turn.text.common.cancelled(lang) : turn.text.common.nothingToCancel(lang));
      return;
    }
    if (cmd) {
      // A command always wins over a running dialog: people change their mind mid-way.
      await dc.cancelAllDialogs();
      await this.runCommand(turn, cmd.id, cmd.args);
      return;
    }
    if (dc.activeDialog) {
      const result = await dc.continueDialog();
      if (result.status !== DialogTurnStatus.empty) return;
    }
    for (const { hook } of this.messageHooks) {
      if (await hook(turn, text)) return;
    }
    await turn.say(`${turn.text.common.unknown(lang)}\n\n${helpText(turn.text, lang, !!turn.user, turn.user?.role)}`);
  }

  /**
   * A group chat or channel: everyone there reads the answers. Help and
   * questions about the selection are answered; anything that would show or
   * change a district's application (commands, cards, files) gets one line
   * pointing to the private chat. No dialog is ever started here.
   */
  private async groupMessage(turn: Turn, text: string): Promise<void> {
    const a = turn.context.activity;
    const { lang } = turn;
    const privately = () => turn.say(turn.text.common.privateOnly(lang));
    if ((a.attachments ?? []).some(isFileAttachment)) return privately();
    if (a.value !== undefined && a.value !== null && !text) {
      const v = a.value as { action?: unknown; command?: unknown };
      // The Q&A's topic buttons and a help button are public; every other card carries a district's data.
      if (v.action === 'qa-ask' || (v.action === 'command' && v.command === 'help')) {
        await this.cards.dispatch(turn, a.value);
        return;
      }
      return privately();
    }
    const cmd = parseCommand(text);
    if (cmd?.id === 'help') return this.runCommand(turn, 'help', cmd.args);
    if (cmd?.id === 'cancel') return turn.say(turn.text.common.nothingToCancel(lang));
    if (cmd) return privately();
    for (const { hook, inGroups } of this.messageHooks) {
      if (inGroups && (await hook(turn, text))) return;
    }
    await turn.say(`${turn.text.common.unknown(lang)}\n\n${helpText(turn.text, lang, !!turn.user, turn.user?.role)}`);
  }

  private async runCommand(turn: Turn, id: CommandId, args: string): Promise<void> {
    const spec = commandSpec(id);
    if (!spec) {
      await turn.say(turn.text.common.staleCard(turn.lang));
      return;
    }
    if (!turn.user && !mayUse(undefined, spec)) {
      await turn.say(turn.text.common.needsBinding(turn.lang));
      return;
    }
    if (turn.user && !mayUse(turn.user.role, spec)) {
      await turn.say(turn.text.common.notForRole(turn.lang, turn.text.common.roles(turn.lang)[turn.user.role]));
      return;
    }
    const handler = this.commands.get(id);
    if (!handler) {
      await turn.say(turn.text.common.notBuilt(turn.lang, commandLabel(id, turn.lang)));
      return;
    }
    await handler(turn, args);
  }

  private async enrollDemo(userId: string, fromId: string, now: Date): Promise<User | undefined> {
    const demo = demoIdentities(this.s.campaign).find((d) => d.id === fromId);
    if (!demo) return undefined;
    const user: User = {
      id: userId,
      name: demo.label.zh,
      role: demo.role,
      districtId: demo.districtId,
      divisionId: demo.divisionId,
      lang: 'zh',
      boundAt: now.toISOString(),
      boundWith: 'demo',
    };
    await this.s.users.create(user);
    return this.s.users.get(userId);
  }
}
