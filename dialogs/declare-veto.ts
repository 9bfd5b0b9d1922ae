import type { Turn } from '../src/bot/turn.js';
import { showEditCard } from '../src/features/district/edit-card.js';

/** Each veto item from data/ asked plainly: yes/no with a note. Any "yes" is flagged on save. */
export async function declareVeto(turn: Turn, districtId: string): Promise<void> {
  await showEditCard(turn, districtId, 'veto');
}
