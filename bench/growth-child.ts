/**
 * One configuration of the growth benchmark in its own process (so memory
 * figures are its own): seed, start, drive the load, print one JSON line.
 * Run by bench/growth.ts.
 */
import { parseArgs } from 'node:util';
import { bindExtraUsers, driveLoad, perTurnKind, simUsers, warmUp, withPeakRss } from './load.js';
import { startTarget, type StoreKind } from './target.js';

const { values } = parseArgs({
  options: { campaign: { type: 'string' }, store: { type: 'string' }, users: { type: 'string' }, rounds: { type: 'string' } },
  strict: true,
});
const target = await startTarget(values.campaign!, values.store as StoreKind);
try {
  const people = simUsers(target.campaign, Number(values.users));
  await bindExtraUsers(target.app.services.users, people, target.app.services.clock.now());
  await warmUp(target.app.url, people);
  const { result, peakRssMb } = await withPeakRss(() => driveLoad(target.app.url, people, Number(values.rounds)));
  const { byLabel: _unused, ...load } = result;
  const byTurn = perTurnKind([result]);
  console.log(
    JSON.stringify({
      districts: target.campaign.districts.length,
      seeded: target.seeded,
      seedMs: target.seedMs,
      startupMs: target.startupMs,
      startRssMb: target.startRssMb,
      startHeapMb: target.startHeapMb,
      peakRssMb,
      byTurn,
      ...load,
    }),
  );
} finally {
  await target.close();
}
