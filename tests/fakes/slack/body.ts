import type { IncomingMessage } from 'node:http';

/** What a request carried: its arguments, and the raw bytes of any file part (the upload URL needs them). */
export interface ParsedBody {
  args: Record<string, unknown>;
  contentType: string;
  files: { field: string; filename: string; data: Buffer }[];
  raw: Buffer;
}

/**
 * Arguments the WebClient flattens into JSON strings inside a form body (it JSON-encodes every value that is
 * not a string, number or boolean). Slack decodes these fields; decoding them here lets a test assert on
 * `args.blocks[0]` rather than on a string.
 */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'files', 'metadata', 'unfurls', 'payload']);

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function parseBody(req: IncomingMessage): Promise<ParsedBody> {
  const raw = await readRaw(req);
  const contentType = req.headers['content-type'] ?? '';
  const base = { contentType, raw, files: [] };
  if (raw.length === 0) return { ...base, args: {} };
  if (contentType.startsWith('application/json')) return { ...base, args: asObject(JSON.parse(raw.toString('utf8'))) };
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return { ...base, args: decodeFields(new URLSearchParams(raw.toString('utf8')).entries()) };
  }
  if (contentType.startsWith('multipart/form-data')) return parseMultipart(raw, contentType);
  return { ...base, args: {} };
}

/** Multipart bodies are parsed by the platform's own fetch implementation rather than by hand. */
async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const fields: [string, string][] = [];
  const files: ParsedBody['files'] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') fields.push([field, value]);
    else files.push({ field, filename: value.name, data: Buffer.from(await value.arrayBuffer()) });
  }
  return { args: decodeFields(fields.values()), contentType, files, raw };
}

function decodeFields(entries: Iterable<[string, string]>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of entries) args[key] = JSON_FIELDS.has(key) ? tryJson(value) : value;
  return args;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A boolean argument as Slack reads it: form bodies carry `true`/`1` as strings. */
export function flag(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}

export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
