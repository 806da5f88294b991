import {CallContext, createRouter, headersHook, route, Routes, RpcError} from '@hookline/router';
import {openApiDocument, withOpenApi} from '@hookline/openapi';

/** A book of the catalog. */
interface Book {
    isbn: string;
    title: string;
    published: Date;
    format: 'paper' | 'ebook';
    subtitle?: string;
}

class BookNotFound extends RpcError<'book-not-found', {isbn: string}, 404> {
    constructor(isbn: string) {
        super({name: 'book-not-found', statusCode: 404, publicMessage: 'No such book', errorData: {isbn}});
    }
}

const books = new Map<string, Book>([
    ['978-0262033848', {isbn: '978-0262033848', title: 'Introduction to Algorithms', published: new Date('2009-07-31'), format: 'paper'}],
]);

const routes = {
    health: (ctx: CallContext): {ok: boolean} => ({ok: true}),
    catalog: {
        // A header hook: a header parameter of every operation under `catalog`.
        tenant: headersHook('x-tenant', (ctx: CallContext, tenant: string): void => undefined),
        getBook: route((ctx: CallContext, isbn: string): Book | BookNotFound => books.get(isbn) ?? new BookNotFound(isbn), {
            description: 'One book by ISBN',
            meta: {summary: 'Get a book', tags: ['books']},
        }),
        search: route((ctx: CallContext, text: string, limit?: number): Book[] => [...books.values()].slice(0, limit), {
            meta: {summary: 'Search books', tags: ['books']},
        }),
    },
} satisfies Routes;

export const router = createRouter({prefix: 'api'});
router.registerRoutes(routes);

// The document, e.g. to write it to a file or hand it to a generator.
export const document = openApiDocument(router, {title: 'Catalog', version: '1.0.0', servers: [{url: 'https://catalog.example.com'}]});

// The same router, also serving GET /api/@openapi.json and the reference page at /api/@reference:
// hand this one to the adapter (startNodeServer(served), createFetchHandler(served)...).
export const served = withOpenApi(router, {title: 'Catalog', version: '1.0.0', reference: true});
