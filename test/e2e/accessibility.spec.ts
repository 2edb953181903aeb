import { expect, test } from '@playwright/test';
import { SHORT_IDLE_PORT } from '../../playwright.config';
import { expectAccessible, expectTouchTargets, resultLine, scan, startBorrowing, openScreen } from './kiosk-page';

/** axe (WCAG 2.2 AA) and 44 px touch targets on every screen, in the states a member sees. */
test('every member screen passes axe and has touch-sized targets', async ({ page }) => {
	await openScreen(page, '/');
	await expect(page.getByRole('button', { name: 'Lenen' })).toBeVisible();
	await expectAccessible(page);
	await expectTouchTargets(page);

	await page.getByRole('button', { name: 'Lenen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Scan uw bibliotheekpas' })).toBeVisible();
	await expectAccessible(page);
	await expectTouchTargets(page);

	await scan(page, '20001000000053');
	await expect(page.getByRole('heading', { level: 1, name: 'Typ uw pincode' })).toBeVisible();
	await page.keyboard.type('12');
	await expectAccessible(page);
	await expectTouchTargets(page);
	await page.keyboard.type('34');
	await page.keyboard.press('Enter');

	await expect(page.getByRole('heading', { level: 1, name: 'Hallo Daan' })).toBeVisible();
	await scan(page, '30001000000093');
	await scan(page, '30001000000150');
	await expect(resultLine(page, '30001000000150')).toHaveAttribute('data-outcome', 'refused');
	await expectAccessible(page);
	await expectTouchTargets(page);

	await page.getByRole('button', { name: 'Mijn account' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn account' })).toBeVisible();
	await expect(page.locator('[data-testid="loan-line"]').first()).toBeVisible();
	await expectAccessible(page);
	await expectTouchTargets(page);

	await page.getByRole('button', { name: 'Klaar' }).click();
	// Daan borrowed something: first the receipt choice (axe checks it in receipt.spec.ts).
	await page.getByRole('button', { name: 'Geen bon' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bedankt!' })).toBeVisible();
	await expectAccessible(page);
	await expectTouchTargets(page);

	await openScreen(page, '/');
	await page.getByRole('button', { name: 'Inleveren' }).click();
	await scan(page, '30001000000093');
	await expect(resultLine(page, '30001000000093')).toHaveAttribute('data-outcome', 'ok');
	await expectAccessible(page);
	await expectTouchTargets(page);

	await page.getByRole('button', { name: 'English' }).click();
	await expectAccessible(page);
});

test.describe('with short idle timeouts', () => {
	test.use({ baseURL: `http://127.0.0.1:${SHORT_IDLE_PORT}` });

	test('the idle warning passes axe', async ({ page }) => {
		await startBorrowing(page, '20001000000038');
		await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 6_000 });
		await expectAccessible(page);
		await expectTouchTargets(page);
	});
});
