import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext, type PromptValidatorContext } from 'botbuilder-dialogs';
import { CODE_PATTERN, normaliseCode } from '../src/domain/invitations.js';
import { bindWithInvitation } from '../src/domain/binding.js';
import { describeTarget } from '../src/bot/describe.js';
import { turnOf, type Turn } from '../src/bot/turn.js';

export const BIND_DIALOG = 'bind';
const CODE_PROMPT = 'bind.code';

/** Redeems an invitation and binds the user's role; answers every way it can fail. */
export async function bindWithCode(turn: Turn, rawCode: string): Promise<void> {
  const { s, lang, now } = turn;
  if (turn.user) {
    await turn.say(turn.text.common.alreadyBound(lang, describeTarget(turn.user, s.campaign, turn.text, lang)));
    return;
  }
  const result = await bindWithInvitation(s, rawCode, { id: turn.userId, name: turn.context.activity.from.name, lang }, now);
  if (!result.ok) {
    if (result.reason === 'expired') await turn.say(turn.text.common.bindExpired(lang, result.expiresAt.slice(0, 10)));
    else if (result.reason === 'exists')
      await turn.say(
        turn.text.common.alreadyBound(lang, result.existing ? describeTarget(result.existing, s.campaign, turn.text, lang) : ''),
      );
    else await turn.say(result.reason === 'used' ? turn.text.common.bindUsed(lang) : turn.text.common.bindUnknown(lang));
    return;
  }
  const inv = result.user;
  turn.user = result.user;
  s.log.info({ userId: turn.userId, role: inv.role }, 'user bound');
  await turn.say(turn.text.common.bound(lang, describeTarget(inv, s.campaign, turn.text, lang)));
}

/** `绑定` without a code: asks for it, re-asking on a malformed one. */
export class BindDialog extends ComponentDialog {
  constructor() {
    super(BIND_DIALOG);
    this.addDialog(
      new TextPrompt(CODE_PROMPT, async (p: PromptValidatorContext<string>) => CODE_PATTERN.test(normaliseCode(p.recognized.value ?? ''))),
    );
    this.addDialog(new WaterfallDialog(`${BIND_DIALOG}.steps`, [this.askCodeStep.bind(this), this.redeemStep.bind(this)]));
    this.initialDialogId = `${BIND_DIALOG}.steps`;
  }

  private async askCodeStep(step: WaterfallStepContext) {
    const turn = turnOf(step.context);
    const { lang } = turn;
    return step.prompt(CODE_PROMPT, { prompt: turn.text.common.askCode(lang), retryPrompt: turn.text.common.badCodeFormat(lang) });
  }

  private async redeemStep(step: WaterfallStepContext) {
    await bindWithCode(turnOf(step.context), String(step.result));
    return step.endDialog();
  }
}
