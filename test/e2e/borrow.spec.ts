import { expect, test } from '@playwright/test';
import { resultLine, scan, startBorrowing, openScreen } from './kiosk-page';

test.describe('borrowing', () => {
	test('a member logs in with card and PIN and borrows items one after another', async ({ page }) => {
		await startBorrowing(page, '20001000000012');
		await expect(page.getByRole('heading', { level: 1, name: 'Hallo Sanne' })).toBeVisible();
		await scan(page, '30001000000010');
		await scan(page, '30001000000028');
		for (const item of ['30001000000010', '30001000000028']) {
			const line = resultLine(page, item);
			await expect(line).toHaveAttribute('data-outcome', 'ok');
			await expect(line).toContainText('Geleend');
			await expect(line).toContainText(/Terug op \d{1,2} \w+ 20\d\d/);
		}
		// Nothing personal in the address bar or the title.
		expect(page.url()).not.toMatch(/2000100|Sanne|1234/);
		expect(await page.title()).not.toMatch(/Sanne|2000100/);
	});

	test('scanning a card on the welcome screen goes straight to the PIN', async ({ page }) => {
		await openScreen(page, '/');
		await expect(page.getByRole('button', { name: 'Lenen' })).toBeVisible();
		await scan(page, '20001000000038');
		await expect(page.getByRole('heading', { level: 1, name: 'Typ uw pincode' })).toBeVisible();
		await page.keyboard.type('1234');
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { level: 1, name: 'Hallo Jan' })).toBeVisible();
	});

	test('a scan repeated within 2 seconds counts once', async ({ page }) => {
		const borrowed: string[] = [];
		page.on('request', (request) => request.url().endsWith('/api/borrow') && borrowed.push(request.postData() ?? ''));
		await startBorrowing(page, '20001000000053');
		await scan(page, '30001000000077');
		await scan(page, '30001000000077');
		await expect(resultLine(page, '30001000000077')).toHaveAttribute('data-outcome', 'ok');
		await expect(page.locator('[data-testid="result-line"]')).toHaveCount(1);
		expect(borrowed).toHaveLength(1);
	});

	test('an item on hold for another member is refused in plain words', async ({ page }) => {
		await startBorrowing(page, '20001000000012');
		await scan(page, '30001000000135');
		const line = resultLine(page, '30001000000135');
		await expect(line).toHaveAttribute('data-outcome', 'refused');
		await expect(line).toContainText('Niet geleend');
		await expect(line).toContainText('gereserveerd voor iemand anders');
	});

	test('a member with fees over the limit is told so and cannot borrow', async ({ page }) => {
		await startBorrowing(page, '20001000000020');
		await expect(page.getByTestId('borrow-block')).toContainText('12,50');
		await scan(page, '30001000000036');
		await expect(resultLine(page, '30001000000036')).toHaveAttribute('data-outcome', 'refused');
		await expect(resultLine(page, '30001000000036')).toContainText('U kunt op dit moment niet lenen');
	});

	test('a wrong PIN is refused with a way forward, and nothing is shown of the account', async ({ page }) => {
		await startBorrowing(page, '20001000000012', '9999', { expectRefusal: true });
		await expect(page.getByTestId('login-problem')).toContainText('De pincode klopt niet');
		await expect(page.getByText('Sanne')).toHaveCount(0);
	});

	test('my account lists loans, holds and fees, and renews a loan', async ({ page }) => {
		await startBorrowing(page, '20001000000038');
		await page.getByRole('button', { name: 'Mijn account' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Mijn account' })).toBeVisible();
		const loan = page.locator('[data-testid="loan-line"][data-item-id="30001000000119"]');
		await expect(loan).toBeVisible();
		await expect(page.locator('[data-testid="loan-line"][data-overdue="true"]')).toHaveCount(1);
		await expect(page.getByTestId('fee-line')).toHaveText(/Te laat: Het diner\s*EUR 2,40/);
		await expect(page.getByTestId('hold-pending')).toBeVisible();
		const dueBefore = await loan.innerText();
		await loan.getByRole('button', { name: /^Verlengen/ }).click();
		await expect(loan.getByTestId('result-line')).toHaveAttribute('data-outcome', 'ok');
		await expect(loan.getByTestId('result-line')).toContainText('Verlengd');
		expect(await loan.innerText()).not.toEqual(dueBefore);
	});

	test('renewing an item someone else has reserved is refused with the reason', async ({ page }) => {
		await startBorrowing(page, '20001000000053');
		await page.getByRole('button', { name: 'Mijn account' }).click();
		const loan = page.locator('[data-testid="loan-line"][data-item-id="30001000000176"]');
		await loan.getByRole('button', { name: /^Verlengen/ }).click();
		await expect(loan.getByTestId('result-line')).toHaveAttribute('data-outcome', 'refused');
		await expect(loan.getByTestId('result-line')).toContainText('Iemand anders heeft dit gereserveerd');
	});
});
