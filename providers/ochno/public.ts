// `oauth-doubles/ochno`: what tests and users need besides the harness — connection settings, approval, webhook control, types.
export { connectionSettings, type ConnectionOptions, type OchnoConnection } from './connection.ts';
export { approveAuthorization, type ApproveOptions } from './authorize/approve.ts';
export { ochnoHubs, routeWebhooks, triggerHubEvent, webhookDeliveries, webhooksSettled } from './webhooks/control.ts';
export type { Delivery, DeliveryAttempt, DeliveryStatus } from './webhooks/delivery-log.ts';
export type { DeliveryTransport } from './webhooks/dispatcher.ts';
export { HUB_CHANGES, WEBHOOK_EVENTS, type HubChange, type WebhookEvent } from './webhooks/events.ts';
export type { Hub } from './data/world.ts';
export type { OchnoQuirks } from './quirks.ts';
export { OCHNO_SCOPES, type OchnoScope } from './scopes.ts';
export { OCHNO_HOST, OCHNO_STAGE_HOST, TOKEN_PATH, AUTHORIZE_PATH, USERINFO_PATH, SUBSCRIPTIONS_PATH, type OchnoEnvironment } from './hosts.ts';
