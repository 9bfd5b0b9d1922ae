import type { Terms } from '../terms.js';
import type { Catalogue } from '../zh/index.js';

export const welcome = (t: Terms): Catalogue['welcome'] => ({
  title: (title: string) => `Hello! I am the assistant for the ${title}`,
  line: (title: string, who: string) => `Hello! I am the assistant for the ${title}. You are: ${who}.`,
  role: 'You are',
  today: 'Bot date',
  phase: 'Phase now',
  nextPhase: 'Next phase',
  phaseSpan: (phase: string, start: string, end: string) => `${phase} (${start} to ${end})`,
  unbound: `Ask me about the districts, classes, responsibilities and deadlines. District contacts and division staff: ask ${t.office} for an invitation code and send "join CODE" to work on the application.`,
  contactNext: (item: string, due: string) => `Next step: ${item} (due ${due}).`,
  contactDone: 'Everything you own in this phase is done. Send "checklist" to see your progress.',
  contactLookBack: 'Send "checklist" to look back at your district\'s application.',
  division: 'Send "review" to see the districts your division guides; open the ones waiting for review.',
  office: 'Send "status" for every district\'s progress, "export" for the compiled workbook, "invite" for invitation codes.',
  inspector: 'Send "status" to see every application; in the assessment phase, "review DISTRICT" records a re-check finding.',
  statistics: 'Send "indicators" for the indicators you measure, "indicators DISTRICT" to enter and confirm a district\'s values.',
  ended: (end: string, today: string) =>
    `This selection ended on ${end} (the bot's date is ${today}). Checklists, status and reminders are for looking back; days overdue are no longer counted.`,
  notStarted: (start: string, today: string) => `This selection starts on ${start} (the bot's date is ${today}).`,
  demoHint: (clock: string) => `For a demo, start the bot on a day inside the selection: CLOCK=${clock} npm start`,
  startButton: 'Start',
  pageTitle: (title: string) => `${title} · local chat`,
  pageIdentity: 'Identity',
  pageBotDate: (at: string) => `Bot date ${at} (Beijing time)`,
});
