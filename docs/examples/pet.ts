export interface Pet {
    name: string;
    age: number;
}
