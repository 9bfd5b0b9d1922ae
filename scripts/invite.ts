import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { loadCampaign } from '../src/campaign/load.js';
import { openStore } from '../src/store/open-store.js';
import { Invitations, validateTarget, type InviteTarget } from '../src/domain/invitations.js';
import { Role } from '../src/campaign/schema.js';
import { clockStartingAt, systemClock } from '../src/util/clock.js';
import { shanghaiDateTime } from '../src/util/time.js';

/**
 * npm run invite -- --role contact --district haidian [--days 14]
 * Prints a one-time invitation code as its last line. With the embedded store
 * (DB_FILE) run it while the bot is stopped: it allows one process. With
 * STORE=postgres it can run beside the bot.
 */
const usage =
  'usage: npm run invite -- --role contact --district haidian | --role division --division personnel | --role office|inspector|statistics [--days 14]';
const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    district: { type: 'string' },
    division: { type: 'string' },
    days: { type: 'string', default: '14' },
  },
  strict: true,
});
const role = Role.safeParse(values.role);
if (!role.success) {
  console.error(`--role must be one of ${Role.options.join(', ')}\n${usage}`);
  process.exit(2);
}
const days = Number(values.days);
if (!Number.isInteger(days) || days < 1 || days > 365) {
  console.error('--days must be a whole number of days between 1 and 365');
  process.exit(2);
}
const config = loadConfig(process.env);
const campaign = loadCampaign(config.campaignDir);
const target: InviteTarget = { role: role.data, districtId: values.district, divisionId: values.division };
const problem = validateTarget(campaign, target);
if (problem) {
  console.error(`${problem}\n${usage}`);
  process.exit(2);
}
const clock = config.clockStart ? clockStartingAt(config.clockStart) : systemClock;
const store = await openStore(config, clock);
try {
  const inv = await new Invitations(store).create(target, 'cli', clock.now(), days);
  console.log(
    `Invitation for ${[target.role, target.districtId ?? target.divisionId].filter(Boolean).join(' ')}, valid until ${shanghaiDateTime(new Date(inv.expiresAt))} (Beijing time), usable once.`,
  );
  console.log(`The user sends: 绑定 ${inv.code}  (or: join ${inv.code})`);
  console.log(inv.code);
} finally {
  await store.close();
}
