export { FakeDiscord, type FakeDiscordOptions, type Place } from './server.ts';
export { InteractionHandle } from './interactions.ts';
export { SnowflakeGenerator, snowflakeDate } from './snowflake.ts';
export { withTimeout, Recorded, DEFAULT_WAIT_MS } from './waiting.ts';
export type { RouteKey } from './routes.ts';
export type { RecordedRequest } from './rest.ts';
export type { PostedMessage } from './messages.ts';
export type { Invocation, OptionValue } from './commands.ts';
export { failOnUnhandledRejections } from './unhandled.ts';
