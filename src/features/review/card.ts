import { renderCard } from '../../../cards/render.js';
import { withInputRules } from '../../../cards/inputs.js';
import { className, type Lang } from '../../campaign/campaign.js';
import type { Loaded } from '../../domain/application.js';
import type { Turn } from '../../bot/turn.js';
import { shanghaiDateTime } from '../../util/time.js';
import { applicationSections } from './summary.js';

/** One input of the review card; the template lays out headings, choices and text boxes. */
export interface CardInput {
  kind: 'heading' | 'choice' | 'text' | 'multiline';
  id: string;
  label: string;
  value: string;
  error: string;
  choices: { title: string; value: string }[];
  /** Required whichever button is pressed, with what the client says when it is left empty (cards/inputs.ts). */
  required?: boolean;
  errorMessage?: string;
  maxLength?: number;
}

export const heading = (label: string): CardInput => ({ kind: 'heading', id: '', label, value: '', error: '', choices: [] });

export interface ReviewCardOpts {
  title: string;
  inputs?: CardInput[];
  buttons?: { title: string; data: object }[];
  notice?: string;
}

/** The application as the review chain sees it, with the caller's inputs and buttons below. */
export function renderReviewCard(turn: Turn, loaded: Loaded, o: ReviewCardOpts): object {
  const { s, lang } = turn;
  const r = loaded.record;
  const district = s.campaign.district(r.districtId)!;
  const when = r.submission ? shanghaiDateTime(new Date(r.submission.submittedAt)) : '—';
  const rules = Object.fromEntries(
    (o.inputs ?? []).filter((i) => i.id).map((i) => [i.id, { required: i.required, errorMessage: i.errorMessage, maxLength: i.maxLength }]),
  );
  return withInputRules(
    renderCard('review', {
      title: o.title,
      subtitle: turn.text.review.cardSubtitle(
        lang,
        className(s.campaign, district.class, lang),
        when,
        turn.text.review.rule(lang, s.campaign.info.review.approval.rule),
      ),
      notice: o.notice ?? '',
      sections: applicationSections(s, r, lang),
      inputs: o.inputs ?? [],
      buttons: o.buttons ?? [],
    }),
    rules,
  );
}

/** The value a client sends for an input, as a trimmed string ('' when absent or not a string). */
export const inputText = (raw: Record<string, unknown>, id: string): string =>
  typeof raw[id] === 'string' ? (raw[id] as string).trim() : '';

export const districtName = (turn: Turn, id: string, lang: Lang = turn.lang) => turn.s.campaign.district(id)?.name[lang] ?? id;
