/** What the last good fetch of a source gave: its text and the validators to send next time. */
export interface Fetched {
  text: string;
  etag?: string;
  lastModified?: string;
  contentType?: string;
}

export type FetchResult = { kind: 'changed'; fetched: Fetched } | { kind: 'not-modified' };

/** A fetch that failed: the status or network error, as organisers are told it. */
export class SourceFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceFetchError';
  }
}

const TIMEOUT_MS = 20_000;
/** Bigger than any meetup group's schedule; a larger answer is a wrong address, not an agenda. */
const MAX_BYTES = 10 * 1024 * 1024;

/**
 * GET with `If-None-Match` / `If-Modified-Since` from the last good copy, so an unchanged schedule
 * costs a 304 and no parsing. Throws SourceFetchError on anything but 200 or 304.
 */
export async function conditionalFetch(
  url: string,
  previous: Fetched | undefined,
  timeoutMs = TIMEOUT_MS,
): Promise<FetchResult> {
  const headers: Record<string, string> = {
    accept: 'application/json, text/calendar, application/xml;q=0.9, */*;q=0.5',
    'user-agent': 'emcee (meetup agenda bot)',
  };
  if (previous?.etag) headers['if-none-match'] = previous.etag;
  if (previous?.lastModified) headers['if-modified-since'] = previous.lastModified;
  let response: Response;
  try {
    response = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new SourceFetchError(
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : `cannot be reached (${cause ?? (error as Error).message})`,
    );
  }
  if (response.status === 304 && previous) return { kind: 'not-modified' };
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new SourceFetchError(
      `answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    );
  }
  const text = await response.text();
  if (Buffer.byteLength(text) > MAX_BYTES)
    throw new SourceFetchError(`answered more than ${MAX_BYTES / 1024 / 1024} MB`);
  const header = (name: string) => response.headers.get(name) ?? undefined;
  return {
    kind: 'changed',
    fetched: { text, etag: header('etag'), lastModified: header('last-modified'), contentType: header('content-type') },
  };
}
