/** The fake Slack for end-to-end tests of the real Bolt app: see README.md in this folder. */
export { FakeSlack, type FakeSlackOptions, type ResponsePost, type Upload } from './server.ts';
export type { ApiCall, Fault } from './webApi.ts';
export type { Ack, DisconnectReason, EnvelopeType, SocketConnection } from './socketMode.ts';
export { textValues, type InteractionPayload, type SlashCommandPayload, type StateValues } from './payloads.ts';
export {
  postCommand,
  postEvent,
  postInteraction,
  postSigned,
  signature,
  signedHeaders,
  type SignedResponse,
} from './signer.ts';
export { TRIGGER_LIFETIME_MS, type FakeUser, type FakeView } from './workspace.ts';
