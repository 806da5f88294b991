// The API: routes are plain functions in a plain object. Params are validated and results
// serialized from the handlers' own TypeScript types, so declare every param and return type.
// This module has no side effects: `hookline build` imports it to read those types.
import {RpcError} from '@hookline/core';
import {CallContext, Routes} from '@hookline/router';

export interface Todo {
    id: number;
    title: string;
    done: boolean;
    createdAt: Date;
}

export interface NewTodo {
    title: string;
    done?: boolean;
}

/** An in-memory store: replace it with your database. */
export class TodoStore {
    private readonly todos = new Map<number, Todo>();
    private nextId = 1;

    add(todo: NewTodo): Todo {
        const created: Todo = {id: this.nextId++, title: todo.title, done: todo.done ?? false, createdAt: new Date()};
        this.todos.set(created.id, created);
        return created;
    }

    get(id: number): Todo | undefined {
        return this.todos.get(id);
    }

    list(): Todo[] {
        return [...this.todos.values()];
    }
}

/** The routes, over a store. `hookline build --export createRoutes` calls it with no arguments. */
export function createRoutes(store: TodoStore = new TodoStore()) {
    return {
        hello: (ctx: CallContext, name: string): string => `Hello, ${name}!`,
        todos: {
            add: (ctx: CallContext, todo: NewTodo): Todo => {
                if (todo.title.trim() === '') throw new RpcError({statusCode: 400, publicMessage: 'a todo needs a title'});
                return store.add(todo);
            },
            get: (ctx: CallContext, id: number): Todo => {
                const todo = store.get(id);
                if (todo === undefined) throw new RpcError({statusCode: 404, publicMessage: `todo ${id} not found`});
                return todo;
            },
            list: (ctx: CallContext): Todo[] => store.list(),
        },
    } satisfies Routes;
}
