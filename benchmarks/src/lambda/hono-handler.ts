// The example API's routes that the Lambda cold-start benchmark calls (health, the auth header
// hook, users/getUser, pets/add with a Date in its body), on Hono's Lambda adapter and validated by
// zod: the same paths, bodies and JSON shapes as examples/aws-lambda/src/handler.ts, so the two
// bundles serve the same events. Bundled by lambda-cold-start.ts exactly as the Hookline one is.
import {zValidator} from '@hono/zod-validator';
import {Hono} from 'hono';
import {handle} from 'hono/aws-lambda';
import {z} from 'zod';

interface User {
    id: number;
    name: string;
    email: string;
    createdAt: Date;
}

interface Pet {
    id: number;
    ownerId: number;
    name: string;
    species: 'cat' | 'dog' | 'other';
    birthDate: Date | null;
}

// The data of examples/node-server/src/store.ts.
const users = new Map<number, User>([
    [1, {id: 1, name: 'Ada', email: 'ada@example.test', createdAt: new Date('2024-01-15T09:30:00.000Z')}],
    [2, {id: 2, name: 'Grace', email: 'grace@example.test', createdAt: new Date('2024-03-02T14:00:00.000Z')}],
]);
const tokens = new Map<string, number>([
    ['token-ada', 1],
    ['token-grace', 2],
]);
const pets = new Map<number, Pet>([
    [1, {id: 1, ownerId: 1, name: 'Babbage', species: 'cat', birthDate: new Date('2020-05-01T00:00:00.000Z')}],
]);
let nextPetId = 2;

// The example API's declared errors (examples/node-server/src/errors.ts), as it sends them.
const rpcError = (name: string, statusCode: number, message: string, errorData?: object) => ({name, statusCode, message, errorData});

type Env = {Variables: {me: User | null}};
const app = new Hono<Env>();

// The example's logger hook: one JSON line per call.
app.use(async (c, next) => {
    c.set('me', null);
    await next();
    console.log(JSON.stringify({path: c.req.path, status: c.res.status, user: c.get('me')?.name ?? null, errors: []}));
});

app.get('/health', (c) => c.json({health: {ok: true, time: new Date(), pid: process.pid}}));

// The example's `api/auth` header hook.
app.use('/api/*', async (c, next) => {
    const bare = (c.req.header('authorization') ?? '').replace(/^Bearer /, '');
    const userId = tokens.get(bare);
    const me = userId === undefined ? undefined : users.get(userId);
    if (me === undefined) return c.json({'api/auth': rpcError('invalid-token', 401, 'Invalid or missing token')}, 401);
    c.set('me', me);
    await next();
    return undefined;
});

// A zod failure answers 400 in the shape of Hookline's `validation-failed` error.
const params = <T extends z.ZodType>(id: string, schema: T) =>
    zValidator('json', z.object({[id]: schema}), (result, c) => {
        if (result.success) return undefined;
        const errors = result.error.issues.map((issue) => ({
            path: issue.path.map((p, i) => (i === 0 ? String(p) : typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join(''),
            expected: 'expected' in issue ? String(issue.expected) : undefined,
            message: issue.message,
        }));
        return c.json({[id]: {name: 'validation-failed', statusCode: 400, message: 'Invalid params', errorData: {errors}}}, 400);
    });

app.post('/api/users/getUser', params('api/users/getUser', z.tuple([z.number()])), (c) => {
    const [id] = c.req.valid('json')['api/users/getUser'] as [number];
    const user = users.get(id);
    if (user === undefined) return c.json({'api/users/getUser': rpcError('user-not-found', 404, `User ${id} not found`, {id})}, 404);
    return c.json({'api/users/getUser': user});
});

const newPet = z.object({
    name: z.string(),
    species: z.enum(['cat', 'dog', 'other']),
    birthDate: z.iso
        .datetime()
        .transform((s) => new Date(s))
        .optional(),
});

app.post('/api/pets/add', params('api/pets/add', z.tuple([newPet])), (c) => {
    const [pet] = c.req.valid('json')['api/pets/add'] as [z.output<typeof newPet>];
    if (pet.name.trim() === '') return c.json({'api/pets/add': rpcError('invalid-pet', 400, 'A pet needs a name', {field: 'name'})}, 400);
    const me = c.get('me') as User;
    const created: Pet = {id: nextPetId++, ownerId: me.id, name: pet.name, species: pet.species, birthDate: pet.birthDate ?? null};
    pets.set(created.id, created);
    return c.json({'api/pets/add': created});
});

/** The function's entry point: `handler.handler`. */
export const handler = handle(app);
