import { className, divisionsGuiding, indicatorsForClass, type Lang } from '../../campaign/campaign.js';
import type { ApplicationRecord } from '../../domain/application.js';
import { displayValue } from '../../domain/indicator-values.js';
import { reviewFieldsOf } from '../../domain/review-rules.js';
import type { Services } from '../../services.js';
import { shanghaiDateTime } from '../../util/time.js';

export interface Section {
  title: string;
  facts: { title: string; value: string }[];
  /** Markdown lines (material links). */
  lines: string[];
}

const at = (iso: string) => shanghaiDateTime(new Date(iso));

/** A signed, expiring absolute link to a stored file (GET /files/…), valid in every channel. */
export const materialLink = (s: Services, districtId: string, fileId: string) =>
  s.files.links.url({ kind: 'material', districtId, fileId });

/** A read-only view of a district's application: form, veto, indicators with units, materials, the review record. */
export function applicationSections(s: Services, record: ApplicationRecord, lang: Lang): Section[] {
  const c = s.campaign;
  const district = c.district(record.districtId)!;
  const yesNo = (v: unknown) => (v === true ? s.text.common.yes(lang) : v === false ? s.text.common.no(lang) : undefined);
  const form: Section = {
    title: s.text.review.form(lang),
    lines: [],
    facts: c.formFields.map((f) => ({
      title: f.label[lang],
      value:
        f.type === 'auto'
          ? f.auto === 'district'
            ? district.name[lang]
            : className(c, district.class, lang)
          : (yesNo(record.form[f.id]) ??
            (record.form[f.id] === undefined
              ? s.text.review.notEntered(lang)
              : `${String(record.form[f.id])}${f.unit ? ` ${f.unit}` : ''}`)),
    })),
  };
  const veto: Section = {
    title: s.text.review.veto(lang),
    lines: [],
    facts: c.veto.map((v, i) => ({
      title: `（${i + 1}）${v.text[lang]}`, // not "1. …": Markdown would renumber each fact as a one-item list
      value: `${yesNo(record.veto[v.id]) ?? s.text.review.notEntered(lang)}${record.vetoNotes[v.id] ? ` · ${String(record.vetoNotes[v.id])}` : ''}`,
    })),
  };
  const stats = reviewFieldsOf(record).statistics;
  const indicators: Section = {
    title: s.text.review.indicators(lang),
    lines: [],
    facts: indicatorsForClass(c, district.class).map((ind) => {
      const v = record.indicators[ind.id];
      const shown =
        v === undefined
          ? s.text.review.notEntered(lang)
          : `${displayValue({ kind: ind.type === 'boolean' ? 'boolean' : 'number' }, v, lang)}${ind.type === 'boolean' ? '' : ` ${ind.unit}`}`;
      const conf = stats[ind.id];
      const note =
        ind.measuredBy === 'statistics'
          ? conf
            ? s.text.review.byStats(lang, at(conf.at)) + (conf.comment ? ` ${conf.comment}` : '')
            : s.text.review.statsPending(lang)
          : '';
      return { title: `${ind.name[lang]}（${ind.unit}）`, value: `${shown}${note}` };
    }),
  };
  const materials: Section = {
    title: s.text.review.materials(lang),
    facts: [],
    lines: c.checklist.flatMap((item) => {
      if (item.completion.kind !== 'materials') return [];
      const tag = item.completion.tag;
      const files = record.materials.filter((m) => m.tag === tag);
      const list = files.map((m) => {
        const label = `${m.name}（${Math.max(1, Math.round(m.size / 1024))} KB）`;
        return `[${label}](${materialLink(s, record.districtId, m.id)}) · SHA-256 ${m.sha256.slice(0, 12)}`;
      });
      return [`**${item.title[lang]}**：${list.length ? list.join('，') : s.text.review.noFiles(lang)}`];
    }),
  };
  const rf = reviewFieldsOf(record);
  const divName = (id: string) => c.division(id)?.name[lang] ?? id;
  const guiding = divisionsGuiding(c, record.districtId).map((d) => d.id);
  const history: Section = {
    title: s.text.review.history(lang),
    facts: [],
    lines: rf.reviews
      .filter((d) => guiding.includes(d.divisionId))
      .map((d) => {
        const reasons = Object.entries(d.returnedItems).map(
          ([item, reason]) => `${c.checklist.find((i) => i.id === item)?.title[lang] ?? item}：${reason}`,
        );
        const pts = c.info.review.points
          .map((p) =>
            d.points[p.id]
              ? `${p.name[lang]} ${d.points[p.id]!.verdict === 'pass' ? s.text.review.pass(lang) : s.text.review.fail(lang)}${d.points[p.id]!.comment ? `（${d.points[p.id]!.comment}）` : ''}`
              : '',
          )
          .filter(Boolean);
        return `${s.text.review.decisionLine(lang, divName(d.divisionId), d.decision, at(d.at))} · ${pts.join('；')}${reasons.length ? ` · ${reasons.join('；')}` : ''}`;
      }),
  };
  if (history.lines.length === 0) history.lines.push(s.text.review.noneYet(lang));
  const out = [form, veto, indicators, materials, history];
  if (rf.rechecks.length > 0) {
    out.push({
      title: s.text.review.rechecks(lang),
      facts: [],
      lines: rf.rechecks.map((r) =>
        s.text.review.recheckLine(
          lang,
          r.verdict === 'confirmed' ? s.text.review.confirmed(lang) : s.text.review.issues(lang),
          r.finding,
          at(r.at),
        ),
      ),
    });
  }
  return out;
}
