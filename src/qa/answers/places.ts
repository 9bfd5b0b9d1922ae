import { divisionsGuiding } from '../../campaign/campaign.js';
import type { Division } from '../../campaign/schema.js';
import { noticeAt, sources } from '../cite.js';
import type { Answer, AnswerInput } from './types.js';

/** Districts, classes and which divisions guide whom: answers from districts and divisions data. */

const districtName = (a: AnswerInput, id: string) => a.c.district(id)?.name[a.lang] ?? id;
const className = (a: AnswerInput, id: string) => a.c.info.classes.find((k) => k.id === id)?.name[a.lang] ?? id;
const classOfDistrict = (a: AnswerInput, id: string) => a.c.district(id)?.class ?? '';

function scopeSource(a: AnswerInput): string | undefined {
  return noticeAt(a.c, a.lang, a.c.districts[0]!.name.zh);
}

function classSource(a: AnswerInput): string | undefined {
  return noticeAt(a.c, a.lang, a.c.info.classes[0]!.name.zh);
}

/** The districts a question means: those it names, else all of them, less those it leaves out. */
function districtSet(a: AnswerInput, universe = a.c.districts.map((d) => d.id)): string[] {
  const named = a.scope.districts.filter((id) => universe.includes(id));
  const base = named.length ? named : universe;
  return base.filter((id) => !a.scope.excluded.includes(id));
}

export function districts(a: AnswerInput): Answer {
  const { w } = a;
  const ids = districtSet(
    a,
    a.c.districts.map((d) => d.id),
  );
  const names = ids.map((id) => districtName(a, id));
  const excluded = a.scope.excluded.map((id) => districtName(a, id));
  const text = excluded.length ? w.districtsExcept(excluded, names) : w.districtsAll(names);
  return { text, source: sources(a.lang, scopeSource(a)) };
}

export function classOf(a: AnswerInput): Answer {
  const { c, w, scope } = a;
  const system = (id: string) => c.info.classes.find((k) => k.id === id)?.system[a.lang] ?? '';
  const lines: string[] = [];
  const members = (classId: string, within: string[]) =>
    within.filter((id) => classOfDistrict(a, id) === classId).map((id) => districtName(a, id));
  const all = c.districts.map((d) => d.id);
  const excluded = scope.excluded.map((id) => districtName(a, id));
  if (scope.districts.length && !scope.negatedClasses.length) {
    const ids = scope.districts.filter((id) => !scope.excluded.includes(id));
    if (ids.length > 1 && scope.same) {
      const classes = new Set(ids.map((id) => classOfDistrict(a, id)));
      lines.push(
        w.sameClass(
          ids.map((id) => districtName(a, id)),
          classes.size === 1,
        ),
      );
    }
    for (const id of ids) {
      const k = classOfDistrict(a, id);
      const asked = scope.classes[0];
      const verdict = scope.yesNo && asked !== undefined ? asked === k : undefined;
      lines.push(w.districtClass(districtName(a, id), className(a, k), system(k), verdict));
    }
  } else if (scope.negatedClasses.length) {
    const others = c.info.classes.filter((k) => !scope.negatedClasses.includes(k.id));
    const within = districtSet(a, all);
    const groups = others.map((k) => ({ cls: k.name[a.lang], names: members(k.id, within) })).filter((g) => g.names.length);
    lines.push(
      w.notInClass(
        scope.negatedClasses.map((id) => className(a, id)),
        groups,
      ),
    );
  } else {
    const wanted = scope.classes.length ? scope.classes : c.info.classes.map((k) => k.id);
    const within = districtSet(a, all);
    if (!scope.classes.length && excluded.length) {
      const groups = wanted.map((id) => ({ cls: className(a, id), names: members(id, within) })).filter((g) => g.names.length);
      lines.push(w.classesExcept(excluded, groups));
    } else {
      for (const id of wanted) lines.push(w.classMembers(className(a, id), members(id, within), system(id), excluded));
    }
  }
  return { text: lines.join('\n'), source: sources(a.lang, classSource(a)) };
}

function divisionLabel(a: AnswerInput, v: Division): string {
  const prefix = a.c.info.notice.issuerShort?.[a.lang];
  return a.w.divisionName(v.name[a.lang], prefix);
}

export function guidance(a: AnswerInput): Answer {
  const { c, w, scope } = a;
  const lines: string[] = [];
  const excluded = scope.excluded.map((id) => districtName(a, id));
  const districtIds = scope.districts.filter((id) => !scope.excluded.includes(id));
  if (districtIds.length > 1 && scope.same && !scope.divisions.length) {
    const sets = districtIds.map((id) =>
      divisionsGuiding(c, id)
        .map((v) => v.id)
        .sort()
        .join(','),
    );
    const same = sets.every((s) => s === sets[0]);
    lines.push(
      w.sameGuides(
        districtIds.map((id) => districtName(a, id)),
        same,
        same ? divisionsGuiding(c, districtIds[0]!).map((v) => divisionLabel(a, v)) : [],
      ),
    );
    if (!same)
      for (const id of districtIds)
        lines.push(
          w.guidedBy(
            districtName(a, id),
            divisionsGuiding(c, id).map((v) => divisionLabel(a, v)),
          ),
        );
  } else {
    for (const id of districtIds)
      lines.push(
        w.guidedBy(
          districtName(a, id),
          divisionsGuiding(c, id).map((v) => divisionLabel(a, v)),
        ),
      );
    for (const id of scope.divisions) {
      const v = c.division(id)!;
      const guided = v.guides.filter((g) => !scope.excluded.includes(g)).map((g) => districtName(a, g));
      lines.push(w.divisionGuides(divisionLabel(a, v), guided, excluded));
    }
  }
  if (!lines.length) {
    // No district or division named: the whole table, grouped by the districts a set of divisions shares.
    const groups = new Map<string, Division[]>();
    for (const v of c.divisions) groups.set(v.guides.join(','), [...(groups.get(v.guides.join(',')) ?? []), v]);
    const rows = [...groups].map(([key, divs]) => ({
      divisions: divs.map((v) => v.name[a.lang]),
      districts: key.split(',').map((g) => districtName(a, g)),
    }));
    lines.push(w.guidanceTable(c.divisions.length, rows));
  }
  return { text: lines.join('\n'), source: sources(a.lang, noticeAt(c, a.lang, c.divisions[0]!.name.zh)) };
}

/** A place outside the selection: say so, and which districts are in it. */
export function outOfScope(a: AnswerInput): Answer {
  const { c, hits, w } = a;
  const places = [
    ...new Set(
      hits.filter((h) => h.kind === 'outOfScope').map((h) => c.outOfScope.find((x) => x.name.zh === h.id)?.name[a.lang] ?? h.matched),
    ),
  ];
  return {
    text: w.outOfScope(
      places,
      c.districts.map((d) => d.name[a.lang]),
    ),
    source: sources(a.lang, scopeSource(a)),
  };
}
