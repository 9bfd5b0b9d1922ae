import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { createLogger } from '../../src/util/logger.js';
import { testConfig } from '../helpers.js';
import { postTurn } from '../bot-process.js';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function capture() {
  const lines: string[] = [];
  const log = createLogger('info', { write: (l: string) => void lines.push(l) } as unknown as NodeJS.WritableStream);
  return { log, text: () => lines.join('\n') };
}

async function post(url: string, from: string, body: Record<string, unknown>) {
  const res = await postTurn(url, from, body);
  return (await res.json()) as { activities: { text?: string }[] };
}

describe('logs at info level', () => {
  it('should carry no indicator values, typed text or invitation codes', async () => {
    const { log, text } = capture();
    app = await startApp({ config: testConfig({ CLOCK: '2012-10-15T09:00' }), log });
    const code = (
      await app.services.invitations.create({ role: 'contact', districtId: 'haidian' }, 'test', new Date('2012-10-15T01:00:00Z'))
    ).code;
    await post(app.url, 'alice', { text: `绑定 ${code}` });
    await post(app.url, 'alice', { text: '土地供地率 87.6' });
    await post(app.url, 'alice', { text: '确认' });
    await post(app.url, 'alice', {
      value: {
        action: 'application.save',
        mode: 'draft',
        card: { kind: 'indicators:land', record: 'haidian', version: 99 },
        'indicators.idle-land-disposal-rate': '43.2',
      },
    });
    await post(app.url, 'alice', { value: { action: 'application.save', card: 'garbage', 'indicators.x': '55.5' } });
    await post(app.url, 'alice', { text: '我们区的低效用地再开发面积是 123.45 公顷吗' });
    const logged = text();
    expect(logged).toContain('user bound'); // the capture works
    for (const secret of [code, code.replace('-', ''), '87.6', '43.2', '55.5', '123.45', '土地供地率'])
      expect(logged).not.toContain(secret);
  });

  it('should not log the app password, even when startup or a request fails', async () => {
    const { log, text } = capture();
    app = await startApp({ config: testConfig({ MicrosoftAppId: 'app-id-1', MicrosoftAppPassword: 'Sup3r-Secret-Pw' }), log });
    await fetch(`${app.url}api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer x.y.z' },
      body: '{"type":"message"}',
    });
    expect(text()).toContain('bot listening');
    expect(text()).not.toContain('Sup3r-Secret-Pw');
  });
});
