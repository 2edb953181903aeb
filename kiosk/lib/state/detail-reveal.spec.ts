import { describe, expect, it, vi } from 'vitest';
import { DetailReveal, REVEAL_SECONDS } from './detail-reveal.svelte';

function fakeTimers() {
	const pending = new Map<number, { callback: () => void; ms: number }>();
	let next = 1;
	return {
		setTimeout: (callback: () => void, ms: number) => {
			pending.set(next, { callback, ms });
			return next++;
		},
		clearTimeout: (handle: unknown) => void pending.delete(handle as number),
		fireAll: () => {
			for (const [handle, timer] of [...pending]) {
				pending.delete(handle);
				timer.callback();
			}
		},
		pending
	};
}

describe('DetailReveal', () => {
	it('fetches a field only when asked, shows it, and hides it again by itself', async () => {
		const timers = fakeTimers();
		const reveal = vi.fn(async () => ({ value: 'sanne.jansen@example.nl' }));
		const details = new DetailReveal({ reveal, ...timers });
		expect(details.isShown('email')).toBe(false);
		await details.toggle('email');
		expect(reveal).toHaveBeenCalledWith('email');
		expect(details.shown).toEqual({ email: 'sanne.jansen@example.nl' });
		expect([...timers.pending.values()].map((timer) => timer.ms)).toEqual([REVEAL_SECONDS * 1000]);
		timers.fireAll();
		expect(details.shown).toEqual({});
	});

	it('hides on a second tap, and forgets everything when the screen is left', async () => {
		const timers = fakeTimers();
		const details = new DetailReveal({ reveal: async (field) => ({ value: `${field}-value` }), ...timers });
		await details.toggle('phone');
		await details.toggle('phone');
		expect(details.shown).toEqual({});
		expect(timers.pending.size).toBe(0);
		await details.toggle('phone');
		await details.toggle('address');
		details.hideAll();
		expect(details.shown).toEqual({});
		expect(timers.pending.size).toBe(0);
	});

	it('says so when the field could not be fetched, and shows nothing', async () => {
		const details = new DetailReveal({ reveal: async () => Promise.reject(new Error('offline')), ...fakeTimers() });
		await details.toggle('email');
		expect(details.failed).toBe(true);
		expect(details.shown).toEqual({});
	});
});
