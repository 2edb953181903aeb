import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, scan, openScreen } from './kiosk-page';

/**
 * The PIN lock on the main e2e kiosk. It locks Lotte's card (20001000000061) for the rest of the run:
 * the demo library has her for this test alone, and the lock is per card, so no other test notices.
 */
const LOTTE = '20001000000061';

async function typePin(page: Page, pin: string): Promise<void> {
	await expect(page.getByRole('heading', { level: 1, name: 'Typ uw pincode' })).toBeVisible();
	await page.keyboard.type(pin);
	await page.keyboard.press('Enter');
}

test('five wrong PINs lock the card at this kiosk: the member is sent to the desk, and even the right PIN is refused', async ({ page }) => {
	const problem = page.getByTestId('login-problem');
	await openScreen(page, '/');
	await page.getByRole('button', { name: 'Lenen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Scan uw bibliotheekpas' })).toBeVisible();
	await scan(page, LOTTE);

	for (let attempt = 1; attempt <= 4; attempt++) {
		await typePin(page, '0000');
		await expect(problem).toContainText('De pincode klopt niet.');
		// Warned once, before the try that would lock the card.
		await expect(page.getByTestId('last-attempt')).toHaveCount(attempt === 4 ? 1 : 0);
	}
	await expect(page.getByTestId('last-attempt')).toHaveText('Let op: u heeft nog één poging. Daarna kunt u met deze pas hier een tijdje niet inloggen.');
	await expectAccessible(page);

	await typePin(page, '0000');
	await expect(problem).toContainText('De pincode is te vaak niet goed ingevoerd.');
	await expect(problem).toContainText('Ga naar de balie');
	// Back at the card step with the number gone, and a way back to the start.
	await expect(page.getByRole('heading', { level: 1, name: 'Scan uw bibliotheekpas' })).toBeVisible();
	await expect(page.getByTestId('card-display')).not.toContainText(LOTTE);
	await expect(page.getByRole('button', { name: 'Terug naar het begin' })).toBeVisible();
	await expectAccessible(page);

	await scan(page, LOTTE);
	await typePin(page, '1234');
	await expect(problem).toContainText('De pincode is te vaak niet goed ingevoerd.');
	await expect(page.getByText('Scan uw boeken en andere items één voor één.')).toHaveCount(0);
});
