import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

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
