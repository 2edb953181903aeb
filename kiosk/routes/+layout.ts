// The kiosk is a single-page app: member data only ever arrives through /api (no-store JSON),
// never inside server-rendered HTML, and the shell can be cached for offline start-up.
export const ssr = false;
export const prerender = false;
