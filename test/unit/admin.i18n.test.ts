import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, isEnumType } from 'graphql';
import { enDomain } from '../../admin/src/i18n/en-domain';
import { zhDomain } from '../../admin/src/i18n/zh-domain';

/**
 * The console's labels for the API's enums (`enums.<Enum>.<VALUE>`): every value of each labelled enum in the printed
 * schema has a label in both languages, and the English ones are labels, not descriptions cut off mid-sentence.
 */
const schema = buildSchema(readFileSync(resolve(__dirname, '../../schema/schema.graphql'), 'utf8'));
const zh = zhDomain.enums as Record<string, Record<string, string>>;
const en = enDomain.enums as Record<string, Record<string, string>>;

describe('enum labels', () => {
  it('cover every value of each enum, in Chinese and in English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const name of Object.keys(zh)) {
      const type = schema.getType(name);
      if (!isEnumType(type)) throw new Error(`enums.${name} labels an enum the schema does not have`);
      const values = type
        .getValues()
        .map((v) => v.name)
        .sort();
      expect({ name, zh: Object.keys(zh[name] ?? {}).sort() }).toEqual({ name, zh: values });
      expect({ name, en: Object.keys(en[name] ?? {}).sort() }).toEqual({ name, en: values });
    }
  });

  it('are short labels in English, with nothing cut off', () => {
    const bad = Object.entries(en).flatMap(([name, labels]) =>
      Object.entries(labels)
        .filter(
          ([, label]) =>
            label.length > 40 ||
            (label.match(/\(/g) ?? []).length !== (label.match(/\)/g) ?? []).length ||
            /[a-z]{2,}[A-Z]|\b[a-z]+[A-Z][A-Za-z]*\(|[,(]$/.test(label) ||
            !/^[A-Z]/.test(label),
        )
        .map(([value, label]) => `${name}.${value}: ${label}`),
    );
    expect(bad).toEqual([]);
  });
});
