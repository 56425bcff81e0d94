/** The fields of an indicator definition, as proposed and as published. */
export const DEFINITION_KEYS = [
  'name',
  'scope',
  'categoryId',
  'level1NodeId',
  'level2NodeId',
  'valueType',
  'defaultComparator',
  'defaultUnit',
  'visibility',
  'explanation',
  'calculationMethod',
  'dataSource',
  'scoringRule',
  'referenceValue',
] as const;
export type DefinitionKey = (typeof DEFINITION_KEYS)[number];
export type Definition = Partial<Record<DefinitionKey, string | null>>;
