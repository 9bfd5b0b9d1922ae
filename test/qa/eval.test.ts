import { describe, expect, it } from 'vitest';
import { runEval } from '../../scripts/eval-qa.js';
import { shippedCampaign } from '../helpers.js';

describe('Q&A evaluation set', () => {
  it('should answer at least 97 % of the evaluation questions with every required fact, in the required shape', () => {
    const r = runEval(shippedCampaign());
    expect(r.total).toBeGreaterThanOrEqual(180);
    const report = r.misses.map(
      (m) => `${m.item.q}: missing ${m.missing.join(', ')}${m.wrongKind ? ` (kind ${m.answer.kind})` : ''} ${m.shape.join(', ')}`,
    );
    expect(r.accuracy, report.join('\n')).toBeGreaterThanOrEqual(0.97);
  });

  it('should cover every kind of hard question with at least 8 questions', () => {
    const r = runEval(shippedCampaign());
    for (const kind of ['sequence', 'multi', 'fuzzy', 'not-in-notice', 'concise'])
      expect(r.byCategory[kind]?.total ?? 0, kind).toBeGreaterThanOrEqual(8);
  });
});
