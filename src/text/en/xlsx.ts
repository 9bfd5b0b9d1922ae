import type { Terms } from '../terms.js';
import type { Catalogue } from '../zh/index.js';

export const xlsx = (t: Terms): Catalogue['xlsx'] => ({
  sheet: 'Indicators',
  title: (who: string, cls: string, version: number, at: string) =>
    `${who}${cls ? ` · ${cls}` : ''} · indicator template (record version ${version}, made ${at})`,
  statsTitle: (n: number, at: string) =>
    `${t.statistics} · ${n} districts · indicator template (made ${at})`,
  howTo: 'Fill in the "Value" column only: numbers may be written 70, 1.5万, 三千五百 or 80%; yes/no items take "yes" or "no"; leave a cell empty to keep the current value. Send the file back to me as it is; nothing is saved until you confirm. Do not change the "Indicator ID" column.',
  range: (min?: number, max?: number) =>
    (min === undefined && max === undefined ? '' : `${min ?? ''} – ${max ?? ''}`),
  yesNo: 'yes / no',
  yes: 'yes',
  no: 'no',
  entered: 'entered',
  notEntered: 'not entered',
  readOnly: `entered by ${t.statistics} (read-only)`,
  confirmed: (at: string) =>
    `confirmed ${at}`,
  unconfirmed: 'entered, not confirmed',
  fileName: (who: string, day: string) =>
    `indicators-${who}-${day}.xlsx`,
  // Problems: what is wrong with one row, in the person's words.
  unknownIndicator: (name: string) =>
    `unknown indicator "${name}", not imported`,
  unknownDistrict: (name: string) =>
    `unknown district "${name}", not imported`,
  districtOutside: (name: string) =>
    `${name} is not covered by this file; not imported`,
  notForClass: (cls: string) =>
    `does not apply to ${cls}; not imported`,
  statsOnly: `entered by ${t.statistics}; it cannot be changed here`,
  notStats: `entered by the district; it cannot be changed in the file of ${t.statistics}`,
  duplicate: (first: number) =>
    `same indicator as row ${first}; neither row imported`,
  notAValue: (text: string) =>
    `"${text}" is not a value`,
  problemLine: (row: number, label: string, text: string, cell: string) =>
    `Row ${row}${label ? ` ${label}` : ''}: ${text} (cell ${cell})`,
  noHeader: 'No header row found: the sheet needs the columns "指标名称" (Indicator) and "填报值" (Value). Send "indicators template" for a fresh one.',
  // Chat: the template, the answer card, the confirm.
  templateIntro: (who: string, file: string, url: string, hours: number) =>
    `The indicator template for ${who}: [${file}](${url})\n\nFill in the "Value" column and send the file back to me as an attachment; I will list what would change and save only after you confirm. The link works for ${hours} hours.`,
  statsNone: `No indicator is measured by ${t.statistics}.`,
  cardTitle: (who: string) =>
    `Indicator import · ${who}`,
  cardSubtitle: (file: string, sha: string, madeAt: string) =>
    `File "${file}" (SHA-256 ${sha}), template made ${madeAt}`,
  statsWho: (n: number) =>
    `${t.statistics} · ${n} districts`,
  changes: (n: number) =>
    `Will change (${n})`,
  conflicts: (n: number) =>
    `Conflicts: changed by someone after the template was made (${n}, not saved)`,
  problems: (n: number) =>
    `Problems (${n}, not saved)`,
  others: 'Other rows',
  unchanged: (n: number, names: string) =>
    `Unchanged (${n}): ${names}`,
  blank: (n: number, names: string) =>
    `Left empty (${n}, kept as they are): ${names}`,
  missing: (n: number, names: string) =>
    `Not in the file (${n}, kept as they are): ${names}`,
  more: (n: number) =>
    `… and ${n} more not listed`,
  empty: '(empty)',
  change: (old: string, next: string) =>
    `${old} → ${next}`,
  confirmOnly: (v: string) =>
    `${v} (confirm)`,
  conflictValue: (yours: string, theirs: string) =>
    `file ${yours}, now ${theirs}`,
  footer: 'Nothing is saved until you press Confirm; rows with problems and conflicts are not saved: fix them and send the file again.',
  nothingToSave: 'The file has nothing to save; nothing was saved.',
  confirm: (n: number) =>
    `Confirm and save ${n}`,
  cancel: 'Cancel',
  saved: (n: number, districts: number, sha: string) =>
    `Saved ${n} value(s)${districts > 1 ? ` for ${districts} districts` : ''} from the Excel file (SHA-256 ${sha}).`,
  partlySaved: (names: string) =>
    `These districts changed while you confirmed and were not saved: ${names}. Get a fresh template.`,
  cancelled: 'Cancelled; nothing was saved.',
  alreadySaved: (at: string) =>
    `This file was already saved on ${at}; it is not saved twice.`,
  alreadyCancelled: 'This import was cancelled. Send the file again to save it.',
  superseded: 'You sent a newer file since; this card is void. Confirm on the newest card.',
  inProgress: 'This import is being saved; one moment.',
  changedSinceCard: 'The record changed before you confirmed; nothing was saved. Check the updated result below and confirm again.',
  notYourImport: 'Someone else sent this file; only they can confirm it.',
  otherCampaign: (campaign: string) =>
    `This file is a template of another campaign (${campaign}); it cannot be imported here. Send "indicators template" for this campaign's template.`,
  otherDistrict: (names: string) =>
    `This file is the template of ${names}; you cannot import it. Send "indicators template" for your own.`,
  districtWorkbook: `This is a district’s template; ${t.statistics} gets its own with "indicators template".`,
  statsWorkbook: `This is the template of ${t.statistics}; districts cannot import it. Send "indicators template" for your own.`,
  onlyOne: (n: number) =>
    `One indicator file at a time; the other ${n} were not read.`,
  truncated: (max: number) =>
    `The file has more than ${max} rows; only the first ${max} were read.`,
});
