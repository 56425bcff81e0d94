import { getMetadataStorage } from 'type-graphql';
import { type EventRecord, ReviewEvent, toReviewEvent } from '../events';
import type { Guard } from '../identity/identity.permissions';
import { allows } from '../identity/identity.rules';
import type { Viewer } from '../identity/identity.viewer';

let guarded: { field: string; guards: Guard[] }[] | undefined;

/** The fields of ReviewEvent that carry `@Authorized(...)`, read once from type-graphql's metadata. */
function guardedFields(): { field: string; guards: Guard[] }[] {
  guarded ??= getMetadataStorage()
    .authorizedFields.filter((a) => a.target === ReviewEvent)
    .map((a) => ({ field: a.fieldName, guards: a.roles as Guard[] }));
  return guarded;
}

/**
 * The event as the API would show it to the endpoint's owner: every ReviewEvent field, minus those the owner's
 * field rules withhold (e.g. actorLogin without ReadReviewerIdentity), minus internal helpers.
 */
export function eventForOwner(e: EventRecord, owner: Viewer): Record<string, unknown> {
  const event = toReviewEvent(e);
  const shown: Record<string, unknown> = { ...event };
  delete shown.targetStatus;
  for (const { field, guards } of guardedFields()) {
    if (!guards.some((g) => allows(g, owner, event))) delete shown[field];
  }
  return shown;
}

/** The raw JSON body of one delivery. */
export function deliveryBody(deliveryId: string, endpointId: number, e: EventRecord, owner: Viewer): string {
  return JSON.stringify({ deliveryId, endpointId: String(endpointId), event: eventForOwner(e, owner) });
}
