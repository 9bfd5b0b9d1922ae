import type { EntityHit } from './entity-hit.js';

/**
 * What a question asks, independent of the campaign: the cues are how people
 * ask (in both languages), never the answers. The answers come from data.
 */
export type Intent =
  | 'districts' // which districts take part
  | 'class' // a district's class / which districts are in a class
  | 'indicatorList' // the indicators of a class or district
  | 'indicator' // one indicator's unit, formula, who measures it
  | 'guidance' // divisions ↔ districts
  | 'schedule' // all phases
  | 'phase' // one phase: window, what happens, open now, days left
  | 'current' // which phase today is in
  | 'order' // the phase after / before another, the first / last
  | 'month' // which phase a month or a day falls in
  | 'step' // which phase a step of the work belongs to
  | 'deadline' // the deadline: the asker's last milestone, then the phase end
  | 'review' // what the division review checks
  | 'body' // what the inspection bureau / statistics bureau does
  | 'compile' // who compiles and reports to the ministry
  | 'organise' // who organises and who carries out
  | 'form' // who fills in the application form, its fields
  | 'materials' // what must be submitted
  | 'veto' // veto items
  | 'publicity' // the publicity requirement
  | 'requirements' // the work requirements
  | 'practices' // what phase 3 collects
  | 'contact' // contact person and phone
  | 'notice' // the notice's number and date
  | 'myMissing' // enrolled contact: what is still missing
  | 'myDeadline'; // enrolled contact: next deadline

interface Cue {
  re: RegExp;
  w: number;
}

const c = (re: RegExp, w = 1): Cue => ({ re, w });

const CUES: Record<Intent, Cue[]> = {
  districts: [
    c(/哪些区|哪几个区|几个区|哪个区县?参|哪些地方|评选范围|参评的?区|参选|参加评选|参加的?区|推荐了?哪|推荐的区/u, 1.2),
    c(/参评|参加|参与|范围/u, 0.6),
    c(
      /which districts|what districts|how many districts|list of districts|districts? (?:are |is )?(?:taking|take) part|take part|taking part|participat|in (?:the )?scope|selected districts|in the selection/i,
      1.2,
    ),
  ],
  class: [
    c(/几类|哪类|哪一类|那类|什么类|类别|分类|属于哪|属于什么|地区属性|属性|什么地区/u, 1.2),
    c(/每一?类|各类|每个类别|each class|per class/iu, 1.5),
    c(/指标体系|适用|类地区/u, 0.8),
    c(/\bclass(?:es)?\b|categor|classif|what type|which type|kind of (?:area|district)/i, 1.2),
    c(/indicator system|system applies|which system/i, 0.9),
  ],
  indicatorList: [
    c(/哪些指标|什么指标(?!体系)|指标有哪些|指标清单|指标包括|要填哪些|填哪些指标|多少个指标|几个指标|指标目录/u, 1.5),
    c(/有.{0,6}指标(?!体系)|指标(?!体系)吗/u, 1),
    c(/which indicators|what indicators|list of indicators|indicators (?:for|of|apply|does|do)|how many indicators/i, 1.5),
  ],
  indicator: [
    c(/单位|公式|怎么算|如何计算|计算方法|怎么计算|定义|含义|什么意思|口径|谁测|谁来测|谁填|谁算|测算|出处|来源|依据/u, 0.9),
    c(
      /\bunit|formula|calculat|comput|measured|defin|what does .* mean|meaning|who measures|who (?:fills|enters)|where .* from|source/i,
      0.9,
    ),
  ],
  guidance: [
    c(/指导|对口|哪个处|哪些处|哪几个处|处室|分工|管哪|负责哪|负责.{0,4}区/u, 1.1),
    c(/谁管|谁负责|归谁/u, 0.7),
    c(/guid|which divisions?|who (?:looks after|oversees|supports|handles|covers)|looks after|covers|division/i, 1.1),
    c(/responsible for|in charge of/i, 0.7),
  ],
  schedule: [
    c(/阶段|时间安排|工作安排|日程|流程|步骤|时间表|时间节点|节点|几个阶段|什么时候|何时|哪天|几月|时间/u, 1),
    c(/phases?\b|stages?\b|schedule|timeline|time ?frame|steps|process|when\b|calendar|window/i, 1),
  ],
  phase: [
    c(/什么时候|何时|哪天|几月|多会儿/u, 0.6),
    c(
      /截止|截至|期限|最后一天|最晚|还剩|剩几天|剩下|还有几天|还有多少天|多少天|几天|多久|到期|结束|开始|开放|进行中|正在|现在|目前|当前|今天|还能|还可以|还在|已经|过了/u,
      1,
    ),
    c(
      /deadline|\bdue\b|how many days|how much time|days left|time left|last day|until when|by when|clos(?:e|es|ed|ing)\b|\bends?\b|\bopen\b|\bnow\b|currently|still|already|started|\bover\b|today|right now|at the moment|ongoing|begin|start/i,
      1,
    ),
  ],
  current: [
    c(
      /(?:现在|目前|当前|眼下|此刻|如今|今天|这会儿)[^，。？?]{0,8}(?:阶段|哪一步|哪个环节|哪步|进行到|到哪)|进行到哪|到哪一步|到什么阶段|处在哪|处于哪|处于什么/u,
      1.6,
    ),
    c(
      /(?:what|which) (?:phase|stage) (?:are we|is it|is the (?:campaign|selection))|(?:phase|stage) (?:are we in|is it)|where are we|current (?:phase|stage)|what is happening now/i,
      1.6,
    ),
  ],
  order: [
    c(
      /(?:之后|以后|后面|下一|接下来|然后|随后|紧接着|之前|以前|前面|上一|此前|第一个|最后一个|最早|最后)[^，。？?]{0,6}(?:阶段|环节|步)|(?:之后|以后|后面|之前|前面)(?:是|还有|是什么|是啥|是哪)|下一阶段|上一阶段|下个阶段|上个阶段|(?:完了|结束了?|过后)[^，。？?]{0,3}(?:接着|然后|再|干|做|是)/u,
      1.8,
    ),
    c(
      /(?:comes?|is) (?:after|before|next)|next (?:phase|stage)|previous (?:phase|stage)|(?:first|last|final) (?:phase|stage)|after the .{1,40} phase|before the .{1,40} phase/i,
      1.8,
    ),
  ],
  month: [],
  step: [
    c(/哪个阶段|哪一阶段|什么阶段|哪个环节|哪一步|哪步|哪一环节|属于.{0,2}阶段/u, 0.9),
    c(/什么时候|何时|哪天|几月|多会儿|\bwhen\b/iu, 0.6),
    c(/(?:which|what) (?:phase|stage)|in which (?:phase|stage)|part of which/i, 0.9),
  ],
  deadline: [
    c(/截止|截至|最晚|最迟|最后期限|期限|最后一天|哪天交|几号交|什么时候交|何时交|交到什么时候/u, 1.3),
    c(/deadline|due date|last day|latest (?:day|date)|by when|until when/i, 1.3),
  ],
  review: [
    c(/审核|审查|审什么|核查|审核内容|审核哪些|审核要点|查什么|把关|审核.*标准/u, 1.2),
    c(/\breview|check(?:s|ed)? (?:what|for)|what do .* check|vet(?:s|ting)?\b|approv/i, 1.2),
  ],
  body: [
    c(/复核|监督|督察|测评|统计/u, 1.2),
    c(/做什么|干什么|干啥|职责|作用|负责什么|任务|角色|参与/u, 0.5),
    c(/re-?check|supervis|oversight|inspect|statistic/i, 1.2),
    c(/what does|role|duties|responsib|job/i, 0.5),
  ],
  compile: [
    c(/汇总|报部|上报|报送|报国土资源部|报给部|报到部|谁报|统一报|报给国土资源部|交给部/u, 1.3),
    c(
      /compil|report(?:s|ed|ing)? (?:it |them )?to the ministry|sends? .* ministry|submits? .* ministry|collects? the|who reports|forward/i,
      1.3,
    ),
  ],
  organise: [
    c(/谁组织|组织实施|谁牵头|牵头|具体实施|主办|谁来组织|由谁组织|组织者|统一组织|负责实施/u, 1.3),
    c(/organi[sz]|who runs|carr(?:y|ies) (?:it )?out|who leads|in charge of the (?:campaign|selection)|implement/i, 1.3),
  ],
  form: [c(/申报表|填表|表格|表谁|谁填|填写|哪些栏|字段/u, 1.2), c(/\bforms?\b|fill(?:s|ed)? (?:in|out)|fields?/i, 1.2)],
  materials: [
    c(/材料|提交什么|交什么|准备什么|需要提交|要交|上传|需要准备|准备哪些|交哪些|递交/u, 1),
    c(/materials?|documents?|paperwork|submit|hand in|upload|prepare|send in/i, 1),
  ],
  veto: [
    c(/否决|一票|不能参评|取消资格|取消参评|红线|违法占用|非法开采|非法勘查|一票否决/u, 1.5),
    c(/veto|disqualif|\bbar(?:s|red)?\b|rule[sd]? out|knock.?out|exclud|red line/i, 1.5),
  ],
  publicity: [c(/宣传|舆论|报道|造势/u, 1.5), c(/publicity|promot|media|press|communicat|advertis|campaign plan/i, 1.5)],
  requirements: [
    c(/工作要求|什么要求|要求是什么|要求有哪些|哪些要求|组织保障|责任制|绩效|领导小组|经费/u, 1.2),
    c(/requirement|what is required|obligation|accountab|leadership group|funding/i, 1.2),
  ],
  practices: [
    c(/好做法|好经验|新机制|新模式|提炼|经验总结|总结.{0,4}(?:交|收集|提交|什么)|收集什么/u, 1.4),
    c(/good practice|experience|mechanism|new model|lessons|collect(?:s|ed)? in phase|what .* collect/i, 1.4),
  ],
  contact: [
    c(/联系人|联系电话|电话|找谁|咨询|问谁|联系方式|打给谁|热线|联系谁|号码/u, 1.4),
    c(/contact|phone|telephone|\bcall\b|who (?:can|should|do) I ask|reach|hotline|who to ask/i, 1.4),
  ],
  notice: [
    c(/文号|发文|印发|哪天发|字号|几号文|红头|通知.{0,4}(?:日期|时间|哪天|号|什么时候)|什么时候发/u, 1.4),
    c(/通知/u, 0.5),
    c(/notice|document number|issued|reference number|published|circular/i, 1.1),
  ],
  myMissing: [
    c(/还缺|还差|缺什么|缺哪些|没完成|未完成|没交|还没|还需要做|待办|还要做|还有什么要|还要交|进度/u, 1.3),
    c(
      /missing|still (?:need|to do|have to|to submit)|left to do|outstanding|remaining|not (?:yet )?done|to-?do|progress|what's left|what is left/i,
      1.3,
    ),
  ],
  myDeadline: [c(/下一个|下个|最近的|下一项|接下来/u, 1.1), c(/\bnext\b|upcoming|coming up/i, 1.1)],
};

/** "my district", "我们区": the question is about the asker's own district. */
export const PERSONAL = /我|咱|本区|俺|\bmy\b|\bour\b|\bwe\b|\bus\b|\bI\b/iu;

export interface IntentScore {
  intent: Intent;
  score: number;
}

/**
 * Scores every intent: the strongest cue, a little for each further cue, and
 * a bonus when the entities fit (a district for "class", an indicator for
 * "indicator", …). Sorted best first; intents with no evidence are left out.
 */
/** What the engine found out about the question with the campaign in hand. */
export interface IntentHints {
  /** A month or a day is named ("12月份", "March 2013"). */
  month?: boolean;
  /** How many words the question shares with a step of the work (a milestone or a phase's description). */
  step?: number;
  /** Districts named and not left out ("除了海淀" names none). */
  districtsNamed?: number;
}

const PHASE_WORD = /阶段|环节|干什么|做什么|干啥|在干|什么工作|哪些工作|进行什么|\bphase|\bstage|what happens|going on/iu;

export function scoreIntents(text: string, hits: EntityHit[], hints: IntentHints = {}): IntentScore[] {
  const has = (kind: EntityHit['kind'], id?: string) => hits.some((h) => h.kind === kind && (id === undefined || h.id === id));
  const personal = PERSONAL.test(text);
  const out: IntentScore[] = [];
  for (const [intent, cues] of Object.entries(CUES) as [Intent, Cue[]][]) {
    const weights = cues
      .filter((cue) => cue.re.test(text))
      .map((cue) => cue.w)
      .sort((a, b) => b - a);
    let score = weights.length ? weights[0]! + 0.2 * (weights.length - 1) : 0;
    switch (intent) {
      case 'class':
        if (score && (has('district') || has('class'))) score += 0.6;
        if (!score && has('class') && /哪些|哪几|which|what/i.test(text)) score = 1;
        // "海淀跟丰台是一类吗": a class and a district named together ask whether it is theirs.
        if (!score && has('class') && has('district')) score = 1.1;
        break;
      case 'indicatorList':
        if (score && (has('class') || has('district'))) score += 0.3;
        if (score && has('indicator')) score -= 0.8;
        break;
      case 'indicator':
        if (has('indicator')) score += 1;
        else score *= 0.3;
        break;
      case 'guidance':
        if (score && (has('district') || has('division'))) score += 0.6;
        if (!score && has('division')) score = 0.9;
        break;
      case 'phase':
        if (hints.month) score *= 0.5;
        if (score && has('phase')) score += 0.6;
        if (!score && has('phase')) score = 0.9;
        if (personal && score && !has('phase')) score -= 0.3;
        break;
      case 'schedule':
        if (has('phase')) score *= 0.5;
        if (hints.month) score *= 0.5;
        break;
      case 'current':
        if (score && has('phase')) score -= 0.5;
        break;
      case 'order':
        if (score && has('phase')) score += 0.3;
        break;
      case 'month':
        if (hints.month) score = PHASE_WORD.test(text) ? 2 : 1.1;
        break;
      case 'step':
        // A step of the work named and "which phase" asked; a named phase is already its own answer.
        score = score && (hints.step ?? 0) >= 2 ? score + 0.4 * Math.min(4, hints.step ?? 0) : score * 0.3;
        break;
      case 'deadline':
        if (score && personal) score -= 0.6;
        break;
      case 'body':
        if (has('body')) score = Math.max(score, 0.9) + 0.6;
        break;
      case 'compile':
        if (has('office')) score = Math.max(score, 0.9) + 0.3;
        break;
      case 'practices':
        if (score && has('phase', 'summary')) score += 0.3;
        break;
      case 'myMissing':
      case 'myDeadline':
        if (!personal) score *= 0.4;
        else if (score) score += 0.5;
        if (intent === 'myDeadline' && personal && /截止|期限|deadline|due|什么时候|when/i.test(text)) score += 0.8;
        break;
      case 'districts':
        if (hints.districtsNamed ?? has('district')) score *= 0.5;
        break;
      default:
        break;
    }
    if (score > 0) out.push({ intent, score });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** The question with what an intent's cues matched taken out: what else it asks. */
export function withoutCues(intent: Intent, text: string): string {
  let t = text;
  for (const { re } of CUES[intent]) t = t.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`), ' ');
  return t;
}

/**
 * The words the cues are written with (Chinese runs and English words of the
 * patterns): how people ask about this campaign. The pinyin reader and the
 * "not in the notice" check treat them as known words.
 */
export function cueVocabulary(): { han: string[]; latin: string[] } {
  const han = new Set<string>();
  const latin = new Set<string>();
  for (const cues of Object.values(CUES)) {
    for (const { re } of cues) {
      const src = re.source.replace(/\\[a-zA-Z]/g, ' ');
      for (const m of src.match(/\p{Script=Han}+/gu) ?? []) han.add(m);
      for (const m of src.toLowerCase().match(/[a-z]{3,}/g) ?? []) latin.add(m);
    }
  }
  return { han: [...han], latin: [...latin] };
}
