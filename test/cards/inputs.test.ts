import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { cardsOf, harness, seedSubmitted, silentLog, submitActions, type Chat, type Harness } from '../helpers.js';
import { inputsOf } from '../../cards/inputs.js';
import { cardDef, hasDraft, indicatorKinds } from '../../src/features/district/edit-card.js';
import { emptyRecord } from '../../src/domain/application.js';
import { choicePrompt } from '../../src/bot/choice-card.js';
import { fitReply } from '../../src/bot/reply-budget.js';
import type { Turn } from '../../src/bot/turn.js';

/** A card as it leaves the bot (speech added at the edge, like every reply's). */
const fitted = (card: Record<string, unknown>) =>
  cardsOf([
    fitReply({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }, '', silentLog),
  ])[0]!;

/**
 * Every card with inputs the bot sends, opened the way people open them:
 * the form, the veto declaration, every indicator group of both classes
 * (draft cards, and the completion cards 补填必填项 opens),
 * the review, re-check, statistics and write-up cards, and a long choice.
 * The server decides; the cards only tell the client what it will say.
 */
let h: Harness;
const cards: { who: string; card: Record<string, unknown> }[] = [];

async function collect(chat: Chat, who: string, inputs: (string | Record<string, unknown>)[]): Promise<Partial<Activity>[]> {
  const all: Partial<Activity>[] = [];
  for (const input of inputs) {
    const replies = typeof input === 'string' ? await chat.send(input) : await chat.submit(input);
    for (const card of cardsOf(replies)) cards.push({ who: `${who} ${JSON.stringify(input).slice(0, 60)}`, card });
    all.push(...replies);
  }
  return all;
}

const start = (districtId: string, item: string) => ({ action: 'district.start', item, card: { kind: 'checklist', record: districtId } });
const complete = (districtId: string, kind: string) => ({ action: 'application.complete', card: { kind, record: districtId } });

beforeAll(async () => {
  h = await harness({ now: '2012-10-15T09:00:00+08:00' });
  for (const [districtId, who] of [
    ['haidian', '海淀'],
    ['dongcheng', '东城'],
  ] as const) {
    const contact = await h.bound(`联系人${who}`, { role: 'contact', districtId });
    await collect(contact, `contact ${districtId}`, [start(districtId, 'form'), start(districtId, 'veto'), '指标']);
    // The completion cards, as 补填必填项 opens them after a draft.
    await collect(
      contact,
      `contact ${districtId} completion`,
      ['form', ...indicatorKinds(h.services.campaign, districtId)].map((kind) => complete(districtId, kind)),
    );
  }
  await seedSubmitted(h.services, 'fengtai', 'test:丰台', h.clock.now());
  const lead = h.services.campaign.divisions.find((d) => d.guides.includes('fengtai'))!;
  await collect(await h.bound('处室', { role: 'division', divisionId: lead.id }), 'division', ['审核 丰台']);
  await collect(await h.bound('统计', { role: 'statistics' }), 'statistics', ['指标 丰台']);
  // A long choice (more than six) is a drop-down with one button: the shipped campaign has none that long.
  const turn = { lang: 'zh', text: h.services.text } as unknown as Turn;
  const long = choicePrompt(
    turn,
    'test.prompt',
    '选一个',
    '请重新选择',
    Array.from({ length: 9 }, (_, i) => ({ value: `选项${i + 1}` })),
  );
  for (const card of cardsOf([long.prompt as Partial<Activity>])) cards.push({ who: 'a long choice', card: fitted(card) });
  h.clock.set('2012-11-20T10:00:00+08:00');
  await collect(await h.bound('督察', { role: 'inspector' }), 'inspector', ['审核 丰台']);
  h.clock.set('2013-01-10T10:00:00+08:00');
  const writer = await h.bound('写作者', { role: 'contact', districtId: 'huairou' });
  await collect(writer, 'contact write-up', [{ action: 'practices.add', card: { kind: 'practices', record: 'huairou' } }]);
}, 60_000);
afterAll(() => h.close());

const inputs = () => cards.flatMap(({ who, card }) => inputsOf(card).map((input) => ({ who, input, card })));
/** The collected editing card of a kind whose 保存 sends `mode`: 'draft' for the draft card, 'save' for the completion card. */
const editCard = (districtId: string, kind: string, mode: 'save' | 'draft') =>
  cards.find(({ card }) =>
    submitActions(card).some((a) => {
      const d = a.data as { action?: string; mode?: string; card?: { kind?: string; record?: string } };
      return d.action === 'application.save' && d.mode === mode && d.card?.kind === kind && d.card.record === districtId;
    }),
  )?.card;
const byId = (id: string) => inputs().filter((x) => x.input.id === id);

describe('every input of every card', () => {
  it('should have been collected from each kind of card', () => {
    const kinds = new Set(cards.flatMap(({ card }) => submitActions(card).map((a) => String(a.data.action))));
    for (const k of ['application.save', 'review.decide', 'statistics.save', 'recheck.record', 'practices.save', 'prompt.choice'])
      expect(kinds).toContain(k);
  });

  it('should carry a label, and an error message wherever it is marked required', () => {
    const problems = inputs().flatMap(({ who, input }) => [
      ...(typeof input.label === 'string' && input.label.trim() ? [] : [`${who}: ${String(input.id)} has no label`]),
      ...(input.isRequired && !(typeof input.errorMessage === 'string' && input.errorMessage.trim())
        ? [`${who}: ${String(input.id)} is required without an error message`]
        : []),
    ]);
    expect(problems).toEqual([]);
  });

  it('should mark required what the server requires on cards that save in full: veto answers, review and re-check verdicts, the write-up', () => {
    const c = h.services.campaign;
    const required = [
      ...c.veto.map((v) => `veto.${v.id}`),
      ...c.info.review.points.map((p) => `point.${p.id}.verdict`),
      'recheck.verdict',
      'recheck.finding',
      'practice.title',
      'practice.summary',
      'practice.kind',
      'choice',
    ];
    for (const id of required) {
      const found = byId(id);
      expect(found.length, id).toBeGreaterThan(0);
      for (const { input } of found)
        expect({ id, isRequired: input.isRequired, errorMessage: typeof input.errorMessage }).toEqual({
          id,
          isRequired: true,
          errorMessage: 'string',
        });
    }
  });

  it('should mark isRequired, with its error message, every field the completion card requires, and draw no 必填 of its own', () => {
    const c = h.services.campaign;
    for (const districtId of ['haidian', 'dongcheng']) {
      for (const kind of ['form', ...indicatorKinds(c, districtId)]) {
        const def = cardDef(c, kind, districtId, emptyRecord(districtId), 'zh')!;
        expect(hasDraft(def)).toBe(true);
        const card = editCard(districtId, kind, 'save');
        expect(card, `${districtId} ${kind} completion card`).toBeDefined();
        const byPath = new Map(inputsOf(card).map((input) => [String(input.id), input]));
        for (const f of def.fields.filter((x) => x.spec?.required)) {
          const input = byPath.get(f.path);
          expect(input, `${districtId} ${f.path}`).toBeDefined();
          expect(input!.isRequired, f.path).toBe(true);
          expect(String(input!.errorMessage), f.path).toContain(f.spec!.label.zh);
          // The client draws its own marker for isRequired.
          expect(String(input!.label), f.path).not.toMatch(/必填|完成此项需填写/);
        }
        for (const f of def.fields.filter((x) => x.spec && !x.spec.required))
          expect(byPath.get(f.path)?.isRequired, f.path).toBeUndefined();
      }
    }
  });

  it('should mark nothing required on a draft card, whose 保存 keeps a partial draft, and say what completing the item needs', () => {
    const c = h.services.campaign;
    for (const districtId of ['haidian', 'dongcheng']) {
      for (const kind of ['form', ...indicatorKinds(c, districtId)]) {
        const def = cardDef(c, kind, districtId, emptyRecord(districtId), 'zh')!;
        const card = editCard(districtId, kind, 'draft');
        expect(card, `${districtId} ${kind} draft card`).toBeDefined();
        expect(submitActions(card).filter((a) => a.data.action === 'application.save')).toHaveLength(1); // one button, one rule
        expect(JSON.stringify(card)).toContain('都填好后，此项才算完成');
        const byPath = new Map(inputsOf(card).map((input) => [String(input.id), input]));
        for (const input of byPath.values()) {
          expect(input.isRequired, String(input.id)).toBeUndefined();
          expect(String(input.label), String(input.id)).not.toContain('必填');
        }
        for (const f of def.fields.filter((x) => x.spec))
          expect(String(byPath.get(f.path)?.label).includes('（完成此项需填写）'), f.path).toBe(f.spec!.required);
      }
    }
  });

  it('should limit text to what the server accepts', () => {
    const c = h.services.campaign;
    for (const f of c.formFields.filter((x) => x.maxLength !== undefined))
      for (const { input } of byId(`form.${f.id}`)) expect(input.maxLength, f.id).toBe(f.maxLength);
    for (const { input } of inputs().filter((x) => /^point\..*\.comment$|^return\./.test(String(x.input.id))))
      expect(input.maxLength).toBe(500);
    for (const { input } of byId('recheck.finding')) expect(input.maxLength).toBe(2000);
    for (const { input } of byId('practice.summary')) expect(input.maxLength).toBe(2000);
  });
});

describe('every card', () => {
  it('should open with a heading and speak its words to whoever cannot see it', () => {
    const problems = cards.flatMap(({ who, card }) => {
      const first = (card.body as Record<string, unknown>[] | undefined)?.[0];
      return [
        ...(typeof card.speak === 'string' && card.speak && typeof card.fallbackText === 'string' && card.fallbackText
          ? []
          : [`${who}: no speak/fallbackText`]),
        // A card that opens with its question (a choice prompt) has no title to mark.
        ...(first?.type === 'TextBlock' && first.style !== 'heading' && !submitActions(card).some((a) => a.data.action === 'prompt.choice')
          ? [`${who}: first text is not a heading`]
          : []),
      ];
    });
    expect(problems).toEqual([]);
  });
});
