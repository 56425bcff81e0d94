/**
 * The department-scope library (部门个性指标). Every first-level unit gets a category of department-wide
 * indicators (部门整体绩效指标) on the department framework, built from the lines below with its duties; a few
 * units also have project indicators of their own (项目个性指标), some of them private to the unit.
 */

/**
 * Department-wide indicator templates: `name|comparator|unit|DEPT dimension key|reference value`, where the name
 * may use {duty1}, {duty2} and {effect} of the department.
 */
export const DEPARTMENT_WIDE_TEMPLATES = `
部门预算执行率|GE|%|YSZX|≥95%
“三公”经费控制率|LE|%|GYJF|≤100%
项目绩效目标编报覆盖率|EQ|%|JXGL|=100%
资产管理制度健全性|QL||ZCGL|健全
{duty1}任务完成率|EQ|%|ZDRW|=100%
{duty2}按期完成率|GE|%|CGRW|≥95%
{effect}提升情况|QL||SHXY|明显提升
服务对象满意度|GE|%|FWMY|≥90%`;

/** Project indicators owned by one unit: department code → [category name, private?, indicator lines]. */
export const DEPARTMENT_PROJECT_LIBRARIES: Readonly<
  Record<string, { name: string; private: boolean; indicators: string; retired?: string }>
> = {
  '201': {
    name: '公安项目个性指标',
    private: true,
    indicators: `
视频监控点位建设数量|GE|个|SL
重点区域视频监控覆盖率|GE|%|ZL|≥95%
警用装备配备达标率|GE|%|ZL|≥95%
视频图像联网共享率|GE|%|ZL|≥90%
视频监控系统建设成本控制率|LE|%|CB|≤100%
视频图像破案贡献率|GE|%|SH
群众安全感满意度|GE|%|MY|≥95%`,
  },
  '507': {
    name: '住房保障项目个性指标',
    private: false,
    indicators: `
改造老旧小区数量|GE|个|SL
改造老旧小区楼栋数|GE|栋|SL
改造工程质量验收合格率|EQ|%|ZL|=100%
改造项目按期开工率|GE|%|SX|≥95%
户均改造投资|LE|元/户|CB
改造惠及居民户数|GE|户|SH
小区居住环境改善情况|QL||SH|明显改善
改造小区居民满意度|GE|%|MY|≥90%`,
  },
  '606': {
    name: '生态环境项目个性指标',
    private: false,
    indicators: `
大气污染源排放监测点位数|GE|个|SL
扬尘污染防治专项检查次数|GE|次|SL
散乱污企业动态清零率|EQ|%|ZL|=100%
大气污染防治资金成本控制率|LE|%|CB|≤100%
PM2.5年均浓度|LE|微克/立方米|ST|≤48微克/立方米
空气质量优良天数比例|GE|%|ST|≥60%
重污染天数|LE|天|ST
国省控断面水质达标率|GE|%|ST|≥90%
公众生态环境满意度|GE|%|MY|≥85%`,
  },
  '608': {
    name: '园林绿化项目个性指标',
    private: false,
    indicators: `
新增城市绿地面积|GE|万平方米|SL
公园游园建设数量|GE|个|SL
绿化养护质量达标率|GE|%|ZL|≥95%
古树名木保护率|EQ|%|ZL|=100%
人均公园绿地面积|GE|平方米|ST|≥14平方米
公园绿地服务半径覆盖率|GE|%|SH|≥90%`,
    retired: '行道树补植数量|GE|株|SL',
  },
};
