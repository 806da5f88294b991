/** A type imported by test handlers, plainly or with `import type`. */
export interface Pet {
    name: string;
    age: number;
}
