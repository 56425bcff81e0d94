/** Explanation (指标解释), calculation method, scoring rule (评（扣）分标准) and data source for an indicator. */

export interface IndicatorLine {
  name: string;
  /** GE GT EQ LT LE or QUALITATIVE. */
  comparator: string;
  unit: string | null;
  /** Dimension key (Y2021_KEYS or DEPT_KEYS). */
  dim: string;
  reference: string | null;
}

/** Parses `name|comparator|unit|dimension[|reference value]` (comparator QL = qualitative). */
export function parseLine(line: string): IndicatorLine {
  const [name, cmp, unit, dim, reference] = line.split('|');
  if (!name || !cmp || dim === undefined) throw new Error(`bad indicator line: ${line}`);
  const qualitative = cmp === 'QL';
  if (!qualitative && !unit) throw new Error(`indicator ${name} needs a unit`);
  return {
    name,
    comparator: qualitative ? 'QUALITATIVE' : cmp,
    unit: qualitative ? null : (unit ?? null),
    dim,
    reference: reference || null,
  };
}

export function parseLines(text: string): IndicatorLine[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map(parseLine);
}

const PURPOSE: Record<string, string> = {
  SL: '反映项目计划产出数量的完成情况',
  ZL: '反映项目产出达到规定质量标准的情况',
  SX: '反映项目实施进度和任务完成的及时程度',
  JJ: '反映项目实施带来的直接或间接经济效益',
  SH: '反映项目实施对社会发展和民生改善的促进作用',
  ST: '反映项目实施对生态环境的改善作用',
  KC: '反映项目成效的可持续性和长效机制建设情况',
  MY: '反映服务对象对项目实施效果的满意程度',
  CB: '反映项目经济成本的控制情况',
  SC: '反映项目实施对社会造成的负面影响和代价',
  HC: '反映项目实施对生态环境造成的影响和代价',
  YSZX: '反映部门预算执行的进度和均衡性',
  GYJF: '反映部门公用经费和“三公”经费的控制情况',
  YSGL: '反映部门预算编制和管理的规范程度',
  ZCGL: '反映部门资产管理制度建设和执行情况',
  JXGL: '反映部门预算绩效管理工作的开展情况',
  ZDRW: '反映部门年度重点工作任务的完成情况',
  CGRW: '反映部门常规工作任务的完成进度',
  SHXY: '反映部门履职对经济社会发展的促进作用',
  JJXY: '反映部门履职产生的经济效益',
  STXY: '反映部门履职对生态环境的改善作用',
  KCXY: '反映部门履职成效的可持续性',
  FWMY: '反映服务对象对部门履职情况的满意程度',
};

const SOURCE: Record<string, string> = {
  MY: '满意度问卷调查、第三方测评报告',
  FWMY: '满意度问卷调查、第三方测评报告',
  CB: '财务会计资料、结算审计报告',
  SC: '项目实施记录、投诉受理台账',
  HC: '环境监测数据、项目实施记录',
  YSZX: '预算管理一体化系统执行数据',
  GYJF: '部门决算报表、财务会计资料',
  SX: '项目实施进度台账',
  ZL: '验收报告、检查记录',
  SL: '项目实施单位统计台账',
};

function rateFormula(name: string): string {
  const f = (num: string, den: string) => `${name}=（${num}/${den}）×100%`;
  if (name.endsWith('满意度')) return f('调查中表示满意和基本满意的样本数', '有效调查样本总数');
  if (name.endsWith('覆盖率')) return f('实际覆盖的对象数量', '应覆盖的对象总数');
  if (/(及时率|按时.*率|按期.*率|即办率|即时办结率)$/.test(name))
    return f('按规定时限完成的事项数', '应完成的事项总数');
  if (/(合格率|达标率|通过率|准确率|成功率|成活率|完好率|亮灯率|正常运行率)$/.test(name)) {
    return f('达到标准的数量', '检查（验收）总数');
  }
  if (name.endsWith('控制率')) return f('实际支出金额', '预算（计划）金额');
  if (name.endsWith('节约率')) return `${name}=（预算金额-实际支出金额）/预算金额×100%`;
  if (/(增长率|提升幅度|下降率|降低率|下降幅度)$/.test(name)) return `${name}=（本期值-基期值）/基期值×100%`;
  if (/(占比|比例|比重)$/.test(name)) return f('符合条件的数量', '总量');
  if (/(完成率|执行率|兑现率|兑付率|发放率|落实率|到位率|整改率|结案率|办结率|实现率)$/.test(name)) {
    return f('实际完成数', '计划（应完成）数');
  }
  return f('实际值', '应达到的基数');
}

function calculation(line: IndicatorLine): string {
  if (line.comparator === 'QUALITATIVE') {
    return '由评价组根据实地查看、资料核查和问卷调查情况综合判断，分为“达到预期、基本达到、未达到”三档。';
  }
  if (line.unit === '%') return rateFormula(line.name);
  const subject = line.name.replace(/(数量|数)$/, '');
  return `统计评价期内${subject}的实际数值，以“${line.unit}”计。`;
}

function scoring(line: IndicatorLine): string {
  const percent = line.unit === '%';
  switch (line.comparator) {
    case 'GE':
    case 'GT':
      return percent
        ? '实际值达到或超过目标值的得满分；每低于目标值1个百分点扣该指标分值的10%，扣完为止。'
        : '实际完成值达到或超过目标值的得满分；未达到的，按“实际完成值/目标值×该指标分值”计分。';
    case 'EQ':
      return '实际值等于目标值的得满分；每偏离1个百分点（或1个计量单位）扣该指标分值的20%，扣完为止。';
    case 'LE':
    case 'LT':
      return '实际值不超过目标值的得满分；每超出目标值1%扣该指标分值的10%，扣完为止。';
    default:
      return '达到预期目标的得满分，基本达到的得该指标分值的60%，未达到的不得分。';
  }
}

function defaultReference(line: IndicatorLine): string {
  if (line.comparator === 'QUALITATIVE') return '达到预期';
  if (line.unit !== '%') return '依据项目实施方案确定';
  return { GE: '≥90%', GT: '>90%', EQ: '=100%', LE: '≤100%', LT: '<100%' }[line.comparator] ?? '依据实施方案确定';
}

export interface IndicatorText {
  explanation: string;
  calculation_method: string;
  scoring_rule: string;
  reference_value: string;
  data_source: string;
}

/** The descriptive fields of an indicator; `librarySource` is the industry library's own data source. */
export function describe(line: IndicatorLine, librarySource?: string): IndicatorText {
  const purpose = PURPOSE[line.dim];
  if (!purpose) throw new Error(`unknown dimension ${line.dim} of ${line.name}`);
  const generic = SOURCE[line.dim] ?? '统计部门数据、行业主管部门报告';
  const ownSource = librarySource && ['SL', 'ZL', 'SX', 'JJ', 'SH', 'ST', 'KC'].includes(line.dim);
  return {
    explanation: `考核${line.name}，${purpose}。`,
    calculation_method: calculation(line),
    scoring_rule: scoring(line),
    reference_value: line.reference ?? defaultReference(line),
    data_source: ownSource ? librarySource : generic,
  };
}
