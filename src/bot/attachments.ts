/** A file sent in a Teams personal chat: its contentUrl is the SharePoint page (needs sign-in), its content.downloadUrl the pre-authorised bytes. */
export const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';

/** Not a file: a card, or the HTML copy of a formatted message that Teams attaches beside its text. */
export function isFileAttachment(a: { contentType?: unknown; contentUrl?: unknown }): boolean {
  const type = typeof a.contentType === 'string' ? a.contentType : '';
  return !type.startsWith('application/vnd.microsoft.card') && !(type === 'text/html' && !a.contentUrl);
}
