import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * sha256 of the style attribute of SvelteKit's route announcer (`#svelte-announcer`, generated
 * root.svelte): `position: absolute; left: 0; top: 0; clip: rect(0 0 0 0); clip-path: inset(50%);
 * overflow: hidden; white-space: nowrap; width: 1px; height: 1px`.
 */
const ANNOUNCER_STYLE_HASH = 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// The app lives in kiosk/; server-side code the routes call lives in server/.
		files: {
			assets: 'kiosk/static',
			hooks: { client: 'kiosk/hooks.client', server: 'kiosk/hooks.server', universal: 'kiosk/hooks' },
			lib: 'kiosk/lib',
			params: 'kiosk/params',
			routes: 'kiosk/routes',
			serviceWorker: 'kiosk/service-worker',
			appTemplate: 'kiosk/app.html',
			errorTemplate: 'kiosk/error.html'
		},
		// kiosk/service-worker.ts caches the app shell; $lib/services/app-updates registers it
		// (workbox-window) and lets a new version take over only on the welcome screen.
		serviceWorker: { register: false },
		// Nothing from elsewhere: no analytics, fonts or CDNs, only the kiosk's own origin. Hashes, not
		// nonces, for SvelteKit's inline start-up script: the service worker keeps the shell and replays
		// it offline, and a replayed nonce would be a constant one. No 'unsafe-inline' for styles: the
		// kiosk has no style attributes (app.html's wrapper is styled from kiosk.css); the one style
		// attribute SvelteKit itself renders, on its visually hidden route announcer, is allowed by its
		// hash alone. Should SvelteKit change that style, security-headers.spec.ts reports the violation.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-hashes', ANNOUNCER_STYLE_HASH],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		alias: {
			$server: 'server',
			$drivers: 'drivers',
			$offline: 'offline'
		},
		typescript: {
			// Type-check the server, the tests and the benchmarks along with the app.
			config(tsconfig) {
				tsconfig.include.push('../server/**/*.ts', '../drivers/**/*.ts', '../offline/**/*.ts', '../test/**/*.ts', '../bench/**/*.ts', '../playwright.config.ts');
			}
		}
	}
};

export default config;
