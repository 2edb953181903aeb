/**
 * In-app navigation that never adds a history entry: the whole visit is one entry, which the
 * session end replaces with `location.replace('/')`, so Back never reaches a member's screen.
 */
import { goto } from '$app/navigation';

export type KioskPath = '/' | '/login' | '/borrow' | '/account' | '/pay' | '/return' | '/finish';

export function navigate(path: KioskPath): Promise<void> {
	return goto(path, { replaceState: true, noScroll: false, keepFocus: false });
}
