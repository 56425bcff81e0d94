import { ConfigError, loadConfig } from '../../server/config';
import { defaultExAnteConfig, exAnteConfigFrom } from '../../server/modules/exante/exante.config';
import { ExAnteConclusion } from '../../server/modules/exante/exante.enums';
import { conclusionFor } from '../../server/modules/exante/exante.scoring';
import { EX_ANTE_STAGE_AUTHORITY, needsExAnte } from '../../server/modules/exante/exante.status';
import { ProjectAttribute } from '../../server/modules/project/project.enums';

describe('configurable ex-ante thresholds', () => {
  const strict = { support: 95, supportAfterRevision: 80 };

  it.each([
    ['100', ExAnteConclusion.SUPPORT],
    ['95.00', ExAnteConclusion.SUPPORT],
    ['94.99', ExAnteConclusion.SUPPORT_AFTER_REVISION],
    ['90', ExAnteConclusion.SUPPORT_AFTER_REVISION],
    ['80', ExAnteConclusion.SUPPORT_AFTER_REVISION],
    ['79.99', ExAnteConclusion.NOT_SUPPORT],
    ['70', ExAnteConclusion.NOT_SUPPORT],
  ])('with support ≥ 95 and revision ≥ 80, %s is %s', (total, expected) => {
    expect(conclusionFor(total, strict)).toBe(expected);
  });

  it('lenient thresholds support what the defaults would not', () => {
    const lenient = { support: 85, supportAfterRevision: 60 };
    expect(conclusionFor('86', lenient)).toBe(ExAnteConclusion.SUPPORT);
    expect(conclusionFor('86')).toBe(ExAnteConclusion.SUPPORT_AFTER_REVISION);
    expect(conclusionFor('65', lenient)).toBe(ExAnteConclusion.SUPPORT_AFTER_REVISION);
    expect(conclusionFor('65')).toBe(ExAnteConclusion.NOT_SUPPORT);
  });

  it('the service configuration becomes the ex-ante configuration', () => {
    expect(exAnteConfigFrom({ exAnteSupportMin: 95, exAnteRevisionMin: 80 })).toEqual({ thresholds: strict });
    const defaults = loadConfig({});
    expect(exAnteConfigFrom(defaults)).toEqual(defaultExAnteConfig);
  });
});

describe('loadConfig: EXANTE_SUPPORT_MIN and EXANTE_REVISION_MIN', () => {
  it('default to 90 and 70', () => {
    expect(loadConfig({})).toMatchObject({ exAnteSupportMin: 90, exAnteRevisionMin: 70 });
  });

  it('read the environment', () => {
    expect(loadConfig({ EXANTE_SUPPORT_MIN: '95', EXANTE_REVISION_MIN: '75' })).toMatchObject({
      exAnteSupportMin: 95,
      exAnteRevisionMin: 75,
    });
    expect(loadConfig({ EXANTE_SUPPORT_MIN: '100', EXANTE_REVISION_MIN: '0' })).toMatchObject({
      exAnteSupportMin: 100,
      exAnteRevisionMin: 0,
    });
  });

  it.each([
    [{ EXANTE_SUPPORT_MIN: '101' }, /EXANTE_SUPPORT_MIN must be an integer between 0 and 100/],
    [{ EXANTE_REVISION_MIN: '-1' }, /EXANTE_REVISION_MIN must be an integer between 0 and 100/],
    [{ EXANTE_SUPPORT_MIN: 'ninety' }, /EXANTE_SUPPORT_MIN/],
    [{ EXANTE_SUPPORT_MIN: '89.5' }, /EXANTE_SUPPORT_MIN/],
    [{ EXANTE_SUPPORT_MIN: '70', EXANTE_REVISION_MIN: '70' }, /must be greater than EXANTE_REVISION_MIN/],
    [{ EXANTE_SUPPORT_MIN: '60' }, /EXANTE_SUPPORT_MIN \(60\) must be greater than EXANTE_REVISION_MIN \(70\)/],
  ])('refuse %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('who needs an ex-ante assessment, and which stage counts', () => {
  it.each([
    [ProjectAttribute.NEW, true, false, true],
    [ProjectAttribute.NEW, false, true, true],
    [ProjectAttribute.NEW, false, false, false],
    [ProjectAttribute.CONTINUING, true, true, false],
  ])('%s, major policy %s, special fund %s → %s', (attribute, majorPolicy, specialFund, expected) => {
    expect(needsExAnte({ attribute, majorPolicy, specialFund })).toBe(expected);
  });

  it('third party over finance audit over self-assessment', () => {
    expect(EX_ANTE_STAGE_AUTHORITY).toEqual(['THIRD_PARTY', 'FINANCE_AUDIT', 'SELF']);
  });
});
