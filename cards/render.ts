import * as ACData from 'adaptivecards-templating';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const cache = new Map<string, object>();

/** Expands `cards/<name>.json` (an Adaptive Card template) with `data`. */
export function renderCard(name: string, data: object): object {
  let template = cache.get(name);
  if (!template) {
    template = JSON.parse(readFileSync(join(here, `${name}.json`), 'utf8')) as object;
    cache.set(name, template);
  }
  return new ACData.Template(template).expand({ $root: data }) as object;
}
