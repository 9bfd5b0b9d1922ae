import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';

/**
 * The adapter with Bot Framework authentication. botbuilder 4.23 lets a token
 * with a bad signature escape as a JsonWebTokenError, which CloudAdapter turns
 * into 500; every token failure is mapped to AuthenticationError here so the
 * channel gets 401 and the request is never processed.
 */
export function createAdapter(settings: Record<string, string | undefined>): CloudAdapter {
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
  return new CloudAdapter(auth);
}
