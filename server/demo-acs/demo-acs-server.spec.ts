import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawSipConnection } from '../../test/support/raw-sip-connection';
import { checksumOfCharacters } from '../sip2';
import type { RunningDemoAcs } from './demo-acs-server';
import { startDemoLibrarySystem } from './demo-library-system';

/** Wire behaviour of the demo ACS, spoken to by hand over a real socket (sip2.md §5, §9). */
let acs: RunningDemoAcs;
beforeAll(async () => {
	acs = await startDemoLibrarySystem();
});
afterAll(() => acs.close());

const withChecksum = (body: string) => body + checksumOfCharacters(body);
const LOGIN = '9300CNkiosk|COkiosk|CPCEN|';

async function loggedIn(): Promise<RawSipConnection> {
	const connection = await RawSipConnection.open(acs.port);
	connection.send(LOGIN + '\r');
	expect(await connection.next()).toBe('941\r');
	return connection;
}

describe('demo ACS on the wire', () => {
	it('answers with the terminator the client used', async () => {
		const connection = await RawSipConnection.open(acs.port);
		connection.send(LOGIN + '\r\n');
		expect(await connection.next()).toBe('941\r\n');
		connection.send('9900802.00\r');
		expect(await connection.next()).toMatch(/^98YYYYYY.*\r$/);
		connection.close();
	});

	it('adds AY/AZ only when the request had them, echoing the sequence number', async () => {
		const connection = await loggedIn();
		connection.send('9900802.00\r');
		expect(await connection.next()).not.toMatch(/AY\dAZ/);
		connection.send(withChecksum('9900802.00AY4AZ') + '\r');
		const answer = (await connection.next())!.slice(0, -1);
		expect(answer).toMatch(/AY4AZ[0-9A-F]{4}$/);
		expect(checksumOfCharacters(answer.slice(0, -4))).toBe(answer.slice(-4));
		connection.close();
	});

	it('answers a bad checksum with 96, and a 97 with the last answer again', async () => {
		const connection = await loggedIn();
		connection.send('9900802.00AY1AZ0000\r');
		expect(await connection.next()).toBe('96AZFEF6\r');
		connection.send(withChecksum('1720261123    101500AODEMO|AB30001000000010|AY2AZ') + '\r');
		const item = await connection.next();
		expect(item).toMatch(/^1803/);
		connection.send('97AZFEF5\r');
		expect(await connection.next()).toBe(item);
		connection.close();
	});

	it('re-sends the last answer for a duplicate request instead of doing it twice', async () => {
		const connection = await loggedIn();
		const checkout = withChecksum('11YN20261123    101500                  AODEMO|AA20001000000012|AB30001000000093|AC|AD1234|AY3AZ') + '\r';
		connection.send(checkout);
		const first = await connection.next();
		connection.send(checkout);
		expect(await connection.next()).toBe(first);
		expect(first).toMatch(/^121N/);
		connection.close();
	});

	it('ignores an unknown command and serves nothing but login and status before login', async () => {
		const connection = await RawSipConnection.open(acs.port);
		connection.send('42hello|\r9900802.00\r');
		expect(await connection.next()).toMatch(/^98/);
		connection.send('1720261123    101500AODEMO|AB30001000000010|\r');
		expect(await connection.next()).toBeNull();
	});

	it('says on return which hold shelf an item goes to and for whom, or which branch it is sent to', async () => {
		const connection = await loggedIn();
		connection.send('09N20261123    101500                  APCEN|AODEMO|AB30001000000135|AC|\r');
		const hold = (await connection.next())!;
		expect(hold).toMatch(/^101YNY/);
		expect(hold).toContain('|CV01|');
		expect(hold).toContain('|CY20001000000038|');
		expect(hold).toContain('|DAJ. de Vries|');
		connection.send('09N20261123    101500                  APCEN|AODEMO|AB30001000000143|AC|\r');
		const transit = (await connection.next())!;
		expect(transit).toContain('|CV04|');
		expect(transit).toContain('|CTNRD|');
		connection.close();
	});

	it('refuses a wrong password with 940, also on a connection already logged in', async () => {
		const connection = await loggedIn();
		connection.send('9300CNkiosk|COwrong|\r');
		expect(await connection.next()).toBe('940\r');
		connection.send('1720261123    101500AODEMO|AB30001000000010|\r');
		expect(await connection.next()).toBeNull();
	});
});
