// The URL bar with back, forward and reload: browserd commands, their failures shown as notices.

import { normalizeTypedUrl } from './links.js';
import { errorText } from './messages.js';

export class Toolbar {
  /** `hooks` = {notify(text), canDrive(), onRefused(), focusPage()}: commands are gated like input. */
  constructor(elements, connection, hooks) {
    Object.assign(this, { elements, connection, hooks });
    elements.back.addEventListener('click', () => this.run('goBack'));
    elements.forward.addEventListener('click', () => this.run('goForward'));
    elements.reload.addEventListener('click', () => this.run('reload'));
    elements.form.addEventListener('submit', (e) => this.onSubmit(e));
  }

  async onReady() {
    try {
      const state = await this.connection.command('state');
      this.showPage(state);
    } catch (e) {
      // The URL bar simply stays empty until the next `navigated` event.
    }
  }

  /** From a `navigated` event or a `state` result: never overwrite what the user is typing. */
  showPage({ url, title }) {
    if (url && document.activeElement !== this.elements.url) this.elements.url.value = url;
    if (title) document.title = `${title} - cloudbrowser viewer`;
  }

  onSubmit(e) {
    e.preventDefault();
    const url = normalizeTypedUrl(this.elements.url.value);
    if (url === null) return;
    this.elements.url.value = url;
    this.run('navigate', { url }).then((ok) => ok && this.hooks.focusPage());
  }

  /** Resolves true when the command succeeded. */
  async run(method, params) {
    if (!this.hooks.canDrive()) {
      this.hooks.onRefused();
      return false;
    }
    try {
      this.showPage(await this.connection.command(method, params));
      return true;
    } catch (e) {
      this.hooks.notify(errorText(e.code, `${method} failed: ${e.message}`));
      return false;
    }
  }
}
