import type { Terms } from '../terms.js';
import type { Catalogue } from '../zh/index.js';

export const notices = (t: Terms): Catalogue['notices'] => ({
  person: (name, role) => (name ? `${name} (${role})` : role),
  why: {
    'never-talked': 'has never talked to the bot; they must open it in chat first',
    blocked: 'blocked or removed the bot (403)',
    unauthorized: 'the channel refused the bot (401); possibly uninstalled',
    gone: 'the conversation no longer exists (404)',
  },
  failed: (codes) => `not delivered after several attempts${codes.length ? ` (${codes.join(', ')})` : ''}`,
  notified: (people) => `Notified: ${people}.`,
  notReachedHead: `Could not be reached (recorded; ${t.office} sees them in "reminders report" and can invite again):`,
  notReached: (person, why) => `• ${person}: ${why}`,
  nobodyBound: (bodies) => `${bodies}: nobody is bound yet, so nobody was told; recorded, please ask ${t.office} to invite them.`,
  nobodyAtAll: 'There was nobody to notify.',
  recheckIssue: (inspector, district, finding) =>
    `[Re-check: problem found] ${inspector} found a problem in the qualification re-check of ${district}:\n${finding}\nThe item stays open; please follow up.`,
  recheckIssueSummary: (district) => `Re-check found a problem: ${district}`,
});
