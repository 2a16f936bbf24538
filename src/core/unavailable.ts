/**
 * What commands rely on failed while the bot was running (the store: disk gone, Redis down). The
 * core answers "try again in a moment"; the failing layer logs the outage once, not once per
 * command. The store's `StoreUnavailableError` is one (src/store/storeErrors.ts).
 */
export class UnavailableError extends Error {}
