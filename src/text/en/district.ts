import type { Terms } from '../terms.js';
import type { Catalogue } from '../zh/index.js';

export const district = (t: Terms): Catalogue['district'] => ({
  yes: 'Yes',
  no: 'No',
  save: 'Save',
  draftHint:
    'Save keeps the valid fields; empty ones can wait. The item is complete once every field marked "needed to complete this item" is filled in.',
  completeHint: 'Fill in every required field and save; the item is complete once they all are.',
  fillRequired: 'Fill in the required fields',
  fillIn: (label: string) => `Please fill in "${label}"`,
  choose: (label: string) => `Please choose: ${label}`,
  neededToComplete: ' (needed to complete this item)',
  noContactDistrict: 'Your role has no district; contact the campaign office.',
  notYours: 'You can only see and change your own district’s application; this was refused and nothing was saved.',
  locked: (at: string) =>
    `Your district submitted on ${at}; the record is locked. Ask your guiding division to return it if something must change.`,
  invalid: (n: number) => `${n} field(s) are missing or not valid; nothing was saved (your entries are kept). Fix them and press Save.`,
  draftSaved: (saved: number, bad: number) =>
    `Draft saved: ${saved} field(s)${bad ? `; ${bad} field(s) below are not valid and were not saved (your text is kept)` : ''}.`,
  stillNeeded: (fields: string) => `To complete this item, still fill in: ${fields}.`,
  saved: (n: number) => `Saved ${n} field(s).`,
  unchanged: 'Already saved; nothing changed.',
  conflict: 'Someone changed these fields after your card was shown; your changes were not saved:',
  conflictLine: (label: string, yours: string, theirs: string) => `• ${label}: yours "${yours || '(empty)'}", now "${theirs || '(empty)'}"`,
  busy: 'Several people are saving this application right now; your changes were not saved. Press Save again on the card below in a moment.',
  changedSinceCard: (fields: string) => `Since this card was shown, someone else changed ${fields}; nothing was saved.`,
  checkFresh: 'This is the application as it is now (your other entries are kept); check it and save again.',
  conflictTail: 'Check the fresh card below and save again.',
  readOnlyStats: ` (entered by ${t.statistics}; read-only)`,
  phoneHint: t.examplePhone,
  notEntered: 'not entered',
  vetoNote: 'Note (optional)',
  vetoTitle: 'Veto declaration',
  vetoIntro:
    'For each item, answer truthfully whether it applies to your district ("Yes" means it does). Any "Yes" blocks submission and is reported to the guiding divisions and the campaign office.',
  vetoDeclared:
    'You declared a veto item: under the selection rules your district cannot submit. The guiding divisions and the campaign office have been told; if this was a mistake, change it and save again.',
  vetoFlagText: (district: string, items: string) =>
    `[Veto] ${district} declared a veto item: ${items}. The district cannot submit; please follow up.`,
  formTitle: 'Application form',
  draftNote: 'Note: the field list is a draft until the office confirms it.',
  indicatorsTitle: (group: string, cls: string) => `Indicators · ${group} · ${cls}`,
  indicatorsIntro: 'Numbers may be written 70, 1.5万 or 三千五百; see each field for its range.',
  range: (min?: number, max?: number, decimals?: number) =>
    `${min ?? ''}–${max ?? ''}${decimals !== undefined ? `, up to ${decimals} decimals` : ''}`,
  nextStep: (title: string) => `Next step: ${title}`,
  allDone: 'Everything you own in this phase is done.',
  progressLine: (percent: number) => `${percent}% complete`,
  checklistTitle: (district: string, phase: string) => `${district} · ${phase} · checklist`,
  checklistSubtitle: (today: string, percent: number) => `Today ${today} · ${percent}% complete`,
  dueLine: (status: string, due: string, daysLeft: number | undefined, owner: string) =>
    `${status} · due ${due}${daysLeft === undefined ? '' : ` (${daysLeft > 0 ? `${daysLeft} days left` : daysLeft === 0 ? 'due today' : `${-daysLeft} days overdue`})`}${owner ? ` · ${owner}` : ''}`,
  returnedReason: (reason: string) => `Returned: ${reason}`,
  startNext: 'Start the next step',
  start: (title: string) => `Start: ${title}`,
  ownedByOthers: (who: string, status: string) => `This item is handled by ${who}; status: ${status}.`,
  materialsTitle: (district: string) => `${district} · materials`,
  materialsSubtitle: (maxMb: string) => `PDF, Word, Excel and images, up to ${maxMb} each. Just send the files to me as attachments.`,
  noFiles: 'nothing uploaded yet',
  remove: 'Remove',
  upload: (title: string) => `Upload: ${title}`,
  askFiles: (title: string, maxMb: string) =>
    `Send me the files for "${title}" as attachments (PDF, Word, Excel, images; up to ${maxMb} each). Send "cancel" to stop.`,
  askWhichItem: (options: string) => `Which item are these files for? Reply with the number:\n${options}`,
  stored: (name: string, size: string, sha: string, title: string) => `Stored "${name}" (${size}, SHA-256 ${sha}) under "${title}".`,
  duplicate: (name: string) => `"${name}" is identical to a file already uploaded; not stored twice.`,
  refusedType: (name: string) =>
    `"${name}" was not stored: only PDF, Word (doc/docx), Excel (xls/xlsx) and images (jpg/png/gif) are accepted.`,
  refusedContent: (name: string) =>
    `"${name}" was not stored: its content does not match its extension (it may be damaged). Save it in the right format and send it again.`,
  refusedSize: (name: string, maxMb: string) =>
    `"${name}" was not stored: it is larger than ${maxMb}. Compress or split it and send again.`,
  refusedMessageTotal: (name: string, totalMb: string) =>
    `"${name}" was not stored: the files of one message may not exceed ${totalMb} together. Send them in several messages.`,
  tooManyFiles: (max: number, left: number) =>
    `One message takes at most ${max} files; the other ${left} were not taken. Send them in several messages.`,
  refusedDownload: (name: string) => `"${name}" was not stored: it could not be downloaded from the chat channel; please send it again.`,
  removed: (name: string) => `Removed "${name}".`,
  alreadyRemoved: 'That file was already removed.',
  noAttachments: 'No attachment arrived. Send the file as an attachment, or send "cancel".',
  confirmValue: (label: string, oldV: string, newV: string, unit: string) =>
    `Change "${label}" from "${oldV || '(empty)'}" to "${newV}"${unit ? ` ${unit}` : ''}? Reply yes or no.`,
  confirmRetry: 'Reply yes to confirm, or no to drop it.',
  dropped: 'Dropped; nothing changed.',
  statsOnly: (label: string) => `"${label}" is entered by the ${t.statistics}; district contacts can only read it.`,
  notForClass: (label: string, cls: string) => `"${label}" is not in the ${cls} indicator system.`,
  badValue: (label: string, error: string) => `"${label}": ${error}. Nothing changed.`,
  missingTitle: 'Not ready to submit; these items are not done yet:',
  vetoBlocks:
    'Your district declared a veto item, so under the selection rules it cannot submit. The guiding divisions and the campaign office have been told.',
  summaryTitle: (district: string) => `${district} · confirm submission`,
  summaryText:
    'Please check. After you confirm, the record is locked and your guiding divisions are notified; changes then need the division to return it.',
  confirmSubmit: 'Confirm and submit',
  notNow: 'Not now',
  submitted: (at: string) => `Submitted at ${at}; the record is locked.`,
  alreadySubmitted: (at: string) => `Your district already submitted at ${at}; nothing to do.`,
  submitNotice: (district: string, at: string) => `${district} submitted its application at ${at}. Please review it (send "review").`,
  submitLater: 'OK, not submitted. Send "submit" when ready.',
  summaryForm: 'Form',
  summaryIndicators: 'Indicators',
  summaryMaterials: 'Materials',
  summaryVeto: 'Veto items',
  countOf: (n: number, total: number) => `${n} of ${total}`,
  files: (n: number) => `${n} file(s)`,
  noneDeclared: 'none applies',
  changedSince: 'The application changed since this summary was shown; please check the new one.',
});
