import type { CommandWords } from '../zh/index.js';

/** The words that start each command in English (matched case-insensitively). A public contract: add aliases, never rename. */
export const commands: CommandWords = {
  help: ['help'],
  menu: ['menu'],
  bind: ['join', 'bind'],
  checklist: ['checklist'],
  indicators: ['indicators'],
  materials: ['materials'],
  submit: ['submit'],
  status: ['status'],
  review: ['review'],
  export: ['export'],
  reminders: ['reminders'],
  invite: ['invite'],
  sessions: ['sessions'],
  cancel: ['cancel', 'quit'],
};
