// Icons only the Cloud Integration areas use (the shell registers the shared ones).
import '@ui5/webcomponents-icons/dist/browse-folder.js';
