import { randomBytes } from 'node:crypto';
import { text } from './body.ts';
import type { Result } from './methods.ts';
import type { FakeView, Workspace } from './workspace.ts';

/** Slack's documented limits for a modal. */
const MAX_BLOCKS = 100;
const MAX_PRIVATE_METADATA = 3_000;
const MAX_CALLBACK_ID = 255;
const MAX_TITLE = 24;

type Args = Record<string, unknown>;

/** views.open: a root modal, only with a fresh trigger id. */
export function viewsOpen(ws: Workspace, args: Args): Result {
  const invalid = checkView(args.view);
  if (invalid) return invalid;
  const triggerError = ws.useTrigger(text(args.trigger_id));
  if (triggerError) return { ok: false, error: triggerError };
  const view = storeView(ws, args.view as Args, { opened_by: 'views.open', root: undefined, previous: null });
  return { ok: true, view: present(ws, view) };
}

/** views.push: a modal stacked on the open one, also needing a fresh trigger id. */
export function viewsPush(ws: Workspace, args: Args): Result {
  const invalid = checkView(args.view);
  if (invalid) return invalid;
  const triggerError = ws.useTrigger(text(args.trigger_id));
  if (triggerError) return { ok: false, error: triggerError };
  const parent = ws.lastView();
  const view = storeView(ws, args.view as Args, {
    opened_by: 'views.push',
    root: parent?.root_view_id,
    previous: parent?.id ?? null,
  });
  return { ok: true, view: present(ws, view) };
}

/** views.update: by view_id or external_id; a stale `hash` is refused as Slack refuses it. */
export function viewsUpdate(ws: Workspace, args: Args): Result {
  const invalid = checkView(args.view);
  if (invalid) return invalid;
  const byId = text(args.view_id);
  const byExternal = text(args.external_id);
  if (!byId && !byExternal) return { ok: false, error: 'invalid_arguments' };
  const current = byId ? ws.views.get(byId) : [...ws.views.values()].find((v) => v.external_id === byExternal);
  if (!current) return { ok: false, error: 'not_found' };
  const hash = text(args.hash);
  if (hash !== undefined && hash !== current.hash) return { ok: false, error: 'hash_conflict' };
  const next = { ...current, ...fields(args.view as Args), hash: newHash() };
  ws.views.set(current.id, next);
  return { ok: true, view: present(ws, next) };
}

function checkView(view: unknown): Result | undefined {
  if (typeof view !== 'object' || view === null) return { ok: false, error: 'invalid_arguments' };
  const v = view as Args;
  const problems: string[] = [];
  if (v.type !== 'modal') problems.push('type must be modal');
  if (!isPlainText(v.title)) problems.push('title must be a plain_text object');
  else if (((v.title as Args).text as string).length > MAX_TITLE) problems.push(`title longer than ${MAX_TITLE}`);
  if (!Array.isArray(v.blocks)) problems.push('blocks must be an array');
  else if (v.blocks.length > MAX_BLOCKS) problems.push(`more than ${MAX_BLOCKS} blocks`);
  if ((text(v.private_metadata) ?? '').length > MAX_PRIVATE_METADATA) problems.push('private_metadata too long');
  if ((text(v.callback_id) ?? '').length > MAX_CALLBACK_ID) problems.push('callback_id too long');
  if (problems.length === 0) return undefined;
  return {
    ok: false,
    error: 'invalid_arguments',
    response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) },
  };
}

function isPlainText(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Args).type === 'plain_text' &&
    typeof (value as Args).text === 'string'
  );
}

function fields(view: Args): Omit<FakeView, 'id' | 'hash' | 'root_view_id' | 'previous_view_id' | 'opened_by'> {
  return {
    type: 'modal',
    callback_id: text(view.callback_id) ?? '',
    private_metadata: text(view.private_metadata) ?? '',
    external_id: text(view.external_id) ?? '',
    title: view.title,
    submit: view.submit ?? null,
    close: view.close ?? null,
    blocks: view.blocks as unknown[],
  };
}

function storeView(
  ws: Workspace,
  view: Args,
  link: { opened_by: FakeView['opened_by']; root: string | undefined; previous: string | null },
): FakeView {
  const id = ws.nextId('V');
  const stored: FakeView = {
    ...fields(view),
    id,
    hash: newHash(),
    root_view_id: link.root ?? id,
    previous_view_id: link.previous,
    opened_by: link.opened_by,
  };
  ws.views.set(id, stored);
  return stored;
}

function newHash(): string {
  return `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`;
}

/** The view object as Slack returns it (and as it comes back in a view_submission payload). */
export function present(ws: Workspace, view: FakeView, values: Record<string, unknown> = {}): Record<string, unknown> {
  const { opened_by: _opened, ...rest } = view;
  return {
    ...rest,
    team_id: ws.teamId,
    state: { values },
    app_id: ws.appId,
    app_installed_team_id: ws.teamId,
    bot_id: ws.botId,
    clear_on_close: false,
    notify_on_close: false,
  };
}
