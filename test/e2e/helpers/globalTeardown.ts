import { browserRequired, chromiumPath, skipNotice } from './gate';

/** Repeats the skip notice after jest's summary, where it cannot scroll out of sight. */
export default async function e2eGlobalTeardown(): Promise<void> {
  if (!chromiumPath() && !browserRequired()) process.stdout.write(skipNotice());
}
