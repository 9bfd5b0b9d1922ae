import {
  ChoicePrompt,
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type Choice,
  type FoundChoice,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { LANGS } from '../src/text/index.js';
import { turnOf, type Turn } from '../src/bot/turn.js';
import { choicePrompt } from '../src/bot/choice-card.js';
import { Role } from '../src/campaign/schema.js';
import { can } from '../src/domain/access.js';
import type { Audience } from '../src/reminders/service.js';

export const ANNOUNCE_DIALOG = 'announce';
const AUDIENCE_PROMPT = 'announce.audience';
const TEXT_PROMPT = 'announce.text';
const CONFIRM_PROMPT = 'announce.confirm';
const MAX_TEXT = 1000;

interface Values {
  audience?: Audience;
  label?: string;
  text?: string;
}

/** Audience choices: each role, and the contacts of each district. Values are "role:x" or "district:y". */
function audienceChoices(turn: Turn): Choice[] {
  const { lang, s } = turn;
  const roles: Choice[] = Role.options.map((r) => ({
    value: `role:${r}`,
    action: {
      type: 'imBack',
      title: r === 'contact' ? turn.text.reminders.allContacts(lang) : turn.text.common.roles(lang)[r],
      value: r === 'contact' ? turn.text.reminders.allContacts(lang) : turn.text.common.roles(lang)[r],
    },
    synonyms: [
      ...LANGS.map((l) => turn.text.common.roles(l)[r]),
      r,
      ...(r === 'contact' ? [turn.text.reminders.allContacts('zh'), turn.text.reminders.allContacts('en')] : []),
    ],
  }));
  const districts: Choice[] = s.campaign.districts.map((d) => ({
    value: `district:${d.id}`,
    action: {
      type: 'imBack',
      title: turn.text.reminders.contactsOf(lang, d.name[lang]),
      value: turn.text.reminders.contactsOf(lang, d.name[lang]),
    },
    synonyms: [
      d.id,
      d.name.zh,
      d.name.en,
      ...d.aliases,
      turn.text.reminders.contactsOf('zh', d.name.zh),
      turn.text.reminders.contactsOf('en', d.name.en),
    ],
  }));
  return [...roles, ...districts];
}

/** `提醒 通知`: the office picks a role or a district, types the text, sees who gets it, and confirms. */
export class AnnounceDialog extends ComponentDialog {
  constructor() {
    super(ANNOUNCE_DIALOG);
    this.addDialog(new ChoicePrompt(AUDIENCE_PROMPT, undefined, 'zh-cn'));
    this.addDialog(
      new TextPrompt(TEXT_PROMPT, async (p: PromptValidatorContext<string>) => {
        const t = (p.recognized.value ?? '').trim();
        return t.length > 0 && t.length <= MAX_TEXT;
      }),
    );
    this.addDialog(new ChoicePrompt(CONFIRM_PROMPT, undefined, 'zh-cn'));
    this.addDialog(
      new WaterfallDialog(`${ANNOUNCE_DIALOG}.steps`, [
        this.audienceStep.bind(this),
        this.textStep.bind(this),
        this.confirmStep.bind(this),
        this.sendStep.bind(this),
      ]),
    );
    this.initialDialogId = `${ANNOUNCE_DIALOG}.steps`;
  }

  private async audienceStep(step: WaterfallStepContext) {
    const turn = turnOf(step.context);
    if (!can(turn.user, 'reminders.admin', {}, turn.s.campaign)) {
      await turn.say(turn.text.common.notForRole(turn.lang, turn.user ? turn.text.common.roles(turn.lang)[turn.user.role] : ''));
      return step.endDialog();
    }
    return step.prompt(
      AUDIENCE_PROMPT,
      choicePrompt(
        turn,
        AUDIENCE_PROMPT,
        turn.text.reminders.announceAskAudience(turn.lang),
        turn.text.common.retryChoice(turn.lang),
        audienceChoices(turn),
      ),
    );
  }

  private async textStep(step: WaterfallStepContext) {
    const turn = turnOf(step.context);
    const found = step.result as FoundChoice;
    const [kind, id = ''] = found.value.split(':');
    const v = step.values as Values;
    v.audience = kind === 'role' ? { roles: [Role.parse(id)] } : { districts: [id] };
    v.label = audienceChoices(turn).find((c) => c.value === found.value)?.action?.title ?? found.value;
    return step.prompt(TEXT_PROMPT, {
      prompt: turn.text.reminders.announceAskText(turn.lang),
      retryPrompt: turn.text.reminders.announceBadText(turn.lang),
    });
  }

  private async confirmStep(step: WaterfallStepContext) {
    const turn = turnOf(step.context);
    const v = step.values as Values;
    v.text = String(step.result).trim();
    const n = (await turn.s.reminders.audience(v.audience!)).length;
    if (n === 0) {
      await turn.say(turn.text.reminders.announceNobody(turn.lang, v.label!));
      return step.endDialog();
    }
    const choices: Choice[] = [
      {
        value: 'yes',
        action: { type: 'imBack', title: turn.text.reminders.yes(turn.lang), value: turn.text.reminders.yes(turn.lang) },
        synonyms: ['确认', '确认发送', '是', 'yes', 'send', 'ok'],
      },
      {
        value: 'no',
        action: { type: 'imBack', title: turn.text.reminders.no(turn.lang), value: turn.text.reminders.no(turn.lang) },
        synonyms: ['否', '不', 'no'],
      },
    ];
    // The text on its own, then a one-line question with the buttons: some clients (the Agents Playground) show
    // a message with suggested actions as plain text, every line run together.
    await turn.say(turn.text.reminders.announcePreview(turn.lang, n, v.label!, v.text));
    return step.prompt(
      CONFIRM_PROMPT,
      choicePrompt(turn, CONFIRM_PROMPT, turn.text.reminders.announceConfirm(turn.lang), turn.text.common.retryChoice(turn.lang), choices),
    );
  }

  private async sendStep(step: WaterfallStepContext) {
    const turn = turnOf(step.context);
    const v = step.values as Values;
    if ((step.result as FoundChoice).value !== 'yes') {
      await turn.say(turn.text.reminders.announceCancelled(turn.lang));
      return step.endDialog();
    }
    // Checked again: the role may have changed while the dialog waited.
    if (!can(turn.user, 'reminders.admin', {}, turn.s.campaign)) {
      await turn.say(turn.text.common.notForRole(turn.lang, turn.user ? turn.text.common.roles(turn.lang)[turn.user.role] : ''));
      return step.endDialog();
    }
    const { recipients } = await turn.s.reminders.announce(turn.userId, v.audience!, v.text!, turn.now);
    await turn.say(turn.text.reminders.announceSent(turn.lang, recipients));
    return step.endDialog();
  }
}
