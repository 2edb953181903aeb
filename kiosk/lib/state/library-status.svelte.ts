/**
 * Whether the library system is reachable, as the kiosk server last said (the `library` event of
 * the device events stream), and the offline policy the screens explain. Until the server has
 * said anything the kiosk assumes online: no banner flashes up while the page loads.
 *
 * `serverReachable` is about the kiosk's own server: false while the events stream is broken
 * (the page came from the service worker's cache, or the server restarts). Then nothing works
 * here, not even offline returns, and the screen sends members to the desk.
 */
import type { LibraryStatus } from '$lib/api/contract';

export class LibraryStatusState {
	online = $state(true);
	offlineBorrowing = $state(true);
	offlineMaxItems = $state(0);
	serverReachable = $state(true);

	/** The events stream broke, or opened again. */
	setServerReachable(reachable: boolean): void {
		this.serverReachable = reachable;
	}

	apply(status: LibraryStatus): void {
		this.online = status.online;
		this.offlineBorrowing = status.offlineBorrowing;
		this.offlineMaxItems = status.offlineMaxItems;
	}

	/** Offline and the library lends nothing: the borrow button is not offered. */
	get borrowingClosed(): boolean {
		return !this.online && !this.offlineBorrowing;
	}
}

export const libraryStatus = new LibraryStatusState();
