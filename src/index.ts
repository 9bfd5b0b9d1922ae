import { loadConfig, ConfigError } from './config.js';
import { CampaignDataError } from './campaign/load.js';
import { StoreFormatError, StoreLockedError, StoreUnavailableError } from './store/types.js';
import { startApp } from './app.js';

// The composition root: read the settings once, start the app, stop cleanly.
try {
  const config = loadConfig(process.env);
  const app = await startApp({ config });
  const stop = async (signal: string) => {
    app.services.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  if (
    err instanceof ConfigError ||
    err instanceof CampaignDataError ||
    err instanceof StoreLockedError ||
    err instanceof StoreFormatError ||
    err instanceof StoreUnavailableError
  ) {
    console.error(`Cannot start: ${err.message}`);
    process.exit(2);
  }
  throw err;
}
