// The status filters of src/domain/status.ts (the catalogue imports nothing from the domain).
type StatusFilter = 'not-submitted' | 'submitted' | 'overdue' | 'returned' | 'approved';
type Stage = 'not-started' | 'in-progress' | 'submitted' | 'returned' | 'approved';
import type { Terms } from '../terms.js';
import { workbook } from './workbook.js';
import type { Catalogue } from '../zh/index.js';

export const status = (t: Terms): Catalogue['status'] => {
  const filters: Record<StatusFilter, string> = {
    'not-submitted': 'not submitted',
    submitted: 'submitted',
    overdue: 'with overdue items',
    returned: 'with returned items',
    approved: 'approved',
  };
  const stages: Record<Stage, string> = workbook.stages;
  return {
    filters,
    stages,
    returnedBecause: (reason: string) => `Returned because: ${reason}`,
    overviewTitle: (phase: string) => `District progress · ${phase}`,
    overviewSubtitle: (today: string, total: number) => `As of ${today} (Beijing time), ${total} districts. Tap a district for details.`,
    countStages: 'Status',
    countClasses: 'Class',
    countFlags: 'Attention',
    count: (label: string, n: number) => `${label} ${n}`,
    flagCounts: (overdue: number, returned: number, veto: number) => `overdue ${overdue} · returned ${returned} · veto ${veto}`,
    attentionTitle: (total: number, shown: number) =>
      total === 0
        ? 'No district needs attention.'
        : `Needing attention (${total}${total > shown ? `, the ${shown} most urgent first` : ''})`,
    chartAlt: (parts: string[]) => `Districts by status: ${parts.join(', ')}`,
    allButton: 'All districts',
    overdueButton: 'Overdue',
    filterButton: 'Filter',
    listTitle: (phase: string, parts: string[]) => `District progress · ${phase}${parts.length ? ` · ${parts.join(' · ')}` : ''}`,
    searchPart: (q: string) => `search "${q}"`,
    namedPart: (n: number) => `the ${n} districts asked about`,
    range: (from: number, to: number, shown: number, total: number) =>
      `${from}–${to} of ${shown} (of ${total} you can see). Tap a district for details.`,
    overviewSummary: (label: string, names: string[], total: number) =>
      `${label}: ${names.length ? `${names.join(', ')}${total > names.length ? ` and ${total - names.length} more` : ''}` : 'none'}`,
    allLabel: 'all',
    empty: (label: string) => `No districts ${label}.`,
    noMatch: (q: string) => `No district's name, alias or pinyin initials match "${q}". Send "status" for the overview, or tap "Filter".`,
    filtersTitle: 'Filter districts',
    filtersText: (initials: string) =>
      `Choose, then tap "Show". Or type it: "status overdue", "status class II", "status ${t.exampleDistrict}", "status ${initials}" (pinyin initials).`,
    pickStatus: 'Status',
    pickClass: 'Class',
    pickDivision: 'Guiding division',
    pickAny: 'Any',
    searchLabel: 'Name, alias or pinyin initials (optional)',
    searchPlaceholder: (initials: string) => `e.g. ${t.exampleDistrict} or ${initials}`,
    showButton: 'Show',
    divisionsByText: 'Too many divisions to list; send "status <division name>".',
    percent: (p: number) => `${p}%`,
    submittedAt: (at: string) => `submitted ${at}`,
    notSubmitted: 'not submitted',
    approved: 'approved',
    returned: 'items returned',
    overdue: (n: number) => `${n} overdue`,
    veto: 'veto item declared',
    lastActivity: (at: string) => `last activity ${at}`,
    noActivity: 'nothing entered yet',
    districtTitle: (district: string, cls: string, phase: string) => `${district} (${cls}) · ${phase}`,
    dueLine: (status: string, due: string, daysLeft: number, owner: string, done: boolean) =>
      `${status} · due ${due}${done ? '' : daysLeft >= 0 ? ` (${daysLeft} days left)` : ` (${-daysLeft} days overdue)`}${owner ? ` · ${owner}` : ''}`,
    refused: 'You cannot see that district’s progress. Send "status" for the districts you can see.',
    nothingVisible: 'Your role has no districts whose progress you can see.',
    unknownPlace: (name: string) => `${name} is not in this selection. Send "status" for the districts' progress.`,
    unknownArg: (arg: string, names: string[]) => `I found no "${arg}". You can see: ${names.join(', ')}.`,
    backToOverview: 'Back to overview',
    practicesButton: 'Good practices',
    exportButton: 'Export workbook',
    exportIntro: (at: string, file: string, url: string, hours: number) =>
      `The compiled workbook is ready (${at}, Beijing time): [${file}](${url})\n\nThe download link works for ${hours} hours; send "export" again after that.`,
    exportFile: (day: string) => `compilation-${day}.xlsx`,
    reportedAlready: (at: string, by: string) =>
      `Marked as reported to the ministry on ${at} by ${by}; application-phase edits are closed.`,
    markTitle: (ministry: string) => `Report to ${ministry}`,
    markText:
      'Once the workbook is checked and sent, mark it as reported. After that, districts can no longer change their application-phase entries.',
    markButton: 'Mark as reported',
    markConfirmTitle: 'Mark as reported?',
    markConfirmText: (notSubmitted: string[], total: number) =>
      `After this, application-phase edits close for every district; this cannot be undone. ${total ? `Not submitted${total > notSubmitted.length ? ` (${total})` : ''}: ${notSubmitted.join(', ')}${total > notSubmitted.length ? ' …' : ''}.` : 'Every district has submitted.'}`,
    notSubmittedButton: 'Not submitted',
    confirm: 'Yes, reported',
    notNow: 'Not now',
    markCancelled: 'All right, not marked.',
    marked: (at: string) => `Marked as reported (${at}). Application-phase edits are now closed.`,
    notOffice: 'Only the campaign office can export and mark the compilation as reported.',
    editsClosed: (at: string) =>
      `The applications were compiled and reported to the ministry on ${at}; application-phase entries can no longer be changed. Contact the campaign office if something must be corrected.`,
    practicesTitle: (who: string) => `Good practices · ${who}`,
    practicesAll: 'all districts',
    practicesNone: 'Nothing submitted yet.',
    practicesCount: (n: number) => `${n} write-up(s).`,
    addPractice: 'Add a write-up',
    practiceCardTitle: (district: string) => `Submit a write-up · ${district}`,
    practiceCardIntro:
      'Describe a new mechanism, model, good practice or experience in the economical and intensive use of land and mineral resources.',
    fieldTitle: 'Title',
    fieldKind: 'Kind',
    fieldSummary: 'Summary (20–2000 characters)',
    fieldLinks: 'Links to attachments (optional, one http(s) address per line)',
    submitPractice: 'Submit',
    badKind: 'Please pick a kind.',
    badLinks: 'Each line must be one http(s) link.',
    invalid: (n: number) => `${n} field(s) are not valid; nothing was saved.`,
    practiceSaved: (title: string, n: number) => `Submitted "${title}". Your district has ${n}.`,
    practiceDuplicate: (title: string) => `"${title}" was already submitted; not saved twice.`,
    practicesClosed: (phase: string, start: string, end: string) =>
      `Write-ups are submitted in the ${phase} phase (${start} to ${end}); not now.`,
    practicesNotYours: 'Only district contacts can submit their district’s write-ups.',
  };
};
