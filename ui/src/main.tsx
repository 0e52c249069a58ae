// The entry is only this: the page (and its start-up shell from index.html) paints first, then
// the app's code loads and renders. A static import here would hold the first paint until the
// whole app has been parsed and run.
void import('./bootstrap');
