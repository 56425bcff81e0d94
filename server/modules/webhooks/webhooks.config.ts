import type { Config } from '../../config';

/** How webhook deliveries are made and retried (from the configuration). */
export interface WebhookSettings {
  readonly enabled: boolean;
  readonly allowPrivate: boolean;
  readonly maxAttempts: number;
  readonly backoffMs: number;
  readonly backoffMaxMs: number;
  readonly timeoutMs: number;
  readonly pollMs: number;
}

export function webhookSettingsFrom(config: Config): WebhookSettings {
  return {
    enabled: config.webhooksEnabled,
    allowPrivate: config.webhookAllowPrivate,
    maxAttempts: config.webhookMaxAttempts,
    backoffMs: config.webhookBackoffMs,
    backoffMaxMs: config.webhookBackoffMaxMs,
    timeoutMs: config.webhookTimeoutMs,
    pollMs: config.webhookPollMs,
  };
}
