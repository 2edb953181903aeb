import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyListenDefaults } from './listen-address.js';

describe('applyListenDefaults (npm start)', () => {
	it('listens on loopback, port 3000, when nothing is set', () => {
		expect(applyListenDefaults({})).toEqual({ HOST: '127.0.0.1', PORT: '3000', ORIGIN: 'http://127.0.0.1:3000' });
	});

	it('keeps what the environment sets, and brackets an IPv6 host in the origin', () => {
		expect(applyListenDefaults({ HOST: '::1', PORT: '8080' })).toEqual({ HOST: '::1', PORT: '8080', ORIGIN: 'http://[::1]:8080' });
		expect(applyListenDefaults({ HOST: '0.0.0.0', ORIGIN: 'https://kiosk.example' }).ORIGIN).toBe('https://kiosk.example');
	});

	it('is applied by server/start.js before the built server is loaded', () => {
		// The built server reads HOST when it is imported: the defaults must come first.
		const start = readFileSync(new URL('./start.js', import.meta.url), 'utf8');
		expect(start.indexOf('applyListenDefaults(process.env)')).toBeGreaterThan(-1);
		expect(start.indexOf('applyListenDefaults(process.env)')).toBeLessThan(start.indexOf("import('../build/index.js')"));
	});
});
