// `npm run call [url]`: calls the running API (the Worker on 127.0.0.1:8787 by default, or PORT)
// with the typed client and prints what it gets.
import {createApiClient} from './client.js';

const baseURL = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`;
const client = createApiClient(baseURL);

const hello = await client.hello('Hookline');
const added = await client.todos.add({title: 'try Hookline'});
const list = await client.todos.list();
const missing = await client.todos.get(999);

if (!hello.ok || !added.ok || !list.ok) {
    console.error(
        'call failed:',
        [hello, added, list].find((r) => !r.ok),
    );
    process.exit(1);
}
console.log(`hello -> ${hello.value}`);
// createdAt comes back as a Date, as the route declares it.
console.log(`todos/add -> #${added.value.id} "${added.value.title}", created ${added.value.createdAt.toISOString()}`);
console.log(`todos/list -> ${list.value.length} todo(s)`);
console.log(`todos/get(999) -> ${missing.ok ? 'found?' : `${missing.error.kind} ${missing.error.message}`}`);
