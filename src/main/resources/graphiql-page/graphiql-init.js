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
  const fetcher = GraphiQL.createFetcher({ url: '/graphql', headers });
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher,
    defaultQuery,
    defaultEditorToolsVisibility: true,
    shouldPersistHeaders: true,
  }));
})();
