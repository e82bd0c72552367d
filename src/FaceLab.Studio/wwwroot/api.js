// The JSON API. Requests carry the session cookie the token URL set; errors come back as
// {error: {subject, problem, hint}} and are thrown as ApiError with that one-line text.

export class ApiError extends Error {
  constructor(status, error) {
    super(error.subject ? `${error.subject}: ${error.problem}${error.hint ? ` (${error.hint})` : ''}` : error.problem);
    this.status = status;
    this.error = error;
  }
}

async function request(method, path, body) {
  const response = await fetch('api' + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, data?.error ?? { subject: path, problem: `HTTP ${response.status}` });
  return data;
}

export const get = path => request('GET', path);
export const post = (path, body) => request('POST', path, body ?? {});

export const query = params => '?' + new URLSearchParams(params).toString();

/** Shows an error (null clears it) in the alert box with the id given: each page has its own. */
export function showErrorIn(id, error) {
  const box = document.getElementById(id);
  box.textContent = error ? error.message ?? String(error) : '';
  box.hidden = !error;
}

/** Wraps an action of a page so its failure is shown by show(error) rather than lost. */
export const guardedBy = show => action => async (...args) => {
  try {
    show(null);
    await action(...args);
  } catch (error) {
    show(error);
  }
};
