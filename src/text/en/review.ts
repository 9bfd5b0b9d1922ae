import type { Terms } from '../terms.js';
import type { Catalogue } from '../zh/index.js';

export const review = (t: Terms): Catalogue['review'] => ({
  // Division review
  listTitle: (division: string) => `${division} · districts to review`,
  listIntro: `Tap a submitted district to open its review card, or send "review ${t.exampleDistrict}" (names and pinyin initials work too).`,
  awaiting: 'to review',
  noMatch: (q: string) => `No district's name, alias or pinyin initials match "${q}". Send "review" for all of them.`,
  searchPart: (q: string) => `search "${q}"`,
  open: (district: string) => `Review ${district}`,
  view: (district: string) => `View ${district}`,
  notSubmitted: 'not submitted yet',
  returnedWaiting: 'returned; waiting for the district to resubmit',
  submittedAt: (at: string) => `submitted ${at}`,
  approvedState: 'approved',
  waitingState: (who: string) => `waiting for: ${who}`,
  decisionLine: (division: string, decision: 'approve' | 'return', at: string) =>
    `${division}: ${decision === 'approve' ? 'approved' : 'returned'} (${at})`,
  cardTitle: (district: string) => `${district} · application review`,
  viewTitle: (district: string) => `${district} · application (read-only)`,
  cardSubtitle: (cls: string, at: string, rule: string) => `${cls} · submitted ${at} · approval rule: ${rule}`,
  rule: (rule: 'all-guiding-divisions' | 'any-guiding-division') =>
    rule === 'all-guiding-divisions' ? 'every guiding division approves' : 'any guiding division approves',
  form: 'Application form',
  veto: 'Veto declaration',
  indicators: 'Indicators',
  materials: 'Materials',
  history: 'Review record',
  rechecks: 'Re-check findings',
  noFiles: 'none',
  notEntered: 'not entered',
  noneYet: 'none yet',
  byStats: (at: string) => ` (confirmed by ${t.statistics}, ${at})`,
  statsPending: ' (awaiting the statistics bureau)',
  pointsTitle: 'Review points (verdict and comment for each)',
  pass: 'Pass',
  fail: 'Fail',
  comment: 'Comment (optional)',
  returnsTitle: 'To return: give the reason for each item the district must fix (leave the others empty)',
  approve: 'Approve',
  doReturn: 'Return for changes',
  needVerdict: 'choose Pass or Fail',
  failNeedsReturn: 'a point marked Fail cannot be approved; give reasons and press "Return for changes"',
  needReason: 'give the reason for at least one item to return',
  tooLong: (n: number) => `at most ${n} characters`,
  invalid: (n: number) => `${n} thing(s) need fixing; the decision was not saved.`,
  notYours: 'You can only review and see the districts your division guides; this was refused and nothing was saved.',
  notAwaiting: (district: string) =>
    `${district} has no submission waiting for review (not submitted, or returned and not resubmitted); nothing was saved.`,
  already: (at: string) => `This decision was already recorded at ${at}; nothing to do.`,
  stale: (fields: string) =>
    `The application changed after this card was shown (${fields}); the decision was not saved. Check the fresh card below and decide again.`,
  approvedMsg: (district: string, done: boolean, waiting: string) =>
    done
      ? `Recorded: you approved ${district}. Under the approval rule the application is now approved; the district contact has been told.`
      : `Recorded: you approved ${district}. Still waiting for ${waiting}; the district contact has been told.`,
  returnedMsg: (district: string, n: number) =>
    `Returned ${n} item(s) of ${district}; they are open for editing again and the district contact has been told.`,
  noContacts: 'Note: the district has no bound contact to tell; recorded.',
  toContactApproved: (division: string, district: string, done: boolean) =>
    done
      ? `[Review] ${division} approved ${district}'s application. Under the selection rules the application is now approved.`
      : `[Review] ${division} approved ${district}'s application; other guiding divisions still have to review it.`,
  toContactReturned: (division: string, district: string, lines: string) =>
    `[Returned] ${division} returned ${district}'s application; these items are open again:\n${lines}\nFix them and submit again (send "checklist").`,
  noDivision: 'Your role has no division; contact the campaign office.',
  unknownDistrict: 'No such district. Send "review" to see the districts you can review.',
  // Inspection bureau
  inspectorTitle: 'All districts (read-only) · qualification re-check',
  inspectorIntro: (open: boolean, phase: string) =>
    open
      ? `It is the ${phase} phase: you can record re-check findings. Tap a district, or send "review ${t.exampleDistrict}".`
      : `Re-check findings are recorded in the ${phase} phase; for now you can view the applications (read-only): tap a district.`,
  recheckTitle: 'Qualification re-check finding',
  confirmed: 'Confirmed',
  issues: 'Issues found',
  finding: 'Finding (required)',
  record: 'Record finding',
  recheckClosed: (phase: string, from: string, to: string) =>
    `Re-check findings are recorded in the ${phase} phase (${from} to ${to}); it is not open now, so nothing was saved. You can still view the applications.`,
  recheckSaved: (district: string) => `Recorded the re-check finding for ${district}.`,
  recheckIssueSaved: (district: string) =>
    `Recorded the re-check finding for ${district}: a problem was found. The item stays open; record a new finding once it is resolved.`,
  recheckLine: (verdict: string, finding: string, at: string) => `${verdict}: ${finding} (${at})`,
  needFinding: 'Please write the finding',
  needRecheckVerdict: 'choose Confirmed or Issues found',
  required: 'required',
  notInspector: 'Only the inspection bureau records re-check findings; this was refused.',
  // Statistics bureau
  statsTitle: `${t.statistics} · indicators you measure`,
  statsIntro: `The indicators your bureau measures, per district. Tap a district to enter or confirm, or send "indicators ${t.exampleDistrict}" (names and pinyin initials work too).`,
  statsConfirmed: (done: number, all: number) => `${done}/${all} confirmed`,
  statsOpen: (district: string) => `Enter/confirm ${district}`,
  statsCardTitle: (district: string) => `${district} · bureau-measured indicators`,
  statsCardIntro: 'Enter or check each value, add a comment, then press Confirm; pressing Confirm with an unchanged value confirms it.',
  statsComment: (name: string) => `${name} · comment (optional)`,
  confirm: 'Confirm',
  statsSaved: (district: string, n: number) => `Confirmed ${n} indicator(s) of ${district}.`,
  statsUnchanged: 'Already confirmed with the same values; nothing to do.',
  statsStale: (fields: string) =>
    `Someone changed these indicators after the card was shown (${fields}); nothing was saved. Check the fresh card below.`,
  statsInvalid: (n: number) => `${n} field(s) are not valid; nothing was saved.`,
  statsNone: 'This district has no indicators measured by your bureau.',
  confirmedBy: (at: string) => `confirmed (${at})`,
  unconfirmed: 'to confirm',
});
