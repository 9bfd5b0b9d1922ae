import { ComponentDialog, TextPrompt, WaterfallDialog, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { className, type Campaign } from '../src/campaign/campaign.js';
import type { Indicator } from '../src/campaign/schema.js';
import { displayValue, fieldSchema, indicatorSpec, parseBoolean, parseNumber, type Value } from '../src/domain/indicator-values.js';
import { turnOf, type Turn } from '../src/bot/turn.js';
import { cardDef, commit, editableDistrict, indicatorKinds, showEditCard } from '../src/features/district/edit-card.js';
import { showNextStep } from '../src/features/district/next-step.js';

export const SET_INDICATOR_DIALOG = 'set-indicator';
const CONFIRM_PROMPT = 'set-indicator.confirm';

/** One card per indicator group of the district's class, current values prefilled. */
export async function enterIndicators(turn: Turn, districtId: string): Promise<void> {
  const loaded = await turn.s.applications.get(districtId);
  for (const kind of indicatorKinds(turn.s.campaign, districtId)) await showEditCard(turn, districtId, kind, {}, loaded);
}

export interface TypedValue {
  indicator: Indicator;
  text: string;
}

/**
 * "地均产出强度 1.5万", "供地率：75%": an indicator name or alias, then
 * something that reads as a value. Anything else (a question that names an
 * indicator) is not ours, so the Q&A still gets it.
 */
export function matchTypedValue(c: Campaign, text: string): TypedValue | undefined {
  const t = text.trim();
  const names = c.indicators
    .flatMap((i) => [i.name.zh, i.name.en, ...i.aliases].map((n) => ({ n, i })))
    .sort((a, b) => b.n.length - a.n.length);
  for (const { n, i } of names) {
    if (!t.toLowerCase().startsWith(n.toLowerCase())) continue;
    const tail = t.slice(n.length).trim();
    // "评价 是" is a value; "评价为是" / "供地率：80" have a separator first.
    for (const rest of [tail, tail.replace(/^[:：=＝为是]\s*/, '')]) {
      if (!rest) continue;
      const ok = i.type === 'boolean' ? parseBoolean(rest) !== undefined : parseNumber(rest, i.unit) !== undefined;
      if (ok) return { indicator: i, text: rest };
    }
    return undefined;
  }
  return undefined;
}

interface Options {
  districtId: string;
  indicatorId: string;
  value: Value;
  baseVersion: number;
}

/** Validates a typed value, then asks for confirmation before it is set. */
export async function beginTypedValue(turn: Turn, districtId: string, typed: TypedValue): Promise<void> {
  const { s, lang } = turn;
  const ind = typed.indicator;
  const cls = s.campaign.district(districtId)?.class ?? '';
  if (!ind.classes.includes(cls)) {
    await turn.say(turn.text.district.notForClass(lang, ind.name[lang], className(s.campaign, cls, lang)));
    return;
  }
  if (ind.measuredBy === 'statistics') {
    await turn.say(turn.text.district.statsOnly(lang, ind.name[lang]));
    return;
  }
  const parsed = fieldSchema(indicatorSpec(ind), lang).safeParse(typed.text);
  if (!parsed.success || parsed.data === undefined) {
    await turn.say(turn.text.district.badValue(lang, ind.name[lang], parsed.success ? '' : parsed.error.issues[0]!.message));
    return;
  }
  const loaded = await editableDistrict(turn, districtId, `indicators.${ind.id}`, 'message');
  if (!loaded) return;
  const opts: Options = { districtId, indicatorId: ind.id, value: parsed.data, baseVersion: loaded.version };
  await turn.dc.beginDialog(SET_INDICATOR_DIALOG, opts);
}

/** The confirmation of a typed value; its state lives in the store, so it survives a restart. */
export class SetIndicatorDialog extends ComponentDialog {
  constructor() {
    super(SET_INDICATOR_DIALOG);
    this.addDialog(
      new TextPrompt(CONFIRM_PROMPT, async (p: PromptValidatorContext<string>) => parseBoolean(p.recognized.value ?? '') !== undefined),
    );
    this.addDialog(new WaterfallDialog(`${SET_INDICATOR_DIALOG}.steps`, [this.askStep.bind(this), this.applyStep.bind(this)]));
    this.initialDialogId = `${SET_INDICATOR_DIALOG}.steps`;
  }

  private async askStep(step: WaterfallStepContext) {
    const turn = turnOf(step.context);
    const o = step.options as Options;
    const ind = turn.s.campaign.indicator(o.indicatorId)!;
    const { record } = await turn.s.applications.get(o.districtId);
    const spec = indicatorSpec(ind);
    return step.prompt(CONFIRM_PROMPT, {
      prompt: turn.text.district.confirmValue(
        turn.lang,
        ind.name[turn.lang],
        displayValue(spec, record.indicators[ind.id], turn.lang),
        displayValue(spec, o.value, turn.lang),
        ind.unit,
      ),
      retryPrompt: turn.text.district.confirmRetry(turn.lang),
    });
  }

  private async applyStep(step: WaterfallStepContext) {
    const turn = turnOf(step.context);
    const o = step.options as Options;
    if (!parseBoolean(String(step.result))) {
      await turn.say(turn.text.district.dropped(turn.lang));
      return step.endDialog();
    }
    const ind = turn.s.campaign.indicator(o.indicatorId)!;
    const kind = `indicators:${ind.group}`;
    const pre = await turn.s.applications.get(o.districtId);
    const def = cardDef(turn.s.campaign, kind, o.districtId, pre.record, turn.lang);
    const field = def?.fields.find((f) => f.id === ind.id && f.spec);
    if (!def || !field) return step.endDialog();
    const r = await commit(turn, o.districtId, def, o.baseVersion, new Map([[field, o.value]]), 'message');
    if (r.status === 'conflict') {
      const c = r.conflicts[0]!;
      await turn.say(
        [
          turn.text.district.conflict(turn.lang),
          turn.text.district.conflictLine(
            turn.lang,
            ind.name[turn.lang],
            displayValue(field.spec!, c.yours, turn.lang),
            displayValue(field.spec!, c.theirs, turn.lang),
          ),
          turn.text.district.conflictTail(turn.lang),
        ].join('\n'),
      );
      await showEditCard(turn, o.districtId, kind, {}, r.loaded);
    } else if (r.status === 'busy') {
      await turn.say(turn.text.district.busy(turn.lang));
    } else if (r.status === 'saved' || r.status === 'unchanged') {
      await turn.say(r.status === 'saved' ? turn.text.district.saved(turn.lang, 1) : turn.text.district.unchanged(turn.lang));
      await showNextStep(turn, o.districtId, r.loaded);
    }
    return step.endDialog();
  }
}
