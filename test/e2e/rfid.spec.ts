import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { RFID_PORT } from '../../playwright.config';
import { deskLoginForm } from './desk-accounts';
import { expectAccessible, resultLine, startBorrowing, openScreen } from './kiosk-page';

/**
 * Borrowing and returning with the (simulated) RFID pad. Tags are laid on the pad through the
 * simulator's control endpoint, as a member lays a stack of items down; the pad driver finds them
 * by speaking FEIG frames to the simulator, and the screen borrows each one. The staff desk's pad
 * tests are here too: every open screen of this server acts on the one simulated pad, so they must
 * not run beside the kiosk's.
 */
test.use({ baseURL: `http://127.0.0.1:${RFID_PORT}` });
test.describe.configure({ mode: 'serial' });

const IN_LIBRARY = 0x07;
const ON_LOAN = 0xc2;

interface PadTagState {
	uid: string;
	afi: number;
}

async function pad(request: APIRequestContext, body: object): Promise<{ uids?: string[] }> {
	const response = await request.post('/api/devices/simulator/pad', { data: body, headers: { origin: `http://127.0.0.1:${RFID_PORT}` } });
	expect(response.ok()).toBe(true);
	return response.json();
}

async function afis(request: APIRequestContext, uids: string[]): Promise<number[]> {
	const { tags } = (await (await request.get('/api/devices/simulator/pad')).json()) as { tags: PadTagState[] };
	return uids.map((uid) => tags.find((tag) => tag.uid === uid)?.afi ?? -1);
}

/** Takes every tag off and waits until the pad itself has seen them go, so no screen acts on a stale list. */
async function clearPad(request: APIRequestContext): Promise<void> {
	await pad(request, { action: 'clear' });
	await expect.poll(async () => ((await (await request.get('/api/devices/simulator/pad')).json()) as { seen: number }).seen).toBe(0);
}

const STACK = ['30001000000044', '30001000000069', '30001000000192', '30001000000200', '30001000000036'];

test.beforeEach(async ({ request }) => {
	await clearPad(request);
});

test('a stack of five tagged items is borrowed, then returned, and each security bit follows the library system', async ({ page, request }) => {
	await startBorrowing(page, '20001000000053');
	const { uids } = await pad(request, { action: 'place', tags: [...STACK, '30001000000135'].map((id) => ({ id })) });
	for (const item of STACK) {
		await expect(resultLine(page, item)).toHaveAttribute('data-outcome', 'ok', { timeout: 10_000 });
		await expect(resultLine(page, item)).toHaveAttribute('data-security', 'done');
	}
	await expect(resultLine(page, '30001000000135')).toHaveAttribute('data-outcome', 'refused');
	await expect(page.getByRole('progressbar')).toBeVisible();
	// Unsecured only what was lent; the item on hold for someone else stays secured.
	expect(await afis(request, uids!)).toEqual([ON_LOAN, ON_LOAN, ON_LOAN, ON_LOAN, ON_LOAN, IN_LIBRARY]);
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Klaar' }).click();
	await page.getByRole('button', { name: 'Geen bon' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bedankt!' })).toBeVisible();
	await clearPad(request);

	await openScreen(page, '/');
	await page.getByRole('button', { name: 'Inleveren' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Inleveren' })).toBeVisible();
	// The same five items (the same tags) come back, still unsecured.
	const returned = await pad(request, { action: 'place', tags: STACK.map((id, index) => ({ id, afi: ON_LOAN, uid: uids![index] })) });
	for (const item of STACK) {
		await expect(resultLine(page, item)).toHaveAttribute('data-outcome', 'ok', { timeout: 10_000 });
		await expect(resultLine(page, item)).toHaveAttribute('data-security', 'done');
	}
	expect(await afis(request, returned.uids!)).toEqual(STACK.map(() => IN_LIBRARY));
});

test('a set of three discs is lent only when all three are on the pad, and the screen says which is missing', async ({ page, request }) => {
	await startBorrowing(page, '20001000000012');
	const { uids } = await pad(request, { action: 'place', tags: [{ id: '30001000000184', part: 1, of: 3 }, { id: '30001000000184', part: 3, of: 3 }] });
	await expect(resultLine(page, '30001000000184')).toHaveAttribute('data-outcome', 'refused', { timeout: 10_000 });
	await expect(resultLine(page, '30001000000184')).toContainText('Deel 2 van 3 ontbreekt');
	expect(await afis(request, uids!)).toEqual([IN_LIBRARY, IN_LIBRARY]);

	const second = await pad(request, { action: 'place', tags: [{ id: '30001000000184', part: 2, of: 3 }] });
	await expect(resultLine(page, '30001000000184')).toHaveAttribute('data-outcome', 'ok', { timeout: 10_000 });
	expect(await afis(request, [...uids!, ...second.uids!])).toEqual([ON_LOAN, ON_LOAN, ON_LOAN]);
});

test('when the security bit cannot be written the member is told to leave the item', async ({ page, request }) => {
	const uid = 'E0040100DEADBEEF';
	await pad(request, { action: 'fail-next-write', uids: [uid] });
	await startBorrowing(page, '20001000000038');
	await pad(request, { action: 'place', tags: [{ id: '30001000000085', uid }] });
	const line = resultLine(page, '30001000000085');
	// Lent (the library system confirmed), but still secured: leave it here, staff are alerted.
	await expect(line).toHaveAttribute('data-outcome', 'ok', { timeout: 10_000 });
	await expect(line).toHaveAttribute('data-security', 'failed');
	await expect(line).toContainText('Laat dit item hier liggen');
	expect(await afis(request, [uid])).toEqual([IN_LIBRARY]);
});

test('a member card laid on the pad on the welcome screen starts the login', async ({ page, request }) => {
	await openScreen(page, '/');
	await expect(page.getByRole('button', { name: 'Lenen' })).toBeVisible();
	await pad(request, { action: 'place', tags: [{ id: '20001000000053', kind: 'member-card' }] });
	await expect(page.getByRole('heading', { level: 1, name: 'Typ uw pincode' })).toBeVisible({ timeout: 10_000 });
});

// The staff desk: a member card laid on the pad finds the member (masked on screen), the items laid
// on it are lent to them with the security bit switched after the library system confirmed, and in
// check-in mode they are taken back (with the transit slip) and secured again.
const SANNE = '20001000000012';
/** De avonden, Max Havelaar: available at the central branch. */
const LEND = ['30001000000010', '30001000000028'];
/** Karakter: owned by another branch, so taking it in here is transit. */
const TRANSIT = '30001000000143';

const lent = (page: Page, itemId: string) => page.locator(`[data-testid="desk-lent"][data-item-id="${itemId}"]`);
const returned = (page: Page, itemId: string) => page.locator(`[data-testid="desk-returned"][data-item-id="${itemId}"]`);

test('at the desk a card on the pad finds the member, the items on it are lent and checked in, and the security bit follows', async ({ page, request }) => {
	await openScreen(page, '/desk');
	await deskLoginForm(page, 'staff');
	// The pad section shows once the pad's state is known: from then on a card laid down counts.
	await expect(page.getByTestId('desk-pad')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Uitlening aan het gevonden lid' })).toHaveAttribute('aria-pressed', 'true');

	await pad(request, { action: 'place', tags: [{ id: SANNE, kind: 'member-card' }] });
	const member = page.getByTestId('desk-member');
	await expect(member).toContainText('Sanne Jansen', { timeout: 10_000 });
	await expect(member).toContainText('**********0012');
	await expect(page.locator('body')).not.toContainText(SANNE);

	const { uids } = await pad(request, { action: 'place', tags: LEND.map((id) => ({ id })) });
	for (const item of LEND) {
		await expect(lent(page, item)).toHaveAttribute('data-outcome', 'ok', { timeout: 10_000 });
		await expect(lent(page, item)).toHaveAttribute('data-security', 'done');
		await expect(page.locator(`[data-testid="desk-loan"][data-item-id="${item}"]`)).toBeVisible();
	}
	// Unsecured only now that the library system has confirmed each loan.
	expect(await afis(request, uids!)).toEqual([ON_LOAN, ON_LOAN]);
	await expect(page.getByTestId('pad-progress')).toHaveAttribute('data-processed', '2');
	await expectAccessible(page);

	// Check-in mode: what lies on the pad (just lent) is not taken in until laid down again.
	await page.getByRole('button', { name: 'Inname' }).click();
	await expect(page.getByRole('button', { name: 'Inname' })).toHaveAttribute('aria-pressed', 'true');
	await clearPad(request);
	const back = await pad(request, { action: 'place', tags: [...LEND.map((id, index) => ({ id, uid: uids![index], afi: ON_LOAN })), { id: TRANSIT, afi: ON_LOAN }] });
	for (const item of [...LEND, TRANSIT]) {
		await expect(returned(page, item)).toHaveAttribute('data-outcome', 'ok', { timeout: 10_000 });
		await expect(returned(page, item)).toHaveAttribute('data-security', 'done');
	}
	await expect(returned(page, TRANSIT).getByTestId('desk-slip')).toContainText('TRANSPORT');
	await expect(returned(page, TRANSIT).getByTestId('desk-slip')).toContainText('Naar: NRD');
	// Secured again after the library system confirmed each return.
	expect(await afis(request, back.uids!)).toEqual([IN_LIBRARY, IN_LIBRARY, IN_LIBRARY]);
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await expect(page.locator('body')).not.toContainText(/Sanne|0012|Karakter/);
});

test('at the desk a lend whose security bit cannot be switched says to keep the item here', async ({ page, request }) => {
	const uid = 'E0040100DE5C0001';
	await pad(request, { action: 'fail-next-write', uids: [uid] });
	await openScreen(page, '/desk');
	await deskLoginForm(page, 'staff');
	await page.getByLabel('Pasnummer (scannen of typen)').fill(SANNE);
	await page.getByRole('button', { name: 'Zoeken' }).click();
	await expect(page.getByTestId('desk-member')).toContainText('Sanne Jansen');
	await pad(request, { action: 'place', tags: [{ id: '30001000000051', uid }] });
	const line = lent(page, '30001000000051');
	await expect(line).toHaveAttribute('data-outcome', 'ok', { timeout: 10_000 });
	await expect(line).toHaveAttribute('data-security', 'failed');
	await expect(line.getByTestId('desk-security-warning')).toContainText('Beveiliging niet uitgezet');
	expect(await afis(request, [uid])).toEqual([IN_LIBRARY]);
});
