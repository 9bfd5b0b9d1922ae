import type { Campaign, Lang } from '../campaign/campaign.js';
import { WORKBOOK_WORDS, textOf } from '../text/index.js';
import type { AuditEntry } from '../store/types.js';
import { shanghaiDateTime } from '../util/time.js';

/**
 * The bot's stored identifiers as the workbook's readers say them: people by
 * name, roles, statuses, fields and channels in words. What it does not know
 * (a note or a value of a kind added later) is shown as stored rather than
 * dropped: the audit trail must stay complete.
 */
export interface Readable {
  person(id: string): string;
  role(target: { role?: unknown; districtId?: unknown; divisionId?: unknown }): string;
  itemStatus(status: string): string;
  audit(a: AuditEntry): {
    actor: string;
    subject: string;
    field: string;
    old: string;
    new: string;
    via: string;
    outcome: string;
    note: string;
  };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** `people`: user id → how the office knows them (src/domain/people.ts). */
export function readable(c: Campaign, lang: Lang, people: ReadonlyMap<string, string>): Readable {
  const text = textOf(c);
  const w = WORKBOOK_WORDS[lang].audit;
  const roles = text.common.roles(lang) as Record<string, string>;
  const statuses = text.common.itemStatus(lang) as Record<string, string>;
  const itemTitle = (id: string) => c.checklist.find((i) => i.id === id)?.title[lang] ?? id;
  const districtName = (id: string) => (id === 'unknown' ? w.unknownDistrict : (c.district(id)?.name[lang] ?? id));

  const person = (id: string): string =>
    people.get(id) ?? (id === 'system' || id === '' ? w.system : id === 'cli' ? w.vias.script! : w.unknownPerson);
  const role = (t: { role?: unknown; districtId?: unknown; divisionId?: unknown }): string => {
    const place =
      typeof t.districtId === 'string'
        ? districtName(t.districtId)
        : typeof t.divisionId === 'string'
          ? (c.division(t.divisionId)?.name[lang] ?? t.divisionId)
          : '';
    return [place, typeof t.role === 'string' ? (roles[t.role] ?? t.role) : ''].filter(Boolean).join(' · ');
  };
  const itemStatus = (s: string) => statuses[s] ?? s;

  function subject(s: string): string {
    const [kind = '', ...rest] = s.split('/');
    const id = rest.join('/');
    switch (kind) {
      case 'applications':
        return districtName(id);
      case 'users':
        return person(id);
      case 'reminder-prefs':
        return w.reminderPrefs(person(id));
      case 'invitations':
        return w.invitation(id);
      case 'announcements':
        return w.announcement;
      case 'campaign':
        return w.compilation;
      default:
        return s;
    }
  }

  function oneField(f: string): string {
    const [section = '', ...rest] = f.split('.');
    const id = rest.join('.');
    if (!id) return w.fields[section] ?? f;
    switch (section) {
      case 'form':
        return c.formFields.find((x) => x.id === id)?.label[lang] ?? f;
      case 'indicators':
      case 'statistics':
        return c.indicator(id)?.name[lang] ?? f;
      case 'veto':
        return c.veto.find((v) => v.id === id)?.text[lang] ?? f;
      case 'vetoNotes':
        return w.vetoNote(c.veto.find((v) => v.id === id)?.text[lang] ?? id);
      case 'materials':
        return c.checklist.find((i) => i.completion.kind === 'materials' && i.completion.tag === id)?.title[lang] ?? f;
      case 'returns':
        return w.returnOf(itemTitle(id));
      case 'itemStates':
        return w.stateOf(itemTitle(id));
      case 'reviews':
        return w.reviewBy(c.division(id)?.name[lang] ?? id);
      default:
        return f;
    }
  }
  // A conflict names several fields at once: "form.leader,form.funding".
  const field = (f: string) => f.split(',').map(oneField).join(WORKBOOK_WORDS[lang].listSeparator);

  function value(fieldName: string, v: unknown): string {
    if (v === undefined || v === null) return '';
    if (typeof v === 'boolean') return v ? WORKBOOK_WORDS[lang].yes : WORKBOOK_WORDS[lang].no;
    if (typeof v === 'number') return String(v);
    if (typeof v === 'string') {
      if (people.has(v)) return person(v);
      if (fieldName.startsWith('itemStates.')) return itemStatus(v);
      if (ISO_INSTANT.test(v)) return shanghaiDateTime(new Date(v));
      return v;
    }
    if (Array.isArray(v))
      return v
        .map((x) => (fieldName === 'vetoFlag' ? (c.veto.find((item) => item.id === x)?.text[lang] ?? String(x)) : value(fieldName, x)))
        .join(WORKBOOK_WORDS[lang].listSeparator);
    const o = v as Record<string, unknown>;
    if ('role' in o) return role(o);
    if ('decision' in o) {
      const verdict = o.decision === 'approve' ? WORKBOOK_WORDS[lang].approve : WORKBOOK_WORDS[lang].return;
      const points = Object.entries((o.points ?? {}) as Record<string, { verdict?: string }>)
        .map(
          ([id, p]) =>
            `${c.info.review.points.find((x) => x.id === id)?.name[lang] ?? id} ${p.verdict === 'pass' ? WORKBOOK_WORDS[lang].pass : WORKBOOK_WORDS[lang].fail}`,
        )
        .join(WORKBOOK_WORDS[lang].listSeparator);
      return w.decision(verdict, points);
    }
    if ('submittedAt' in o) return w.submitted(value('', o.submittedAt), person(String(o.submittedBy ?? '')));
    if ('sha256' in o && 'name' in o) return String(o.name);
    if ('text' in o) return String(o.text);
    return JSON.stringify(v);
  }

  function via(v: string): string {
    const [kind = '', ...rest] = v.split(':');
    const word = w.vias[kind];
    if (!word) return v;
    if (kind !== 'card' || rest.length === 0) return word;
    const [card = '', group] = rest;
    const name = card === 'indicators' && group ? (c.indicatorGroups.find((g) => g.id === group)?.name[lang] ?? group) : oneField(card);
    return `${word} · ${name}`;
  }

  function note(n: string): string {
    const t = w.notes;
    let m: RegExpExecArray | null;
    if (n === 'not permitted') return t.notPermitted;
    if (n === 'locked after submission') return t.locked;
    if (n.startsWith('application phase closed')) return t.closed;
    if ((m = /^stale(?: card)?: (?:rendered at|based on) version (\S+), stored (\S+)$/.exec(n))) return t.stale(m[1]!, m[2]!);
    if (n === 'gave up after repeated concurrent writes') return t.busy;
    if ((m = /^notified (\d+)$/.exec(n))) return t.notified(m[1]!);
    if (n === 'not awaiting review') return t.notAwaiting;
    if (n === 'outside the re-check phase') return t.outsideRecheck;
    if (n.startsWith('workbook refused')) return t.workbookRefused;
    if ((m = /\bfile:(.+?)(?: import:\S+)?$/.exec(n))) return t.workbookFile(m[1]!);
    return n;
  }

  return {
    person,
    role,
    itemStatus,
    audit: (a) => ({
      actor: person(a.actor),
      subject: subject(a.subject),
      field: field(a.field),
      old: value(a.field, a.old),
      new: value(a.field, a.new),
      via: via(a.via),
      outcome: a.outcome === 'refused' ? w.refused : w.applied,
      note: a.note ? note(a.note) : '',
    }),
  };
}
