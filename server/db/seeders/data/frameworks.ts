/** The indicator frameworks (指标体系): level-1 dimensions with their level-2 dimensions. */

export interface FrameworkSpec {
  code: string;
  name: string;
  kind: 'PROJECT' | 'DEPARTMENT';
  fromYear: number | null;
  isDefault: boolean;
  description: string;
  /** Level-1 nodes: [code, name, level-2 nodes as [code, name]]. */
  nodes: ReadonlyArray<readonly [string, string, ReadonlyArray<readonly [string, string]>]>;
}

export const FRAMEWORKS: readonly FrameworkSpec[] = [
  {
    code: 'CLASSIC',
    name: '经典框架',
    kind: 'PROJECT',
    fromYear: null,
    isDefault: false,
    description:
      '项目支出绩效指标经典框架：产出指标含数量、质量、时效、成本，效益指标含经济、社会、生态效益和可持续影响，满意度指标。',
    nodes: [
      [
        '01',
        '产出指标',
        [
          ['0101', '数量指标'],
          ['0102', '质量指标'],
          ['0103', '时效指标'],
          ['0104', '成本指标'],
        ],
      ],
      [
        '02',
        '效益指标',
        [
          ['0201', '经济效益指标'],
          ['0202', '社会效益指标'],
          ['0203', '生态效益指标'],
          ['0204', '可持续影响指标'],
        ],
      ],
      ['03', '满意度指标', [['0301', '服务对象满意度指标']]],
    ],
  },
  {
    code: 'Y2021',
    name: '2021版框架',
    kind: 'PROJECT',
    fromYear: 2022,
    isDefault: true,
    description:
      '2021版项目支出绩效指标框架：成本指标单列为一级指标（经济成本、社会成本、生态环境成本），自2022年预算起使用。',
    nodes: [
      [
        '01',
        '产出指标',
        [
          ['0101', '数量指标'],
          ['0102', '质量指标'],
          ['0103', '时效指标'],
        ],
      ],
      [
        '02',
        '效益指标',
        [
          ['0201', '经济效益指标'],
          ['0202', '社会效益指标'],
          ['0203', '生态效益指标'],
          ['0204', '可持续影响指标'],
        ],
      ],
      ['03', '满意度指标', [['0301', '服务对象满意度指标']]],
      [
        '04',
        '成本指标',
        [
          ['0401', '经济成本指标'],
          ['0402', '社会成本指标'],
          ['0403', '生态环境成本指标'],
        ],
      ],
    ],
  },
  {
    code: 'DEPT',
    name: '部门整体框架',
    kind: 'DEPARTMENT',
    fromYear: null,
    isDefault: true,
    description: '部门整体支出绩效指标框架：运行成本、管理效率、履职产出、履职效益、满意度。',
    nodes: [
      [
        '01',
        '运行成本',
        [
          ['0101', '预算执行成本'],
          ['0102', '公用经费控制'],
        ],
      ],
      [
        '02',
        '管理效率',
        [
          ['0201', '预算管理'],
          ['0202', '资产管理'],
          ['0203', '绩效管理'],
        ],
      ],
      [
        '03',
        '履职产出',
        [
          ['0301', '重点工作任务'],
          ['0302', '常规工作任务'],
        ],
      ],
      [
        '04',
        '履职效益',
        [
          ['0401', '社会效益'],
          ['0402', '经济效益'],
          ['0403', '生态效益'],
          ['0404', '可持续影响'],
        ],
      ],
      ['05', '满意度', [['0501', '服务对象满意度']]],
    ],
  },
];

/**
 * Short keys for the level-2 dimensions of the 2021 framework used in the compact indicator specs:
 * SL 数量, ZL 质量, SX 时效, JJ 经济效益, SH 社会效益, ST 生态效益, KC 可持续影响, MY 满意度,
 * CB 经济成本, SC 社会成本, HC 生态环境成本.
 */
export const Y2021_KEYS = {
  SL: '0101',
  ZL: '0102',
  SX: '0103',
  JJ: '0201',
  SH: '0202',
  ST: '0203',
  KC: '0204',
  MY: '0301',
  CB: '0401',
  SC: '0402',
  HC: '0403',
} as const;

export type L2Key = keyof typeof Y2021_KEYS;

/** Keys for the department-wide framework's level-2 dimensions. */
export const DEPT_KEYS = {
  YSZX: '0101',
  GYJF: '0102',
  YSGL: '0201',
  ZCGL: '0202',
  JXGL: '0203',
  ZDRW: '0301',
  CGRW: '0302',
  SHXY: '0401',
  JJXY: '0402',
  STXY: '0403',
  KCXY: '0404',
  FWMY: '0501',
} as const;
