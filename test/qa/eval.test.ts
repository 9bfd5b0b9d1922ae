import { describe, expect, it } from 'vitest';
import { runEval } from '../../scripts/eval-qa.js';
import { shippedCampaign } from '../helpers.js';

describe('Q&A evaluation set', () => {
  it('should answer at least 90 % of the evaluation questions with every required fact', () => {
    const r = runEval(shippedCampaign());
    expect(r.total).toBeGreaterThanOrEqual(80);
    const report = r.misses.map((m) => `${m.item.q}: missing ${m.missing.join(', ')}${m.wrongKind ? ` (kind ${m.answer.kind})` : ''}`);
    expect(r.accuracy, report.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});
