import { expect, test, type Page, type Response } from '@playwright/test';
import { expectAccessible, startBorrowing } from './kiosk-page';

/**
 * The promises a shared screen must keep: the minimum shown (contact data masked until asked for,
 * hidden again by itself), a family member's loans only by their consent, and nothing of one
 * member ever shown to the next.
 */

/** Everything personal of Sanne's the kiosk could show: name, contact data, card, her and Daan's titles. */
const SANNE = ['Sanne', 'Jansen', 'sanne.jansen', 's***@example.nl', 'Oudegracht', 'O*********', '06-21436587', '06 *** **87', '20001000000012', 'Het smelt', 'Lijmen', 'Daan', 'Oorlog en terpentijn'];

async function openAccount(page: Page, card: string): Promise<void> {
	await startBorrowing(page, card);
	await page.getByRole('button', { name: 'Mijn account' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn account' })).toBeVisible();
	// Loaded: the details are the last section (other tests on this server change the loans).
	await expect(page.locator('[data-testid="detail"][data-field="email"]')).toBeVisible();
}

const detail = (page: Page, field: string) => page.locator(`[data-testid="detail"][data-field="${field}"]`);

test('my details are masked, one field is shown on request, and it hides again by itself', async ({ page }) => {
	await page.clock.install();
	await openAccount(page, '20001000000012');
	await expect(detail(page, 'email')).toContainText('s***@example.nl');
	await expect(detail(page, 'phone')).toContainText('06 *** **87');
	await expect(detail(page, 'address')).toContainText('O********* 8*, 3*** A* U******');
	await expect(page.locator('body')).not.toContainText(/sanne\.jansen|06-21436587|Oudegracht/);

	await detail(page, 'email').getByRole('button', { name: 'Tonen: E-mailadres' }).click();
	await expect(detail(page, 'email')).toContainText('sanne.jansen@example.nl');
	await expect(detail(page, 'email')).toHaveAttribute('data-shown', 'true');
	// Only the field asked for.
	await expect(page.locator('body')).not.toContainText(/06-21436587|Oudegracht/);
	await expectAccessible(page);

	await page.clock.runFor(15_000);
	await expect(detail(page, 'email')).toHaveAttribute('data-shown', 'false');
	await expect(page.locator('body')).not.toContainText('sanne.jansen@example.nl');

	await detail(page, 'phone').getByRole('button', { name: 'Tonen: Telefoon' }).click();
	await expect(detail(page, 'phone')).toContainText('06-21436587');
	await detail(page, 'phone').getByRole('button', { name: 'Verbergen: Telefoon' }).click();
	await expect(page.locator('body')).not.toContainText('06-21436587');
});

test("a family member's loans show only where that member accepted the link", async ({ page }) => {
	await openAccount(page, '20001000000012');
	const family = page.getByTestId('family');
	await expect(family).toContainText('Geleend door Daan');
	// Other tests on this server lend to Daan too; his seeded loan is always there (nobody returns it).
	await expect(family.locator('[data-testid="family-loan"][data-item-id="30001000000176"]')).toContainText('Oorlog en terpentijn');
	await expect(family).not.toContainText(/Smit|20001000000053/);
	await expectAccessible(page);

	// Jan asked for Pieter's loans; Pieter did not accept: no family section at all.
	await page.getByRole('button', { name: 'Klaar' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bedankt!' })).toBeVisible();
	await openAccount(page, '20001000000038');
	await expect(page.getByTestId('family')).toHaveCount(0);
	await expect(page.locator('body')).not.toContainText(/Pieter|Bakker/);
});

test('the next member never sees anything of the one before', async ({ page }) => {
	await openAccount(page, '20001000000012');
	await detail(page, 'email').getByRole('button', { name: 'Tonen: E-mailadres' }).click();
	await expect(detail(page, 'email')).toContainText('sanne.jansen@example.nl');
	await page.getByRole('button', { name: 'Klaar' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bedankt!' })).toBeVisible();

	// Everything the server sends from here on, and everything on screen, is Jan's or nobody's.
	const bodies: Promise<string>[] = [];
	const caching: string[] = [];
	const collect = (response: Response) => {
		if (!new URL(response.url()).pathname.startsWith('/api/')) return;
		caching.push(response.headers()['cache-control'] ?? '');
		if (response.request().resourceType() !== 'eventsource') bodies.push(response.text().catch(() => ''));
	};
	page.on('response', collect);
	await openAccount(page, '20001000000038');
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn account' })).toBeVisible();
	await expect(detail(page, 'email')).toContainText('j***@example.nl');
	for (const field of ['email', 'phone', 'address']) {
		await detail(page, field).getByRole('button', { name: /^Tonen/ }).click();
		await expect(detail(page, field)).toHaveAttribute('data-shown', 'true');
	}
	// Every answer with member data forbids caching it anywhere.
	expect(caching.length).toBeGreaterThan(3);
	expect(caching.filter((header) => !header.includes('no-store'))).toEqual([]);
	const screen = await page.locator('body').innerText();
	const sent = (await Promise.all(bodies)).join('\n');
	page.off('response', collect);
	for (const personal of SANNE) {
		expect(screen, `Sanne's "${personal}" on Jan's screen`).not.toContain(personal);
		expect(sent, `Sanne's "${personal}" sent to Jan's session`).not.toContain(personal);
	}
	// And what the page keeps outside the DOM holds nothing of either.
	const kept = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookies: document.cookie, title: document.title, url: location.href }));
	for (const personal of [...SANNE, 'Jan', 'de Vries', '20001000000038']) expect(kept).not.toContain(personal);
});
