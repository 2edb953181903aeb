import { describe, expect, it } from 'vitest';
import { WedgeDecoder, type WedgeResult, WedgeService } from './wedge';

/** Types `text` then Enter, one key every `gapMs`, starting at `start`. Returns the Enter's result. */
function scan(decoder: WedgeDecoder, text: string, start: number, gapMs = 5): WedgeResult {
	let time = start;
	for (const key of text) {
		decoder.feed({ key, time });
		time += gapMs;
	}
	return decoder.feed({ key: 'Enter', time });
}

describe('WedgeDecoder', () => {
	it('reports a code when Enter ends it', () => {
		const decoder = new WedgeDecoder();
		expect(scan(decoder, '21234000012345', 1000)).toEqual({ kind: 'scan', code: '21234000012345' });
	});

	it('buffers characters and ignores other keys', () => {
		const decoder = new WedgeDecoder();
		expect(decoder.feed({ key: '1', time: 0 })).toEqual({ kind: 'buffered' });
		expect(decoder.feed({ key: 'Shift', time: 1 })).toEqual({ kind: 'ignored' });
		expect(decoder.feed({ key: 'Tab', time: 2 })).toEqual({ kind: 'ignored' });
		expect(decoder.feed({ key: '2', time: 3 })).toEqual({ kind: 'buffered' });
		expect(decoder.pending).toBe('12');
	});

	it('ignores Enter on its own', () => {
		const decoder = new WedgeDecoder();
		expect(decoder.feed({ key: 'Enter', time: 0 })).toEqual({ kind: 'ignored' });
	});

	it('ignores keys with modifiers (shortcuts)', () => {
		const decoder = new WedgeDecoder();
		expect(decoder.feed({ key: 'r', time: 0, ctrlKey: true })).toEqual({ kind: 'ignored' });
		expect(decoder.pending).toBe('');
	});

	it('ignores the same code twice within 2 s', () => {
		const decoder = new WedgeDecoder();
		expect(scan(decoder, '111', 0).kind).toBe('scan');
		expect(scan(decoder, '111', 1500)).toEqual({ kind: 'duplicate', code: '111' });
	});

	it('measures the 2 s from the last reading, so a held trigger stays ignored', () => {
		const decoder = new WedgeDecoder();
		scan(decoder, '111', 0);
		expect(scan(decoder, '111', 1900).kind).toBe('duplicate');
		expect(scan(decoder, '111', 3800).kind).toBe('duplicate');
		expect(scan(decoder, '111', 6000).kind).toBe('scan');
	});

	it('accepts the same code again after 2 s', () => {
		const decoder = new WedgeDecoder();
		scan(decoder, '111', 0);
		expect(scan(decoder, '111', 2100).kind).toBe('scan');
	});

	it('accepts a different code right away', () => {
		const decoder = new WedgeDecoder();
		scan(decoder, '111', 0);
		expect(scan(decoder, '222', 100)).toEqual({ kind: 'scan', code: '222' });
		expect(scan(decoder, '111', 200)).toEqual({ kind: 'scan', code: '111' });
	});

	it('drops stale keys after a long pause', () => {
		const decoder = new WedgeDecoder({ maxGapMs: 1000 });
		decoder.feed({ key: '9', time: 0 });
		expect(scan(decoder, '123', 5000)).toEqual({ kind: 'scan', code: '123' });
	});

	it('accepts human typing speed within the gap', () => {
		const decoder = new WedgeDecoder();
		expect(scan(decoder, '4567', 0, 400)).toEqual({ kind: 'scan', code: '4567' });
	});

	it('respects the minimum length', () => {
		const decoder = new WedgeDecoder({ minLength: 4 });
		expect(scan(decoder, '123', 0).kind).toBe('ignored');
		expect(scan(decoder, '1234', 10).kind).toBe('scan');
	});

	it('clearBuffer() drops half-typed input but remembers the last code', () => {
		const decoder = new WedgeDecoder();
		scan(decoder, '111', 0);
		decoder.feed({ key: '1', time: 10 });
		decoder.feed({ key: '2', time: 11 });
		decoder.clearBuffer();
		expect(decoder.pending).toBe('');
		expect(scan(decoder, '111', 20).kind).toBe('duplicate');
	});

	it('can be reset', () => {
		const decoder = new WedgeDecoder();
		scan(decoder, '111', 0);
		decoder.reset();
		expect(scan(decoder, '111', 10).kind).toBe('scan');
	});
});

describe('WedgeService', () => {
	const typed = (service: WedgeService, text: string, start: number) =>
		[...text, 'Enter'].forEach((key, index) => service.handleKey({ key, time: start + index * 5 }));

	it('keeps a scan made while one screen replaces another', () => {
		let clock = 0;
		const service = new WedgeService(new WedgeDecoder(), () => clock);
		const received: string[] = [];
		const stopWelcome = service.listen(() => {});
		service.handleKey({ key: '3', time: 0 });
		stopWelcome();
		clock = 20;
		service.listen((code) => received.push(code));
		[...'0001000000101', 'Enter'].forEach((key, index) => service.handleKey({ key, time: 25 + index * 5 }));
		expect(received).toEqual(['30001000000101']);
	});

	it('sends a scan made after a screen change began to the new screen, not the old one', async () => {
		let clock = 0;
		const service = new WedgeService(new WedgeDecoder(), () => clock);
		const welcome: string[] = [];
		const returns: string[] = [];
		const stopWelcome = service.listen((code) => welcome.push(code));
		service.leaveScreen();
		typed(service, '30001000000051', 0);
		clock = 100;
		service.listen((code) => returns.push(code));
		stopWelcome();
		await Promise.resolve();
		expect(welcome).toEqual([]);
		expect(returns).toEqual(['30001000000051']);
	});

	it('hands a scan that arrived with no screen listening to the next screen, if it comes soon', async () => {
		let clock = 0;
		const service = new WedgeService(new WedgeDecoder(), () => clock);
		service.leaveScreen();
		typed(service, '30001000000010', 0);
		clock = 200;
		const received: string[] = [];
		service.listen((code) => received.push(code));
		await Promise.resolve();
		expect(received).toEqual(['30001000000010']);

		service.leaveScreen();
		typed(service, '30001000000028', 10_000);
		clock = 20_000;
		const late: string[] = [];
		service.listen((code) => late.push(code));
		await Promise.resolve();
		expect(late).toEqual([]);
	});

	it('leaves scans to a screen that reads the keyboard itself, and never hands its card or PIN on', async () => {
		let clock = 0;
		const service = new WedgeService(new WedgeDecoder(), () => clock);
		service.leaveScreen();
		const stopLogin = service.claimKeyboard();
		let consumed = false;
		[...'1234', 'Enter'].forEach((key, index) => (consumed = service.handleKey({ key, time: index * 5 }) || consumed));
		expect(consumed).toBe(false);
		service.leaveScreen();
		stopLogin();
		clock = 100;
		const borrowed: string[] = [];
		service.listen((code) => borrowed.push(code));
		await Promise.resolve();
		expect(borrowed).toEqual([]);
	});

	it('gives a card scanned while the login screen opens to the login screen', async () => {
		let clock = 0;
		const service = new WedgeService(new WedgeDecoder(), () => clock);
		service.leaveScreen();
		typed(service, '20001000000053', 0);
		clock = 100;
		const cards: string[] = [];
		service.claimKeyboard((card) => cards.push(card));
		await Promise.resolve();
		expect(cards).toEqual(['20001000000053']);
	});

	it('drops a half-typed PIN when the next screen starts listening after a pause', () => {
		let clock = 0;
		const service = new WedgeService(new WedgeDecoder(), () => clock);
		service.handleKey({ key: '1', time: 0 });
		service.handleKey({ key: '2', time: 300 });
		clock = 1_000;
		const received: string[] = [];
		service.listen((code) => received.push(code));
		typed(service, '30001000000010', 1_000);
		expect(received).toEqual(['30001000000010']);
	});
});

describe('WedgeService.deliverScan', () => {
	it('hands a code from a serial or HID scanner to the listening screen, with the double-scan rule of a typed one', () => {
		let clock = 0;
		const service = new WedgeService(new WedgeDecoder(), () => clock);
		const received: string[] = [];
		let activity = 0;
		service.onScan(() => activity++);
		service.listen((code) => received.push(code));
		service.deliverScan('30001000000010');
		clock = 500;
		service.deliverScan('30001000000010');
		clock = 600;
		[...'30001000000010', 'Enter'].forEach((key, index) => service.handleKey({ key, time: 600 + index * 5 }));
		clock = 5_000;
		service.deliverScan('30001000000010');
		expect(received).toEqual(['30001000000010', '30001000000010']);
		expect(activity).toBe(4);
	});

	it('gives it to a screen that reads the keyboard itself as a handover, since no keys reach that screen', () => {
		const service = new WedgeService(new WedgeDecoder(), () => 0);
		const cards: string[] = [];
		service.claimKeyboard((card) => cards.push(card));
		service.deliverScan('21234000000005');
		expect(cards).toEqual(['21234000000005']);
	});
});
