import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ByteLink } from './byte-link';
import { createMemoryLinkPair, MemoryLinkOpener } from './memory-link';
import { openPtyPair } from './pty-pair';
import { serialLinkOpener } from './serial-link';
import { tcpLinkFromSocket, tcpLinkOpener } from './tcp-link';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

function nextData(link: ByteLink): Promise<Buffer> {
	return new Promise((resolve) => link.once('data', resolve));
}

function closed(link: ByteLink): Promise<Error | null> {
	return new Promise((resolve) => link.once('close', resolve));
}

describe('memory link pair', () => {
	it('carries bytes both ways and closes both ends together', async () => {
		const [driver, device] = createMemoryLinkPair('test');
		const atDevice = nextData(device);
		await driver.write(Buffer.from([1, 2, 3]));
		expect([...(await atDevice)]).toEqual([1, 2, 3]);
		const atDriver = nextData(driver);
		await device.write(Buffer.from('ok'));
		expect((await atDriver).toString()).toBe('ok');
		const gone = closed(device);
		await driver.close();
		expect(await gone).toBeNull();
		await expect(driver.write(Buffer.from([0]))).rejects.toThrow(/closed/);
	});

	it('an unplugged device closes the link with an error and cannot be opened until plugged in again', async () => {
		const opener = new MemoryLinkOpener('scanner', () => {});
		const link = await opener.open();
		const gone = closed(link);
		opener.unplug();
		expect((await gone)?.message).toMatch(/disconnected/);
		await expect(opener.open()).rejects.toThrow(/no such device/);
		opener.plugIn();
		expect((await opener.open()).isOpen).toBe(true);
	});
});

describe('serial link over a socat pseudo-terminal pair', () => {
	it('carries bytes between two real SerialPorts and reports the peer going away', async () => {
		const pty = await openPtyPair();
		cleanup.push(() => pty.close());
		const driver = await serialLinkOpener({ path: pty.driverPath, baudRate: 38400 }).open();
		const device = await serialLinkOpener({ path: pty.devicePath, baudRate: 38400 }).open();
		cleanup.push(() => driver.close(), () => device.close());
		expect(driver.description).toBe(`serial:${pty.driverPath}@38400`);
		const received = nextData(device);
		await driver.write(Buffer.from([0x02, 0x00, 0x07, 0xff, 0xb0, 0x01, 0x00]));
		expect([...(await received)]).toEqual([0x02, 0x00, 0x07, 0xff, 0xb0, 0x01, 0x00]);
	});

	it('fails to open a port that does not exist, with a typed error', async () => {
		await expect(serialLinkOpener({ path: '/dev/does-not-exist', baudRate: 9600 }).open()).rejects.toMatchObject({ name: 'LinkError' });
	});
});

describe('tcp link', () => {
	it('connects, carries bytes, and reports the device closing the connection', async () => {
		let serverSide: ByteLink | null = null;
		const server = net.createServer((socket) => (serverSide = tcpLinkFromSocket(socket)));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		cleanup.push(() => new Promise((resolve) => server.close(resolve)));
		const port = (server.address() as net.AddressInfo).port;
		const link = await tcpLinkOpener({ host: '127.0.0.1', port }).open();
		await expect.poll(() => serverSide).not.toBeNull();
		const received = nextData(serverSide!);
		await link.write(Buffer.from('9100'));
		expect((await received).toString()).toBe('9100');
		const gone = closed(link);
		await serverSide!.close();
		expect(await gone).toBeInstanceOf(Error);
	});

	it('fails to connect to a closed port with a typed error', async () => {
		await expect(tcpLinkOpener({ host: '127.0.0.1', port: 1 }).open()).rejects.toMatchObject({ name: 'LinkError' });
	});
});
