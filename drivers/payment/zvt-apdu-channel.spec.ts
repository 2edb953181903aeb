import { describe, expect, it } from 'vitest';
import type { ByteLink } from '../transport/byte-link';
import { createMemoryLinkPair } from '../transport/memory-link';
import { encodeApdu, POSITIVE_ACKNOWLEDGEMENT, ZvtCommand, type ZvtApdu } from './zvt-apdu';
import { ApduInbox, ZvtApduChannel } from './zvt-apdu-channel';
import { ZvtLinkError } from './zvt-errors';
import { ACK, encodeSerialFrame, NAK } from './zvt-serial-framing';

const FAST = { interByteMs: 30, frameAcknowledgementMs: 30 };

function nextData(link: ByteLink): Promise<Buffer> {
	return new Promise((resolve) => link.once('data', resolve));
}

function nextApdu(channel: ZvtApduChannel): Promise<ZvtApdu> {
	return new Promise((resolve) => channel.once('apdu', resolve));
}

const COMPLETION_FRAME = encodeSerialFrame(Uint8Array.of(0x06, 0x0f, 0x00));

describe('serial APDU channel', () => {
	it('sends a frame and is done when the peer answers ACK', async () => {
		const [ecr, pt] = createMemoryLinkPair('serial');
		const channel = new ZvtApduChannel(ecr, 'serial', FAST);
		const arrived = nextData(pt);
		const sent = channel.send(POSITIVE_ACKNOWLEDGEMENT);
		expect([...(await arrived)]).toEqual([...encodeSerialFrame(encodeApdu(POSITIVE_ACKNOWLEDGEMENT))]);
		await pt.write(Uint8Array.of(ACK));
		await expect(sent).resolves.toBeUndefined();
	});

	it('sends the frame again after a NAK', async () => {
		const [ecr, pt] = createMemoryLinkPair('serial');
		const channel = new ZvtApduChannel(ecr, 'serial', { ...FAST, frameAcknowledgementMs: 5_000 });
		const frames: Buffer[] = [];
		pt.on('data', (chunk) => {
			frames.push(chunk);
			void pt.write(Uint8Array.of(frames.length === 1 ? NAK : ACK));
		});
		await channel.send(POSITIVE_ACKNOWLEDGEMENT);
		expect(frames).toHaveLength(2);
		expect(frames[1]).toEqual(frames[0]);
	});

	it('gives up with a ZvtLinkError after three unanswered attempts', async () => {
		const [ecr, pt] = createMemoryLinkPair('serial');
		const channel = new ZvtApduChannel(ecr, 'serial', FAST);
		let frames = 0;
		pt.on('data', () => frames++);
		await expect(channel.send(POSITIVE_ACKNOWLEDGEMENT)).rejects.toThrow(ZvtLinkError);
		expect(frames).toBe(3);
	});

	it('answers a good frame with ACK and passes its APDU on; a bad CRC gets NAK and is dropped', async () => {
		const [ecr, pt] = createMemoryLinkPair('serial');
		const channel = new ZvtApduChannel(ecr, 'serial', FAST);
		const received: ZvtApdu[] = [];
		channel.on('apdu', (apdu) => received.push(apdu));
		const faults: string[] = [];
		channel.on('link-fault', (reason) => faults.push(reason));

		const damaged = Uint8Array.from(COMPLETION_FRAME);
		damaged[damaged.length - 1] = 0x00; // CRC high byte is 33
		const nak = nextData(pt);
		await pt.write(damaged);
		expect([...(await nak)]).toEqual([NAK]);
		expect(received).toEqual([]);
		expect(faults[0]).toMatch(/CRC/);

		const ack = nextData(pt);
		const apdu = nextApdu(channel);
		await pt.write(COMPLETION_FRAME);
		expect([...(await ack)]).toEqual([ACK]);
		expect((await apdu).command).toBe(ZvtCommand.completion);
	});

	it('drops a frame whose next byte is later than T1, then reads the repeated frame', async () => {
		const [ecr, pt] = createMemoryLinkPair('serial');
		const channel = new ZvtApduChannel(ecr, 'serial', FAST);
		const fault = new Promise<string>((resolve) => channel.once('link-fault', resolve));
		await pt.write(COMPLETION_FRAME.subarray(0, 4));
		expect(await fault).toMatch(/inter-byte/);
		const apdu = nextApdu(channel);
		await pt.write(COMPLETION_FRAME);
		expect((await apdu).command).toBe(ZvtCommand.completion);
	});

	it('fails a send waiting for ACK when the link goes', async () => {
		const [ecr, pt] = createMemoryLinkPair('serial');
		const channel = new ZvtApduChannel(ecr, 'serial', { ...FAST, frameAcknowledgementMs: 5_000 });
		const arrived = nextData(pt);
		const sent = channel.send(POSITIVE_ACKNOWLEDGEMENT);
		await arrived;
		await pt.close();
		await expect(sent).rejects.toThrow(/closed/);
	});
});

describe('TCP APDU channel', () => {
	it('writes raw APDUs and splits coalesced input into APDUs', async () => {
		const [ecr, pt] = createMemoryLinkPair('tcp');
		const channel = new ZvtApduChannel(ecr, 'tcp', FAST);
		const arrived = nextData(pt);
		await channel.send(POSITIVE_ACKNOWLEDGEMENT);
		expect([...(await arrived)]).toEqual([0x80, 0x00, 0x00]);
		const received: ZvtApdu[] = [];
		const two = new Promise<void>((resolve) => channel.on('apdu', (apdu) => received.push(apdu) === 2 && resolve()));
		await pt.write(Uint8Array.of(0x04, 0xff, 0x01, 0x0a, 0x06, 0x0f, 0x00));
		await two;
		expect(received.map((apdu) => apdu.command)).toEqual([ZvtCommand.intermediateStatus, ZvtCommand.completion]);
	});
});

describe('APDU inbox', () => {
	it('hands out queued APDUs in order, then a timeout, then closed', async () => {
		const inbox = new ApduInbox();
		inbox.push(POSITIVE_ACKNOWLEDGEMENT);
		expect(await inbox.next(10)).toEqual({ kind: 'apdu', apdu: POSITIVE_ACKNOWLEDGEMENT });
		expect(await inbox.next(5)).toEqual({ kind: 'timeout' });
		const waiting = inbox.next(Number.POSITIVE_INFINITY);
		inbox.close(null);
		expect(await waiting).toEqual({ kind: 'closed', error: null });
		expect(await inbox.next(10)).toEqual({ kind: 'closed', error: null });
	});
});
