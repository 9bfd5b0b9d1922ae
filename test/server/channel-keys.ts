import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, sign } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/**
 * A loopback Bot Framework token service for tests: OpenID metadata and a
 * JWKS, and tokens signed with its key (see test/server/channel-auth.test.ts).
 */
export const TEST_APP_ID = '11111111-2222-3333-4444-555555555555';
const KID = 'edge-test-key';

export interface ChannelKeys {
  /** ToBotFromChannelOpenIdMetadataUrl for the bot. */
  metadataUrl: string;
  /** A valid channel token for `serviceUrl`. */
  token(serviceUrl: string): string;
  close(): Promise<void>;
}

export async function channelKeys(): Promise<ChannelKeys> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const server: Server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid')
      res.end(
        JSON.stringify({
          issuer: 'https://api.botframework.com',
          jwks_uri: `${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    else if (req.url === '/keys')
      res.end(
        JSON.stringify({
          keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e, endorsements: ['msteams', 'webchat', 'emulator'] }],
        }),
      );
    else {
      res.writeHead(404);
      res.end('{}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const b64url = (v: object | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');
  return {
    metadataUrl: `http://127.0.0.1:${port}/openid`,
    token: (serviceUrl) => {
      const now = Math.floor(Date.now() / 1000);
      const head = b64url({ alg: 'RS256', typ: 'JWT', kid: KID });
      const body = b64url({
        iss: 'https://api.botframework.com',
        aud: TEST_APP_ID,
        serviceurl: serviceUrl,
        nbf: now - 60,
        exp: now + 3600,
      });
      return `${head}.${body}.${b64url(sign('sha256', Buffer.from(`${head}.${body}`), privateKey))}`;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
