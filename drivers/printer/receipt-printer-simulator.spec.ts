import { describe, expect, it } from 'vitest';
import type { ByteLink } from '../transport/byte-link';
import { createMemoryLinkPair } from '../transport/memory-link';
import { decodeStatusReply, encodeReceipt, encodeStatusRequest, type ReceiptDocument, type StatusReplies } from './escpos';
import { ReceiptPrinterSimulator, type SimulatedReceipt } from './receipt-printer-simulator';

function attached(simulator: ReceiptPrinterSimulator): ByteLink {
	const [driverSide, deviceSide] = createMemoryLinkPair('receipt-printer');
	simulator.attach(deviceSide);
	return driverSide;
}

/** The reply comes after everything written before the request was handled, so it doubles as a barrier. */
async function paperSensor(link: ByteLink): Promise<StatusReplies['paper-sensor'] | null> {
	const reply = new Promise<Buffer>((resolve) => link.once('data', resolve));
	await link.write(encodeStatusRequest('paper-sensor'));
	return decodeStatusReply('paper-sensor', (await reply)[0] ?? 0);
}

function nextReceipt(simulator: ReceiptPrinterSimulator): Promise<SimulatedReceipt> {
	return new Promise((resolve) => simulator.once('receipt', resolve));
}

const receipt = (text: string): ReceiptDocument => [
	{ kind: 'text', text },
	{ kind: 'cut', mode: 'full' }
];

describe('ReceiptPrinterSimulator', () => {
	it('prints nothing while the paper is out, and prints again once paper is loaded', async () => {
		const simulator = new ReceiptPrinterSimulator();
		const link = attached(simulator);
		simulator.paperOut = true;
		await link.write(encodeReceipt(receipt('lost')));
		expect(await paperSensor(link)).toEqual({ paperNearEnd: true, paperOut: true });
		expect(simulator.receipts).toEqual([]);
		expect(simulator.uncutLines).toEqual([]);

		simulator.paperOut = false;
		const printed = nextReceipt(simulator);
		await link.write(encodeReceipt(receipt('kept')));
		expect(await printed).toEqual({ lines: [{ kind: 'text', text: 'kept', bold: false, align: 'left', size: 'normal' }], text: 'kept', cut: 'full' });
		expect(simulator.lastReceiptText()).toBe('kept');
	});

	it('keeps lines that were not cut off yet, and makes no empty receipt from a second cut', async () => {
		const simulator = new ReceiptPrinterSimulator();
		const link = attached(simulator);
		const printed = nextReceipt(simulator);
		await link.write(encodeReceipt([...receipt('one'), { kind: 'cut', mode: 'partial' }, { kind: 'text', text: 'hanging' }]));
		await printed;
		await paperSensor(link);
		expect(simulator.receipts.map((entry) => entry.text)).toEqual(['one']);
		expect(simulator.uncutLines.map((line) => line.text)).toEqual(['hanging']);
		expect(simulator.lastReceiptText()).toBe('one');
	});

	it('decodes each connection on its own, so a half-sent command on one does not garble another', async () => {
		const simulator = new ReceiptPrinterSimulator();
		const first = attached(simulator);
		const second = attached(simulator);
		const bytes = encodeReceipt(receipt('Ünïcode'));
		await first.write(bytes.subarray(0, 4));
		const fromSecond = nextReceipt(simulator);
		await second.write(encodeReceipt(receipt('second')));
		expect((await fromSecond).text).toBe('second');
		const fromFirst = nextReceipt(simulator);
		await first.write(bytes.subarray(4));
		expect((await fromFirst).text).toBe('Ünïcode');
	});

	it('has no receipt to show before anything was printed', () => {
		const simulator = new ReceiptPrinterSimulator();
		expect(simulator.lastReceipt()).toBeNull();
		expect(simulator.lastReceiptText()).toBeNull();
	});
});
