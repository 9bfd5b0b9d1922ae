import type { Campaign, Lang } from '../campaign/campaign.js';

/**
 * The campaign's own names and examples, in one language, as the bot's
 * sentences use them. Everything that differs between campaigns (the office,
 * the bodies, the district and date shown in examples) comes from data/
 * (campaign.json, with its optional `terms` block), so that a new campaign's
 * replies name nothing of another's.
 */
export interface Terms {
  /** The campaign office, as replies name it ("市局创建活动办公室"). */
  office: string;
  /** Where the compilation is reported ("国土资源部"). */
  ministry: string;
  /** The organising bureau, short ("市局"). */
  issuer: string;
  /** The re-checking body ("国家土地督察北京局"). */
  inspector: string;
  /** The statistics body ("市统计局"). */
  statistics: string;
  /** A district as people type it in this language: a short alias in Chinese ("海淀"), the id in English ("haidian"). */
  exampleDistrict: string;
  /** Its id, for commands that take ids ("邀请 contact haidian"). */
  exampleDistrictId: string;
  /** Its full name ("海淀区" / "Haidian"). */
  exampleDistrictName: string;
  /** A division id for the same ("邀请 division personnel"). */
  exampleDivisionId: string;
  /** Its name in this language ("人事处"), for commands typed in words. */
  exampleDivisionName: string;
  /** A day inside the campaign to show in examples ("2012-10-16"). */
  exampleDay: string;
  /** A phone number to show as the form's example ("010-64409597"). */
  examplePhone: string;
  /** The phase in which the inspector records re-check findings ("评优考核"); the first phase when none is set. */
  recheckPhase: string;
  /** Whether the campaign collects write-ups (a `practices` checklist item): help and menus offer them only then. */
  hasPractices: boolean;
}

const HAN = /\p{Script=Han}/u;

export function termsOf(c: Campaign, lang: Lang): Terms {
  const terms = c.info.terms;
  const office = (terms?.office ?? c.info.office.name)[lang];
  const body = (role: 'inspector' | 'statistics') => c.info.bodies.find((b) => b.role === role)?.name[lang] ?? office;
  const district = (terms?.examples?.district ? c.district(terms.examples.district) : undefined) ?? c.districts[0]!;
  const division = (terms?.examples?.division ? c.division(terms.examples.division) : undefined) ?? c.divisions[0]!;
  const chineseAlias = district.aliases.find((a) => HAN.test(a)) ?? district.name.zh;
  return {
    office,
    ministry: (terms?.ministry ?? c.info.ministry)[lang],
    issuer: (terms?.issuer ?? c.info.notice.issuer)[lang],
    inspector: body('inspector'),
    statistics: body('statistics'),
    exampleDistrict: { zh: chineseAlias, en: district.id }[lang],
    exampleDistrictId: district.id,
    exampleDistrictName: district.name[lang],
    exampleDivisionId: division.id,
    exampleDivisionName: division.name[lang],
    exampleDay: terms?.examples?.day ?? c.phases[0]!.start,
    examplePhone: terms?.examples?.phone ?? c.info.notice.contact.phone,
    recheckPhase: (c.phases.find((p) => p.id === c.checklist.find((i) => i.completion.kind === 'recheck')?.phase) ?? c.phases[0]!).name[
      lang
    ],
    hasPractices: c.checklist.some((i) => i.completion.kind === 'practices'),
  };
}
