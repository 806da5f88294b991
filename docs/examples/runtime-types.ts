import {CallContext, createRouter, Routes} from '@hookline/router';

// #region supported
enum Role {
    Admin = 'admin',
    Member = 'member',
}

interface Comment {
    text: string;
    replies: Comment[]; // recursive types work
}

interface Post {
    id: number; // finite numbers only
    title: string;
    draft: boolean;
    kind: 'article' | 'note'; // literal unions
    author: {name: string; role: Role}; // inline object, enum
    tags: string[];
    position: [number, number]; // tuple
    meta: Record<string, string>; // index signature
    publishedAt: Date | null; // Date (ISO 8601 string on the wire), null
    subtitle?: string; // optional property
    comments: Comment[];
}

const routes = {
    savePost: (ctx: CallContext, post: Post): Post => post,
} satisfies Routes;
// #endregion supported

export const router = createRouter();
router.registerRoutes(routes);

// #region unsupported
export function registerTagSet(): void {
    // Set can't travel as JSON: throws StartupError HL_UNSUPPORTED_TYPE at registration.
    createRouter().registerRoutes({saveTags: (ctx: CallContext, tags: Set<string>): number => tags.size});
}
// #endregion unsupported
