import { describe, expect, it } from 'vitest';
import {
  cardSchema,
  fieldSchema,
  formFieldSpec,
  indicatorSpec,
  parseBoolean,
  parseNumber,
  validateFields,
} from '../../src/domain/indicator-values.js';
import { shippedCampaign } from '../helpers.js';

const c = shippedCampaign();
const spec = (id: string) => indicatorSpec(c.indicator(id)!);

describe('parseNumber', () => {
  it.each([
    ['70', 70],
    ['70.5', 70.5],
    [' 15,000 ', 15000],
    ['1.5万', 15000],
    ['三千五百', 3500],
    ['两千', 2000],
    ['0.5亿', 50_000_000],
    ['-3', -3],
    ['１２３', 123],
    ['70%', 70],
    ['1.5万元/公顷', 1.5],
    ['2万 万元/公顷', 20000],
  ])('should read %s as %d', (text, value) => {
    expect(parseNumber(text, text.endsWith('万元/公顷') ? '万元/公顷' : '%')).toBe(value);
  });

  it.each(['', 'abc', '70 apples', '大约七十', '1.5万 和 2万', '地均产出强度'])('should refuse %j', (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });
});

describe('parseBoolean', () => {
  it('should read Chinese and English yes/no, and nothing else', () => {
    expect(['是', 'yes', 'Y', 'true', '已开展'].map(parseBoolean)).toEqual([true, true, true, true, true]);
    expect(['否', 'no', 'false', '没有'].map(parseBoolean)).toEqual([false, false, false, false]);
    expect(parseBoolean('也许')).toBeUndefined();
  });
});

describe('indicator schemas built from the catalog', () => {
  it('should accept strings as Web Chat sends them, including Chinese numerals', () => {
    const s = fieldSchema(spec('inefficient-land-redeveloped'), 'zh');
    expect(s.parse('1.5万')).toBe(15000);
    expect(s.parse('三千五百')).toBe(3500);
    expect(s.parse('12.25')).toBe(12.25);
    expect(s.parse(42)).toBe(42);
  });

  it('should enforce the bounds and decimals of the catalog', () => {
    const rate = fieldSchema(spec('land-supply-rate'), 'zh'); // 0–100, 1 decimal
    expect(rate.safeParse('100').success).toBe(true);
    expect(rate.safeParse('0').success).toBe(true);
    const over = rate.safeParse('100.1');
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toContain('0 到 100');
    const decimals = rate.safeParse('70.25');
    expect(decimals.error?.issues[0]?.message).toContain('最多 1 位小数');
    expect(fieldSchema(spec('land-supply-rate'), 'en').safeParse('-1').error?.issues[0]?.message).toContain('between 0 and 100');
    expect(fieldSchema(spec('land-use-per-gdp-decline'), 'zh').parse('-5.5')).toBe(-5.5); // negative bound allowed
  });

  it('should require a value and explain a non-number', () => {
    const s = fieldSchema(spec('land-supply-rate'), 'zh');
    expect(s.safeParse('').error?.issues[0]?.message).toBe('必填');
    expect(s.safeParse('七十左右').error?.issues[0]?.message).toContain('请填写数字');
  });

  it('should read boolean indicators from card choices and typed words', () => {
    const s = fieldSchema(spec('intensive-use-evaluation'), 'zh');
    expect(s.parse('yes')).toBe(true);
    expect(s.parse('否')).toBe(false);
    expect(s.safeParse('maybe').success).toBe(false);
  });

  it('should build one schema for a whole card', () => {
    const specs = ['land-supply-rate', 'inefficient-land-redeveloped'].map(spec);
    expect(cardSchema(specs, 'zh').parse({ 'land-supply-rate': '75', 'inefficient-land-redeveloped': '1.5万' })).toEqual({
      'land-supply-rate': 75,
      'inefficient-land-redeveloped': 15000,
    });
    expect(cardSchema(specs, 'zh').safeParse({ 'land-supply-rate': '750' }).success).toBe(false);
  });

  it('should validate each field separately so a draft can keep the good ones', () => {
    const specs = ['land-supply-rate', 'inefficient-land-redeveloped', 'idle-land-disposal-rate'].map(spec);
    const r = validateFields(
      specs,
      { 'land-supply-rate': '75', 'inefficient-land-redeveloped': 'lots', 'idle-land-disposal-rate': '' },
      'zh',
    );
    expect(r.values).toEqual({ 'land-supply-rate': 75 });
    expect(Object.keys(r.errors).sort()).toEqual(['idle-land-disposal-rate', 'inefficient-land-redeveloped']);
  });
});

describe('form field schemas', () => {
  const form = (id: string) => formFieldSpec(c.formFields.find((f) => f.id === id)!)!;

  it('should check phone formats', () => {
    const s = fieldSchema(form('contactPhone'), 'zh');
    expect(s.parse('010-64409597')).toBe('010-64409597');
    expect(s.parse('13812345678')).toBe('13812345678');
    expect(s.parse('64409597')).toBe('64409597');
    expect(s.safeParse('12345').error?.issues[0]?.message).toContain('电话格式');
  });

  it('should check lengths, optional fields and auto fields', () => {
    expect(fieldSchema(form('summary'), 'zh').safeParse('太短').error?.issues[0]?.message).toContain('至少 20');
    expect(fieldSchema(form('leader'), 'zh').safeParse('很'.repeat(21)).error?.issues[0]?.message).toContain('最多 20');
    expect(fieldSchema(form('highlights'), 'zh').parse('')).toBeUndefined();
    expect(fieldSchema(form('funding'), 'zh').parse('五十')).toBe(50);
    expect(fieldSchema(form('leadershipGroup'), 'zh').parse('yes')).toBe(true);
    expect(formFieldSpec(c.formFields.find((f) => f.id === 'district')!)).toBeUndefined();
  });
});
