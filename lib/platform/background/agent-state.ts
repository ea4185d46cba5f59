import { browser } from 'wxt/browser';
import type { Classify } from '../../apps/classify';
import type { AgentState } from '../../feedback';
import { requestTab } from './tab-client';

/**
 * What the prompt policy needs to know about the agent right now: typing in the page in front
 * (asked of its content script), and whether they are on a call: the page shows its adapter's
 * call signal, or a phone/CTI app is playing sound.
 */
export async function readAgentState(
  classify: (url: string | undefined) => Promise<ReturnType<Classify>>,
): Promise<AgentState> {
  const [front] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  const reply = front?.id === undefined ? null : await requestTab(front.id, 'agent.state', {});
  // No content script in that tab: nothing Touchpoint can see is being typed.
  const inPage = reply ?? { lastKeystrokeAt: null, editableFocused: false, onCall: false };
  const audible = await browser.tabs.query({ audible: true });
  const apps = await Promise.all(audible.map((tab) => classify(tab.url)));
  const phonePlaying = apps.some((app) => app?.category === 'phone');
  return { ...inPage, onCall: inPage.onCall || phonePlaying };
}
