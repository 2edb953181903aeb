/**
 * Set the moment the session end routine starts, so the frame can hide member data at once
 * instead of showing it while the server is asked to drop the session.
 */
class SessionEnding {
	active = $state(false);
}

export const sessionEnding = new SessionEnding();
