import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppUpdates, UpdatePolicy, type UpdateWorker } from './app-updates';

function policy() {
	const apply = vi.fn();
	const reload = vi.fn();
	return { policy: new UpdatePolicy({ apply, reload }), apply, reload };
}

/** A Workbox-like object whose events the test fires. */
function fakeWorker() {
	const listeners = new Map<string, Array<() => void>>();
	const worker = {
		addEventListener: vi.fn((type: string, listener: () => void) => {
			listeners.set(type, [...(listeners.get(type) ?? []), listener]);
		}),
		register: vi.fn(async () => ({})),
		update: vi.fn(async () => {}),
		messageSkipWaiting: vi.fn()
	} satisfies UpdateWorker;
	const fire = (type: 'waiting' | 'controlling') => listeners.get(type)?.forEach((listener) => listener());
	return { worker, fire };
}

describe('UpdatePolicy', () => {
	it('applies a waiting update at once when the kiosk is on the welcome screen', () => {
		const { policy: p, apply, reload } = policy();
		p.welcomeScreen(true);
		p.updateWaiting();
		expect(apply).toHaveBeenCalledTimes(1);
		expect(reload).not.toHaveBeenCalled();
		p.updateControlling();
		expect(reload).toHaveBeenCalledTimes(1);
	});

	it('waits through a member session and applies on the return to the welcome screen', () => {
		const { policy: p, apply, reload } = policy();
		p.welcomeScreen(false);
		p.updateWaiting();
		p.welcomeScreen(false);
		expect(apply).not.toHaveBeenCalled();
		p.welcomeScreen(true);
		expect(apply).toHaveBeenCalledTimes(1);
		p.updateControlling();
		expect(reload).toHaveBeenCalledTimes(1);
	});

	it('does nothing on the welcome screen without an update', () => {
		const { policy: p, apply, reload } = policy();
		p.welcomeScreen(true);
		p.welcomeScreen(false);
		p.welcomeScreen(true);
		expect(apply).not.toHaveBeenCalled();
		expect(reload).not.toHaveBeenCalled();
	});

	it('does not reload when the first version takes control (nothing was applied)', () => {
		const { policy: p, reload } = policy();
		p.welcomeScreen(true);
		p.updateControlling();
		expect(reload).not.toHaveBeenCalled();
	});

	it('does not reload into a session a member started after the update was applied', () => {
		const { policy: p, reload } = policy();
		p.welcomeScreen(true);
		p.updateWaiting();
		p.welcomeScreen(false);
		p.updateControlling();
		expect(reload).not.toHaveBeenCalled();
		p.welcomeScreen(true);
		expect(reload).toHaveBeenCalledTimes(1);
	});

	it('applies and reloads at most once per page', () => {
		const { policy: p, apply, reload } = policy();
		p.welcomeScreen(true);
		p.updateWaiting();
		p.updateWaiting();
		p.updateControlling();
		p.updateControlling();
		p.welcomeScreen(false);
		p.welcomeScreen(true);
		expect(apply).toHaveBeenCalledTimes(1);
		expect(reload).toHaveBeenCalledTimes(1);
	});
});

describe('AppUpdates', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('registers once and tells a waiting worker to take over only on the welcome screen', async () => {
		const { worker, fire } = fakeWorker();
		const reload = vi.fn();
		const updates = new AppUpdates({ createWorker: async () => worker, reload });
		await updates.start();
		await updates.start();
		expect(worker.register).toHaveBeenCalledTimes(1);

		updates.onWelcomeScreen(false);
		fire('waiting');
		expect(worker.messageSkipWaiting).not.toHaveBeenCalled();

		updates.onWelcomeScreen(true);
		expect(worker.messageSkipWaiting).toHaveBeenCalledTimes(1);
		expect(reload).not.toHaveBeenCalled();
		fire('controlling');
		expect(reload).toHaveBeenCalledTimes(1);
	});

	it('does nothing where there is no service worker to register', async () => {
		const reload = vi.fn();
		const updates = new AppUpdates({ createWorker: async () => null, reload });
		await expect(updates.start()).resolves.toBeUndefined();
		updates.onWelcomeScreen(true);
		expect(reload).not.toHaveBeenCalled();
	});

	it('never throws when registering fails', async () => {
		const { worker } = fakeWorker();
		worker.register.mockRejectedValueOnce(new Error('offline'));
		const updates = new AppUpdates({ createWorker: async () => worker, reload: vi.fn() });
		await expect(updates.start()).resolves.toBeUndefined();
	});

	it('looks for a new version periodically, ignoring failures', async () => {
		vi.useFakeTimers();
		const { worker } = fakeWorker();
		worker.update.mockRejectedValue(new Error('offline'));
		const updates = new AppUpdates({ createWorker: async () => worker, reload: vi.fn(), checkEveryMs: 1000 });
		await updates.start();
		await vi.advanceTimersByTimeAsync(3000);
		expect(worker.update).toHaveBeenCalledTimes(3);
		updates.stop();
		await vi.advanceTimersByTimeAsync(3000);
		expect(worker.update).toHaveBeenCalledTimes(3);
	});
});
