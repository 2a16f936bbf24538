/** The shapes REST handlers take and give, and Discord's JSON error bodies. */
import type { RouteKey } from './routes.ts';

export interface RestRequest {
  method: string;
  /** The path after /api/v10, as it arrived (still percent-encoded). */
  path: string;
  route: RouteKey;
  params: Record<string, string>;
  query: URLSearchParams;
  /** JSON body, or the `payload_json` part of a multipart body. */
  body: unknown;
  /** Names of the files of a multipart body. */
  files: string[];
}

export interface RestReply {
  status: number;
  body?: unknown;
}

export type Handler = (request: RestRequest) => RestReply | Promise<RestReply>;

export const ok = (body: unknown): RestReply => ({ status: 200, body });
export const created = (body: unknown): RestReply => ({ status: 201, body });
export const noContent = (): RestReply => ({ status: 204 });

/** Discord's error body: `{ code, message, errors? }` with the HTTP status it goes with. */
export function fail(status: number, code: number, message: string, errors?: unknown): RestReply {
  return { status, body: errors === undefined ? { code, message } : { code, message, errors } };
}

export const unknownChannel = () => fail(404, 10003, 'Unknown Channel');
export const unknownMessage = () => fail(404, 10008, 'Unknown Message');
export const unknownUser = () => fail(404, 10013, 'Unknown User');
export const unknownWebhook = () => fail(404, 10015, 'Unknown Webhook');
export const unknownInteraction = () => fail(404, 10062, 'Unknown interaction');
