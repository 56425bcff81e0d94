/**
 * The common project indicator library (共性项目绩效指标): 15 categories, 9 sub-categories, 245 indicators.
 * Each indicator line is `name|comparator|unit|dimension[|reference value]`: comparator GE GT EQ LT LE or QL
 * (qualitative, no unit); dimension a key of Y2021_KEYS (SL 数量, ZL 质量, SX 时效, JJ/SH/ST/KC 效益, MY 满意度,
 * CB/SC/HC 成本). Categories with sub-categories hold their indicators in the sub-categories.
 */

export interface LibraryCategorySpec {
  code: string;
  name: string;
  /** The parent category code, for sub-categories. */
  parent?: string;
  /** Indicator lines (empty for a category whose indicators sit in its sub-categories). */
  indicators: string;
}

export const COMMON_CATEGORIES: readonly LibraryCategorySpec[] = [
  {
    code: '01',
    name: '会议培训',
    indicators: `
培训班次|GE|期|SL|≥12期
培训人次|GE|人次|SL
培训人员合格率|GE|%|ZL|≥95%
培训计划按期完成率|EQ|%|SX|=100%
人均培训成本控制率|LE|%|CB|≤100%
培训人员满意度|GE|%|MY|≥90%`,
  },
  { code: '02', name: '信息化建设', indicators: '' },
  {
    code: '0201',
    name: '信息系统建设',
    parent: '02',
    indicators: `
系统功能模块开发数量|GE|个|SL
信息系统建设数量|GE|个|SL
数据库建设数量|GE|个|SL
系统功能需求实现率|GE|%|ZL|≥95%
系统验收合格率|EQ|%|ZL|=100%
等级保护测评通过率|EQ|%|ZL|=100%
系统安全漏洞修复率|EQ|%|ZL|=100%
系统上线运行及时率|GE|%|SX|≥95%
项目建设按期完成率|GE|%|SX|≥95%
系统建设成本控制率|LE|%|CB|≤100%
业务办理效率提升幅度|GE|%|SH|≥20%
业务数据电子化率|GE|%|SH|≥90%
信息系统持续稳定运行年限|GE|年|KC|≥3年
系统用户满意度|GE|%|MY|≥90%`,
  },
  {
    code: '0202',
    name: '数据资源与共享',
    parent: '02',
    indicators: `
数据资源目录编制数量|GE|条|SL
共享交换数据量|GE|万条|SL
接入数据源单位数量|GE|家|SL
数据准确率|GE|%|ZL|≥98%
数据共享接口调用成功率|GE|%|ZL|≥99%
数据更新及时率|GE|%|SX|≥95%
数据治理成本控制率|LE|%|CB|≤100%
数据共享支撑业务事项数|GE|项|SH
数据资源开放利用水平|QL||KC|持续提升
数据使用部门满意度|GE|%|MY|≥90%`,
  },
  { code: '03', name: '基础设施建设', indicators: '' },
  {
    code: '0301',
    name: '房屋建筑工程',
    parent: '03',
    indicators: `
新建（改扩建）建筑面积|GE|平方米|SL
工程建设项目数量|GE|个|SL
工程竣工验收合格率|EQ|%|ZL|=100%
工程质量安全事故发生次数|EQ|次|ZL|=0次
工程按期开工率|GE|%|SX|≥95%
工程按期竣工率|GE|%|SX|≥90%
工程建设成本控制率|LE|%|CB|≤100%
单位面积造价|LE|元/平方米|CB
建筑节能标准执行率|EQ|%|ST|=100%
新增公共服务能力|QL||SH|明显提升
设施设计使用年限|GE|年|KC|≥50年
使用单位满意度|GE|%|MY|≥90%`,
  },
  {
    code: '0302',
    name: '市政基础设施工程',
    parent: '03',
    indicators: `
新建改造道路长度|GE|公里|SL
新建改造管网长度|GE|公里|SL
新建改造桥梁数量|GE|座|SL
工程质量合格率|EQ|%|ZL|=100%
道路平整度达标率|GE|%|ZL|≥95%
工程完工及时率|GE|%|SX|≥90%
工程投资控制率|LE|%|CB|≤100%
施工期间交通影响时长|LE|天|SC
施工扬尘污染防治措施落实率|EQ|%|HC|=100%
道路通行能力提升幅度|GE|%|SH|≥15%
市政设施使用寿命|GE|年|KC|≥15年
周边居民满意度|GE|%|MY|≥85%`,
  },
  {
    code: '0303',
    name: '水利与生态工程',
    parent: '03',
    indicators: `
河道治理长度|GE|公里|SL
新增绿化面积|GE|万平方米|SL
水利工程验收合格率|EQ|%|ZL|=100%
苗木成活率|GE|%|ZL|≥95%
工程按计划完工率|GE|%|SX|≥90%
工程单位造价控制率|LE|%|CB|≤100%
防洪除涝能力提升情况|QL||SH|明显提升
水环境质量改善情况|QL||ST|持续改善
工程长效管护机制健全性|QL||KC|健全
受益群众满意度|GE|%|MY|≥90%`,
  },
  {
    code: '04',
    name: '设备购置',
    indicators: `
设备购置数量|GE|台（套）|SL
专用车辆购置数量|GE|辆|SL
设备购置计划完成率|GE|%|SL|≥95%
设备验收合格率|EQ|%|ZL|=100%
设备安装调试合格率|EQ|%|ZL|=100%
设备完好率|GE|%|ZL|≥95%
政府采购执行率|EQ|%|ZL|=100%
设备到货及时率|GE|%|SX|≥95%
设备投入使用及时率|GE|%|SX|≥95%
设备采购成本节约率|GE|%|CB|≥3%
设备单价控制率|LE|%|CB|≤100%
设备使用率|GE|%|SH|≥90%
业务保障能力提升情况|QL||SH|明显提升
节能环保产品采购占比|GE|%|HC|≥30%
设备使用年限|GE|年|KC|≥6年
设备使用人员满意度|GE|%|MY|≥90%`,
  },
  { code: '05', name: '政府购买服务', indicators: '' },
  {
    code: '0501',
    name: '公共服务购买',
    parent: '05',
    indicators: `
购买服务项目数量|GE|个|SL
服务覆盖人数|GE|人|SL
服务提供次数|GE|次|SL
服务合同履约率|EQ|%|ZL|=100%
服务质量考核合格率|GE|%|ZL|≥95%
承接主体资质合规率|EQ|%|ZL|=100%
服务按时提供率|GE|%|SX|≥95%
服务费用支付及时率|GE|%|SX|≥95%
购买服务成本节约率|GE|%|CB|≥2%
人均服务成本|LE|元|CB
公共服务供给能力提升情况|QL||SH|明显提升
服务对象覆盖率|GE|%|SH|≥90%
服务长效机制建立情况|QL||KC|建立
服务对象满意度|GE|%|MY|≥90%`,
  },
  {
    code: '0502',
    name: '政府履职辅助性服务',
    parent: '05',
    indicators: `
辅助性服务事项数量|GE|项|SL
服务成果报告数量|GE|份|SL
服务成果验收通过率|EQ|%|ZL|=100%
服务人员到岗率|GE|%|ZL|≥95%
服务事项按期完成率|GE|%|SX|≥95%
辅助服务成本控制率|LE|%|CB|≤100%
行政运行成本节约率|GE|%|JJ|≥5%
履职效率提升情况|QL||SH|明显提升
服务成果应用率|GE|%|KC|≥80%
采购单位满意度|GE|%|MY|≥90%`,
  },
  { code: '06', name: '补助补贴', indicators: '' },
  {
    code: '0601',
    name: '对个人和家庭的补助',
    parent: '06',
    indicators: `
补助对象人数|GE|人|SL
补助发放人次|GE|人次|SL
补助对象身份核实准确率|EQ|%|ZL|=100%
补助资金足额发放率|EQ|%|ZL|=100%
补助标准执行准确率|EQ|%|ZL|=100%
违规领取补助资金追回率|EQ|%|ZL|=100%
补助信息公开公示率|EQ|%|ZL|=100%
补助资金按时发放率|EQ|%|SX|=100%
补助资金发放成本控制率|LE|%|CB|≤100%
人均补助标准|EQ|元|CB
受助对象基本生活保障情况|QL||SH|有效保障
补助政策知晓率|GE|%|SH|≥90%
受助对象生活水平改善情况|QL||KC|持续改善
补助对象满意度|GE|%|MY|≥90%`,
  },
  {
    code: '0602',
    name: '对企业和单位的补贴',
    parent: '06',
    indicators: `
补贴企业（单位）数量|GE|家|SL
补贴项目数量|GE|个|SL
补贴资金兑付率|GE|%|SL|≥95%
补贴对象审核合规率|EQ|%|ZL|=100%
补贴资金专款专用率|EQ|%|ZL|=100%
补贴资金拨付及时率|GE|%|SX|≥95%
补贴标准控制率|LE|%|CB|≤100%
带动社会投资额|GE|万元|JJ
企业新增产值|GE|万元|JJ
带动就业人数|GE|人|SH
产业发展后劲增强情况|QL||KC|明显增强
受补贴企业满意度|GE|%|MY|≥90%`,
  },
  {
    code: '07',
    name: '宣传',
    indicators: `
宣传活动场次|GE|场|SL
宣传品发放数量|GE|份|SL
媒体报道篇数|GE|篇|SL
公益广告投放时长|GE|小时|SL
新媒体推送条数|GE|条|SL
宣传内容审核合格率|EQ|%|ZL|=100%
宣传活动按计划完成率|GE|%|SX|≥95%
宣传费用控制率|LE|%|CB|≤100%
单场活动成本|LE|万元|CB
政策知晓率|GE|%|SH|≥85%
宣传覆盖人次|GE|万人次|SH
网络阅读（播放）量|GE|万次|SH
宣传长效机制建立情况|QL||KC|建立
群众满意度|GE|%|MY|≥90%`,
  },
  {
    code: '08',
    name: '课题研究',
    indicators: `
研究课题数量|GE|项|SL
研究报告数量|GE|份|SL
专题调研次数|GE|次|SL
研究成果验收通过率|EQ|%|ZL|=100%
研究成果质量|QL||ZL|达到结项要求
课题按期结题率|GE|%|SX|≥90%
课题研究经费控制率|LE|%|CB|≤100%
研究成果采纳数量|GE|项|SH
获领导批示数量|GE|次|SH
研究成果决策参考作用|QL||SH|有效发挥
研究成果转化应用率|GE|%|KC|≥60%
委托单位满意度|GE|%|MY|≥90%`,
  },
  {
    code: '09',
    name: '运行维护',
    indicators: `
运维系统（设备）数量|GE|套|SL
运维服务响应次数|GE|次|SL
巡检次数|GE|次|SL
维护保养设施数量|GE|处|SL
系统正常运行率|GE|%|ZL|≥99%
设施设备完好率|GE|%|ZL|≥95%
故障修复率|GE|%|ZL|≥98%
数据备份完整率|EQ|%|ZL|=100%
网络安全事件发生次数|EQ|次|ZL|=0次
故障响应及时率|GE|%|SX|≥98%
故障平均修复时间|LE|小时|SX|≤4小时
运维费用控制率|LE|%|CB|≤100%
单位运维成本|LE|万元|CB
运维能耗控制率|LE|%|HC|≤100%
业务连续性保障情况|QL||SH|有效保障
设施设备使用年限延长|GE|年|KC
运维服务规范化水平|QL||KC|持续提升
用户满意度|GE|%|MY|≥90%`,
  },
  {
    code: '10',
    name: '规划编制',
    indicators: `
规划（方案）编制数量|GE|项|SL
专题研究报告数量|GE|份|SL
征求意见覆盖部门数|GE|个|SL
规划成果通过评审率|EQ|%|ZL|=100%
规划成果与上位规划衔接情况|QL||ZL|衔接一致
规划编制按期完成率|GE|%|SX|≥95%
规划编制费用控制率|LE|%|CB|≤100%
规划实施指导作用|QL||SH|有效发挥
公众意见采纳率|GE|%|SH|≥60%
规划任务分解落实率|GE|%|KC|≥90%
规划有效期|GE|年|KC|≥5年
规划使用单位满意度|GE|%|MY|≥90%`,
  },
  {
    code: '11',
    name: '专项整治',
    indicators: `
整治点位数量|GE|个|SL
检查执法次数|GE|次|SL
排查问题隐患数量|GE|个|SL
问题隐患整改率|GE|%|ZL|≥95%
整治任务完成率|EQ|%|ZL|=100%
整治效果复查合格率|GE|%|ZL|≥95%
问题反弹率|LE|%|ZL|≤5%
整治任务按期完成率|GE|%|SX|≥95%
专项整治经费控制率|LE|%|CB|≤100%
投诉举报下降率|GE|%|SH|≥10%
群众投诉办结率|GE|%|SH|≥98%
生态环境改善情况|QL||ST|明显改善
长效管理机制建立情况|QL||KC|建立
群众满意度|GE|%|MY|≥90%`,
  },
  {
    code: '12',
    name: '应急保障',
    indicators: `
应急物资储备品种数|GE|种|SL
应急物资储备数量|GE|件（套）|SL
应急演练次数|GE|次|SL
应急队伍人数|GE|人|SL
应急物资完好率|GE|%|ZL|≥98%
应急预案修订完成率|EQ|%|ZL|=100%
应急响应到达时间|LE|分钟|SX|≤30分钟
突发事件处置及时率|EQ|%|SX|=100%
应急物资储备成本控制率|LE|%|CB|≤100%
重大次生灾害发生次数|EQ|次|SC|=0次
突发事件损失降低情况|QL||JJ|有效降低
群众安全感|GE|%|SH|≥90%
应急处置能力提升情况|QL||KC|明显提升
受保障群众满意度|GE|%|MY|≥90%`,
  },
  {
    code: '13',
    name: '资产维修',
    indicators: `
维修改造面积|GE|平方米|SL
维修设施（设备）数量|GE|台（套）|SL
维修项目数量|GE|个|SL
维修工程验收合格率|EQ|%|ZL|=100%
维修后设施完好率|GE|%|ZL|≥95%
安全生产事故发生次数|EQ|次|ZL|=0次
维修工程按期完工率|GE|%|SX|≥95%
维修费用控制率|LE|%|CB|≤100%
维修单价|LE|元/平方米|CB
施工期间扰民投诉次数|LE|次|SC
节能改造能耗降低率|GE|%|ST|≥10%
办公（业务）条件改善情况|QL||SH|明显改善
维修后使用年限|GE|年|KC|≥8年
使用人员满意度|GE|%|MY|≥90%`,
  },
  {
    code: '14',
    name: '奖励资金',
    indicators: `
奖励对象数量|GE|个|SL
奖励资金兑现率|EQ|%|SL|=100%
奖励对象评审合规率|EQ|%|ZL|=100%
评审程序规范性|QL||ZL|规范
奖励资金兑现及时率|GE|%|SX|≥95%
奖励资金标准控制率|LE|%|CB|≤100%
带动相关产业投资|GE|万元|JJ
示范带动作用|QL||SH|明显
激励引导效果持续性|QL||KC|持续发挥
奖励对象满意度|GE|%|MY|≥90%`,
  },
  {
    code: '15',
    name: '其他',
    indicators: `
年度工作任务完成率|EQ|%|SL|=100%
工作任务质量达标率|GE|%|ZL|≥95%
工作任务按时完成率|GE|%|SX|≥95%
项目成本控制率|LE|%|CB|≤100%
项目社会效益发挥情况|QL||SH|有效发挥
项目长效运行机制健全性|QL||KC|健全
服务对象满意度|GE|%|MY|≥90%`,
  },
];
