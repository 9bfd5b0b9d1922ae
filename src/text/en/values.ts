import type { ValueWords } from '../zh/index.js';

export const values: ValueWords = {
  required: 'required',
  notNumber: (unit?: string) => `enter a number${unit ? ` (unit: ${unit})` : ''}, e.g. 70, 1.5万 or 3500`,
  range: (min: string, max: string) => `must be between ${min} and ${max}`,
  decimals: (d: number) => (d === 0 ? 'must be a whole number' : `at most ${d} decimal places`),
  yesNo: 'choose yes or no',
  tooShort: (n: number) => `at least ${n} characters`,
  tooLong: (n: number) => `at most ${n} characters`,
  phone: 'not a phone number: 11-digit mobile, or landline (area code-number)',
  yes: 'yes',
  no: 'no',
};
