import { DEFINITION_KEYS, type Definition } from '../indicatorChangeRequests/definition';

/** The optional fields of a definition, which a MODIFY may clear (the required ones keep the form's validation). */
const CLEARABLE_KEYS = new Set<string>([
  'level2NodeId',
  'explanation',
  'calculationMethod',
  'scoringRule',
  'defaultUnit',
  'referenceValue',
  'dataSource',
]);

/**
 * A MODIFY proposal's definition: only the fields the user changed. The API lays them over the published definition;
 * null clears an optional field the user emptied, an emptied required field is left to the form's validation.
 */
export function changedFields(initial: Definition, values: Definition): Definition {
  const out: Definition = {};
  for (const key of DEFINITION_KEYS) {
    const before = initial[key] ?? '';
    const after = values[key] ?? '';
    if (String(before) === String(after)) continue;
    if (after !== '') out[key] = String(after);
    else if (CLEARABLE_KEYS.has(key)) out[key] = null;
  }
  return out;
}
