import { at, type DemoContext, type IndicatorInfo, iso } from './context';
import { Y2021_KEYS } from './data/frameworks';
import { CITY } from './data/reference';
import { describe, type IndicatorLine, parseLine } from './indicatorText';
import { departmentKey, industryKey } from './library';
import { personName } from './reviews';

type Step = 'DEPARTMENT_PRECHECK' | 'PERFORMANCE_REVIEW';
type Decision = 'PASS' | 'APPROVE' | 'RETURN' | 'REJECT';

interface RequestSpec {
  dept: string;
  type: 'ADMIT' | 'MODIFY' | 'RETIRE';
  status: 'DRAFT' | 'IN_REVIEW' | 'RETURNED' | 'APPROVED' | 'REJECTED';
  step: Step | null;
  /** The proposed definition: a new line (ADMIT, MODIFY) or the indicator's own (RETIRE). */
  line: IndicatorLine;
  scope: 'INDUSTRY' | 'DEPARTMENT';
  categoryKey: string;
  indicator?: IndicatorInfo;
  result?: IndicatorInfo;
  duplicateOf?: IndicatorInfo;
  reason: string;
  example?: string;
  comment?: string;
  created: number;
  /** Approval records: step, decision, comment, days after submission. */
  approvals: ReadonlyArray<readonly [Step, Decision, string | null, number]>;
}

/** A handful of admission requests (入库/修改/出库申请) in every state. */
export function buildChangeRequests(ctx: DemoContext): void {
  const ind = (key: string, name: string) => ctx.indicatorByName(key, name);
  const superseded = ctx.indicators.find((i) => i.name === '孕产妇系统管理率' && i.status === 'SUPERSEDED')!;
  const retired = ctx.indicators.find((i) => i.status === 'RETIRED')!;
  const vegetables = ind(industryKey('0603'), '蔬菜保供基地面积');
  const parkRadius = ind(departmentKey('60802'), '公园绿地服务半径覆盖率');
  const hypertension = ind(industryKey('0201'), '高血压患者规范管理率');
  const talentFlats = ind(industryKey('0404'), '人才公寓配租套数');
  const own = (i: IndicatorInfo, patch: Partial<IndicatorLine> = {}): IndicatorLine => ({
    name: i.name,
    comparator: i.comparator,
    unit: i.unit,
    dim: i.dim,
    reference: i.reference,
    ...patch,
  });
  const specs: RequestSpec[] = [
    {
      dept: '506',
      type: 'ADMIT',
      status: 'IN_REVIEW',
      step: 'PERFORMANCE_REVIEW',
      line: parseLine('智慧环卫车辆在线率|GE|%|ZL|≥95%'),
      scope: 'INDUSTRY',
      categoryKey: industryKey('0501'),
      reason: '推进智慧环卫建设，需考核环卫作业车辆接入监管平台并在线作业的情况，指标库中暂无对应指标。',
      example: '城市道路清扫保洁',
      created: at(2022, 4, 6, 10),
      approvals: [['DEPARTMENT_PRECHECK', 'PASS', '指标必要，定义清晰，同意报送。', 1]],
    },
    {
      dept: '601',
      type: 'ADMIT',
      status: 'REJECTED',
      step: null,
      line: parseLine('蔬菜生产保供基地面积|GE|亩|SL'),
      scope: 'INDUSTRY',
      categoryKey: industryKey('0603'),
      duplicateOf: vegetables,
      reason: '为考核蔬菜生产保供基地建设任务，申请新增该指标。',
      example: '蔬菜保供基地建设',
      comment: `与指标库已有指标“${vegetables.name}”（${vegetables.code}）含义相同，属重复指标，请直接选用该指标。`,
      created: at(2022, 3, 21, 15),
      approvals: [
        ['DEPARTMENT_PRECHECK', 'PASS', null, 1],
        ['PERFORMANCE_REVIEW', 'REJECT', `重复指标，已有“${vegetables.name}”（${vegetables.code}）。`, 6],
      ],
    },
    {
      dept: '301',
      type: 'ADMIT',
      status: 'RETURNED',
      step: null,
      line: parseLine('课后服务参与学生比例|GE|%|SL|≥80%'),
      scope: 'INDUSTRY',
      categoryKey: industryKey('0112'),
      reason: '“双减”政策要求课后服务应开尽开、应留尽留，需考核参与课后服务学生占比。',
      example: '中小学课后服务补助',
      comment: '计算方法未明确分母口径（在校学生总数或有需求学生数），请补充后重新提交。',
      created: at(2022, 3, 28, 11),
      approvals: [
        ['DEPARTMENT_PRECHECK', 'PASS', null, 1],
        ['PERFORMANCE_REVIEW', 'RETURN', '计算方法未明确分母口径（在校学生总数或有需求学生数），请补充后重新提交。', 5],
      ],
    },
    {
      dept: '608',
      type: 'ADMIT',
      status: 'APPROVED',
      step: null,
      line: own(parkRadius),
      scope: 'DEPARTMENT',
      categoryKey: departmentKey('60802'),
      result: parkRadius,
      reason: '落实“300米见绿、500米见园”要求，需考核公园绿地服务半径覆盖情况。',
      example: '城市园林绿化建设',
      comment: '同意入库，作为园林局部门个性指标发布。',
      created: at(2021, 6, 28, 10),
      approvals: [
        ['DEPARTMENT_PRECHECK', 'PASS', null, 1],
        ['PERFORMANCE_REVIEW', 'APPROVE', '同意入库。', 17],
      ],
    },
    {
      dept: '403',
      type: 'MODIFY',
      status: 'APPROVED',
      step: null,
      line: own(ind(industryKey('0203'), '孕产妇系统管理率')),
      scope: 'INDUSTRY',
      categoryKey: industryKey('0203'),
      indicator: superseded,
      result: ind(industryKey('0203'), '孕产妇系统管理率'),
      reason: '根据省妇幼健康工作要求，参考值由≥85%提高至≥90%。',
      comment: '同意修改，发布第2版，原版本停止选用。',
      created: at(2022, 3, 1, 9),
      approvals: [
        ['DEPARTMENT_PRECHECK', 'PASS', null, 1],
        ['PERFORMANCE_REVIEW', 'APPROVE', '同意修改。', 14],
      ],
    },
    {
      dept: '403',
      type: 'MODIFY',
      status: 'IN_REVIEW',
      step: 'PERFORMANCE_REVIEW',
      line: own(hypertension, { reference: '≥62%' }),
      scope: 'INDUSTRY',
      categoryKey: industryKey('0201'),
      indicator: hypertension,
      reason: '国家基本公共卫生服务项目考核口径调整，建议将参考值由≥60%调整为≥62%。',
      example: '基本公共卫生服务项目',
      created: at(2022, 4, 2, 14),
      approvals: [['DEPARTMENT_PRECHECK', 'PASS', '同意报送。', 2]],
    },
    {
      dept: '402',
      type: 'RETIRE',
      status: 'IN_REVIEW',
      step: 'DEPARTMENT_PRECHECK',
      line: own(talentFlats),
      scope: 'INDUSTRY',
      categoryKey: industryKey('0404'),
      indicator: talentFlats,
      reason: '人才公寓配租职能已划转至住房保障部门，该指标不再适用于本部门项目，申请出库。',
      created: at(2022, 4, 8, 16),
      approvals: [],
    },
    {
      dept: '608',
      type: 'RETIRE',
      status: 'APPROVED',
      step: null,
      line: own(retired),
      scope: 'DEPARTMENT',
      categoryKey: departmentKey('60802'),
      indicator: retired,
      reason: '行道树补植已纳入绿化养护日常考核，该指标不再单独使用。',
      comment: '同意出库，自2022年起停止选用。',
      created: at(2021, 12, 10, 10),
      approvals: [
        ['DEPARTMENT_PRECHECK', 'PASS', null, 1],
        ['PERFORMANCE_REVIEW', 'APPROVE', '同意出库。', 9],
      ],
    },
    {
      dept: '401',
      type: 'ADMIT',
      status: 'DRAFT',
      step: null,
      line: parseLine('社区老年助餐服务覆盖率|GE|%|SH|≥60%'),
      scope: 'INDUSTRY',
      categoryKey: industryKey('0304'),
      reason: '推进社区老年助餐服务，需考核助餐服务覆盖的社区比例。',
      example: '居家和社区养老服务改革',
      created: at(2022, 4, 11, 10),
      approvals: [],
    },
  ];
  const y2021 = ctx.frameworks.get('Y2021')!;
  const jxReviewer = personName(203);
  for (const s of specs) {
    const d = ctx.department(s.dept);
    const applicant = personName(d.id + 50);
    const id = ctx.nextId('indicator_change_request');
    const submitted = s.status === 'DRAFT' ? null : s.created + 3_600_000;
    const l2 = Y2021_KEYS[s.line.dim as keyof typeof Y2021_KEYS];
    const text = describe(s.line);
    const proposal = {
      name: s.line.name,
      scope: s.scope,
      categoryId: ctx.category(s.categoryKey),
      level1NodeId: y2021.nodes.get(l2.slice(0, 2)),
      level2NodeId: y2021.nodes.get(l2),
      explanation: text.explanation,
      calculationMethod: text.calculation_method,
      scoringRule: text.scoring_rule,
      defaultComparator: s.line.comparator,
      defaultUnit: s.line.unit,
      valueType: s.line.comparator === 'QUALITATIVE' ? 'QUALITATIVE' : 'QUANTITATIVE',
      referenceValue: text.reference_value,
      dataSource: text.data_source,
      visibility: 'PUBLIC',
    };
    const decisions = s.approvals.map(([step, decision, comment, days], k) => ({
      step,
      decision,
      comment,
      at: (submitted ?? s.created) + days * 86_400_000 + k * 3_600_000,
      actor: step === 'DEPARTMENT_PRECHECK' ? personName(d.id + 7) : jxReviewer,
    }));
    const last = decisions.at(-1)?.at ?? submitted ?? s.created;
    const decided = ['APPROVED', 'REJECTED', 'RETURNED'].includes(s.status) ? last : null;
    ctx.add('indicator_change_request', {
      id,
      fiscal_division_code: CITY,
      type: s.type,
      status: s.status,
      step: s.step,
      indicator_id: s.indicator?.id ?? null,
      name: s.line.name,
      proposal: JSON.stringify(proposal),
      reason: s.reason,
      example_project: s.example ?? null,
      department_id: d.id,
      applicant_name: applicant,
      result_indicator_id: s.result?.id ?? null,
      duplicate_of_id: s.duplicateOf?.id ?? null,
      decision_comment: s.comment ?? null,
      submitted_at: submitted === null ? null : iso(submitted),
      decided_at: decided === null ? null : iso(decided),
      created_at: iso(s.created),
      updated_at: iso(last),
      version: 1 + decisions.length,
    });
    for (const a of decisions) {
      ctx.add('indicator_change_approval', {
        id: ctx.nextId('indicator_change_approval'),
        fiscal_division_code: CITY,
        request_id: id,
        step: a.step,
        actor_name: a.actor,
        decision: a.decision,
        comment: a.comment,
        decided_at: iso(a.at),
      });
    }
  }
}
