import {
  ChoicePrompt,
  ComponentDialog,
  WaterfallDialog,
  type Choice,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { describeTarget } from '../src/bot/describe.js';
import { choicePrompt } from '../src/bot/choice-card.js';
import { LANGS } from '../src/text/index.js';
import { turnOf, type Turn } from '../src/bot/turn.js';
import { validateTarget, type InviteTarget } from '../src/domain/invitations.js';
import { Role } from '../src/campaign/schema.js';
import { can } from '../src/domain/access.js';
import { shanghaiDateTime } from '../src/util/time.js';

export const INVITE_DIALOG = 'invite';
const ROLE_PROMPT = 'invite.role';
const PLACE_PROMPT = 'invite.place';

/** Creates a one-time code for `target` and shows it; the office only. */
export async function createInvite(turn: Turn, target: InviteTarget): Promise<void> {
  const { s, lang, user } = turn;
  if (!can(user, 'invite.create', {}, s.campaign)) {
    await turn.say(turn.text.common.notForRole(lang, user ? turn.text.common.roles(lang)[user.role] : ''));
    return;
  }
  const problem = validateTarget(s.campaign, target);
  if (problem) {
    await turn.say(turn.text.common.inviteBadArgs(lang, problem));
    return;
  }
  const inv = await s.invitations.create(target, turn.userId, turn.now);
  await turn.say(
    turn.text.common.inviteCreated(
      lang,
      inv.code,
      describeTarget(target, s.campaign, turn.text, lang),
      shanghaiDateTime(new Date(inv.expiresAt)),
    ),
  );
}

/** `邀请 contact haidian`, `invite division personnel`, `邀请 office`: the same words as `npm run invite`. */
export function parseInviteArgs(args: string, turn: Turn): InviteTarget | undefined {
  const [roleWord, placeWord] = args.trim().split(/\s+/);
  if (!roleWord) return undefined;
  const role = Role.options.find((r) => r === roleWord.toLowerCase() || LANGS.some((l) => turn.text.common.roles(l)[r] === roleWord));
  if (!role) return undefined;
  const c = turn.s.campaign;
  const wanted = placeWord?.toLowerCase();
  const match = (x: { id: string; name: { zh: string; en: string }; aliases: string[] }) =>
    !!wanted && [x.id, x.name.zh, x.name.en, ...x.aliases].some((n) => n.toLowerCase() === wanted);
  if (role === 'contact') return { role, districtId: c.districts.find(match)?.id ?? placeWord ?? '' };
  if (role === 'division') return { role, divisionId: c.divisions.find(match)?.id ?? placeWord ?? '' };
  return { role };
}

/** `邀请` without arguments: asks for the role, then the district or division. */
export class InviteDialog extends ComponentDialog {
  constructor() {
    super(INVITE_DIALOG);
    this.addDialog(new ChoicePrompt(ROLE_PROMPT, undefined, 'zh-cn'));
    this.addDialog(new ChoicePrompt(PLACE_PROMPT, undefined, 'zh-cn'));
    this.addDialog(
      new WaterfallDialog(`${INVITE_DIALOG}.steps`, [this.roleStep.bind(this), this.placeStep.bind(this), this.createStep.bind(this)]),
    );
    this.initialDialogId = `${INVITE_DIALOG}.steps`;
  }

  private async roleStep(step: WaterfallStepContext) {
    const turn = turnOf(step.context);
    const { lang } = turn;
    const choices: Choice[] = Role.options.map((r) => ({
      value: r,
      action: { type: 'imBack', title: turn.text.common.roles(lang)[r], value: turn.text.common.roles(lang)[r] },
      synonyms: [...LANGS.map((l) => turn.text.common.roles(l)[r]), r],
    }));
    return step.prompt(
      ROLE_PROMPT,
      choicePrompt(turn, ROLE_PROMPT, turn.text.common.inviteAskRole(lang), turn.text.common.retryChoice(lang), choices),
    );
  }

  private async placeStep(step: WaterfallStepContext) {
    const turn = turnOf(step.context);
    const role = (step.result as FoundChoice).value as Role;
    (step.values as { role?: Role }).role = role;
    const { lang, s } = turn;
    if (role !== 'contact' && role !== 'division') return step.next();
    const places = role === 'contact' ? s.campaign.districts : s.campaign.divisions;
    const choices: Choice[] = places.map((p) => ({
      value: p.id,
      action: { type: 'imBack', title: p.name[lang], value: p.name[lang] },
      synonyms: [p.id, p.name.zh, p.name.en, ...p.aliases],
    }));
    return step.prompt(
      PLACE_PROMPT,
      choicePrompt(
        turn,
        PLACE_PROMPT,
        role === 'contact' ? turn.text.common.inviteAskDistrict(lang) : turn.text.common.inviteAskDivision(lang),
        turn.text.common.retryChoice(lang),
        choices,
      ),
    );
  }

  private async createStep(step: WaterfallStepContext) {
    const role = (step.values as { role: Role }).role;
    const place = (step.result as FoundChoice | undefined)?.value;
    const target: InviteTarget =
      role === 'contact' ? { role, districtId: place } : role === 'division' ? { role, divisionId: place } : { role };
    await createInvite(turnOf(step.context), target);
    return step.endDialog();
  }
}
