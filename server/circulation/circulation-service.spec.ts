import { describe, expect, it } from 'vitest';
import { decodeMessage, type SipRequest } from '../sip2';
import { CirculationService, type LibrarySystem } from './circulation-service';
import { MemberSessions } from './member-sessions';

/**
 * What the circulation service lets through to the screens of all a library system says about a
 * member: the minimum. The library system here sends everything it has, including a birth date
 * (PB, which the kiosk has no use for) and the full name and contact data.
 */
const PATRON =
	'64              00520261123    101500000000000000000000000000AODEMO|AA20001000000012|AEJansen, Sanne|BLY|CQY|BEsanne.jansen@example.nl|BF06-21436587|BDOudegracht 88, 3511 AV Utrecht|PB19850412|';

const everything: LibrarySystem = {
	async request(message: SipRequest) {
		if (message.command === '63') return decodeMessage(Buffer.from(PATRON), { charset: 'utf-8', verifyChecksum: false }) as never;
		throw new Error(`not asked in this test: ${message.command}`);
	}
};

describe('what reaches the screen of all the library system sends', () => {
	const circulation = new CirculationService(everything, { institutionId: 'DEMO', location: 'CEN', terminalPassword: '' });

	it('login: the first name only; no surname, birth date or contact data', async () => {
		const { response } = await circulation.login('20001000000012', '1234');
		expect(response).toEqual({ ok: true, member: { firstName: 'Sanne', borrowBlock: null, feesOwed: null, offline: false } });
		expect(JSON.stringify(response)).not.toMatch(/Jansen|19850412|sanne\.jansen|21436587|Oudegracht/);
	});

	it('my account: contact data masked, and still no surname or birth date', async () => {
		const { member } = await circulation.login('20001000000012', '1234');
		const session = new MemberSessions(60_000).create(member!.patronId, member!.pin, member!.member);
		const account = await circulation.account(session);
		expect(account.details).toEqual({ email: 's***@example.nl', phone: '06 *** **87', address: 'O********* 8*, 3*** A* U******' });
		expect(JSON.stringify(account)).not.toMatch(/Jansen|19850412|sanne\.jansen|21436587|Oudegracht|20001000000012/);
	});
});
