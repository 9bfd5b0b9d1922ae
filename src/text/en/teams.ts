import type { Terms } from '../terms.js';
import type { Catalogue } from '../zh/index.js';

export const teams = (t: Terms): Catalogue['teams'] => ({
  shortName: () => 'Application assistant',
  shortNameFallback: 'Application assistant',
  fullName: (title: string) => `${title}: application assistant`,
  shortDescription: 'Checklists, indicators, materials, review and progress, in chat.',
  fullDescription: (title: string) =>
    `The application assistant of the ${title}. District contacts see their checklist, enter indicator values, upload materials and submit in a private chat; guiding divisions review; ${t.office} follows progress, sends announcements and exports the compilation. Anyone can ask about the selection's scope, classes, responsibilities and deadlines in their own words. In a group chat, mention me to ask a question or send "help"; anything with a district's data continues in a private chat.`,
  groupHelp: 'Show this help (in group chats only public questions are answered)',
});
