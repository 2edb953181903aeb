import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Shared steps for the kiosk e2e tests, in the member's terms. */

/**
 * Opens a screen and waits until it is interactive: right after the load event the page may not
 * be hydrated yet, and a tap then does nothing (a member would tap again; a test would not).
 */
export async function openScreen(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
}

/** A barcode scanner in keyboard-wedge mode: the code typed fast, then Enter. */
export async function scan(page: Page, code: string): Promise<void> {
	await page.keyboard.type(code, { delay: 5 });
	await page.keyboard.press('Enter');
}

/** Logs in from the welcome screen; waits for the borrow screen unless a refusal is expected. */
export async function startBorrowing(page: Page, card: string, pin = '1234', options: { expectRefusal?: boolean } = {}): Promise<void> {
	await openScreen(page, '/');
	await page.getByRole('button', { name: 'Lenen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Scan uw bibliotheekpas' })).toBeVisible();
	await scan(page, card);
	await expect(page.getByRole('heading', { level: 1, name: 'Typ uw pincode' })).toBeVisible();
	await page.keyboard.type(pin);
	await page.keyboard.press('Enter');
	if (!options.expectRefusal) await expect(page.getByText('Scan uw boeken en andere items één voor één.')).toBeVisible();
}

export function resultLine(page: Page, itemId: string) {
	return page.locator(`[data-testid="result-line"][data-item-id="${itemId}"]`);
}

/** axe, WCAG 2.0-2.2 A and AA: no violations on what the screen shows now. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
	expect(results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`)).toEqual([]);
}

/** Every visible button and link at least 44 x 44 CSS px (WCAG 2.5.5 AAA size, the kiosk's rule). */
export async function expectTouchTargets(page: Page): Promise<void> {
	const small = await page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('button, a[href], [role="button"], input, select')]
			.filter((element) => element.offsetParent !== null)
			.map((element) => ({ name: element.innerText.trim() || element.getAttribute('aria-label') || element.tagName, box: element.getBoundingClientRect() }))
			.filter(({ box }) => box.width < 44 || box.height < 44)
			.map(({ name, box }) => `${name} ${Math.round(box.width)}x${Math.round(box.height)}`)
	);
	expect(small).toEqual([]);
}
