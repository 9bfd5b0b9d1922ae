import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { SHEETS } from '../../src/export/workbook.js';
import { startApp, type App } from '../../src/app.js';
import { FakeConnector, type RecordedPost } from '../../src/testing/fake-connector.js';
import { linksIn, silentLog, testConfig } from '../helpers.js';

/**
 * The bot on the msteams channel over real HTTP, the way Teams (and the
 * Agents Playground) talk to it: activities posted to /api/messages, replies
 * and proactive messages sent to the channel's Bot Connector service (a fake
 * on loopback, which also serves the channel's file storage).
 */
let app: App;
const fake = new FakeConnector();
const BOT = { id: '28:model-county-bot', name: '模范县助手' };
const TENANT = { id: 'tenant-1' };
const CONTACT = { id: '29:contact-haidian', name: '海淀联系人', aadObjectId: 'aad-contact' };
const OFFICE = { id: '29:office', name: '创建办', aadObjectId: 'aad-office' };
const personalOf = (who: { id: string }) => ({ id: `a:personal-${who.id}`, conversationType: 'personal', tenantId: TENANT.id });
const GROUP = { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: TENANT.id };
const PDF = Buffer.from('%PDF-1.4\n% 海淀区宣传方案（Teams）\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const mention = (text: string) => ({
  text: `<at>${BOT.name}</at> ${text}`,
  entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }],
});

beforeAll(async () => {
  await fake.start();
  app = await startApp({ config: testConfig({ CLOCK: '2012-10-15T09:00' }), log: silentLog });
});
afterAll(async () => {
  await app?.close();
  await fake.close();
});

/** Posts a Teams activity; returns what the bot sent to that conversation during the turn. */
async function teams(
  from: { id: string; name: string; aadObjectId: string },
  conversation: { id: string },
  partial: Record<string, unknown>,
): Promise<RecordedPost['activity'][]> {
  const before = fake.posts.length;
  const r = await fetch(`${app.url}api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: fake.url,
      timestamp: new Date().toISOString(),
      from,
      recipient: BOT,
      conversation,
      channelData: { tenant: TENANT },
      locale: 'zh-CN',
      ...partial,
    }),
  });
  expect(r.status).toBeLessThan(300);
  return fake.posts
    .slice(before)
    .filter((p) => p.conversationId === conversation.id)
    .map((p) => p.activity);
}
const texts = (acts: RecordedPost['activity'][]) => acts.map((a) => `${a.text ?? ''}\n${JSON.stringify(a.attachments ?? [])}`).join('\n');

describe('the msteams channel', () => {
  beforeAll(async () => {
    for (const [who, target] of [
      [CONTACT, { role: 'contact', districtId: 'haidian' }],
      [OFFICE, { role: 'office' }],
    ] as const) {
      const inv = await app.services.invitations.create(target, 'test', app.services.clock.now());
      expect(texts(await teams(who, personalOf(who), { text: `绑定 ${inv.code}` }))).toContain('绑定成功');
    }
  });

  it('should answer "<at>Bot</at> 帮助" in a group chat with the help, and district work there with one line', async () => {
    const help = await teams(CONTACT, GROUP, mention('帮助'));
    expect(texts(help)).toContain('可用命令');
    const work = await teams(CONTACT, GROUP, mention('清单'));
    expect(work).toHaveLength(1);
    expect(work[0]!.text).toContain('请在与我的私聊中继续');
  });

  it('should still deliver an announcement to the person’s personal chat after they wrote in a group chat', async () => {
    await teams(CONTACT, GROUP, mention('海淀区属于哪类地区？'));
    const office = personalOf(OFFICE);
    const ask = await teams(OFFICE, office, { text: '提醒 通知' });
    expect(texts(ask)).toContain('Input.ChoiceSet');
    // The Playground and Teams submit the card's data with its inputs, flat.
    expect(
      texts(await teams(OFFICE, office, { value: { action: 'prompt.choice', prompt: 'announce.audience', choice: '海淀区联系人' } })),
    ).toContain('请输入通知内容');
    expect(texts(await teams(OFFICE, office, { text: '请于本周五前提交宣传方案。' }))).toContain('将发送给 1 人');
    const before = fake.posts.length;
    expect(texts(await teams(OFFICE, office, { text: '确认发送' }))).toContain('已排队发送给 1 人');
    await app.services.reminders.sender.idle();
    const sent = fake.posts
      .slice(before)
      .filter((p) => JSON.stringify(p.activity).includes('请于本周五前提交宣传方案。') && p.conversationId !== personalOf(OFFICE).id);
    expect(sent.map((p) => p.conversationId)).toEqual([personalOf(CONTACT).id]);
  });

  it('should store a Teams file from its pre-authorised downloadUrl, never the SharePoint contentUrl', async () => {
    const page = fake.serve('/sites/haidian/Shared%20Documents/plan.pdf', '', 403);
    const download = fake.serve('/download/plan.pdf?tempauth=signed', PDF);
    const chat = personalOf(CONTACT);
    expect(
      texts(
        await teams(CONTACT, chat, {
          value: { action: 'materials.upload', tag: 'publicity-plan', card: { kind: 'materials', record: 'haidian' } },
        }),
      ),
    ).toContain('宣传方案');
    const r = await teams(CONTACT, chat, {
      text: '',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name: '宣传方案.pdf',
          contentUrl: page,
          content: { downloadUrl: download, uniqueId: 'f1e2d3', fileType: 'pdf' },
        },
      ],
    });
    expect(texts(r)).toContain('已收到“宣传方案.pdf”');
    expect(fake.fileRequests).toEqual(['/download/plan.pdf?tempauth=signed']);
    const stored = (await app.services.applications.get('haidian')).record.materials.find((m) => m.tag === 'publicity-plan');
    expect(stored).toMatchObject({
      name: '宣传方案.pdf',
      contentType: 'application/pdf',
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
  });

  it('should answer 导出 with a signed link that downloads the real workbook, whose materials link to the same bytes', async () => {
    const r = await teams(OFFICE, personalOf(OFFICE), { text: '导出' });
    const all = JSON.stringify(r);
    // Teams shows no data: file: the workbook is a link the bot serves.
    expect(all).not.toContain('data:');
    const [link] = linksIn(r.map((a) => a.text ?? '').join('\n'));
    expect(link).toMatch(new RegExp(`^${app.url}files/[A-Za-z0-9_-]+\\?exp=\\d+&sig=`));
    const got = await fetch(link!);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await got.arrayBuffer()) as ArrayBuffer);
    expect(wb.getWorksheet(SHEETS.overview.zh)?.getRow(2).getCell(1).value).toBe('东城区');
    const materials = wb.getWorksheet(SHEETS.materials.zh)!;
    let href: string | undefined;
    materials.eachRow((row) => {
      const cell = row.getCell(8).value as { hyperlink?: string; text?: string } | null;
      if (cell && typeof cell === 'object' && cell.text === '宣传方案.pdf') href = cell.hyperlink;
    });
    expect(href).toMatch(new RegExp(`^${app.url}files/`));
    const file = await fetch(href!);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
  });
});
