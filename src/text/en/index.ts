import type { Terms } from '../terms.js';
import type { Catalogue } from '../zh/index.js';
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

export const en = (t: Terms): Catalogue => ({
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
export const enCommands = commands;
export const enValues = values;
export const enWorkbook = workbook;
