import type { Terms } from '../terms.js';
import type { Catalogue } from '../zh/index.js';

export const signin = (t: Terms): Catalogue['signin'] => ({
  pageTitle: (title: string) => `${title} · sign in`,
  heading: 'Sign in to the assistant',
  codeLabel: 'Invitation code',
  hint: `The first time, enter the invitation code ${t.office} gave you (like ABCD-EFGH). After that this device stays signed in until the sign-in expires.`,
  submit: 'Sign in',
  signOut: 'Sign out',
  signedInAs: (who: string) => `Signed in: ${who}`,
  badFormat: 'An invitation code is 8 letters and digits, like ABCD-EFGH. Check it and try again.',
  throttled: 'Too many attempts. Please try again later.',
  formExpired: 'This page has expired. Please enter your invitation code again.',
  signedOut: 'You have signed out. To come back, enter a new invitation code.',
  sessionEnded: 'Your sign-in has ended. Please enter an invitation code again.',
  noScript: 'This page needs JavaScript.',
  revokeWords: ['revoke'],
  usage: 'Usage: "sessions" lists the sign-ins in use; "sessions revoke SESSION" or "sessions revoke USER" ends them.',
  listHeading: (n: number) => `Sign-ins in use (${n}):`,
  listNone: 'Nobody is signed in.',
  row: (id: string, who: string, user: string, since: string, until: string) =>
    `${id} · ${who} (${user}) · since ${since} · until ${until}`,
  more: (n: number) => `… and ${n} more: npm run sessions -- --list shows them all.`,
  revoked: (n: number, target: string) => `Revoked ${n} sign-in(s) of ${target}. They will be asked for a code when the page reloads.`,
  revokeNone: (target: string) => `No sign-in in use for ${target}.`,
});
