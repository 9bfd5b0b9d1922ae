/** What the recogniser (entities.ts) finds in a message; its own file so that the intent scorer can read hits without importing the recogniser. */
export type EntityKind = 'district' | 'division' | 'body' | 'phase' | 'indicator' | 'class' | 'office' | 'outOfScope';

export interface EntityHit {
  kind: EntityKind;
  /** The entity's id in its data file; for `office` always "office"; for `outOfScope` the place's Chinese name. */
  id: string;
  /** The text as it appeared in the message. */
  matched: string;
  /** Offsets in the message (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
  /** True when matched by spelling tolerance: an English name one edit away, a sound-alike Chinese name, or toneless pinyin. */
  fuzzy?: boolean;
  /** A sound-alike match too weak to act on without asking ("您是说怀柔区吗？"); `idsOf` leaves it out. */
  unsure?: boolean;
}
