/**
 * The permission table (src/domain/access.ts) is the one source: each role's
 * menu lists exactly the commands the gate lets it run, and the help marks
 * exactly the others. The expected menus are written out here, by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cardsOf, harness, submitActions, textOf, type Harness } from '../helpers.js';
import { COMMANDS, commandsFor } from '../../src/bot/commands.js';
import type { Role } from '../../src/campaign/schema.js';
import type { InviteTarget } from '../../src/domain/invitations.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Menu buttons (help is typed, not a button: the menu says so). */
const MENUS: Record<Role, string[]> = {
  contact: ['checklist', 'indicators', 'materials', 'submit', 'status', 'reminders'],
  division: ['status', 'review', 'reminders'],
  office: ['status', 'export', 'reminders', 'invite', 'sessions'],
  inspector: ['status', 'review', 'reminders'],
  statistics: ['indicators', 'reminders'],
};

const TARGETS: Record<Role, InviteTarget> = {
  contact: { role: 'contact', districtId: 'haidian' },
  division: { role: 'division', divisionId: 'supervision' },
  office: { role: 'office' },
  inspector: { role: 'inspector' },
  statistics: { role: 'statistics' },
};

/** The commands that depend on the role (help, menu, bind and cancel are everyone's). */
const GATED = COMMANDS.filter((c) => !['help', 'menu', 'bind', 'cancel'].includes(c.id));
const REFUSED = /不能使用这个命令/;

describe('permissions from one table', () => {
  it('should give each role, in the table, exactly the commands of its menu', () => {
    for (const [role, menu] of Object.entries(MENUS)) {
      expect(
        commandsFor(role as Role).map((c) => c.id),
        role,
      ).toEqual(['help', 'menu', 'bind', ...menu]);
    }
    expect(commandsFor(undefined).map((c) => c.id)).toEqual(['help', 'menu', 'bind']);
  });

  for (const role of Object.keys(MENUS) as Role[]) {
    it(`should show the ${role} its menu, run every command in it and refuse every other`, async () => {
      h = await harness();
      const chat = await h.bound(`perm-${role}`, TARGETS[role]);
      const menu = cardsOf(await chat.send('菜单'))[0]!;
      expect(submitActions(menu).map((a) => a.data.command)).toEqual(MENUS[role]);

      const help = await chat.say('帮助');
      for (const c of GATED) {
        const mine = MENUS[role].includes(c.id);
        const reply = (await chat.send(c.zh[0]!)).map(textOf).join('\n');
        expect(REFUSED.test(reply), `${role} ${c.id}: ${reply.slice(0, 80)}`).toBe(!mine);
        const helpLine = help.split('\n').find((l) => l.startsWith(`- ${c.zh[0]!}（`))!;
        expect(helpLine.endsWith('（其他角色）'), `${role} help ${c.id}`).toBe(!mine);
        await chat.send('取消');
      }
    });
  }

  it('should ask an unbound user to bind for every gated command', async () => {
    h = await harness();
    const chat = h.chat('perm-stranger');
    await chat.send('你好');
    for (const c of GATED) expect(await chat.say(c.zh[0]!), c.id).toContain('需要先绑定身份');
  });
});
