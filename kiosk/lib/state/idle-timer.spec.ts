import { describe, expect, it, vi } from 'vitest';
import { IdleTimer, type IdleClock } from './idle-timer.svelte';

/** A hand-driven clock: `advance(ms)` runs due timers in order. */
class FakeClock implements IdleClock {
	time = 0;
	#timers = new Map<number, { at: number; callback: () => void }>();
	#next = 1;

	now(): number {
		return this.time;
	}

	setTimeout(callback: () => void, ms: number): unknown {
		const id = this.#next++;
		this.#timers.set(id, { at: this.time + ms, callback });
		return id;
	}

	clearTimeout(handle: unknown): void {
		this.#timers.delete(handle as number);
	}

	get pending(): number {
		return this.#timers.size;
	}

	advance(ms: number): void {
		const end = this.time + ms;
		for (;;) {
			let dueId: number | null = null;
			let dueAt = Infinity;
			for (const [id, timer] of this.#timers) {
				if (timer.at <= end && timer.at < dueAt) {
					dueId = id;
					dueAt = timer.at;
				}
			}
			if (dueId === null) break;
			const timer = this.#timers.get(dueId);
			this.#timers.delete(dueId);
			this.time = dueAt;
			timer?.callback();
		}
		this.time = end;
	}
}

function setup(timeoutS = 60, warningS = 30) {
	const clock = new FakeClock();
	const onWarning = vi.fn();
	const onExpire = vi.fn();
	const timer = new IdleTimer({ timeoutS, warningS, clock, onWarning, onExpire });
	return { clock, timer, onWarning, onExpire };
}

describe('IdleTimer', () => {
	it('does nothing until started', () => {
		const { clock, timer, onWarning } = setup();
		clock.advance(1_000_000);
		expect(timer.phase).toBe('stopped');
		expect(onWarning).not.toHaveBeenCalled();
	});

	it('warns after the timeout and counts down the warning seconds', () => {
		const { clock, timer, onWarning, onExpire } = setup(60, 30);
		timer.start();
		clock.advance(59_999);
		expect(timer.phase).toBe('running');
		clock.advance(1);
		expect(timer.phase).toBe('warning');
		expect(timer.warning).toBe(true);
		expect(timer.secondsLeft).toBe(30);
		expect(onWarning).toHaveBeenCalledTimes(1);
		clock.advance(1000);
		expect(timer.secondsLeft).toBe(29);
		clock.advance(28_000);
		expect(timer.secondsLeft).toBe(1);
		expect(onExpire).not.toHaveBeenCalled();
		clock.advance(1000);
		expect(timer.phase).toBe('expired');
		expect(timer.secondsLeft).toBe(0);
		expect(onExpire).toHaveBeenCalledTimes(1);
		clock.advance(100_000);
		expect(onExpire).toHaveBeenCalledTimes(1);
		expect(clock.pending).toBe(0);
	});

	it('any activity restarts the wait', () => {
		const { clock, timer } = setup(60, 30);
		timer.start();
		clock.advance(50_000);
		timer.activity();
		clock.advance(50_000);
		expect(timer.phase).toBe('running');
		clock.advance(10_000);
		expect(timer.phase).toBe('warning');
	});

	it('activity during the warning does not dismiss it; "still here" does', () => {
		const { clock, timer, onExpire } = setup(10, 20);
		timer.start();
		clock.advance(10_000);
		expect(timer.phase).toBe('warning');
		timer.activity();
		expect(timer.phase).toBe('warning');
		clock.advance(5_000);
		timer.stillHere();
		expect(timer.phase).toBe('running');
		expect(timer.secondsLeft).toBe(0);
		clock.advance(9_999);
		expect(timer.phase).toBe('running');
		clock.advance(1);
		expect(timer.phase).toBe('warning');
		expect(timer.secondsLeft).toBe(20);
		expect(onExpire).not.toHaveBeenCalled();
	});

	it('stop() cancels everything, start() begins a fresh wait', () => {
		const { clock, timer, onWarning } = setup(10, 5);
		timer.start();
		clock.advance(9_000);
		timer.stop();
		expect(clock.pending).toBe(0);
		clock.advance(100_000);
		expect(onWarning).not.toHaveBeenCalled();
		timer.start();
		clock.advance(9_999);
		expect(timer.phase).toBe('running');
		clock.advance(1);
		expect(timer.phase).toBe('warning');
	});

	it('start() while running keeps the current wait', () => {
		const { clock, timer } = setup(10, 5);
		timer.start();
		clock.advance(6_000);
		timer.start();
		clock.advance(4_000);
		expect(timer.phase).toBe('warning');
	});

	it('configure() applies new durations to the running wait', () => {
		const { clock, timer } = setup(60, 30);
		timer.start();
		clock.advance(5_000);
		timer.configure(10, 3);
		clock.advance(5_000);
		expect(timer.phase).toBe('warning');
		expect(timer.secondsLeft).toBe(3);
	});

	it('rounds partial warning seconds up', () => {
		const { clock, timer } = setup(1, 2.5);
		timer.start();
		clock.advance(1000);
		expect(timer.secondsLeft).toBe(3);
		clock.advance(500);
		expect(timer.secondsLeft).toBe(2);
	});
});
