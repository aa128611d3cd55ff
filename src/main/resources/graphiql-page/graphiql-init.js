// Starts GraphiQL against this service. Kept out of index.html so that a Content-Security-Policy without
// 'unsafe-inline' can protect the page.
(function () {
  const defaultQuery = `# Welcome to the relationship service.
# Press the play button (or Ctrl-Enter) to run the query; the Docs tab lists everything you can ask.

{
  stats {
    etfs
    universes
    sectors
    themes
    securities
    relationships { kind count }
  }
}
`;
  const headers = {};
  // subscriptions go over WebSocket (graphql-transport-ws, the graphql-ws client GraphiQL carries) on the same path;
  // queries and mutations over HTTP
  const subscriptionUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql';
  const fetcher = GraphiQL.createFetcher({ url: '/graphql', subscriptionUrl, headers });
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher,
    defaultQuery,
    defaultEditorToolsVisibility: true,
    shouldPersistHeaders: true,
  }));
})();
