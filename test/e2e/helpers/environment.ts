import type { Circus } from '@jest/types';
import NodeEnvironment from 'jest-environment-node';

/**
 * jest's node environment (the one `testEnvironment: 'node'` names) that tells the browser tests' afterEach whether
 * the test just failed, so that it can save screenshots of the pages the test left open (browser.ts checkErrors).
 */
export default class BrowserTestEnvironment extends NodeEnvironment {
  async handleTestEvent(event: Circus.Event): Promise<void> {
    if (event.name === 'test_start') this.global.__e2eTestFailed = false;
    if (event.name === 'test_fn_failure') this.global.__e2eTestFailed = true;
  }
}
