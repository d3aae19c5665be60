/**
 * The reference page: Swagger UI reading GET /api-docs. Its files are served by this API (GET /docs/{asset}), not a
 * CDN, so the page works offline and on a private stage. Relative URLs keep it working under any stage path.
 */
export const docsPage = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Showrunner API reference</title>
  <link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
  <main id="api-reference" aria-label="Showrunner API reference"></main>
  <script src="docs/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: 'api-docs', dom_id: '#api-reference', deepLinking: true, tryItOutEnabled: true });
  </script>
</body>
</html>
`;
