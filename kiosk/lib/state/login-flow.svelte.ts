/**
 * The two login steps: card number, then PIN. The card number and PIN live only in this object
 * (component memory): never in the URL, storage or page title.
 */
import type { LoginRefusal, LoginResponse, MemberSummary } from '$lib/api/contract';
import { errorCode, type ApiErrorCode } from '$lib/services/kiosk-api';

export type LoginStep = 'card' | 'pin';

export type LoginProblem =
	/** `attemptsLeft`: with `pin-wrong`, the tries left before the card is locked at this kiosk (when the server says). */
	| { kind: 'refusal'; reason: LoginRefusal; attemptsLeft?: number }
	| { kind: 'error'; code: ApiErrorCode };

export interface LoginFlowOptions {
	login(card: string, pin: string): Promise<LoginResponse>;
	/** Awaited before the request (e.g. the start-up wipe, so the two cannot cross). */
	before?(): Promise<void>;
	onSuccess(member: MemberSummary): void;
	/**
	 * True while the library system is unreachable: the PIN cannot be checked then, so it is not
	 * asked; the card alone is sent (the server checks only its form).
	 */
	withoutPin?(): boolean;
	maxCardLength?: number;
	maxPinLength?: number;
}

export class LoginFlow {
	step = $state<LoginStep>('card');
	card = $state('');
	pin = $state('');
	busy = $state(false);
	problem = $state<LoginProblem | null>(null);

	readonly #options: LoginFlowOptions;
	readonly #maxCard: number;
	readonly #maxPin: number;

	constructor(options: LoginFlowOptions) {
		this.#options = options;
		this.#maxCard = options.maxCardLength ?? 32;
		this.#maxPin = options.maxPinLength ?? 12;
	}

	/** A card that was scanned elsewhere: go straight to the PIN (or, offline, log in with the card). */
	startWithCard(card: string): void {
		this.card = card.slice(0, this.#maxCard);
		this.pin = '';
		this.problem = null;
		if (this.#options.withoutPin?.()) {
			void this.#submit();
			return;
		}
		this.step = 'pin';
	}

	typeDigit(digit: string): void {
		if (this.busy || !/^[0-9]$/.test(digit)) return;
		this.problem = null;
		if (this.step === 'card') {
			if (this.card.length < this.#maxCard) this.card += digit;
		} else if (this.pin.length < this.#maxPin) {
			this.pin += digit;
		}
	}

	deleteDigit(): void {
		if (this.busy) return;
		if (this.step === 'card') this.card = this.card.slice(0, -1);
		else this.pin = this.pin.slice(0, -1);
	}

	get canContinue(): boolean {
		return !this.busy && (this.step === 'card' ? this.card.length > 0 : this.pin.length > 0);
	}

	/** Enter / "Next" / "OK". */
	async confirm(): Promise<void> {
		if (!this.canContinue) return;
		if (this.step === 'card') {
			this.problem = null;
			this.pin = '';
			if (this.#options.withoutPin?.()) return this.#submit();
			this.step = 'pin';
			return;
		}
		await this.#submit();
	}

	/** Back to the card step ("Other card"). */
	otherCard(): void {
		if (this.busy) return;
		this.card = '';
		this.pin = '';
		this.problem = null;
		this.step = 'card';
	}

	/** After a refusal: start over on the step that needs fixing. */
	tryAgain(): void {
		this.problem = null;
	}

	/** Physical keyboard: digits, Backspace, Enter. Returns whether the key was used. */
	press(key: string): boolean {
		if (/^[0-9]$/.test(key)) {
			this.typeDigit(key);
			return true;
		}
		if (key === 'Backspace') {
			this.deleteDigit();
			return true;
		}
		if (key === 'Enter') {
			void this.confirm();
			return true;
		}
		return false;
	}

	async #submit(): Promise<void> {
		this.busy = true;
		this.problem = null;
		const card = this.card;
		const pin = this.pin;
		try {
			await this.#options.before?.();
			const response = await this.#options.login(card, pin);
			if (response.ok) {
				this.pin = '';
				this.card = '';
				this.#options.onSuccess(response.member);
				return;
			}
			this.#refused(response.reason, response.attemptsLeft);
		} catch (error) {
			const code = errorCode(error);
			this.pin = '';
			this.problem = { kind: 'error', code: code === 'no-session' ? 'internal' : code };
		} finally {
			this.busy = false;
		}
	}

	#refused(reason: LoginRefusal, attemptsLeft: number | undefined): void {
		this.pin = '';
		this.problem = attemptsLeft === undefined ? { kind: 'refusal', reason } : { kind: 'refusal', reason, attemptsLeft };
		switch (reason) {
			case 'pin-wrong':
			case 'pin-needed':
				this.step = 'pin';
				break;
			case 'card-blocked':
			case 'card-locked':
				// Nothing more to try with this card here: the member goes to the desk.
				this.card = '';
				this.step = 'card';
				break;
			case 'too-many-attempts':
				// A pause for the whole kiosk, not about this card: the member may simply try again soon.
				break;
			case 'card-unknown':
			case 'card-invalid':
				// Keep the number so a typing slip can be corrected.
				this.step = 'card';
				break;
		}
	}
}
