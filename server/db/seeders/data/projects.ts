/**
 * Projects (项目库) for the 2022 budget: named examples, per-pilot templates, per-department templates and
 * generic templates. Amounts and figures are illustrative demo data.
 */

export type BudgetTypeCode = 'GENERAL_PUBLIC' | 'GOVERNMENT_FUND' | 'STATE_CAPITAL' | 'SOCIAL_INSURANCE';
/** Size class of the requested amount: S 10万–200万, M 100万–3000万, L 2000万–2亿, X 1亿–5亿. */
export type SizeClass = 'S' | 'M' | 'L' | 'X';

export interface NamedProjectSpec {
  dept: string;
  name: string;
  budgetType: BudgetTypeCode;
  fc: string;
  /** Industry category code (pilot departments) or department project category (`${dept}02`). */
  library?: string;
  common: string;
  attribute: 'NEW' | 'CONTINUING';
  startYear: number;
  termYears: number;
  majorPolicy?: boolean;
  specialFund?: boolean;
  transfer?: boolean;
  /** Requested for 2022, in 万元. */
  requested: number;
  /** Fixed outcome for the examples the docs name. */
  fixed?: { grade: 'EXCELLENT' | 'GOOD'; decision: 'FULL' | 'REDUCED' };
  /** Rows the docs name: indicator name → target value. */
  rows?: ReadonlyArray<readonly [string, string]>;
  /** Regional shares of a transfer: fiscal division code → share of the parent's funds. */
  regions?: ReadonlyArray<readonly [string, number]>;
  /** Second-level items (二级项目): [name, requested 万元]. */
  children?: ReadonlyArray<readonly [string, number]>;
}

export const NAMED_PROJECTS: readonly NamedProjectSpec[] = [
  {
    dept: '401',
    name: '城乡最低生活保障资金',
    budgetType: 'GENERAL_PUBLIC',
    fc: '20819',
    library: '0301',
    common: '0601',
    attribute: 'CONTINUING',
    startYear: 2019,
    termYears: 5,
    requested: 36000,
    fixed: { grade: 'EXCELLENT', decision: 'FULL' },
    rows: [
      ['城乡低保保障人数', '62000'],
      ['符合条件对象应保尽保率', '100'],
      ['低保金按月足额发放率', '100'],
      ['低保对象满意度', '90'],
    ],
  },
  {
    dept: '403',
    name: '基本公共卫生服务项目',
    budgetType: 'GENERAL_PUBLIC',
    fc: '21004',
    library: '0201',
    common: '0501',
    attribute: 'CONTINUING',
    startYear: 2020,
    termYears: 3,
    requested: 28500,
    fixed: { grade: 'GOOD', decision: 'REDUCED' },
    rows: [
      ['65岁及以上老年人健康管理率', '70'],
      ['居民电子健康档案建档率', '90'],
    ],
  },
  {
    dept: '402',
    name: '职业技能提升培训补贴',
    budgetType: 'SOCIAL_INSURANCE',
    fc: '20902',
    library: '0402',
    common: '01',
    attribute: 'NEW',
    startYear: 2022,
    termYears: 3,
    majorPolicy: true,
    specialFund: true,
    requested: 15000,
    fixed: { grade: 'EXCELLENT', decision: 'FULL' },
    rows: [
      ['培训人次', '50000'],
      ['培训后就业率', '60'],
    ],
  },
  {
    dept: '506',
    name: '城市道路清扫保洁',
    budgetType: 'GENERAL_PUBLIC',
    fc: '21205',
    library: '0501',
    common: '0501',
    attribute: 'CONTINUING',
    startYear: 2020,
    termYears: 3,
    requested: 32000,
    fixed: { grade: 'GOOD', decision: 'REDUCED' },
    rows: [['主次干道机械化清扫率', '90']],
  },
  {
    dept: '606',
    name: '大气污染防治专项资金',
    budgetType: 'GENERAL_PUBLIC',
    fc: '21103',
    library: '60602',
    common: '11',
    attribute: 'NEW',
    startYear: 2022,
    termYears: 1,
    majorPolicy: true,
    specialFund: true,
    requested: 20000,
    fixed: { grade: 'EXCELLENT', decision: 'FULL' },
    rows: [
      ['PM2.5年均浓度', '48'],
      ['空气质量优良天数比例', '60'],
    ],
    children: [
      ['扬尘污染防治专项', 3200],
      ['柴油货车污染治理专项', 2600],
    ],
  },
  {
    dept: '507',
    name: '老旧小区改造市级补助',
    budgetType: 'GENERAL_PUBLIC',
    fc: '22101',
    library: '50702',
    common: '0301',
    attribute: 'NEW',
    startYear: 2022,
    termYears: 2,
    specialFund: true,
    transfer: true,
    requested: 40000,
    fixed: { grade: 'EXCELLENT', decision: 'FULL' },
    rows: [
      ['改造老旧小区数量', '320'],
      ['改造惠及居民户数', '52000'],
      ['改造小区居民满意度', '90'],
    ],
    regions: [
      ['410105000', 0.3],
      ['410103000', 0.24],
      ['410102000', 0.22],
      ['410104000', 0.18],
    ],
  },
  {
    dept: '601',
    name: '高标准农田建设市级补助',
    budgetType: 'GENERAL_PUBLIC',
    fc: '21301',
    library: '0602',
    common: '0303',
    attribute: 'CONTINUING',
    startYear: 2021,
    termYears: 3,
    specialFund: true,
    transfer: true,
    requested: 12000,
    fixed: { grade: 'GOOD', decision: 'REDUCED' },
    rows: [['新建高标准农田面积', '18']],
    regions: [
      ['410122000', 0.32],
      ['410182000', 0.24],
      ['410184000', 0.22],
      ['410185000', 0.18],
    ],
  },
  ...[
    ['401', '福利彩票公益金养老服务体系建设', 'GOVERNMENT_FUND', '22960', '0304', '0501', 'CONTINUING', 2021, 6500],
    ['304', '体育彩票公益金全民健身设施建设', 'GOVERNMENT_FUND', '22960', '', '0302', 'CONTINUING', 2021, 3800],
    ['505', '城市道路综合提升工程', 'GOVERNMENT_FUND', '21208', '', '0302', 'NEW', 2022, 46000],
    ['505', '城市基础设施配套管网建设', 'GOVERNMENT_FUND', '21213', '', '0302', 'CONTINUING', 2021, 22000],
    ['506', '污水处理运营服务', 'GOVERNMENT_FUND', '21214', '0507', '0501', 'CONTINUING', 2019, 38000],
    ['701', '市属国有企业资本金注入', 'STATE_CAPITAL', '22302', '', '0602', 'NEW', 2022, 30000],
    ['701', '国有企业退休人员社会化管理补助', 'STATE_CAPITAL', '22301', '', '0601', 'CONTINUING', 2020, 4500],
    ['701', '厂办大集体改革成本支出', 'STATE_CAPITAL', '22301', '', '0602', 'CONTINUING', 2021, 8000],
    ['701', '国有资本投资运营公司专项资金', 'STATE_CAPITAL', '22399', '', '0602', 'NEW', 2022, 15000],
    ['402', '城乡居民基本养老保险基金支出', 'SOCIAL_INSURANCE', '20910', '0403', '0601', 'CONTINUING', 2019, 48000],
    ['402', '失业保险金发放', 'SOCIAL_INSURANCE', '20902', '0401', '0601', 'CONTINUING', 2019, 19000],
    ['402', '工伤保险待遇支付', 'SOCIAL_INSURANCE', '20904', '0403', '0601', 'CONTINUING', 2019, 13000],
    ['404', '城乡居民基本医疗保险基金支出', 'SOCIAL_INSURANCE', '20912', '', '0601', 'CONTINUING', 2019, 50000],
    ['301', '义务教育阶段学校公用经费保障', 'GENERAL_PUBLIC', '20502', '0102', '15', 'CONTINUING', 2019, 24000],
    ['301', '家庭经济困难学生资助', 'GENERAL_PUBLIC', '20502', '0106', '0601', 'CONTINUING', 2019, 9000],
    ['403', '重大传染病防控经费', 'GENERAL_PUBLIC', '21004', '0202', '12', 'CONTINUING', 2020, 16000],
    ['601', '动物防疫补助', 'GENERAL_PUBLIC', '21301', '0605', '0602', 'CONTINUING', 2020, 4200],
  ].map(
    ([dept, name, budgetType, fc, library, common, attribute, startYear, requested]): NamedProjectSpec => ({
      dept: dept as string,
      name: name as string,
      budgetType: budgetType as BudgetTypeCode,
      fc: fc as string,
      library: (library as string) || undefined,
      common: common as string,
      attribute: attribute as 'NEW' | 'CONTINUING',
      startYear: startYear as number,
      termYears: attribute === 'NEW' ? 3 : 5,
      majorPolicy: attribute === 'NEW' && (requested as number) >= 20000,
      specialFund: attribute === 'NEW',
      requested: requested as number,
    }),
  ),
  {
    dept: '301',
    name: '学前教育发展专项资金',
    budgetType: 'GENERAL_PUBLIC',
    fc: '20502',
    library: '0101',
    common: '0602',
    attribute: 'NEW',
    startYear: 2022,
    termYears: 3,
    majorPolicy: true,
    specialFund: true,
    requested: 3000,
    children: [
      ['普惠性民办幼儿园奖补', 6000],
      ['公办幼儿园建设补助', 9000],
    ],
  },
  ...[
    ['506', '生活垃圾分类专项资金', '21205', '0503', '0302', 11000],
    ['506', '智慧城管平台建设', '21201', '0511', '0201', 5500],
    ['201', '社会治安视频监控系统建设', '20402', '20102', '0201', 26000],
  ].map(
    ([dept, name, fc, library, common, requested]): NamedProjectSpec => ({
      dept: dept as string,
      name: name as string,
      budgetType: 'GENERAL_PUBLIC',
      fc: fc as string,
      library: library as string,
      common: common as string,
      attribute: 'NEW',
      startYear: 2022,
      termYears: 2,
      majorPolicy: (requested as number) >= 20000,
      specialFund: true,
      requested: requested as number,
    }),
  ),
];

/**
 * Templates of one department: `name|industry or department category (or -)|common category|function class|size`.
 * Pilot departments draw their rows from their industry categories.
 */
export const DEPARTMENT_PROJECT_TEMPLATES: Readonly<Record<string, string>> = {
  '301': `
普惠性民办幼儿园运营奖补|0101|0602|20502|M
义务教育薄弱环节改善与能力提升|0102|0301|20502|L
普通高中改造提升工程|0103|0301|20502|L
中等职业教育质量提升|0104|04|20503|M
特殊教育学校办学条件改善|0105|04|20507|M
中小学教师培训|0107|01|20508|M
乡村教师生活补助|0107|0601|20502|M
智慧校园建设|0108|0201|20502|M
中小学校舍维修改造|0109|13|20502|M
校园安防设施建设|0110|04|20502|M
校园足球和体育设施建设|0111|04|20502|S
中小学课后服务补助|0112|0601|20502|M
教育督导评估工作经费|0114|0502|20501|S
中招考试考务经费|0115|0502|20501|S
市属高校一流专业建设|0116|08|20502|M`,
  '403': `
农村妇女两癌免费检查|0203|0601|21004|M
医养结合服务能力提升|0204|0501|21004|M
基层医疗卫生机构标准化建设|0205|0301|21003|L
乡村医生补助|0205|0601|21003|M
公立医院综合改革补助|0206|0602|21002|L
市级临床重点专科建设|0207|04|21002|M
中医药传承创新发展|0208|0501|21004|M
院前急救网络建设|0209|04|21004|M
卫生应急物资储备|0209|12|21004|M
爱国卫生运动与健康城市建设|0210|07|21004|S
住院医师规范化培训补助|0211|01|21004|M
全民健康信息平台建设|0212|0201|21001|M
职业病防治项目|0213|11|21004|S
计划生育家庭奖励扶助|0214|0601|21007|M
严重精神障碍患者救治管理|0216|0501|21004|S`,
  '401': `
特困人员救助供养资金|0302|0601|20821|L
临时救助资金|0303|0601|20820|M
居家和社区养老服务改革|0304|0501|20810|M
经济困难高龄失能老人补贴|0304|0601|20810|M
孤儿和事实无人抚养儿童基本生活保障|0305|0601|20810|M
困难残疾人生活补贴和重度残疾人护理补贴|0306|0601|20811|M
城乡社区治理能力提升|0307|0502|20802|S
社会组织培育发展|0308|0502|20802|S
惠民殡葬补贴|0309|0601|20802|S
地名标志设置与界线联检|0310|04|20802|S
乡镇（街道）社会工作服务站建设|0312|0501|20802|M
流浪乞讨人员救助管理|0313|0501|20802|S
养老机构消防安全改造|0304|13|20810|M`,
  '402': `
就业补助资金|0401|0601|20807|L
高校毕业生就业见习补贴|0401|0602|20807|M
创业担保贷款贴息|0401|0602|20807|M
青年人才生活补贴|0404|0601|20801|L
根治欠薪专项行动|0406|11|20801|S
劳动人事争议仲裁院标准化建设|0407|04|20801|S
技工院校一体化课程改革|0408|0501|20503|M
事业单位公开招聘考试考务|0409|0502|20801|S
职称评审工作经费|0410|0502|20801|S
企业退休人员社会化管理服务|0411|0501|20801|M
社会保障卡居民服务一卡通|0412|0201|20801|M
和谐劳动关系创建|0405|07|20801|S`,
  '506': `
生活垃圾清运处置|0502|0501|21205|L
垃圾中转站升级改造|0502|0302|21205|M
公厕新建改造和运营维护|0504|13|21205|M
市政道路维修养护|0505|13|21203|L
城市照明设施运行维护|0506|09|21203|M
路灯节能改造|0506|0302|21203|M
排水管网清淤疏通|0507|09|21203|M
易涝点综合治理|0507|0302|21203|L
供热燃气安全监管|0508|11|21201|S
户外广告和门头招牌整治|0509|11|21201|S
城市管理执法装备购置|0510|04|21201|S
桥梁隧道检测与养护|0512|09|21203|M
背街小巷综合整治|0513|0302|21203|M`,
  '601': `
耕地地力保护补贴|0601|0601|21301|L
蔬菜保供基地建设|0603|0602|21301|M
生猪稳产保供补助|0604|0602|21301|M
农产品质量安全监管|0606|11|21301|S
基层农技推广体系改革与建设|0607|01|21301|M
高素质农民培育|0608|01|21301|M
家庭农场和合作社培育|0608|0602|21301|M
农村人居环境整治提升|0609|0303|21301|L
农机购置补贴|0610|0601|21301|L
政策性农业保险保费补贴|0611|0602|21301|L
都市生态农业示范园建设|0612|14|21301|M
农村集体产权制度改革|0613|0502|21307|S
秋粮生产防灾减灾|0601|12|21301|M`,
  '201': `
警用装备购置|-|04|20402|M
道路交通信号设施维护|-|09|20402|M
禁毒专项工作经费|-|11|20402|S`,
  '202': `
智慧法院建设|-|0201|20405|M
司法救助资金|-|0601|20405|S`,
  '203': `
检察信息化建设|-|0201|20404|M
公益诉讼专项经费|-|15|20404|S`,
  '204': `
法律援助经费|-|0501|20406|M
人民调解员以案定补|-|0601|20406|S
公共法律服务平台运行|-|09|20406|S`,
  '302': `
科技创新平台建设补助|-|0602|20604|L
高新技术企业培育奖补|-|14|20604|L
市级科技计划项目|-|08|20604|M`,
  '303': `
公共文化服务体系建设|-|0501|20701|M
文化惠民演出|-|0501|20701|M
文旅宣传推广|-|07|20701|M`,
  '304': `
全民健身设施建设|-|0302|20703|M
竞技体育后备人才培养|-|01|20703|M`,
  '305': `
文物保护修缮工程|-|0301|20702|M
考古发掘经费|-|08|20702|M`,
  '306': `融媒体中心建设|-|0201|20708|M`,
  '404': `
医疗救助资金|-|0601|21013|L
医保基金监管专项|-|11|21015|S`,
  '405': `
优抚对象抚恤补助|-|0601|20808|L
退役军人就业创业培训|-|01|20828|S`,
  '406': `
残疾儿童康复救助|-|0601|20811|M
残疾人就业扶持|-|0602|20811|S`,
  '501': `
重大项目前期工作经费|-|10|20104|M
市级储备粮轮换费用补贴|-|0602|20104|L`,
  '502': `
先进制造业发展专项资金|-|0602|21505|L
中小企业公共服务体系建设|-|0501|21508|M`,
  '503': `
招商引资专项经费|-|07|21602|M
促进消费专项资金|-|0602|21602|L`,
  '504': `
农村公路建设养护|-|0302|21401|L
城市公交运营补贴|-|0602|21401|X
国省干线公路养护工程|-|0302|21401|L`,
  '505': `建筑市场监管信息化|-|0201|21201|S`,
  '507': `
公共租赁住房运营管理|-|0501|22101|M
城镇保障性安居工程|-|0301|22101|L`,
  '508': `
食品安全抽检|-|11|20138|M
特种设备安全监察|-|11|20138|S
计量检定设备购置|-|04|20138|M`,
  '602': `
河湖综合治理工程|-|0303|21303|L
水利工程运行维护|-|09|21303|M
防汛抗旱物资储备|-|12|21303|M`,
  '603': `
衔接推进乡村振兴补助资金|-|0602|21305|L
乡村振兴示范村建设奖补|-|14|21305|M`,
  '605': `南水北调配套工程运行维护|-|09|21303|M`,
  '606': `
水污染防治专项资金|-|11|21103|L
生态环境监测能力建设|-|04|21101|M`,
  '607': `
国土空间总体规划编制|-|10|22001|M
自然资源调查监测|-|10|22001|M
不动产登记信息化|-|0201|22001|S`,
  '608': `
城市园林绿化建设|60802|0303|21203|L
公园绿地养护|60802|09|21203|M
古树名木保护|60802|15|21203|S`,
  '136': `
应急物资储备|-|12|22401|M
安全生产监管执法|-|11|22401|S
应急指挥平台建设|-|0201|22401|M`,
  '137': `
消防站建设|-|0301|22402|L
消防装备购置|-|04|22402|M`,
  '135': `
人防工程维护管理|-|09|22401|S
防空警报器更新|-|04|22401|S`,
  '130': `
政务云服务购买|-|0502|20103|L
一网通办平台建设|-|0201|20103|M`,
  '124': `
公共机构节能改造|-|13|20103|M
机关办公用房维修|-|13|20103|M`,
  '107': `
精神文明创建|-|07|20133|M
重大主题宣传|-|07|20133|M`,
};

/** Generic templates for any department: {short}, {duty1}, {duty2} are the department's. */
export const GENERIC_PROJECT_TEMPLATES: ReadonlyArray<
  readonly [pattern: string, common: string, size: SizeClass, category: string]
> = [
  ['{duty1}专项经费', '15', 'M', '特定目标类'],
  ['{short}信息化系统运行维护', '09', 'S', '其他运转类'],
  ['{duty2}工作经费', '15', 'S', '特定目标类'],
  ['{short}业务培训', '01', 'S', '其他运转类'],
  ['{short}业务用房维修改造', '13', 'S', '特定目标类'],
  ['{duty1}课题研究', '08', 'S', '特定目标类'],
  ['{short}专用设备购置', '04', 'S', '特定目标类'],
  ['{duty2}宣传', '07', 'S', '特定目标类'],
  ['政府购买服务（{duty2}）', '0502', 'S', '特定目标类'],
  ['{short}信息化建设', '0201', 'M', '特定目标类'],
];
