import { expect, test } from '@playwright/test';

test('Startseite antwortet mit 200, ist deutsch und hat eine Hauptüberschrift', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
