import { describe, expect, it } from 'vitest';
import { MemberSessions } from './member-sessions';

const member = { firstName: 'Sanne', borrowBlock: null, feesOwed: null, offline: false };

describe('MemberSessions', () => {
	it('gives each session a long random id and finds it again while in use', () => {
		const sessions = new MemberSessions(1_000);
		const first = sessions.create('20001000000012', null, member);
		const second = sessions.create('20001000000012', null, member);
		expect(first.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(first.id).not.toBe(second.id);
		expect(sessions.touch(first.id)?.patronId).toBe('20001000000012');
		expect(sessions.touch('made-up')).toBeNull();
		expect(sessions.touch(undefined)).toBeNull();
	});

	it('expires a session left alone too long, and the sweep hands it over for ending', () => {
		let now = 0;
		const sessions = new MemberSessions(1_000, () => now);
		const kept = sessions.create('20001000000012', null, member);
		const left = sessions.create('20001000000038', null, member);
		now = 900;
		sessions.touch(kept.id);
		now = 1_500;
		expect(sessions.touch(left.id)).toBeNull();
		expect(sessions.sweepExpired().map((session) => session.patronId)).toEqual(['20001000000038']);
		expect(sessions.size).toBe(1);
		expect(sessions.touch(kept.id)).not.toBeNull();
	});

	it('ends a session once; ending again is harmless', () => {
		const sessions = new MemberSessions(1_000);
		const session = sessions.create('20001000000012', null, member);
		expect(sessions.end(session.id)?.id).toBe(session.id);
		expect(sessions.end(session.id)).toBeNull();
		expect(sessions.touch(session.id)).toBeNull();
	});
});
