import { ListStyle, type Choice, type DialogContext, type PromptOptions } from 'botbuilder-dialogs';
import { ActivityTypes } from 'botbuilder';
import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { withInputRules } from '../../cards/inputs.js';
import { adaptiveCard, type Turn } from './turn.js';

/**
 * How a prompt offers its choices. Teams shows only the first three suggested
 * actions, so three or fewer are suggested actions; up to six are card
 * buttons (what Teams shows of an action set); more are one Input.ChoiceSet
 * (a drop-down) with a button. Pressing a card answers the prompt as if the
 * choice had been typed: src/bot/bot.ts puts the chosen title into the
 * activity's text and continues the dialog, when that prompt is still the one
 * waiting (an old card must not answer a later question).
 */
export const CHOICE_ACTION = 'prompt.choice';
export const MAX_SUGGESTED = 3;
const MAX_BUTTONS = 6;

export const ChoiceValue = z
  .object({
    action: z.literal(CHOICE_ACTION),
    prompt: z.string().max(100),
    // The drop-down's value arrives as the input "choice"; a button carries its own.
    choice: z.string().max(200).optional(),
  })
  .passthrough();
export type ChoiceValue = z.infer<typeof ChoiceValue>;

const titleOf = (c: Choice) => c.action?.title ?? c.value;

function choiceCard(turn: Turn, promptId: string, text: string, choices: Choice[]): object {
  const { lang } = turn;
  const asButtons = choices.length <= MAX_BUTTONS;
  // The drop-down is the card's only answer: its one button must not send it empty.
  return withInputRules(
    renderCard('choice', {
      prompt: text,
      label: turn.text.common.chooseLabel(lang),
      placeholder: turn.text.common.choosePlaceholder(lang),
      options: asButtons ? [] : choices.map((c) => ({ title: titleOf(c) })),
      buttons: asButtons
        ? choices.map((c) => ({ title: titleOf(c), data: { action: CHOICE_ACTION, prompt: promptId, choice: titleOf(c) } }))
        : [{ title: turn.text.common.chooseOk(lang), data: { action: CHOICE_ACTION, prompt: promptId } }],
    }),
    { choice: { required: true, errorMessage: turn.text.common.choosePlaceholder(lang) } },
  );
}

/** The options for `step.prompt(promptId, …)` of a ChoicePrompt, laid out by how many choices there are. */
export function choicePrompt(turn: Turn, promptId: string, prompt: string, retry: string, choices: Choice[]): PromptOptions {
  if (choices.length <= MAX_SUGGESTED) return { prompt, retryPrompt: retry, choices, style: ListStyle.suggestedAction };
  const asCard = (text: string) => ({
    type: ActivityTypes.Message,
    summary: text,
    attachments: [adaptiveCard(choiceCard(turn, promptId, text, choices))],
  });
  return { prompt: asCard(prompt), retryPrompt: asCard(`${retry}\n\n${prompt}`), choices, style: ListStyle.none };
}

/** The id of the innermost dialog waiting for input (a prompt inside a component dialog). */
export function waitingPrompt(dc: DialogContext): string | undefined {
  let inner: DialogContext = dc;
  while (inner.child) inner = inner.child;
  return inner.activeDialog?.id;
}
