import { z } from 'zod';
import { isIsoDay } from '../util/time.js';

/** Text in both languages the bot speaks; Chinese is authoritative. */
export const Text = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
export type Text = z.infer<typeof Text>;

export const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected an id of lowercase letters, digits and dashes, like "haidian"');
export const Day = z.string().refine(isIsoDay, 'expected a calendar day written YYYY-MM-DD, like "2012-10-31"');
export const ClassId = z.string().regex(/^[A-Za-z0-9]+$/, 'expected a class id like "I" or "II"');
export const Role = z.enum(['contact', 'division', 'office', 'inspector', 'statistics']);
export type Role = z.infer<typeof Role>;

const comment = { $comment: z.string().optional() };

export const CampaignFile = z
  .object({
    ...comment,
    id: Id,
    title: Text,
    timezone: z.literal('Asia/Shanghai'),
    notice: z
      .object({
        number: z.string().min(1),
        title: Text,
        issuer: Text,
        issuedOn: Day,
        printedOn: Day,
        basis: z.string().optional(),
        file: z.string().min(1),
        /** How people cite the notice in a reply ("《通知》", "the notice"); the section follows. */
        citation: Text.optional(),
        /** The issuer's short name that prefixes its divisions ("市国土局" 人事处). */
        issuerShort: Text.optional(),
        contact: z.object({ name: z.string().min(1), nameEn: z.string().optional(), phone: z.string().min(1) }).strict(),
      })
      .strict(),
    office: z.object({ name: Text, duties: Text }).strict(),
    ministry: Text,
    organiser: Text,
    bodies: z.array(
      z
        .object({ id: Id, role: z.enum(['inspector', 'statistics']), name: Text, aliases: z.array(z.string()).default([]), duties: Text })
        .strict(),
    ),
    classes: z
      .array(
        z
          .object({
            id: ClassId,
            name: Text,
            system: Text,
            /** Shown to users, so written for them. */
            note: Text.optional(),
            /** The office's own note on what is assumed here; never shown to users. */
            assumption: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
    review: z
      .object({
        points: z.array(z.object({ id: Id, name: Text }).strict()).min(1),
        approval: z.object({ ...comment, rule: z.enum(['all-guiding-divisions', 'any-guiding-division']) }).strict(),
      })
      .strict(),
    requirements: z.array(z.object({ id: Id, title: Text, text: Text }).strict()),
    /**
     * How the bot's own sentences name this campaign's bodies, when shorter than
     * their formal names above, and what its examples show. All optional: the
     * formal names, the first district and division and the first phase's start
     * are used otherwise.
     */
    terms: z
      .object({
        ...comment,
        office: Text.optional(),
        ministry: Text.optional(),
        issuer: Text.optional(),
        examples: z
          .object({ district: Id.optional(), division: Id.optional(), day: Day.optional(), phone: z.string().min(1).optional() })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const DistrictsFile = z
  .array(z.object({ id: Id, name: Text, aliases: z.array(z.string()).default([]), class: ClassId }).strict())
  .min(1);

export const DivisionsFile = z
  .array(z.object({ id: Id, name: Text, aliases: z.array(z.string()).default([]), guides: z.array(Id).min(1) }).strict())
  .min(1);

export const PhasesFile = z
  .array(
    z
      .object({ id: Id, name: Text, aliases: z.array(z.string()).default([]), start: Day, end: Day, noticeWindow: Text, summary: Text })
      .strict()
      .refine((p) => p.start <= p.end, { message: 'start must be on or before end', path: ['end'] }),
  )
  .min(1);

const Completion = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('form') }).strict(),
  z.object({ kind: z.literal('veto') }).strict(),
  z.object({ kind: z.literal('indicators') }).strict(),
  z.object({ kind: z.literal('materials'), tag: Id, minFiles: z.number().int().min(1).default(1) }).strict(),
  z.object({ kind: z.literal('submit') }).strict(),
  z.object({ kind: z.literal('review') }).strict(),
  z.object({ kind: z.literal('report') }).strict(),
  z.object({ kind: z.literal('recheck') }).strict(),
  z
    .object({
      kind: z.literal('practices'),
      minItems: z.number().int().min(1).default(1),
      /** The kinds a write-up may be (the notice's 新机制、新模式、好做法、好经验); none means any. */
      kinds: z.array(z.object({ id: Id, name: Text }).strict()).default([]),
    })
    .strict(),
  z.object({ kind: z.literal('confirm') }).strict(),
]);
export type Completion = z.infer<typeof Completion>;

/** How a reply cites a data file ("市局设定的时间节点"): people cite documents, not files. */
const citation = { citation: Text.optional() };

export const ChecklistFile = z
  .object({
    ...comment,
    ...citation,
    items: z
      .array(
        z
          .object({ id: Id, phase: Id, owner: Role, due: Day, required: z.boolean().default(true), title: Text, completion: Completion })
          .strict(),
      )
      .min(1),
  })
  .strict();

const Indicator = z
  .object({
    id: Id,
    group: Id,
    classes: z.array(ClassId).min(1),
    measuredBy: z.enum(['district', 'statistics']),
    name: Text,
    aliases: z.array(z.string()).default([]),
    type: z.enum(['number', 'boolean']),
    unit: z.string().min(1),
    min: z.number().optional(),
    max: z.number().optional(),
    decimals: z.number().int().min(0).max(6).optional(),
    formula: Text,
    source: z.string().min(1),
  })
  .strict()
  .refine((i) => i.type !== 'number' || (i.min !== undefined && i.max !== undefined && i.min <= i.max), {
    message: 'a number indicator needs min and max, with min ≤ max',
    path: ['max'],
  });

export const IndicatorsFile = z
  .object({
    ...comment,
    ...citation,
    draft: z.boolean(),
    groups: z.array(z.object({ id: Id, name: Text }).strict()).min(1),
    indicators: z.array(Indicator).min(1),
  })
  .strict();

export const VetoFile = z
  .object({ ...comment, ...citation, items: z.array(z.object({ id: Id, text: Text, source: z.string().min(1) }).strict()) })
  .strict();

const FormField = z
  .object({
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'expected a field id in camelCase, like "contactPhone"'),
    type: z.enum(['auto', 'text', 'multiline', 'phone', 'number', 'yesno']),
    auto: z.enum(['district', 'class']).optional(),
    required: z.boolean().default(false),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    decimals: z.number().int().min(0).max(6).optional(),
    unit: z.string().optional(),
    label: Text,
  })
  .strict()
  .refine((f) => (f.type === 'auto') === (f.auto !== undefined), {
    message: 'type "auto" needs "auto": "district" or "class", and only it may have one',
    path: ['auto'],
  });

export const FormFile = z.object({ ...comment, ...citation, draft: z.boolean(), fields: z.array(FormField).min(1) }).strict();

/**
 * Questions people ask that the structured answers do not cover, and places
 * they may ask about that are not in the selection. Optional: a campaign
 * without it answers from the notice and the other data files only.
 */
export const FaqFile = z
  .object({
    ...comment,
    entries: z.array(
      z
        .object({
          id: Id,
          /** Ways people ask it, in both languages; they are what retrieval matches. */
          questions: z.object({ zh: z.array(z.string().min(1)).min(1), en: z.array(z.string().min(1)).min(1) }).strict(),
          answer: Text,
          /**
           * Where the answer comes from, as a reply cites it: a section of the notice
           * (`{ "notice": "五、工作安排" }`), or a source outside it in both languages.
           */
          source: z.union([z.object({ notice: z.string().min(1) }).strict(), Text]),
          /**
           * A fact that only exists from this day on (a result, a later decision): before it
           * the bot answers `before` instead, so nothing after the bot's clock is told as past.
           */
          knownFrom: Day.optional(),
          before: Text.optional(),
        })
        .strict()
        .refine((e) => (e.knownFrom === undefined) === (e.before === undefined), {
          message: 'knownFrom and before go together: the day a fact becomes known, and what to say until then',
          path: ['before'],
        }),
    ),
    outOfScope: z.array(z.object({ name: Text, aliases: z.array(z.string()).default([]) }).strict()).default([]),
  })
  .strict();

export type CampaignFile = z.infer<typeof CampaignFile>;
export type FaqEntry = z.infer<typeof FaqFile>['entries'][number];
export type OutOfScopePlace = z.infer<typeof FaqFile>['outOfScope'][number];
export type District = z.infer<typeof DistrictsFile>[number];
export type Division = z.infer<typeof DivisionsFile>[number];
export type Phase = z.infer<typeof PhasesFile>[number];
export type ChecklistItem = z.infer<typeof ChecklistFile>['items'][number];
export type Indicator = z.infer<typeof Indicator>;
export type IndicatorGroup = z.infer<typeof IndicatorsFile>['groups'][number];
export type VetoItem = z.infer<typeof VetoFile>['items'][number];
export type FormField = z.infer<typeof FormField>;
