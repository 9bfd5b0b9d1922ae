import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';

export interface Channel {
  adapter: CloudAdapter;
  /**
   * With an app id: checks the Authorization header alone (signature, issuer,
   * audience, expiry), so a request without a valid token is refused before
   * its body is read. The checks that need the activity (its channel's
   * endorsement, the serviceurl claim) run again in adapter.process.
   * Throws AuthenticationError for a bad token, anything else when the keys
   * cannot be had. Undefined in local mode.
   */
  checkToken?: (authHeader: string) => Promise<void>;
}

/**
 * The adapter with Bot Framework authentication. botbuilder 4.23 lets a token
 * with a bad signature escape as a JsonWebTokenError, which CloudAdapter turns
 * into 500; every token failure is mapped to AuthenticationError here so the
 * channel gets 401 and the request is never processed.
 */
export function createChannel(settings: Record<string, string | undefined>): Channel {
  const auth = new ConfigurationBotFrameworkAuthentication(settings as ConfigurationBotFrameworkAuthenticationOptions);
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      const name = (err as Error).name;
      if (name === 'JsonWebTokenError' || name === 'NotBeforeError' || name === 'TokenExpiredError') {
        throw new AuthenticationError(`Unauthorized: ${(err as Error).message}`, 401);
      }
      throw err;
    }
  };
  const adapter = new CloudAdapter(auth);
  if (!settings.MicrosoftAppId) return { adapter };
  return {
    adapter,
    checkToken: async (authHeader) => {
      if (!authHeader.trim()) throw new AuthenticationError('Unauthorized Access. Request is not authorized', 401);
      // An empty channelId and serviceUrl skip the two checks that need the body (botbuilder treats them as "not asserted").
      await auth.authenticateRequest({ channelId: '', serviceUrl: '' } as Partial<Activity> as Activity, authHeader);
    },
  };
}

/** The adapter alone (the benchmarks). */
export function createAdapter(settings: Record<string, string | undefined>): CloudAdapter {
  return createChannel(settings).adapter;
}
