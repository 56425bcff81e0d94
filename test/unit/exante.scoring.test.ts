import { defaultExAnteConfig } from '../../server/modules/exante/exante.config';
import { ExAnteConclusion } from '../../server/modules/exante/exante.enums';
import {
  conclusionFor,
  fromHundredths,
  parseScore,
  toHundredths,
  totalScore,
} from '../../server/modules/exante/exante.scoring';
import { DomainError } from '../../server/shared/errors';

describe('conclusionFor (事前绩效评估结论)', () => {
  it.each([
    ['100.00', ExAnteConclusion.SUPPORT],
    ['90', ExAnteConclusion.SUPPORT],
    ['90.00', ExAnteConclusion.SUPPORT],
    ['89.99', ExAnteConclusion.SUPPORT_AFTER_REVISION],
    ['75.5', ExAnteConclusion.SUPPORT_AFTER_REVISION],
    ['70', ExAnteConclusion.SUPPORT_AFTER_REVISION],
    ['69.99', ExAnteConclusion.NOT_SUPPORT],
    ['0', ExAnteConclusion.NOT_SUPPORT],
  ])('with the default thresholds, %s is %s', (total, expected) => {
    expect(conclusionFor(total)).toBe(expected);
  });

  it('defaults to support ≥ 90 and support after revision ≥ 70', () => {
    expect(defaultExAnteConfig.thresholds).toEqual({ support: 90, supportAfterRevision: 70 });
    expect(conclusionFor('89.99', defaultExAnteConfig.thresholds)).toBe(ExAnteConclusion.SUPPORT_AFTER_REVISION);
  });

  it('follows configured thresholds, fractional ones included', () => {
    const thresholds = { support: 85, supportAfterRevision: 60.5 };
    expect(conclusionFor('85.00', thresholds)).toBe(ExAnteConclusion.SUPPORT);
    expect(conclusionFor('84.99', thresholds)).toBe(ExAnteConclusion.SUPPORT_AFTER_REVISION);
    expect(conclusionFor('60.50', thresholds)).toBe(ExAnteConclusion.SUPPORT_AFTER_REVISION);
    expect(conclusionFor('60.49', thresholds)).toBe(ExAnteConclusion.NOT_SUPPORT);
  });

  it('refuses thresholds out of order or out of range', () => {
    expect(() => conclusionFor('80', { support: 70, supportAfterRevision: 90 })).toThrow(/thresholds/);
    expect(() => conclusionFor('80', { support: 101, supportAfterRevision: 70 })).toThrow(/thresholds/);
    expect(() => conclusionFor('80', { support: 90, supportAfterRevision: -1 })).toThrow(/thresholds/);
  });

  it('refuses a total that is not a decimal with at most two decimals', () => {
    expect(() => conclusionFor('abc')).toThrow(/total score/);
    expect(() => conclusionFor('89.999')).toThrow(/total score/);
  });
});

describe('exact scoring', () => {
  it('adds scores in hundredths, without floating-point drift', () => {
    // As floats, 15.02 + 19.24 + 18 + 18 + 19.74 is 89.99999999999999, which would miss SUPPORT.
    expect(15.02 + 19.24 + 18 + 18 + 19.74).toBeLessThan(90);
    const total = totalScore({
      necessityScore: '15.02',
      economyScore: '19.24',
      targetReasonablenessScore: '18',
      feasibilityScore: '18',
      fundingComplianceScore: '19.74',
    });
    expect(total).toBe('90.00');
    expect(conclusionFor(total)).toBe(ExAnteConclusion.SUPPORT);
  });

  it('writes totals with two decimals', () => {
    const scores = {
      necessityScore: '20',
      economyScore: '20.0',
      targetReasonablenessScore: '20.00',
      feasibilityScore: '0',
      fundingComplianceScore: '0.5',
    };
    expect(totalScore(scores)).toBe('60.50');
    expect(toHundredths('18.5')).toBe(1850);
    expect(toHundredths('-1')).toBeUndefined();
    expect(fromHundredths(10_000)).toBe('100.00');
    expect(fromHundredths(7)).toBe('0.07');
  });

  it.each([
    ['20.01', 'economyScore'],
    ['21', 'economyScore'],
    ['-0.5', 'economyScore'],
    ['10.005', 'economyScore'],
  ])('refuses %s as a score, naming the dimension', (value, field) => {
    let caught: unknown;
    try {
      parseScore(field as 'economyScore', value);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('BAD_USER_INPUT');
    expect((caught as DomainError).message).toMatch(/economy \(投入经济性\) score must be between 0 and 20/);
    expect((caught as DomainError).details).toEqual({ field: 'economyScore' });
  });

  it('accepts the bounds 0 and 20', () => {
    expect(parseScore('necessityScore', '0')).toBe(0);
    expect(parseScore('necessityScore', '20.00')).toBe(2000);
  });
});
