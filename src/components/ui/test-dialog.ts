/**
 * jsdom has no modal dialogs: with this, opening one only sets `open` and
 * closing one only removes it. The browser's `cancel` and `close` events are
 * left for each test to send when it means to.
 */
export function stubModalDialogs(): void {
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute('open')
  }
}
