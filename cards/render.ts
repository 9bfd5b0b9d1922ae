import * as ACData from 'adaptivecards-templating';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
// Prepared templates: building a Template parses every ${…} expression (an ANTLR parser), which
// was the largest cost of a card turn. expand() is synchronous and leaves the prepared payload
// as it was, so one Template per card file serves every turn.
const cache = new Map<string, ACData.Template>();

/** Expands `cards/<name>.json` (an Adaptive Card template) with `data`. */
export function renderCard(name: string, data: object): object {
  let template = cache.get(name);
  if (!template) {
    template = new ACData.Template(JSON.parse(readFileSync(join(here, `${name}.json`), 'utf8')) as object);
    cache.set(name, template);
  }
  return template.expand({ $root: data }) as object;
}
