import { z } from 'zod';
import type { Campaign } from '../campaign/campaign.js';
import type { ChecklistItem } from '../campaign/schema.js';
import type { ApplicationRecord } from './application.js';

/**
 * Phase-3 write-ups (新机制、新模式、好做法、好经验) a district submits, kept in
 * its application record's `practices` list. The kinds come from the
 * checklist item in data/.
 */
export const Practice = z.object({
  id: z.string(),
  title: z.string(),
  /** A kind id from the practices checklist item. */
  kind: z.string(),
  summary: z.string(),
  /** Links to supporting documents, optional. */
  links: z.array(z.string()).default([]),
  by: z.string(),
  at: z.string(),
});
export type Practice = z.infer<typeof Practice>;

export type PracticesItem = ChecklistItem & {
  completion: { kind: 'practices'; minItems: number; kinds: { id: string; name: { zh: string; en: string } }[] };
};

export function practicesItem(c: Campaign): PracticesItem | undefined {
  return c.checklist.find((i): i is PracticesItem => i.completion.kind === 'practices');
}

/** The record's write-ups; entries another version wrote in a shape this one cannot read are skipped, not fatal. */
export function practicesOf(r: ApplicationRecord): Practice[] {
  return (r.practices ?? []).flatMap((p) => {
    const parsed = Practice.safeParse(p);
    return parsed.success ? [parsed.data] : [];
  });
}

export function kindName(c: Campaign, kindId: string, lang: 'zh' | 'en'): string {
  return practicesItem(c)?.completion.kinds.find((k) => k.id === kindId)?.name[lang] ?? kindId;
}
