import { describe, expect, it } from 'vitest';
import { handOffCard, handOffKey, takeCard } from './card-handoff';

describe('card handoff', () => {
	it('passes the card and the keys typed after it once', () => {
		handOffCard('2123');
		handOffKey('1');
		handOffKey('Shift');
		handOffKey('Enter');
		expect(takeCard()).toEqual({ card: '2123', keys: ['1', 'Enter'] });
		expect(takeCard()).toBeNull();
	});

	it('keeps no keys without a card', () => {
		handOffKey('1');
		expect(takeCard()).toBeNull();
		handOffCard('9');
		expect(takeCard()).toEqual({ card: '9', keys: [] });
	});
});
