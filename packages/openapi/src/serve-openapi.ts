import {Router, RouterRequest, RouterResponse, routerErrorResponse} from '@hookline/router';
import {OpenApiDocument, openApiDocument, OpenApiOptions} from './openapi-document.js';
import {referenceFiles, referenceHtml, referenceStartScript, swaggerUiFile} from './reference-page.js';

/** Options of {@link withOpenApi} and {@link openApiResponder}: the document's, and where it is served. */
export interface ServeOpenApiOptions extends OpenApiOptions {
    /** URL path of the document. Default `{prefix}/@openapi.json` (`@` keys are reserved: no route can take it). */
    path?: string;
    /**
     * The API reference page (Swagger UI, from the `swagger-ui-dist` package): off unless asked.
     * `true` serves it at `{prefix}/@reference`; or give its `path`, and `assetsUrl` to load the
     * library's files from elsewhere (a CDN, a static host: where there is no file system, e.g. Workers).
     */
    reference?: boolean | {path?: string; assetsUrl?: string};
}

/** Answers the document's and the reference page's GETs; `undefined` for any other request. */
export type OpenApiResponder = (request: RouterRequest) => RouterResponse | Promise<RouterResponse> | undefined;

/**
 * The function that serves a router's OpenAPI document (and reference page), for adapters or
 * servers of your own: call it first, and dispatch to the router when it answers `undefined`.
 * The document is written on first request, then kept.
 *
 * @example
 * const openapi = openApiResponder(router, {title: 'Pets', version: '1.0.0', reference: true});
 * const response = openapi(request) ?? router.dispatch(request);
 */
export function openApiResponder(router: Router, options: ServeOpenApiOptions = {}): OpenApiResponder {
    const {path, reference, ...documentOptions} = options;
    const documentPath = path ?? router.urlPathOf('@openapi.json');
    let doc: OpenApiDocument | undefined;
    let docText: string | undefined;
    const ref = reference === true ? {} : reference === false || reference === undefined ? undefined : reference;
    const pagePath = ref === undefined ? undefined : (ref.path ?? router.urlPathOf('@reference'));
    const files = new Map<string, Promise<string>>();
    const text = (statusCode: number, contentType: string, body: string): RouterResponse => ({
        statusCode,
        headers: {'content-type': contentType, 'cache-control': 'no-cache'},
        body,
    });
    return (request) => {
        if (request.path !== documentPath && (pagePath === undefined || !request.path.startsWith(pagePath))) return undefined;
        if (request.method !== 'GET' && request.method !== 'HEAD')
            return routerErrorResponse('method-not-allowed', `${request.method} is not allowed on ${request.path}`, {allow: 'GET'});
        if (request.path === documentPath) {
            doc ??= openApiDocument(router, documentOptions);
            docText ??= JSON.stringify(doc);
            return text(200, 'application/json; charset=utf-8', docText);
        }
        const page = pagePath as string;
        if (request.path === page)
            return text(200, 'text/html; charset=utf-8', referenceHtml(options.title ?? 'API reference', page, ref?.assetsUrl));
        const name = request.path.slice(page.length + 1);
        const type = request.path[page.length] === '/' ? referenceFiles[name] : undefined;
        if (type === undefined) return undefined;
        if (name === 'start.js') return text(200, type, referenceStartScript(documentPath));
        let file = files.get(name);
        if (file === undefined) {
            file = swaggerUiFile(name);
            files.set(name, file);
        }
        return file.then(
            (body) => text(200, type, body),
            (error: unknown) => routerErrorResponse('unexpected-error', (error as Error).message),
        );
    };
}

/**
 * The router, also serving its OpenAPI document at `{prefix}/@openapi.json` (and, when asked, an
 * API reference page at `{prefix}/@reference`): a view of it to hand to any adapter. Every other
 * request goes to the router as before; the router itself is unchanged and knows nothing of it.
 *
 * @example
 * const server = await startNodeServer(withOpenApi(router, {title: 'Pets', version: '1.0.0', reference: true}));
 * // GET /@openapi.json, and the reference page at /@reference
 */
export function withOpenApi<R extends Router>(router: R, options: ServeOpenApiOptions = {}): R {
    const respond = openApiResponder(router, options);
    const dispatch: Router['dispatch'] = (request, rawRequest, rawResponse) =>
        respond(request) ?? router.dispatch(request, rawRequest, rawResponse);
    return new Proxy(router, {
        get: (target, key, receiver) => (key === 'dispatch' ? dispatch : Reflect.get(target, key, receiver)),
    });
}
