// Runs before the first paint: gives the start-up shell in index.html the theme the user chose
// (the app itself applies it again once it runs). A classic script, as the CSP allows no inline one.
try {
  const saved = JSON.parse(localStorage.getItem('agent-desk.preferences.v1') || '{}');
  document.documentElement.dataset.theme = saved.theme === 'sap_horizon_dark' ? 'sap_horizon_dark' : 'sap_horizon';
} catch {
  document.documentElement.dataset.theme = 'sap_horizon';
}
