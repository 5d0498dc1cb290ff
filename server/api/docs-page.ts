// A readable API reference rendered on the server from the OpenAPI document: no CDN, no script.

interface Operation {
  summary?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; description?: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string }>;
}

/** Which sign-in an operation needs, in words (the securitySchemes of openapi.ts). */
const needs = (security: unknown[] | undefined) =>
  !security
    ? ''
    : JSON.stringify(security).includes('staffSession')
      ? ' <em>Needs a staff sign-in (cookie; writes also <code>X-CSRF-Token</code>).</em>'
      : ' <em>Needs <code>Authorization: Bearer &lt;token&gt;</code>.</em>';

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function docsPage(doc: {
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}): string {
  const resolve = (schema: unknown) => {
    const ref = (schema as { $ref?: string } | undefined)?.$ref?.split('/').pop();
    return ref ? { name: ref, schema: doc.components.schemas[ref] } : { name: 'Request body', schema };
  };
  const sections = Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const body = op.requestBody ? resolve(op.requestBody.content['application/json']?.schema) : undefined;
        const query = (op.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => `<li><code>?${escape(p.name)}=</code> ${escape(p.description ?? '')}</li>`)
          .join('');
        const responses = Object.entries(op.responses)
          .map(([status, r]) => `<li><code>${status}</code> ${escape(r.description)}</li>`)
          .join('');
        return `<section id="${escape(`${method}-${path}`)}">
  <h2><span class="method ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h2>
  <p>${escape(op.summary ?? '')}${needs(op.security)}</p>
  ${body ? `<details open><summary>Request body: ${escape(body.name)} (JSON Schema)</summary><pre>${escape(JSON.stringify(body.schema, null, 2))}</pre></details>` : ''}
  ${query ? `<h3>Query parameters</h3><ul>${query}</ul>` : ''}
  <h3>Responses</h3><ul>${responses}</ul>
</section>`;
      }),
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)} ${escape(doc.info.version)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
  code, pre { font-family: ui-monospace, monospace; }
  pre { background: #f4f4f4; padding: 1rem; overflow-x: auto; font-size: 0.85rem; }
  section { border-top: 1px solid #ccc; padding-top: 1rem; margin-top: 1.5rem; }
  .method { display: inline-block; min-width: 4rem; padding: 0 .4rem; border-radius: 4px; color: #fff; font-size: .9rem; text-align: center; }
  .get { background: #1d5c96; } .post { background: #1a7340; }
</style>
</head>
<body>
<h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>
<p>${escape(doc.info.description)} Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
${sections}
</body>
</html>`;
}
