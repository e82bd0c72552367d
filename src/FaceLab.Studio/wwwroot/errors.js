// A page's failures are shown in its alert box, never lost: one line, the library's subject, problem and hint.

/** Shows error (or clears the box when null) in the element with id boxId. */
export function showErrorIn(boxId, error) {
  const box = document.getElementById(boxId);
  box.textContent = error ? error.message ?? String(error) : '';
  box.hidden = !error;
}

/** Wraps a page action: the box is cleared when it starts, and shows its failure. */
export const guardedIn = boxId => action => async (...args) => {
  try {
    showErrorIn(boxId, null);
    await action(...args);
  } catch (error) {
    showErrorIn(boxId, error);
  }
};
