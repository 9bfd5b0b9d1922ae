import type { Terms } from '../terms.js';
import type { Catalogue } from '../zh/index.js';

export const reminders = (t: Terms): Catalogue['reminders'] => ({
  phaseEndsToday: (phase: string, end: string) => `The "${phase}" phase ends today (${end}).`,
  phaseEndsIn: (phase: string, end: string, left: number) => `The "${phase}" phase ends on ${end}: ${left} working day(s) left.`,
  itemDueToday: (district: string, item: string, due: string) => `• ${district}: ${item} (due today, ${due})`,
  itemDueIn: (district: string, item: string, due: string, left: number) => `• ${district}: ${item} (due ${due}, ${left} working day(s) left)`,
  awaitingReview: (district: string, submitted: string, waited: number) => `• ${district}: submitted ${submitted}, waiting ${waited} working day(s)`,
  overdueLine: (district: string, items: string[], worst: number) => `• ${district}: ${items.join(', ')} (up to ${worst} working day(s) late)`,
  digestState: { approved: 'approved', returned: 'returned', submitted: 'submitted', 'not-submitted': 'not submitted' },
  digestLine: (district: string, percent: number, state: string, overdue: number) => `• ${district}: ${percent}% done, ${state}${overdue ? `, ${overdue} overdue` : ''}`,
  announcementRef: (id: string) => `announcement ${id}`,
  unmuteButton: (rule: string) => `Unmute：${rule}`,
  snoozeButton: (rule: string) => `Snooze 1 day：${rule}`,
  muteButton: (rule: string) => `Mute：${rule}`,
  upcomingHead: (days: number) => `Your reminders in the next ${days} days:`,
  upcomingNone: (days: number) => `No reminders for you in the next ${days} days.`,
  noProgress: '(District progress is not available yet; reminders based on it are not planned.)',
  state: { send: '', muted: ' (muted)', snoozed: ' (snoozed)', missed: '' },
  essential: ' (essential, cannot be muted)',
  rulesHead: 'Your reminder settings:',
  usage: (admin: boolean) =>
    'Settings: "reminders mute RULE", "reminders snooze RULE DAYS", "reminders unmute RULE"; RULE may be "all".' +
    (admin ? `\nOffice: "reminders preview ${t.exampleDay}" (dry run, sends nothing), "reminders report [date]" (delivery report), "reminders announce" (send an announcement).` : ''),
  unknownRule: (word: string, ids: string) => `There is no reminder called "${word}". Use one of: ${ids}, or "all".`,
  cannotMuteEssential: (name: string) => `"${name}" is essential and cannot be muted or snoozed.`,
  muted: (name: string) => `Muted: ${name}. Send "reminders unmute …" to undo.`,
  unmuted: (name: string) => `Back on: ${name}.`,
  snoozed: (name: string, until: string) => `Snoozed "${name}" until ${until}.`,
  badDays: 'Snooze days must be a whole number from 1 to 30.',
  all: 'all non-essential reminders',
  badDate: `Give a date, like "reminders preview ${t.exampleDay}".`,
  previewHead: (day: string, n: number) => `Dry run for ${day} (nothing is sent): ${n} reminder(s) with today's data.`,
  previewRule: (time: string, name: string, n: number, suppressed: number, who: string) => `• ${time} ${name}: ${n} people${suppressed ? ` (${suppressed} muted/snoozed)` : ''} — ${who}`,
  previewNone: (day: string, working: boolean) => `Nothing would be sent on ${day}${working ? '' : ' (not a working day)'}.`,
  reportHead: (scope: string, total: number) => `Delivery report (${scope}): ${total} record(s)`,
  reportAll: 'all time',
  reportCounts: (c: Record<string, number>) => {
    const names: [string, string][] = [
      ['sent', 'sent'], ['failed', 'failed'], ['unreachable', 'unreachable'], ['muted', 'muted'], ['snoozed', 'snoozed'],
      ['skipped', 'skipped'], ['interrupted', 'interrupted'], ['pending', 'queued'], ['retrying', 'retrying'], ['sending', 'sending'],
    ];
    return names.filter(([k]) => c[k]).map(([k, w]) => `${w} ${c[k]}`).join(', ') || 'none';
  },
  reportProblem: (who: string, what: string, status: string, codes: number[], error: string) =>
    `• ${who} · ${what} · ${status}${codes.length ? ` [${codes.join(', ')}]` : ''}${error ? ` · ${error}` : ''}`,
  announceAskAudience: 'Who should get the announcement?',
  announceAskText: 'Type the announcement:',
  announceBadText: 'The announcement must be 1–1000 characters; type it again, or send "cancel".',
  announceConfirm: (n: number, who: string, text: string) => `This goes to ${n} people (${who}):\n\n${text}\n\nSend it?`,
  announceNobody: (who: string) => `Nobody is bound as "${who}" yet; nothing was sent.`,
  announceSent: (n: number) => `Queued for ${n} people. Send "reminders report" to see deliveries.`,
  announceCancelled: 'Cancelled; nothing was sent.',
  yes: 'Send',
  no: 'Cancel',
  allContacts: 'all district contacts',
  contactsOf: (district: string) => `contacts of ${district}`,
});
