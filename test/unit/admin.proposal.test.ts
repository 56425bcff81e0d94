import { changedFields } from '../../admin/src/resources/indicators/proposal';

/** The console's MODIFY proposal: only what changed, with null for an optional field the user emptied. */
describe('changedFields', () => {
  const published = {
    name: '主次干道机械化清扫率',
    scope: 'INDUSTRY',
    categoryId: '7',
    level1NodeId: '3',
    level2NodeId: '4',
    defaultUnit: '%',
    explanation: '机械化清扫面积/应清扫面积',
    dataSource: null,
  };

  it('sends the changed fields only, and null for an emptied optional field', () => {
    expect(
      changedFields(published, {
        ...published,
        name: '主次干道机械化清扫率（含夜间）',
        explanation: '',
        level2NodeId: '',
        dataSource: '城市管理局作业台账',
      }),
    ).toEqual({
      name: '主次干道机械化清扫率（含夜间）',
      explanation: null,
      level2NodeId: null,
      dataSource: '城市管理局作业台账',
    });
  });

  it('never sends null for a required field (the form asks for it instead), nor anything unchanged', () => {
    expect(changedFields(published, { ...published, name: '', categoryId: '' })).toEqual({});
    expect(changedFields(published, { ...published, dataSource: '' })).toEqual({});
  });
});
