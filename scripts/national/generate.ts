/**
 * A national-scale campaign for load tests and benchmarks: the shipped
 * campaign's rules, phases, checklist and indicators, with about 3,000
 * county-level districts in 31 provinces and two guiding divisions per
 * province. Names are invented but shaped like real ones; the same seed
 * always gives the same files.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CampaignFile, District, Division } from '../../src/campaign/schema.js';
import { seededRandom } from '../../src/util/rng.js';

const PROVINCES: [slug: string, zh: string, en: string][] = [
  ['beijing', '北京市', 'Beijing'],
  ['tianjin', '天津市', 'Tianjin'],
  ['hebei', '河北省', 'Hebei'],
  ['shanxi', '山西省', 'Shanxi'],
  ['neimenggu', '内蒙古自治区', 'Inner Mongolia'],
  ['liaoning', '辽宁省', 'Liaoning'],
  ['jilin', '吉林省', 'Jilin'],
  ['heilongjiang', '黑龙江省', 'Heilongjiang'],
  ['shanghai', '上海市', 'Shanghai'],
  ['jiangsu', '江苏省', 'Jiangsu'],
  ['zhejiang', '浙江省', 'Zhejiang'],
  ['anhui', '安徽省', 'Anhui'],
  ['fujian', '福建省', 'Fujian'],
  ['jiangxi', '江西省', 'Jiangxi'],
  ['shandong', '山东省', 'Shandong'],
  ['henan', '河南省', 'Henan'],
  ['hubei', '湖北省', 'Hubei'],
  ['hunan', '湖南省', 'Hunan'],
  ['guangdong', '广东省', 'Guangdong'],
  ['guangxi', '广西壮族自治区', 'Guangxi'],
  ['hainan', '海南省', 'Hainan'],
  ['chongqing', '重庆市', 'Chongqing'],
  ['sichuan', '四川省', 'Sichuan'],
  ['guizhou', '贵州省', 'Guizhou'],
  ['yunnan', '云南省', 'Yunnan'],
  ['xizang', '西藏自治区', 'Tibet'],
  ['shaanxi', '陕西省', 'Shaanxi'],
  ['gansu', '甘肃省', 'Gansu'],
  ['qinghai', '青海省', 'Qinghai'],
  ['ningxia', '宁夏回族自治区', 'Ningxia'],
  ['xinjiang', '新疆维吾尔自治区', 'Xinjiang'],
];

// Characters common in county names, with their pinyin for the English name.
const SYLLABLES: [zh: string, pinyin: string][] = [
  ['安', 'an'],
  ['平', 'ping'],
  ['宁', 'ning'],
  ['新', 'xin'],
  ['丰', 'feng'],
  ['阳', 'yang'],
  ['山', 'shan'],
  ['河', 'he'],
  ['长', 'chang'],
  ['清', 'qing'],
  ['永', 'yong'],
  ['兴', 'xing'],
  ['和', 'he'],
  ['泉', 'quan'],
  ['东', 'dong'],
  ['西', 'xi'],
  ['南', 'nan'],
  ['北', 'bei'],
  ['江', 'jiang'],
  ['城', 'cheng'],
  ['石', 'shi'],
  ['林', 'lin'],
  ['武', 'wu'],
  ['德', 'de'],
  ['昌', 'chang'],
  ['康', 'kang'],
  ['华', 'hua'],
  ['广', 'guang'],
  ['福', 'fu'],
  ['寿', 'shou'],
  ['桥', 'qiao'],
  ['源', 'yuan'],
  ['临', 'lin'],
  ['洪', 'hong'],
  ['泰', 'tai'],
  ['盛', 'sheng'],
  ['云', 'yun'],
  ['龙', 'long'],
  ['溪', 'xi'],
  ['明', 'ming'],
  ['嘉', 'jia'],
  ['庆', 'qing'],
  ['乐', 'le'],
  ['富', 'fu'],
  ['津', 'jin'],
  ['湖', 'hu'],
  ['峰', 'feng'],
  ['坪', 'ping'],
];
const SUFFIXES: [zh: string, en: string, weight: number][] = [
  ['县', 'County', 0.6],
  ['市', 'City', 0.2],
  ['区', 'District', 0.2],
];

/** The seeded PRNG the generator and its seeder share. */
export const rng = seededRandom;

export interface NationalOptions {
  districts?: number;
  seed?: number;
}

export interface NationalData {
  campaign: CampaignFile;
  districts: District[];
  divisions: Division[];
}

/** Builds the data in memory; `writeNational` puts it in a campaign folder. */
export function generateNational(shippedDir: string, opts: NationalOptions = {}): NationalData {
  const total = opts.districts ?? 3000;
  const random = rng(opts.seed ?? 2012);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const shipped = JSON.parse(readFileSync(join(shippedDir, 'campaign.json'), 'utf8')) as CampaignFile;
  const classIds = shipped.classes.map((c) => c.id);

  // Bare names and English names are aliases users type: both stay unique nationally.
  const usedNames = new Set<string>();
  const districts: District[] = [];
  const divisions: Division[] = [];
  PROVINCES.forEach(([slug, provZh, provEn], p) => {
    // Spread the total evenly, the first provinces taking the remainder.
    const count = Math.floor(total / PROVINCES.length) + (p < total % PROVINCES.length ? 1 : 0);
    const municipality = provZh.endsWith('市');
    const ids: string[] = [];
    for (let n = 1; n <= count; n++) {
      let zh: string;
      let en: string;
      let suffix: (typeof SUFFIXES)[number];
      for (let attempt = 0; ; attempt++) {
        const parts = [pick(SYLLABLES), pick(SYLLABLES), ...(attempt > 20 ? [pick(SYLLABLES)] : [])];
        const r = random();
        // Municipalities have districts and counties, not county-level cities.
        suffix = r < 0.6 ? SUFFIXES[0]! : r < 0.8 && !municipality ? SUFFIXES[1]! : SUFFIXES[2]!;
        zh = parts.map((x) => x[0]).join('');
        en = parts.map((x) => x[1]).join('');
        en = en[0]!.toUpperCase() + en.slice(1);
        if (!usedNames.has(zh) && !usedNames.has(en.toLowerCase())) break;
      }
      usedNames.add(zh);
      usedNames.add(en.toLowerCase());
      const id = `${slug}-${String(n).padStart(3, '0')}`;
      ids.push(id);
      districts.push({
        id,
        name: { zh: `${provZh}${zh}${suffix[0]}`, en: `${en} ${suffix[1]}, ${provEn}` },
        aliases: [`${zh}${suffix[0]}`, zh, `${en} ${suffix[1]}`],
        // Most counties are Class I; about one in five is fully urban (Class II).
        class: classIds.length > 1 && random() < 0.2 ? classIds[1]! : classIds[0]!,
      });
    }
    if (ids.length === 0) return;
    const dept = `${provZh.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '')}${municipality ? '市国土资源局' : '国土资源厅'}`;
    divisions.push(
      {
        id: `${slug}-planning`,
        name: { zh: `${dept}规划处`, en: `Planning Division, ${provEn} Land and Resources` },
        aliases: [`${provEn} planning`],
        guides: ids,
      },
      {
        id: `${slug}-utilisation`,
        name: { zh: `${dept}利用处`, en: `Land Utilisation Division, ${provEn} Land and Resources` },
        aliases: [`${provEn} land utilisation`],
        guides: ids,
      },
    );
  });

  const campaign: CampaignFile = {
    ...shipped,
    $comment: `Generated by npm run gen:national (${total} districts, seed ${opts.seed ?? 2012}) for load tests; names are invented.`,
    id: 'national-model-county-loadtest',
    title: { zh: `${shipped.title.zh}（全国规模测试数据）`, en: `${shipped.title.en} (national-scale test data)` },
  };
  return { campaign, districts, divisions };
}

/** Writes a complete campaign folder: generated campaign, districts and divisions, the rest copied from the shipped campaign. */
export function writeNational(shippedDir: string, outDir: string, data: NationalData): void {
  mkdirSync(outDir, { recursive: true });
  for (const file of ['phases.json', 'checklist.json', 'indicators.json', 'veto.json', 'form.json', data.campaign.notice.file]) {
    cpSync(join(shippedDir, file), join(outDir, file));
  }
  const write = (file: string, value: unknown) => writeFileSync(join(outDir, file), `${JSON.stringify(value, null, 1)}\n`);
  write('campaign.json', data.campaign);
  write('districts.json', data.districts);
  write('divisions.json', data.divisions);
}
