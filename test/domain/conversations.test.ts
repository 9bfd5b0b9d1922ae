import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/testing/memory-store.js';
import { Conversations, type ConversationRef } from '../../src/domain/conversations.js';

const ref = (over: Partial<ConversationRef> = {}): ConversationRef => ({
  channelId: 'webchat',
  serviceUrl: 'https://webchat.example/',
  conversation: { id: 'c1' },
  user: { id: 'u1' },
  bot: { id: 'bot' },
  locale: 'zh-CN',
  ...over,
});
const at = (m: number) => new Date(Date.UTC(2012, 9, 15, 1, m));

describe('Conversations.save', () => {
  it('writes the first reference and none while the address stays the same', async () => {
    const store = new MemoryStore();
    const conversations = new Conversations(store);
    await conversations.save('webchat:u1', ref(), at(0));
    await conversations.save('webchat:u1', ref({ locale: 'en-US', user: { id: 'u1', name: 'other' } }), at(1));
    const doc = await store.collection('conversations').get('webchat:u1');
    expect(doc?.version).toBe(1);
    expect(await conversations.get('webchat:u1')).toMatchObject({ conversation: { id: 'c1' }, locale: 'zh-CN' });
  });

  it('writes again when the service URL, the channel or the conversation changes', async () => {
    const store = new MemoryStore();
    const conversations = new Conversations(store);
    await conversations.save('webchat:u1', ref(), at(0));
    await conversations.save('webchat:u1', ref({ serviceUrl: 'https://other.example/' }), at(1));
    await conversations.save('webchat:u1', ref({ serviceUrl: 'https://other.example/', conversation: { id: 'c2' } }), at(2));
    await conversations.save(
      'webchat:u1',
      ref({ serviceUrl: 'https://other.example/', conversation: { id: 'c2' }, channelId: 'msteams' }),
      at(3),
    );
    const doc = await store.collection('conversations').get('webchat:u1');
    expect(doc?.version).toBe(4);
    expect(await conversations.get('webchat:u1')).toMatchObject({ channelId: 'msteams', conversation: { id: 'c2' } });
  });

  it('replaces a stored reference it cannot read instead of failing the turn', async () => {
    const store = new MemoryStore();
    await store.collection('conversations').write('webchat:u1', 0, { userId: 'webchat:u1', ref: { serviceUrl: 42 } });
    const conversations = new Conversations(store);
    await conversations.save('webchat:u1', ref(), at(0));
    expect(await conversations.get('webchat:u1')).toMatchObject({ serviceUrl: 'https://webchat.example/' });
  });

  it('refuses a reference without a service URL, as before', async () => {
    const conversations = new Conversations(new MemoryStore());
    await expect(conversations.save('webchat:u1', { ...ref(), serviceUrl: undefined } as never, at(0))).rejects.toThrow();
  });
});
