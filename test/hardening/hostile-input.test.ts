import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TestAdapter, type TurnContext } from 'botbuilder';
import { Chat, harness, textOf, silentLog, type Harness } from '../helpers.js';
import { createTurnErrorHandler } from '../../src/bot/turn-error.js';
import { COMMANDS } from '../../src/bot/commands.js';
import type { Role } from '../../src/campaign/schema.js';

/**
 * Thousands of generated card values and texts, thrown at every card action
 * and command, as every role. Fixed seed and bounded runs keep CI time steady.
 */
const SEED = 20121015;

let h: Harness;
let crashes: Error[];
let adapter: TestAdapter;
beforeAll(async () => {
  h = await harness();
  crashes = [];
  adapter = new TestAdapter(async (ctx: TurnContext) => h.bot.run(ctx));
  const report = createTurnErrorHandler(silentLog, () => h.bot.conversationState, h.services.text);
  adapter.onTurnError = async (ctx, err) => {
    crashes.push(err);
    await report(ctx, err);
  };
});
afterAll(async () => h?.close());

const ROLES: { id: string; target: { role: Role; districtId?: string; divisionId?: string } }[] = [
  { id: 'contact', target: { role: 'contact', districtId: 'haidian' } },
  { id: 'division', target: { role: 'division', divisionId: 'personnel' } },
  { id: 'office', target: { role: 'office' } },
  { id: 'inspector', target: { role: 'inspector' } },
  { id: 'statistics', target: { role: 'statistics' } },
];

const weirdString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e',
    '\ud800',
    'NaN',
    'Infinity',
    '-1e309',
    '1e308',
    '0x10',
    '１２３',
    '三千五百',
    '1.5万',
    '__proto__',
    'constructor',
    '<script>',
    '海淀',
    'haidian',
    'dongcheng',
    '../../etc/passwd',
    '%00',
  ),
  fc.string({ minLength: 5000, maxLength: 20000 }),
);
const weirdNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, -1e12, 1e21),
  fc.integer(),
);
const weirdValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(weirdString, weirdNumber, fc.boolean(), fc.constant(null), fc.constant(undefined)),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(weirdString, fc.constantFrom('__proto__', 'constructor', 'prototype', 'action', 'card', 'mode')), tie('node'), {
      maxKeys: 5,
    }),
  ),
})).node;

/** A card value aimed at a real action: the right name, with everything else hostile. */
const cardValue = (actions: string[]) =>
  fc
    .record(
      {
        action: fc.oneof(fc.constantFrom(...actions), weirdString),
        card: fc.oneof(
          weirdValue,
          fc.record(
            {
              kind: fc.oneof(fc.constantFrom('indicators:land', 'indicators:mineral', 'form', 'veto', 'review', 'status'), weirdString),
              record: fc.oneof(fc.constantFrom('haidian', 'fengtai', 'dongcheng', '__proto__'), weirdString),
              version: fc.oneof(fc.integer({ min: -2, max: 5 }), weirdNumber),
            },
            { requiredKeys: [] },
          ),
        ),
        mode: fc.oneof(fc.constantFrom('save', 'draft', 'confirm', 'approve', 'return'), weirdString),
        extra: weirdValue,
      },
      { requiredKeys: ['action'] },
    )
    .chain((base) =>
      fc
        .dictionary(
          fc.oneof(
            fc.constantFrom(
              'indicators.land-supply-rate',
              'form.contactPhone',
              'form.leader',
              'veto.illegal-mining',
              'command',
              'args',
              'districtId',
              '__proto__',
            ),
            weirdString,
          ),
          weirdValue,
          { maxKeys: 6 },
        )
        .map((fields) => ({ ...fields, ...base })),
    );

const text = fc.oneof(
  weirdString,
  fc.tuple(fc.constantFrom(...COMMANDS.flatMap((c) => [...c.zh, ...c.en])), weirdString).map(([c, a]) => `${c} ${a}`),
  fc.tuple(fc.constantFrom('土地供地率', '地均产出强度', '绑定', 'join', '进度', 'status'), weirdString).map(([c, a]) => `${c}${a}`),
);

/** What must not change silently: applications and invitations, and who is bound to what (a user's language may change). */
async function snapshot(): Promise<string> {
  const [apps, invites] = await Promise.all(['applications', 'invitations'].map((c) => h.store.collection(c).list()));
  const users = (await h.services.users.list()).map((u) => [u.id, u.role, u.districtId, u.divisionId]);
  return JSON.stringify([apps!.map((d) => [d.id, d.version]).sort(), invites!.map((d) => [d.id, d.version]).sort(), users.sort()]);
}

const SAVED = /已保存|Saved|已提交|submitted|已审核|已退回|approved|returned|已记录|recorded|已确认|confirmed|绑定成功|Done!/;

describe('hostile input', () => {
  it.each(ROLES)(
    'should answer every generated card value and text as $id without crashing or changing data silently',
    async ({ id, target }) => {
      const code = await h.invite(target);
      const chat = new Chat(adapter, `hostile-${id}`);
      await chat.send(`绑定 ${code}`);
      await chat.send('指标'); // some state to attack
      const actions = h.bot.cardActionNames();
      expect(actions.length).toBeGreaterThan(3);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            cardValue(actions).map((v) => ({ value: v as unknown })),
            text.map((t) => ({ text: t })),
          ),
          async (input) => {
            const before = await snapshot();
            const replies = 'text' in input ? await chat.send(input.text) : await chat.submit(input.value);
            expect(crashes).toEqual([]);
            expect(replies.length).toBeGreaterThan(0); // every input gets an answer
            const answer = replies.map(textOf).join('\n');
            if ((await snapshot()) !== before) expect(answer).toMatch(SAVED); // nothing changes without telling the user
          },
        ),
        { seed: SEED, numRuns: 300, endOnFailure: true },
      );
    },
    180_000,
  );
});
