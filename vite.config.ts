import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { host: '127.0.0.1', port: 3000, strictPort: true },
	test: {
		include: ['server/**/*.spec.ts', 'drivers/**/*.spec.ts', 'offline/**/*.spec.ts', 'kiosk/**/*.spec.ts', 'test/integration/**/*.spec.ts', 'test/support/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 15_000
	}
});
