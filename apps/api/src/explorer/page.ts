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

export const EXPLORER_CSS = `html, body, #graphiql { height: 100%; margin: 0; }\n`;

export function explorerScript(): string {
  const tabs = EXPLORER_EXAMPLES.map((e) => ({
    query: e.query,
    variables: e.variables ? JSON.stringify(e.variables, null, 2) : undefined,
  }));
  return `(function () {
  'use strict';
  var fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', window.location.href).toString() });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultEditorToolsVisibility: true,
    defaultTabs: ${JSON.stringify(tabs)},
    shouldPersistHeaders: false
  }));
})();
`;
}
