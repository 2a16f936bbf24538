import { createHmac } from 'node:crypto';

/**
 * Slack's request signing for apps that receive HTTP requests: `v0=HMAC_SHA256(secret, "v0:ts:body")` in
 * `x-slack-signature`, the Unix timestamp in `x-slack-request-timestamp`.
 */
export function signature(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  secret: string;
  /** Shift the timestamp from now, e.g. -360 for a request 6 minutes old, +360 for 6 minutes ahead. */
  skewSeconds?: number;
  /** Replace the computed signature (to send a forged or corrupted one). */
  signature?: string;
}

export function signedHeaders(body: string, options: SignOptions): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000) + (options.skewSeconds ?? 0);
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? signature(options.secret, timestamp, body),
  };
}

/** The HTTP answer of the receiver: for a command or interaction, this body is the app's ack. */
export interface SignedResponse {
  status: number;
  text: string;
  /** The body parsed as JSON when it is JSON (e.g. `{ response_action: 'errors', … }`). */
  json: unknown;
}

/** Slack sends these form bodies with exactly this content type (Bolt compares it literally). */
const FORM = 'application/x-www-form-urlencoded';

export async function postSigned(
  url: string,
  body: string,
  contentType: string,
  options: SignOptions,
): Promise<SignedResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...signedHeaders(body, options) },
    body,
    signal: AbortSignal.timeout(5_000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** A slash command: a form body of its string fields. */
export function postCommand(
  url: string,
  payload: Record<string, string>,
  options: SignOptions,
): Promise<SignedResponse> {
  return postSigned(url, new URLSearchParams(payload).toString(), FORM, options);
}

/** A block action or view submission: one `payload` form field holding the JSON. */
export function postInteraction(
  url: string,
  payload: Record<string, unknown>,
  options: SignOptions,
): Promise<SignedResponse> {
  return postSigned(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, options);
}

/** An Events API callback: a JSON body. */
export function postEvent(
  url: string,
  payload: Record<string, unknown>,
  options: SignOptions,
): Promise<SignedResponse> {
  return postSigned(url, JSON.stringify(payload), 'application/json', options);
}
