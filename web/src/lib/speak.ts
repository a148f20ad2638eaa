/**
 * Speaking a chosen text in zh-CN (speechSynthesis): the 朗读 buttons of
 * components/ReadAloud.astro (scripts/read-aloud.ts) and those a booking makes.
 */
function voice(): SpeechSynthesisVoice | undefined {
  const voices = speechSynthesis.getVoices();
  return voices.find((v) => v.lang === "zh-CN") ?? voices.find((v) => v.lang.startsWith("zh"));
}

/** Read `text` aloud for `button` (pressed while it speaks); pressed again, it stops. */
export function toggle(button: HTMLButtonElement, text: () => string): void {
  if (button.getAttribute("aria-pressed") === "true") {
    speechSynthesis.cancel();
    button.setAttribute("aria-pressed", "false");
    return;
  }
  const words = text();
  if (!words) return;
  speechSynthesis.cancel();
  const say = new SpeechSynthesisUtterance(words);
  say.lang = "zh-CN";
  const v = voice();
  if (v) say.voice = v;
  say.rate = 0.9;
  say.onend = () => button.setAttribute("aria-pressed", "false");
  say.onerror = () => button.setAttribute("aria-pressed", "false");
  button.setAttribute("aria-pressed", "true");
  speechSynthesis.speak(say);
}

export const canSpeak = () => "speechSynthesis" in window;

/** A 朗读 button reading `text()` (none where the browser cannot speak). */
export function readAloudButton(text: () => string, label = "朗读"): HTMLButtonElement | null {
  if (!canSpeak()) return null;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "read-aloud";
  button.setAttribute("aria-pressed", "false");
  const icon = document.createElement("span");
  icon.setAttribute("aria-hidden", "true");
  icon.textContent = "🔊";
  button.append(icon, ` ${label}`);
  button.addEventListener("click", () => toggle(button, text));
  return button;
}
