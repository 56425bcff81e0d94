import {
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { buildApiSchema } from '../../server/graphql/schema';

/** The root types carry no description of their own; their fields still need one. */
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

const described = (text: string | null | undefined): boolean => Boolean(text?.trim());

/** Every type, field, input field and enum value without a description, as `Type`, `Type.field` or `Enum.VALUE`. */
function undescribed(types: readonly GraphQLNamedType[]): string[] {
  const missing: string[] = [];
  for (const type of types) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    if (!ROOT_TYPES.has(type.name) && !described(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!described(value.description)) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing.sort();
}

describe('schema descriptions', () => {
  it('every type, field, input field and enum value has a description', async () => {
    const schema = await buildApiSchema();
    const missing = undescribed(Object.values(schema.getTypeMap()));
    expect(missing).toEqual([]);
  });
});
