import type { NonEmptyArray } from 'type-graphql';
import { admissionResolvers } from '../modules/admission';
import { auditResolvers } from '../modules/audit';
import { dashboardResolvers } from '../modules/dashboard';
import { eventsResolvers } from '../modules/events';
import { exanteResolvers } from '../modules/exante';
import { fiscalResolvers } from '../modules/fiscal';
import { identityResolvers } from '../modules/identity';
import { indicatorResolvers } from '../modules/indicator';
import { projectResolvers } from '../modules/project';
import { reviewResolvers } from '../modules/review';
import { targetResolvers } from '../modules/target';
import { webhooksResolvers } from '../modules/webhooks';

type ResolverClass = new (...args: never[]) => object;

/** Every module's resolvers. A module exports its list from its index.ts. */
export const resolvers: NonEmptyArray<ResolverClass> = [
  ...identityResolvers,
  ...fiscalResolvers,
  ...indicatorResolvers,
  ...admissionResolvers,
  ...projectResolvers,
  ...exanteResolvers,
  ...targetResolvers,
  ...reviewResolvers,
  ...auditResolvers,
  ...eventsResolvers,
  ...dashboardResolvers,
  ...webhooksResolvers,
];
