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
  const phonePlaying = await isPhoneAppPlaying(classify);
  return { ...inPage, onCall: inPage.onCall || phonePlaying };
}

/**
 * Whether a tab of an app in the `phone` category (a softphone, CTI) is playing sound: the agent
 * is on a call. Chrome and Firefox both report `audible`; an app the team does not track is
 * classified `other`, so it is no call.
 */
export async function isPhoneAppPlaying(
  classify: (url: string | undefined) => Promise<{ category: string } | null>,
): Promise<boolean> {
  const audible = await browser.tabs.query({ audible: true });
  const apps = await Promise.all(audible.map((tab) => classify(tab.url)));
  return apps.some((app) => app?.category === 'phone');
}
