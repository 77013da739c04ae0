// The explorer's HTML and start-up script. Everything is served by this API (no CDN), so the
// page works offline and its CSP can allow only 'self'.
import { EXPLORER_EXAMPLES } from './examples.js';

export const EXPLORER_ASSET_BASE = '/explorer/assets';

export function explorerHtml(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>OCOP Monitor — GraphQL explorer</title>
    <link rel="stylesheet" href="${EXPLORER_ASSET_BASE}/graphiql.min.css" />
    <link rel="stylesheet" href="${EXPLORER_ASSET_BASE}/explorer.css" />
  </head>
  <body>
    <div id="graphiql"><noscript>The GraphQL explorer needs JavaScript. The API itself is at /graphql (POST JSON).</noscript></div>
    <script src="${EXPLORER_ASSET_BASE}/react.production.min.js"></script>
    <script src="${EXPLORER_ASSET_BASE}/react-dom.production.min.js"></script>
    <script src="${EXPLORER_ASSET_BASE}/graphiql.min.js"></script>
    <script src="${EXPLORER_ASSET_BASE}/explorer.js"></script>
  </body>
</html>
`;
}

/**
 * GraphiQL's default theme fails WCAG AA contrast on tabs, links and some syntax colours (axe
 * color-contrast); these overrides keep its look with darker text (≥ 4.5:1 on its backgrounds).
 */
export const EXPLORER_CSS = `html, body, #graphiql { height: 100%; margin: 0; }
.graphiql-container .graphiql-tab, .graphiql-container .graphiql-tab button { color: #1f2937 !important; opacity: 1 !important; }
.graphiql-container a { color: #0b57d0 !important; }
.graphiql-container .cm-def, .graphiql-container .cm-property, .graphiql-container .cm-attribute,
.graphiql-container .cm-keyword, .graphiql-container .cm-variable, .graphiql-container .cm-string,
.graphiql-container .cm-number, .graphiql-container .cm-atom, .graphiql-container .cm-qualifier,
.graphiql-container .cm-builtin, .graphiql-container .cm-punctuation, .graphiql-container .cm-comment,
.graphiql-container .CodeMirror-linenumber, .graphiql-container .cm-ws { color: #1f2937 !important; opacity: 1 !important; }
.graphiql-container .cm-keyword { color: #8a1b3d !important; }
.graphiql-container .cm-def, .graphiql-container .cm-property { color: #0b4f8a !important; }
.graphiql-container .cm-string { color: #7a3e00 !important; }
.graphiql-container .cm-comment { color: #4b5563 !important; }
.graphiql-container *:focus-visible { outline: 3px solid #0b57d0; outline-offset: 1px; }
`;

/**
 * GraphiQL renders editors whose hidden textareas have no label, scroll areas that a keyboard
 * cannot reach, and session tabs (role=tab) with a close button inside (nested interactive). The
 * explorer names the editors, makes the scroll areas focusable and turns the tab strip into a
 * plain list of buttons, each time GraphiQL re-renders (axe-core: label,
 * scrollable-region-focusable, nested-interactive, aria-required-children).
 */
const ACCESSIBILITY_PATCH = `function patchAccessibility(root) {
    var names = [['.graphiql-query-editor', 'GraphQL query'], ['.graphiql-editor-tool', 'Variables or headers'], ['.graphiql-response', 'Response']];
    names.forEach(function (pair) {
      root.querySelectorAll(pair[0] + ' textarea').forEach(function (el) {
        if (!el.getAttribute('aria-label')) el.setAttribute('aria-label', pair[1]);
      });
    });
    root.querySelectorAll('textarea:not([aria-label]):not([id])').forEach(function (el) {
      el.setAttribute('aria-label', 'GraphQL editor');
    });
    root.querySelectorAll('.CodeMirror-scroll, .graphiql-doc-explorer-content, .graphiql-history-items').forEach(function (el) {
      // CodeMirror sets tabindex=-1 on its scroller; keyboard users need to reach it.
      if (el.getAttribute('tabindex') !== '0') { el.setAttribute('tabindex', '0'); el.setAttribute('role', 'region'); el.setAttribute('aria-label', 'Scrollable editor'); }
    });
    // The tab strip (a <ul> holding <li> tabs and a bare "add tab" button) becomes plain buttons.
    root.querySelectorAll('[role="tablist"]').forEach(function (el) {
      el.setAttribute('role', 'none');
      Array.prototype.forEach.call(el.children, function (child) {
        if (child.tagName !== 'LI') return;
        if (child.getAttribute('role') !== 'none') child.setAttribute('role', 'none');
        child.removeAttribute('aria-selected'); child.removeAttribute('aria-controls');
      });
    });
    root.querySelectorAll('[role="tab"]').forEach(function (el) {
      el.setAttribute('role', 'none'); el.removeAttribute('aria-selected'); el.removeAttribute('aria-controls');
    });
  }`;

export function explorerScript(): string {
  const tabs = EXPLORER_EXAMPLES.map((e) => ({
    query: e.query,
    variables: e.variables ? JSON.stringify(e.variables, null, 2) : undefined,
  }));
  return `(function () {
  'use strict';
  var fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', window.location.href).toString() });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  ${ACCESSIBILITY_PATCH}
  var container = document.getElementById('graphiql');
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; patchAccessibility(container); });
  }).observe(container, { childList: true, subtree: true, attributes: true, attributeFilter: ['role', 'tabindex', 'aria-selected'] });
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultEditorToolsVisibility: true,
    defaultTabs: ${JSON.stringify(tabs)},
    shouldPersistHeaders: false
  }));
})();
`;
}
