/**
 * A stand-in for the browser's EventSource in unit tests: it records what was opened and lets the
 * test play the server (open, send an event, break the connection).
 */
import type { PadSnapshot } from '$lib/api/contract';
import { EVENT_SOURCE_CLOSED, type EventSourceFactory, type EventSourceLike } from './device-events';

type Listener = (event: { data?: unknown }) => void;

export class FakeEventSource implements EventSourceLike {
	readyState = 0;
	closed = false;
	readonly #listeners = new Map<string, Listener[]>();

	constructor(readonly url: string) {}

	addEventListener(type: string, listener: Listener): void {
		this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
	}

	close(): void {
		this.closed = true;
		this.readyState = EVENT_SOURCE_CLOSED;
	}

	#emit(type: string, event: { data?: unknown } = {}): void {
		for (const listener of this.#listeners.get(type) ?? []) listener(event);
	}

	open(): void {
		this.readyState = 1;
		this.#emit('open');
	}

	send(type: string, data: string): void {
		this.#emit(type, { data });
	}

	pad(snapshot: PadSnapshot): void {
		this.send('pad', JSON.stringify(snapshot));
	}

	/** The connection dropped; the browser is reconnecting by itself. */
	drop(): void {
		this.readyState = 0;
		this.#emit('error');
	}

	/** The browser gave up (e.g. the server answered 404): readyState CLOSED. */
	fail(): void {
		this.readyState = EVENT_SOURCE_CLOSED;
		this.#emit('error');
	}
}

/** A factory that keeps every stream it opened, newest last. */
export function fakeEventSources(): { create: EventSourceFactory; opened: FakeEventSource[]; latest(): FakeEventSource } {
	const opened: FakeEventSource[] = [];
	return {
		create: (url) => {
			const source = new FakeEventSource(url);
			opened.push(source);
			return source;
		},
		opened,
		latest: () => {
			const source = opened.at(-1);
			if (!source) throw new Error('no EventSource was opened');
			return source;
		}
	};
}
