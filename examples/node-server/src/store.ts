// An in-memory store, so the example runs with nothing else installed.

/** A user of the example API. */
export interface User {
    id: number;
    name: string;
    email: string;
    createdAt: Date;
}

/** A pet, owned by a user. */
export interface Pet {
    id: number;
    ownerId: number;
    name: string;
    species: 'cat' | 'dog' | 'other';
    birthDate: Date | null;
}

/** What a client sends to create a pet. */
export interface NewPet {
    name: string;
    species: 'cat' | 'dog' | 'other';
    birthDate?: Date;
}

/** One event of a pet's day, as `api/pets/activity` streams them. */
export interface PetEvent {
    petId: number;
    kind: 'walk' | 'meal' | 'nap';
    at: Date;
}

/** What `api/pets/activity` ends with. */
export interface ActivitySummary {
    events: number;
    until: Date;
}

/** The example's data: two users with a token each, and their pets. */
export class Store {
    readonly users = new Map<number, User>([
        [1, {id: 1, name: 'Ada', email: 'ada@example.test', createdAt: new Date('2024-01-15T09:30:00.000Z')}],
        [2, {id: 2, name: 'Grace', email: 'grace@example.test', createdAt: new Date('2024-03-02T14:00:00.000Z')}],
    ]);
    readonly tokens = new Map<string, number>([
        ['token-ada', 1],
        ['token-grace', 2],
    ]);
    readonly pets = new Map<number, Pet>([
        [1, {id: 1, ownerId: 1, name: 'Babbage', species: 'cat', birthDate: new Date('2020-05-01T00:00:00.000Z')}],
    ]);
    private nextPetId = 2;

    addPet(ownerId: number, pet: NewPet): Pet {
        const created: Pet = {id: this.nextPetId++, ownerId, name: pet.name, species: pet.species, birthDate: pet.birthDate ?? null};
        this.pets.set(created.id, created);
        return created;
    }

    petsOf(ownerId: number): Pet[] {
        return [...this.pets.values()].filter((p) => p.ownerId === ownerId);
    }
}
