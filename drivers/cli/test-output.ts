import type { CliOutput } from './devices-cli';

/** For the CLI specs: keeps every printed line and lets a test await a line instead of sleeping. */
export function recordOutput(): { lines: string[]; out: CliOutput; waitFor(pattern: RegExp): Promise<void> } {
	const lines: string[] = [];
	const waiters: { pattern: RegExp; resolve: () => void }[] = [];
	return {
		lines,
		out: {
			line(text: string) {
				lines.push(text);
				for (const waiter of waiters.filter((w) => w.pattern.test(text))) waiter.resolve();
			}
		},
		waitFor: (pattern: RegExp) => new Promise<void>((resolve) => (lines.some((line) => pattern.test(line)) ? resolve() : waiters.push({ pattern, resolve })))
	};
}
