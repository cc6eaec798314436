// A client-only app: the backend serves the built files and index.html as the fallback,
// and all data comes from the API with a token held in the browser.
export const ssr = false;
export const prerender = false;
