// For people who build agents: a command bar that runs any protocol command by hand and shows its
// result, and the page's current snapshot with its refs (what an agent reads before it acts).

export class DevPanel {
  /** `hooks` = {canDrive(), onRefused()}: commands are gated like input. */
  constructor(elements, connection, hooks) {
    Object.assign(this, { elements, connection, hooks });
    elements.form.addEventListener('submit', (e) => { e.preventDefault(); this.runTyped(); });
    elements.refresh.addEventListener('click', () => this.refreshSnapshot());
  }

  async runTyped() {
    const { method, params, result } = this.elements;
    let parsed;
    try {
      parsed = params.value.trim() === '' ? {} : JSON.parse(params.value);
    } catch (e) {
      this.show(result, 'error', `params are not JSON: ${e.message}`);
      return;
    }
    await this.run(method.value.trim(), parsed);
  }

  /** Runs one command and shows its result (or its error code and message); then the new snapshot. */
  async run(method, params) {
    const { result } = this.elements;
    if (!this.hooks.canDrive()) {
      this.hooks.onRefused();
      return;
    }
    const started = performance.now();
    try {
      const value = await this.connection.command(method, params);
      const ms = Math.round(performance.now() - started);
      this.show(result, 'ok', `${method}: ok in ${ms} ms\n${JSON.stringify(value, null, 2)}`);
    } catch (e) {
      this.show(result, 'error', `${method}: ${e.code}\n${e.message}`);
    }
    if (method !== 'snapshot') await this.refreshSnapshot();
  }

  async refreshSnapshot() {
    const { snapshot, refs } = this.elements;
    if (!this.hooks.canDrive()) return;
    try {
      const value = await this.connection.command('snapshot');
      refs.textContent = `${value.refs} refs`;
      snapshot.textContent = value.snapshot;
    } catch (e) {
      refs.textContent = e.code;
    }
  }

  show(el, kind, text) {
    el.dataset.kind = kind;
    el.textContent = text;
  }
}
