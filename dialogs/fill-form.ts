import type { Turn } from '../src/bot/turn.js';
import { showEditCard } from '../src/features/district/edit-card.js';

/** 《申报表》: one card with the form's fields from data/; saving goes through the shared card engine. */
export async function fillForm(turn: Turn, districtId: string): Promise<void> {
  await showEditCard(turn, districtId, 'form');
}
