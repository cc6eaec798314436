/** The dependency the (app) layout's load declares for the demo-history progress; invalidating it asks again. */
export const DEMO_HISTORY = 'app:demo-history';
