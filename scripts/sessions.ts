import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openStore } from '../src/store/open-store.js';
import { Sessions, sessionActive } from '../src/domain/sessions.js';
import { Users } from '../src/domain/users.js';
import { clockStartingAt, systemClock } from '../src/util/clock.js';
import { shanghaiDateTime } from '../src/util/time.js';

/**
 * npm run sessions -- --list [--all]
 * npm run sessions -- --revoke <session id | user id>
 * The chat page's sign-ins (WEB_CHAT=on). A revoked browser is asked for a
 * code on its next request. With the embedded store (DB_FILE) run it while the
 * bot is stopped (one process at a time; in chat the office can send
 * 会话 撤销 … instead); with STORE=postgres it works beside the running bot.
 */
const usage = 'usage: npm run sessions -- --list [--all] | --revoke <session id (s-…) | user id>';
let values: { list?: boolean; all?: boolean; revoke?: string };
try {
  ({ values } = parseArgs({ options: { list: { type: 'boolean' }, all: { type: 'boolean' }, revoke: { type: 'string' } }, strict: true }));
} catch (err) {
  console.error(`${(err as Error).message}\n${usage}`);
  process.exit(2);
}
if (!values.list === !values.revoke || (values.revoke !== undefined && !values.revoke.trim())) {
  console.error(usage);
  process.exit(2);
}
const config = loadConfig(process.env);
const clock = config.clockStart ? clockStartingAt(config.clockStart) : systemClock;
const store = await openStore(config, clock);
try {
  const sessions = new Sessions(store);
  const now = clock.now();
  if (values.list) {
    const users = new Users(store);
    const list = await sessions.list(values.all ? {} : { active: now });
    if (list.length === 0) console.log(values.all ? 'No sessions.' : 'No active sessions (--all lists ended ones too).');
    for (const s of list) {
      const u = await users.get(s.userId);
      const who = u ? [u.role, u.districtId ?? u.divisionId].filter(Boolean).join(' ') : 'no user';
      const state = sessionActive(s, now) ? 'active' : s.ended ? `${s.ended} ${shanghaiDateTime(new Date(s.endedAt!))}` : 'expired';
      console.log(
        [
          s.id,
          s.userId,
          who,
          `since ${shanghaiDateTime(new Date(s.createdAt))}`,
          `until ${shanghaiDateTime(new Date(s.expiresAt))}`,
          state,
          s.agent ?? '',
        ]
          .join('\t')
          .trimEnd(),
      );
    }
  } else {
    const target = values.revoke!.trim();
    const ended = await sessions.revoke(target, 'cli', now);
    if (ended.length === 0) {
      console.error(`No active session for ${target}: give a session id (s-…) or a user id from --list.`);
      process.exitCode = 1;
    } else {
      console.log(`Revoked ${ended.length} session(s): ${ended.map((s) => s.id).join(', ')}`);
    }
  }
} finally {
  await store.close();
}
