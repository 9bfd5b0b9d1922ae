import type { Terms } from '../terms.js';
import { commands } from './commands.js';
import { common } from './common.js';
import { district } from './district.js';
import { notices } from './notices.js';
import { reminders } from './reminders.js';
import { review } from './review.js';
import { signin } from './signin.js';
import { status } from './status.js';
import { teams } from './teams.js';
import { values } from './values.js';
import { welcome } from './welcome.js';
import { workbook } from './workbook.js';
import { xlsx } from './xlsx.js';

/**
 * Chinese, the authoritative language: its shape is the catalogue's type, and
 * every other language must provide exactly the same entries.
 */
export const zh = (t: Terms) => ({
  common: common(t),
  district: district(t),
  review: review(t),
  status: status(t),
  reminders: reminders(t),
  notices: notices(t),
  xlsx: xlsx(t),
  welcome: welcome(t),
  teams: teams(t),
  signin: signin(t),
});
export const zhCommands = commands;
export const zhValues = values;
export const zhWorkbook = workbook;

export type Catalogue = ReturnType<typeof zh>;
export type ValueWords = typeof values;
export type WorkbookWords = typeof workbook;
export type CommandWords = { [K in keyof typeof commands]: string[] };
