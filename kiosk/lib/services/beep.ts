/**
 * A short beep through the Web Audio API: the second sense for the idle warning.
 * Does nothing where there is no AudioContext or the browser refuses to play.
 */
type AudioContextConstructor = new () => AudioContext;

let context: AudioContext | null = null;

function audioContextConstructor(): AudioContextConstructor | undefined {
	const g = globalThis as { AudioContext?: AudioContextConstructor; webkitAudioContext?: AudioContextConstructor };
	return g.AudioContext ?? g.webkitAudioContext;
}

export function beep(frequencyHz = 880, durationMs = 250): void {
	try {
		const Ctor = audioContextConstructor();
		if (!Ctor) return;
		context ??= new Ctor();
		const ctx = context;
		if (ctx.state === 'suspended') void ctx.resume().catch(() => {});
		const oscillator = ctx.createOscillator();
		const gain = ctx.createGain();
		const start = ctx.currentTime;
		const end = start + durationMs / 1000;
		oscillator.type = 'sine';
		oscillator.frequency.setValueAtTime(frequencyHz, start);
		// Short ramps avoid clicks at the start and end of the tone.
		gain.gain.setValueAtTime(0.0001, start);
		gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
		gain.gain.exponentialRampToValueAtTime(0.0001, end);
		oscillator.connect(gain).connect(ctx.destination);
		oscillator.start(start);
		oscillator.stop(end + 0.02);
	} catch {
		// Sound is a second channel; the dialog itself carries the warning.
	}
}
